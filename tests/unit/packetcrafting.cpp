// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "packetcrafting.h"

#include "packet/bytes.h"
#include "packet/checksum.h"

#include <algorithm>
#include <netinet/in.h>

namespace hopscope::testing {

IpAddress v4(const char *text)
{
    return *IpAddress::parse(text);
}
IpAddress v6(const char *text)
{
    return *IpAddress::parse(text);
}

Bytes ipv4Packet(const IpAddress &from, const IpAddress &to, std::uint8_t protocol,
                 const Bytes &payload, std::uint8_t ttl)
{
    Bytes packet(20, 0);
    packet[0] = 0x45;
    putU16(packet, 2, static_cast<std::uint16_t>(20 + payload.size()));
    packet[8] = ttl;
    packet[9] = protocol;
    std::copy_n(from.data(), 4, packet.begin() + 12);
    std::copy_n(to.data(), 4, packet.begin() + 16);
    putU16(packet, 10, internetChecksum(packet));
    packet.insert(packet.end(), payload.begin(), payload.end());
    return packet;
}

Bytes icmpV4Error(const IpAddress &router, const IpAddress &to, std::uint8_t type,
                  std::uint8_t code, const Bytes &probe, std::size_t quoteBytes, bool rfc4884)
{
    Bytes icmp(8, 0);
    icmp[0] = type;
    icmp[1] = code;
    Bytes quote(probe.begin(),
                probe.begin() + static_cast<long>(std::min(quoteBytes, probe.size())));
    if (rfc4884) {
        quote.resize(128, 0);
        icmp[5] = static_cast<std::uint8_t>(quote.size() / 4);
    }
    icmp.insert(icmp.end(), quote.begin(), quote.end());
    if (rfc4884) {
        // Extension header (version 2) and one MPLS label stack object.
        Bytes extension{0x20, 0, 0, 0, 0, 8, 1, 1, 0x00, 0x01, 0x01, 0xff};
        putU16(extension, 2, internetChecksum(extension));
        icmp.insert(icmp.end(), extension.begin(), extension.end());
    }
    putU16(icmp, 2, internetChecksum(icmp));
    return ipv4Packet(router, to, IPPROTO_ICMP, icmp);
}

Bytes fragmentationNeeded(const IpAddress &router, const IpAddress &to, const Bytes &probe,
                          std::uint16_t mtu)
{
    Bytes packet = icmpV4Error(router, to, 3, 4, probe);
    constexpr std::size_t kIcmpAt = 20;
    putU16(packet, kIcmpAt + 6, mtu);
    putU16(packet, kIcmpAt + 2, 0);
    putU16(packet, kIcmpAt + 2, internetChecksum(std::span(packet).subspan(kIcmpAt)));
    return packet;
}

Bytes icmpV6Error(std::uint8_t type, std::uint8_t code, const IpAddress &source,
                  const IpAddress &destination, std::uint8_t protocol, const Bytes &segment,
                  std::uint32_t flowLabel)
{
    Bytes message(8, 0);
    message[0] = type;
    message[1] = code;
    Bytes header(40, 0);
    putU32(header, 0, (6u << 28) | (flowLabel & 0xfffff));
    putU16(header, 4, static_cast<std::uint16_t>(segment.size()));
    header[6] = protocol;
    header[7] = 1;
    std::copy_n(source.data(), 16, header.begin() + 8);
    std::copy_n(destination.data(), 16, header.begin() + 24);
    message.insert(message.end(), header.begin(), header.end());
    message.insert(message.end(), segment.begin(), segment.end());
    return message; // the kernel checks ICMPv6 checksums before a raw socket sees them
}

Bytes tcpSegment(const IpAddress &from, const IpAddress &to, std::uint16_t sourcePort,
                 std::uint16_t destinationPort, std::uint32_t sequence,
                 std::uint32_t acknowledgement, std::uint8_t flags)
{
    Bytes segment(20, 0);
    putU16(segment, 0, sourcePort);
    putU16(segment, 2, destinationPort);
    putU32(segment, 4, sequence);
    putU32(segment, 8, acknowledgement);
    segment[12] = 5 << 4;
    segment[13] = flags;
    putU16(segment, 14, 65535);
    putU16(segment, 16, transportChecksum(from, to, IPPROTO_TCP, segment));
    return segment;
}

Bytes echoReply(const Bytes &request)
{
    const bool v6 = request[0] >> 4 == 6;
    const std::size_t headerBytes = v6 ? 40 : std::size_t{request[0] & 0x0fu} * 4;
    Bytes message(request.begin() + static_cast<long>(headerBytes), request.end());
    message[0] = v6 ? 129 : 0;
    putU16(message, 2, 0);
    if (v6)
        return message; // the kernel checks ICMPv6 checksums before a raw socket sees them
    putU16(message, 2, internetChecksum(message));
    return ipv4Packet(IpAddress::v4(request.data() + 16), IpAddress::v4(request.data() + 12), 1,
                      message);
}

} // namespace hopscope::testing
