// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "probe/rawsockets.h"

#include "probe/socketmessage.h"

#include <cerrno>
#include <cstring>
#include <netinet/icmp6.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

namespace hopscope {

namespace {

constexpr int kReceiveBufferBytes = 1 << 20;
constexpr std::size_t kMaxPacketBytes = 65536;

bool setOption(int fd, int level, int name, int value)
{
    return ::setsockopt(fd, level, name, &value, sizeof value) == 0;
}

// An error from the last failed socket call, ErrorCode::PermissionDenied when privileges were
// missing.
Error rawSocketError(const char *what)
{
    const int error = errno;
    const bool denied = error == EPERM || error == EACCES;
    return Error{denied ? ErrorCode::PermissionDenied : ErrorCode::SocketError,
                 std::string(what) + ": " + std::strerror(error) +
                     (denied ? " (raw sockets need CAP_NET_RAW: run as root or through the "
                               "hopscope-probe helper)"
                             : "")};
}

} // namespace

bool rawSocketsAllowed()
{
    const int fd = ::socket(AF_INET, SOCK_RAW | SOCK_CLOEXEC, IPPROTO_ICMP);
    if (fd < 0)
        return false;
    ::close(fd);
    return true;
}

int icmpProtocolOf(IpAddress::Family family)
{
    return family == IpAddress::Family::V4 ? int{IPPROTO_ICMP} : int{IPPROTO_ICMPV6};
}

int dataProtocolOf(Protocol protocol, IpAddress::Family family)
{
    switch (protocol) {
    case Protocol::Tcp:
        return IPPROTO_TCP;
    case Protocol::Udp:
        return IPPROTO_UDP;
    case Protocol::Icmp:
        break;
    }
    return icmpProtocolOf(family);
}

PacketChannel icmpChannelOf(IpAddress::Family family)
{
    return family == IpAddress::Family::V4 ? PacketChannel::IcmpV4 : PacketChannel::IcmpV6;
}

PacketChannel dataChannelOf(Protocol protocol, IpAddress::Family family)
{
    const bool v4 = family == IpAddress::Family::V4;
    switch (protocol) {
    case Protocol::Tcp:
        return v4 ? PacketChannel::TcpV4 : PacketChannel::TcpV6;
    case Protocol::Udp:
        return v4 ? PacketChannel::UdpV4 : PacketChannel::UdpV6;
    case Protocol::Icmp:
        break;
    }
    return icmpChannelOf(family);
}

Expected<int> openRawProbeSocket(IpAddress::Family family, int ipProtocol)
{
    const bool v4 = family == IpAddress::Family::V4;
    const int fd =
        ::socket(v4 ? AF_INET : AF_INET6, SOCK_RAW | SOCK_NONBLOCK | SOCK_CLOEXEC, ipProtocol);
    if (fd < 0)
        return rawSocketError(ipProtocol == IPPROTO_TCP   ? "cannot open a raw TCP socket"
                              : ipProtocol == IPPROTO_UDP ? "cannot open a raw UDP socket"
                                                          : "cannot open a raw ICMP socket");
    bool ok = v4 ? setOption(fd, IPPROTO_IP, IP_HDRINCL, 1)
                 : setOption(fd, IPPROTO_IPV6, IPV6_HDRINCL, 1);
    // Once a router has said a probe is too big, the kernel keeps the smaller path MTU for the
    // destination and refuses larger sends to it for minutes. Path MTU discovery must send
    // them again, as large as the interface allows, to find where the MTU drops.
    ok = ok && (v4 ? setOption(fd, IPPROTO_IP, IP_MTU_DISCOVER, IP_PMTUDISC_PROBE)
                   : setOption(fd, IPPROTO_IPV6, IPV6_MTU_DISCOVER, IPV6_PMTUDISC_PROBE));
    if (ipProtocol == IPPROTO_ICMPV6) {
        icmp6_filter filter;
        ICMP6_FILTER_SETBLOCKALL(&filter);
        ICMP6_FILTER_SETPASS(ICMP6_DST_UNREACH, &filter);
        ICMP6_FILTER_SETPASS(ICMP6_PACKET_TOO_BIG, &filter);
        ICMP6_FILTER_SETPASS(ICMP6_TIME_EXCEEDED, &filter);
        ICMP6_FILTER_SETPASS(ICMP6_ECHO_REPLY, &filter);
        ok = ok && ::setsockopt(fd, IPPROTO_ICMPV6, ICMP6_FILTER, &filter, sizeof filter) == 0;
    }
    ok = ok && setOption(fd, SOL_SOCKET, SO_TIMESTAMPNS, 1);
    if (!v4) // the hop limit each answer arrived with, which IPv6 raw sockets do not hand over
        ok = ok && setOption(fd, IPPROTO_IPV6, IPV6_RECVHOPLIMIT, 1);
    setOption(fd, SOL_SOCKET, SO_RCVBUF, kReceiveBufferBytes); // best effort
    if (!ok) {
        Error error = rawSocketError("cannot configure a raw socket");
        ::close(fd);
        return error;
    }
    return fd;
}

std::optional<ReceivedPacket> readRawPacket(int fd, PacketChannel channel)
{
    auto message = readSocketMessage(fd, false, kMaxPacketBytes);
    if (!message)
        return std::nullopt;
    return toReceivedPacket(std::move(*message), channel);
}

Expected<std::int64_t> sendRawPacket(int fd, const OutgoingPacket &packet)
{
    sockaddr_storage address{};
    const socklen_t addressLength = packet.destination.toSockaddr(address);
    const std::int64_t sentNs = realtimeNs();
    if (::sendto(fd, packet.bytes.data(), packet.bytes.size(), 0,
                 reinterpret_cast<sockaddr *>(&address), addressLength) < 0)
        return rawSocketError("cannot send a probe");
    return sentNs;
}

} // namespace hopscope
