// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "probe/socketmessage.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <ctime>
#include <linux/errqueue.h>
#include <netinet/in.h>
#include <poll.h>

namespace hopscope {

std::int64_t realtimeNs()
{
    timespec now{};
    ::clock_gettime(CLOCK_REALTIME, &now);
    return static_cast<std::int64_t>(now.tv_sec) * 1'000'000'000 + now.tv_nsec;
}

bool pollUntil(pollfd *fds, std::size_t count, std::int64_t deadlineNs)
{
    const std::int64_t remainingNs = std::max<std::int64_t>(deadlineNs - realtimeNs(), 0);
    const timespec timeout{static_cast<time_t>(remainingNs / 1'000'000'000),
                           static_cast<long>(remainingNs % 1'000'000'000)};
    return ::ppoll(fds, count, &timeout, nullptr) >= 0 || errno == EINTR;
}

std::optional<SocketMessage> readSocketMessage(int fd, bool errorQueue, std::size_t capacity)
{
    SocketMessage result;
    result.bytes.resize(capacity);
    iovec data{result.bytes.data(), result.bytes.size()};
    alignas(cmsghdr) char control[512];
    msghdr message{};
    message.msg_name = &result.from;
    message.msg_namelen = sizeof result.from;
    message.msg_iov = &data;
    message.msg_iovlen = 1;
    message.msg_control = control;
    message.msg_controllen = sizeof control;
    const ssize_t length = ::recvmsg(fd, &message, MSG_DONTWAIT | (errorQueue ? MSG_ERRQUEUE : 0));
    if (length < 0)
        return std::nullopt;
    result.bytes.resize(static_cast<std::size_t>(length));
    for (cmsghdr *header = CMSG_FIRSTHDR(&message); header;
         header = CMSG_NXTHDR(&message, header)) {
        if (header->cmsg_level == SOL_SOCKET && header->cmsg_type == SCM_TIMESTAMPNS) {
            timespec stamp{};
            std::memcpy(&stamp, CMSG_DATA(header), sizeof stamp);
            result.receivedNs =
                static_cast<std::int64_t>(stamp.tv_sec) * 1'000'000'000 + stamp.tv_nsec;
        }
        // IPv4's IP_RECVTTL and IPv6's IPV6_RECVHOPLIMIT: the TTL of the packet that arrived
        // (on the error queue, the ICMP error's own, not the quoted probe's).
        if ((header->cmsg_level == SOL_IPV6 && header->cmsg_type == IPV6_HOPLIMIT) ||
            (header->cmsg_level == SOL_IP && header->cmsg_type == IP_TTL)) {
            int hopLimit = 0;
            std::memcpy(&hopLimit, CMSG_DATA(header), sizeof hopLimit);
            if (hopLimit >= 0 && hopLimit <= 255)
                result.hopLimit = static_cast<std::uint8_t>(hopLimit);
        }
        const bool v4Error = header->cmsg_level == SOL_IP && header->cmsg_type == IP_RECVERR;
        const bool v6Error = header->cmsg_level == SOL_IPV6 && header->cmsg_type == IPV6_RECVERR;
        if (v4Error || v6Error) {
            sock_extended_err error{};
            std::memcpy(&error, CMSG_DATA(header), sizeof error);
            if (error.ee_origin == SO_EE_ORIGIN_ICMP || error.ee_origin == SO_EE_ORIGIN_ICMP6) {
                result.icmpError = true;
                result.icmpType = error.ee_type;
                result.icmpCode = error.ee_code;
                const auto *offender =
                    SO_EE_OFFENDER(reinterpret_cast<const sock_extended_err *>(CMSG_DATA(header)));
                std::memcpy(&result.offender, offender,
                            offender->sa_family == AF_INET6 ? sizeof(sockaddr_in6)
                                                            : sizeof(sockaddr_in));
            }
        }
    }
    if (result.receivedNs == 0)
        result.receivedNs = realtimeNs();
    return result;
}

ReceivedPacket toReceivedPacket(SocketMessage &&message, PacketChannel channel)
{
    ReceivedPacket packet;
    packet.channel = channel;
    packet.receivedNs = message.receivedNs;
    if (const auto address = IpAddress::fromSockaddr(reinterpret_cast<sockaddr *>(&message.from)))
        packet.from = *address;
    packet.bytes = std::move(message.bytes);
    const bool rawV4 = channel == PacketChannel::IcmpV4 || channel == PacketChannel::TcpV4 ||
                       channel == PacketChannel::UdpV4;
    if (rawV4 && packet.bytes.size() >= 20 && (packet.bytes[0] >> 4) == 4)
        packet.ttl = packet.bytes[8];
    else if (message.hopLimit)
        packet.ttl = message.hopLimit;
    return packet;
}

} // namespace hopscope
