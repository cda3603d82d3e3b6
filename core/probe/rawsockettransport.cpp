#include "probe/rawsockettransport.h"

#include "probe/cancelsignal.h"

#include <cerrno>
#include <cstring>
#include <ctime>
#include <netinet/icmp6.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace hopscope {

namespace {

constexpr int kReceiveBufferBytes = 1 << 20;
constexpr std::size_t kMaxPacketBytes = 65536;

Error socketError(const char *what)
{
    const int error = errno;
    const bool denied = error == EPERM || error == EACCES;
    return Error{denied ? "permission-denied" : "socket-error",
                 std::string(what) + ": " + std::strerror(error)
                     + (denied ? " (raw sockets need CAP_NET_RAW: run as root or through the "
                                 "hopscope-probe helper)"
                               : "")};
}

int openRaw(int domain, int protocol)
{
    return ::socket(domain, SOCK_RAW | SOCK_NONBLOCK | SOCK_CLOEXEC, protocol);
}

bool setOption(int fd, int level, int name, int value)
{
    return ::setsockopt(fd, level, name, &value, sizeof value) == 0;
}

} // namespace

Expected<std::unique_ptr<RawSocketTransport>> RawSocketTransport::open(IpAddress::Family family,
                                                                       Protocol protocol)
{
    const bool v4 = family == IpAddress::Family::V4;
    const int domain = v4 ? AF_INET : AF_INET6;
    const int icmpFd = openRaw(domain, v4 ? int{IPPROTO_ICMP} : int{IPPROTO_ICMPV6});
    if (icmpFd < 0)
        return socketError("cannot open a raw ICMP socket");
    int dataFd = -1;
    if (protocol != Protocol::Icmp) {
        dataFd = openRaw(domain, protocol == Protocol::Tcp ? int{IPPROTO_TCP} : int{IPPROTO_UDP});
        if (dataFd < 0) {
            Error error = socketError(protocol == Protocol::Tcp ? "cannot open a raw TCP socket"
                                                                : "cannot open a raw UDP socket");
            ::close(icmpFd);
            return error;
        }
    }
    // Probes carry our own IP header, so that the IP ID (IPv4) and flow label (IPv6) that name
    // them are exactly what we wrote.
    const int sendFd = dataFd >= 0 ? dataFd : icmpFd;
    bool ok = v4 ? setOption(sendFd, IPPROTO_IP, IP_HDRINCL, 1)
                 : setOption(sendFd, IPPROTO_IPV6, IPV6_HDRINCL, 1);
    if (!v4) {
        icmp6_filter filter;
        ICMP6_FILTER_SETBLOCKALL(&filter);
        ICMP6_FILTER_SETPASS(ICMP6_DST_UNREACH, &filter);
        ICMP6_FILTER_SETPASS(ICMP6_TIME_EXCEEDED, &filter);
        ICMP6_FILTER_SETPASS(ICMP6_ECHO_REPLY, &filter);
        ok = ok && ::setsockopt(icmpFd, IPPROTO_ICMPV6, ICMP6_FILTER, &filter, sizeof filter) == 0;
    }
    for (const int fd : {icmpFd, dataFd}) {
        if (fd < 0)
            continue;
        ok = ok && setOption(fd, SOL_SOCKET, SO_TIMESTAMPNS, 1);
        setOption(fd, SOL_SOCKET, SO_RCVBUF, kReceiveBufferBytes); // best effort
    }
    if (!ok) {
        Error error = socketError("cannot configure raw sockets");
        ::close(icmpFd);
        if (dataFd >= 0)
            ::close(dataFd);
        return error;
    }
    return std::unique_ptr<RawSocketTransport>(
        new RawSocketTransport(family, protocol, dataFd, icmpFd));
}

RawSocketTransport::RawSocketTransport(IpAddress::Family family, Protocol protocol, int dataFd,
                                       int icmpFd)
    : m_family(family), m_protocol(protocol), m_dataFd(dataFd), m_icmpFd(icmpFd)
{
}

RawSocketTransport::~RawSocketTransport()
{
    if (m_dataFd >= 0)
        ::close(m_dataFd);
    ::close(m_icmpFd);
}

std::int64_t RawSocketTransport::nowNs() const { return realtimeNs(); }

Expected<std::int64_t> RawSocketTransport::send(const OutgoingPacket &packet)
{
    sockaddr_storage address{};
    const socklen_t addressLength = packet.destination.toSockaddr(address);
    const std::int64_t sentNs = realtimeNs();
    if (::sendto(m_dataFd >= 0 ? m_dataFd : m_icmpFd, packet.bytes.data(), packet.bytes.size(), 0,
                 reinterpret_cast<sockaddr *>(&address), addressLength) < 0)
        return socketError("cannot send a probe");
    return sentNs;
}

std::optional<ReceivedPacket> RawSocketTransport::readFrom(int fd, PacketChannel channel)
{
    auto message = readSocketMessage(fd, false, kMaxPacketBytes);
    if (!message)
        return std::nullopt;
    return toReceivedPacket(std::move(*message), channel);
}

std::optional<ReceivedPacket> RawSocketTransport::receive(std::int64_t deadlineNs,
                                                          const CancelSignal &cancel)
{
    const bool v4 = m_family == IpAddress::Family::V4;
    const PacketChannel dataChannel = m_protocol == Protocol::Tcp
                                          ? (v4 ? PacketChannel::TcpV4 : PacketChannel::TcpV6)
                                          : (v4 ? PacketChannel::UdpV4 : PacketChannel::UdpV6);
    const PacketChannel icmpChannel = v4 ? PacketChannel::IcmpV4 : PacketChannel::IcmpV6;
    while (!cancel.isCancelled()) {
        // Drain what is already queued before sleeping, ICMP first: routers answer before the
        // destination, and order of handling does not change kernel timestamps.
        if (auto packet = readFrom(m_icmpFd, icmpChannel))
            return packet;
        if (m_dataFd >= 0)
            if (auto packet = readFrom(m_dataFd, dataChannel))
                return packet;
        const std::int64_t remainingNs = deadlineNs - realtimeNs();
        if (remainingNs <= 0)
            return std::nullopt;
        // An fd of -1 is skipped by poll, so absent sockets need no special case.
        pollfd fds[3] = {{m_icmpFd, POLLIN, 0}, {m_dataFd, POLLIN, 0}, {cancel.fd(), POLLIN, 0}};
        const timespec timeout{static_cast<time_t>(remainingNs / 1'000'000'000),
                               static_cast<long>(remainingNs % 1'000'000'000)};
        const int ready = ::ppoll(fds, 3, &timeout, nullptr);
        if (ready < 0 && errno != EINTR)
            return std::nullopt;
    }
    return std::nullopt;
}

} // namespace hopscope
