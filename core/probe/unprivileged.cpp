// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "probe/unprivileged.h"

#include "packet/bytes.h"
#include "packet/tcpsyn.h"
#include "packet/unreachable.h"
#include "probe/cancelsignal.h"
#include "probe/socketmessage.h"

#include <cerrno>
#include <cstring>
#include <deque>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace hopscope {

namespace {

constexpr std::size_t kPayloadBytes = 8; // cookie (4), probe number within the flow (2), pad
constexpr std::size_t kMessageBytes = 2048;

Error socketError(const std::string &what, int error)
{
    const bool denied = error == EPERM || error == EACCES;
    return Error{denied ? ErrorCode::PermissionDenied : ErrorCode::SocketError,
                 what + ": " + std::strerror(error)};
}

bool setInt(int fd, int level, int name, int value)
{
    return ::setsockopt(fd, level, name, &value, sizeof value) == 0;
}

// Errors an ICMP message leaves pending on a socket; reading them off the error queue is how
// they are meant to be seen, so a send that reports one is simply tried again.
bool isPendingIcmpError(int error)
{
    return error == ECONNREFUSED || error == EHOSTUNREACH || error == ENETUNREACH ||
           error == EHOSTDOWN || error == ENETDOWN || error == EPROTO || error == ETIMEDOUT;
}

} // namespace

UnprivilegedTransport::UnprivilegedTransport(UnprivilegedConfig config)
    : m_config(std::move(config))
{
}

UnprivilegedTransport::~UnprivilegedTransport()
{
    for (const int fd : m_flowFds)
        ::close(fd);
    for (const auto &[index, fd] : m_probeFds)
        ::close(fd);
}

Expected<std::unique_ptr<UnprivilegedTransport>>
UnprivilegedTransport::open(const UnprivilegedConfig &config)
{
    std::unique_ptr<UnprivilegedTransport> transport(new UnprivilegedTransport(config));
    if (config.protocol == Protocol::Tcp)
        return transport; // a socket per probe, made as it is sent
    const bool v4 = config.destination.isV4();
    const int domain = v4 ? AF_INET : AF_INET6;
    for (int flow = 0; flow < config.flows; ++flow) {
        const int fd = config.protocol == Protocol::Icmp
                           ? ::socket(domain, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC,
                                      v4 ? int{IPPROTO_ICMP} : int{IPPROTO_ICMPV6})
                           : ::socket(domain, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
        if (fd < 0) {
            const int error = errno;
            if (config.protocol == Protocol::Icmp && (error == EACCES || error == EPERM))
                return Error{ErrorCode::PermissionDenied,
                             "ICMP without privileges needs this user's group in "
                             "net.ipv4.ping_group_range (see sysctl net.ipv4.ping_group_range)"};
            return socketError("cannot open a socket", error);
        }
        transport->m_flowFds.push_back(fd);
        sockaddr_storage local{};
        const auto port =
            static_cast<std::uint16_t>(config.protocol == Protocol::Udp && config.firstSourcePort
                                           ? config.firstSourcePort + flow
                                           : 0);
        const socklen_t localLength = config.source.toSockaddr(local, port);
        if (::bind(fd, reinterpret_cast<sockaddr *>(&local), localLength) != 0)
            return socketError(port ? "cannot use source port " + std::to_string(port)
                                    : "cannot bind a socket",
                               errno);
        if (config.protocol == Protocol::Udp) {
            sockaddr_storage remote{};
            const socklen_t remoteLength =
                config.destination.toSockaddr(remote, config.destinationPort);
            if (::connect(fd, reinterpret_cast<sockaddr *>(&remote), remoteLength) != 0)
                return socketError("cannot connect a UDP socket", errno);
        }
        const bool ok =
            setInt(fd, v4 ? SOL_IP : SOL_IPV6, v4 ? IP_RECVERR : IPV6_RECVERR, 1) &&
            setInt(fd, v4 ? SOL_IP : SOL_IPV6, v4 ? IP_RECVTTL : IPV6_RECVHOPLIMIT, 1) &&
            setInt(fd, SOL_SOCKET, SO_TIMESTAMPNS, 1) &&
            setInt(fd, v4 ? SOL_IP : SOL_IPV6, v4 ? IP_TOS : IPV6_TCLASS, config.trafficClass);
        if (!ok)
            return socketError("cannot configure a socket", errno);
    }
    return transport;
}

std::int64_t UnprivilegedTransport::nowNs() const
{
    return realtimeNs();
}

Expected<std::int64_t> UnprivilegedTransport::send(const OutgoingPacket &packet)
{
    const bool v4 = m_config.destination.isV4();
    const int ttlLevel = v4 ? SOL_IP : SOL_IPV6;
    const int ttlName = v4 ? IP_TTL : IPV6_UNICAST_HOPS;
    sockaddr_storage remote{};
    const socklen_t remoteLength =
        m_config.destination.toSockaddr(remote, m_config.destinationPort);

    if (m_config.protocol == Protocol::Tcp) {
        const int fd =
            ::socket(v4 ? AF_INET : AF_INET6, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
        if (fd < 0)
            return socketError("cannot open a socket", errno);
        sockaddr_storage local{};
        const socklen_t localLength = m_config.source.toSockaddr(local, 0);
        if (::bind(fd, reinterpret_cast<sockaddr *>(&local), localLength) != 0 ||
            !setInt(fd, ttlLevel, ttlName, packet.ttl) ||
            !setInt(fd, v4 ? SOL_IP : SOL_IPV6, v4 ? IP_RECVERR : IPV6_RECVERR, 1) ||
            !setInt(fd, v4 ? SOL_IP : SOL_IPV6, v4 ? IP_RECVTTL : IPV6_RECVHOPLIMIT, 1) ||
            !setInt(fd, SOL_SOCKET, SO_TIMESTAMPNS, 1) ||
            !setInt(fd, ttlLevel, v4 ? IP_TOS : IPV6_TCLASS, m_config.trafficClass)) {
            const int error = errno;
            ::close(fd);
            return socketError("cannot prepare a TCP probe", error);
        }
        const std::int64_t sentNs = realtimeNs();
        m_probeFds[packet.probeIndex] = fd;
        m_probeSentNs[packet.probeIndex] = sentNs;
        const int result = ::connect(fd, reinterpret_cast<sockaddr *>(&remote), remoteLength);
        const int error = result == 0 ? 0 : errno;
        if (error == 0 || error == ECONNREFUSED) {
            // Answered before connect() returned (a destination on this host): the outcome is
            // known now, and the socket's pending error has been taken by connect() itself.
            ReceivedPacket outcome;
            outcome.channel = PacketChannel::TcpOutcome;
            outcome.from = m_config.destination;
            outcome.probeIndex = packet.probeIndex;
            outcome.refused = error == ECONNREFUSED;
            outcome.receivedNs = realtimeNs();
            m_ready.push_back(std::move(outcome));
            closeProbeSocket(packet.probeIndex);
        } else if (error != EINPROGRESS && !isPendingIcmpError(error)) {
            return socketError("cannot send a TCP probe", error);
        }
        return sentNs;
    }

    const int fd = m_flowFds.at(static_cast<std::size_t>(packet.flow));
    if (!setInt(fd, ttlLevel, ttlName, packet.ttl))
        return socketError("cannot set the TTL", errno);
    for (int attempt = 0;; ++attempt) {
        const std::int64_t sentNs = realtimeNs();
        const ssize_t sent = m_config.protocol == Protocol::Udp
                                 ? ::send(fd, packet.bytes.data(), packet.bytes.size(), 0)
                                 : ::sendto(fd, packet.bytes.data(), packet.bytes.size(), 0,
                                            reinterpret_cast<sockaddr *>(&remote), remoteLength);
        if (sent >= 0)
            return sentNs;
        if (!isPendingIcmpError(errno) || attempt == 3)
            return socketError("cannot send a probe", errno);
    }
}

std::optional<ReceivedPacket> UnprivilegedTransport::readErrorQueue(int fd, int flow,
                                                                    int probeIndex)
{
    for (;;) {
        auto message = readSocketMessage(fd, true, kMessageBytes);
        if (!message)
            return std::nullopt;
        const auto offender =
            IpAddress::fromSockaddr(reinterpret_cast<sockaddr *>(&message->offender));
        if (!message->icmpError || !offender)
            continue; // a local error (message too long and the like): not an answer
        const std::uint8_t type = message->icmpType;
        const std::uint8_t code = message->icmpCode;
        ReceivedPacket packet = toReceivedPacket(std::move(*message), PacketChannel::SocketError);
        packet.from = *offender; // the router that answered, not the socket's peer
        packet.flow = flow;
        packet.probeIndex = probeIndex;
        packet.icmpType = type;
        packet.icmpCode = code;
        return packet;
    }
}

std::optional<ReceivedPacket> UnprivilegedTransport::readData(int fd, int flow)
{
    auto message = readSocketMessage(fd, false, kMessageBytes);
    if (!message)
        return std::nullopt;
    ReceivedPacket packet = toReceivedPacket(std::move(*message), PacketChannel::SocketData);
    packet.flow = flow;
    return packet;
}

std::optional<ReceivedPacket> UnprivilegedTransport::checkConnect(int fd, int probeIndex)
{
    int error = 0;
    socklen_t length = sizeof error;
    ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &length);
    if (error != 0 && error != ECONNREFUSED)
        return std::nullopt; // an ICMP error: its message is on the error queue
    ReceivedPacket packet;
    packet.channel = PacketChannel::TcpOutcome;
    packet.from = m_config.destination;
    packet.probeIndex = probeIndex;
    packet.refused = error == ECONNREFUSED;
    packet.receivedNs = realtimeNs();
    // The kernel timed the handshake: a fresh connection's RTT is its SYN-ACK's.
    tcp_info info{};
    socklen_t infoLength = sizeof info;
    if (!packet.refused && ::getsockopt(fd, IPPROTO_TCP, TCP_INFO, &info, &infoLength) == 0 &&
        info.tcpi_rtt > 0)
        packet.receivedNs = m_probeSentNs[probeIndex] + std::int64_t{info.tcpi_rtt} * 1000;
    return packet;
}

void UnprivilegedTransport::closeProbeSocket(int probeIndex)
{
    const auto it = m_probeFds.find(probeIndex);
    if (it == m_probeFds.end())
        return;
    ::close(it->second);
    m_probeFds.erase(it);
}

std::optional<ReceivedPacket> UnprivilegedTransport::receive(std::int64_t deadlineNs,
                                                             const CancelSignal &cancel)
{
    auto &ready = m_ready;
    for (;;) {
        if (!ready.empty()) {
            ReceivedPacket packet = std::move(ready.front());
            ready.pop_front();
            return packet;
        }
        if (cancel.isCancelled())
            return std::nullopt;
        std::vector<pollfd> fds;
        std::vector<int> owners; // flow (>= 0) or -(probe index + 1)
        for (std::size_t flow = 0; flow < m_flowFds.size(); ++flow) {
            fds.push_back({m_flowFds[flow], POLLIN, 0});
            owners.push_back(static_cast<int>(flow));
        }
        for (const auto &[index, fd] : m_probeFds) {
            fds.push_back({fd, POLLOUT, 0});
            owners.push_back(-(index + 1));
        }
        fds.push_back({cancel.fd(), POLLIN, 0});
        const bool pastDeadline = realtimeNs() >= deadlineNs;
        if (!pollUntil(fds.data(), fds.size(), deadlineNs))
            return std::nullopt;
        for (std::size_t i = 0; i + 1 < fds.size(); ++i) {
            if (!fds[i].revents)
                continue;
            if (owners[i] >= 0) {
                while (auto packet = readErrorQueue(fds[i].fd, owners[i], -1))
                    ready.push_back(std::move(*packet));
                while (auto packet = readData(fds[i].fd, owners[i]))
                    ready.push_back(std::move(*packet));
                continue;
            }
            const int index = -owners[i] - 1;
            auto outcome = readErrorQueue(fds[i].fd, -1, index);
            if (!outcome)
                outcome = checkConnect(fds[i].fd, index);
            if (outcome) {
                ready.push_back(std::move(*outcome));
                closeProbeSocket(index);
            }
        }
        if (ready.empty() && pastDeadline)
            return std::nullopt;
    }
}

UnprivilegedMethod::UnprivilegedMethod(const UnprivilegedConfig &config, int maxTtl, int queries)
    : m_config(config), m_maxTtl(maxTtl), m_queries(queries)
{
}

OutgoingPacket UnprivilegedMethod::build(const ProbeSlot &slot)
{
    OutgoingPacket packet;
    packet.destination = m_config.destination;
    packet.ttl = slot.ttl;
    packet.flow = slot.flow;
    packet.probeIndex = slot.index;
    const auto inFlow = static_cast<std::uint16_t>((slot.ttl - 1) * m_queries + slot.query);
    std::vector<std::uint8_t> payload(kPayloadBytes, 0);
    putU32(payload, 0, m_config.cookie);
    putU16(payload, 4, inFlow);
    if (m_config.protocol == Protocol::Icmp) {
        // The kernel fills in the identifier and the checksum of a ping socket's echo request.
        std::vector<std::uint8_t> echo(8, 0);
        echo[0] = m_config.destination.isV4() ? 8 : 128;
        putU16(echo, 6, inFlow);
        echo.insert(echo.end(), payload.begin(), payload.end());
        packet.bytes = std::move(echo);
    } else if (m_config.protocol == Protocol::Udp) {
        packet.bytes = std::move(payload);
    }
    return packet;
}

std::optional<int> UnprivilegedMethod::indexOfPayload(const std::vector<std::uint8_t> &bytes,
                                                      int flow) const
{
    // ICMP errors and echo replies hand back the echo request (8-byte header first), UDP errors
    // the UDP payload.
    const std::size_t at = m_config.protocol == Protocol::Icmp ? 8 : 0;
    const ByteReader reader(bytes);
    const auto cookie = reader.u32(at);
    const auto inFlow = reader.u16(at + 4);
    if (!cookie || *cookie != m_config.cookie || !inFlow || flow < 0 || flow >= m_config.flows ||
        *inFlow >= m_maxTtl * m_queries)
        return std::nullopt;
    const int ttl = *inFlow / m_queries + 1;
    const int query = *inFlow % m_queries;
    return ((ttl - 1) * m_config.flows + flow) * m_queries + query;
}

std::optional<ReplyMatch> UnprivilegedMethod::match(const ReceivedPacket &packet) const
{
    const bool v6 = !m_config.destination.isV4();
    ReplyMatch match;
    match.flow = packet.flow;
    match.reply.responder = packet.from;
    match.reply.receivedNs = packet.receivedNs;
    match.reply.ttl = packet.ttl;
    switch (packet.channel) {
    case PacketChannel::SocketError: {
        if (m_config.protocol == Protocol::Tcp) {
            match.probeIndex = packet.probeIndex;
            match.flow = 0;
        } else {
            match.probeIndex = indexOfPayload(packet.bytes, packet.flow);
        }
        if (!match.probeIndex)
            return std::nullopt;
        match.reply.icmpType = packet.icmpType;
        match.reply.icmpCode = packet.icmpCode;
        if (packet.icmpType == (v6 ? 3 : 11)) {
            match.reply.kind = ReplyKind::TimeExceeded;
        } else if (packet.icmpType == (v6 ? 1 : 3)) {
            match.reply.unreachable = classifyUnreachable(v6, packet.icmpCode);
            match.reply.kind = packet.from == m_config.destination &&
                                       *match.reply.unreachable == UnreachableKind::Port
                                   ? ReplyKind::DestinationReply
                                   : ReplyKind::Unreachable;
        } else {
            return std::nullopt;
        }
        return match;
    }
    case PacketChannel::SocketData:
        if (packet.from != m_config.destination)
            return std::nullopt;
        match.reply.kind = ReplyKind::DestinationReply;
        if (m_config.protocol == Protocol::Icmp) {
            match.probeIndex = indexOfPayload(packet.bytes, packet.flow);
            if (!match.probeIndex || packet.bytes.empty() || packet.bytes[0] != (v6 ? 129 : 0))
                return std::nullopt;
            match.reply.icmpType = packet.bytes[0];
            match.reply.icmpCode = 0;
        } // UDP data names the flow only: the engine takes the flow's earliest unanswered probe
        return match;
    case PacketChannel::TcpOutcome:
        match.probeIndex = packet.probeIndex;
        match.flow = 0;
        match.reply.kind = ReplyKind::DestinationReply;
        match.reply.tcpFlags = packet.refused ? std::uint8_t(kTcpFlagRst | kTcpFlagAck)
                                              : std::uint8_t(kTcpFlagSyn | kTcpFlagAck);
        return match;
    default:
        return std::nullopt;
    }
}

} // namespace hopscope
