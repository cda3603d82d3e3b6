// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "common/expected.h"
#include "packet/icmpextensions.h"
#include "packet/ipaddress.h"

#include <array>
#include <cstdint>
#include <optional>
#include <span>

namespace hopscope {

// The start of the probe a router quotes back: its IP header fields and first transport bytes.
struct QuotedPacket
{
    IpAddress source;
    IpAddress destination;
    std::uint8_t protocol = 0;
    std::uint8_t trafficClass = 0;           // the TOS byte (IPv4) or traffic class (IPv6)
    std::uint8_t ttl = 0;                    // the TTL or hop limit as the router saw it
    std::uint16_t ipId = 0;                  // IPv4
    std::uint32_t flowLabel = 0;             // IPv6
    std::array<std::uint8_t, 8> transport{}; // the first 8 bytes: ports, then seq / length+checksum
};

enum class IcmpKind { TimeExceeded, DestinationUnreachable, PacketTooBig, EchoReply, Other };

struct IcmpMessage
{
    IpAddress from;
    std::uint8_t type = 0;
    std::uint8_t code = 0;
    IcmpKind kind = IcmpKind::Other;
    std::optional<QuotedPacket> quote;       // for time exceeded, unreachable and packet too big
    IcmpExtensions extensions;               // RFC 4884 objects after the quote
    std::optional<std::uint32_t> nextHopMtu; // of fragmentation needed and packet too big
    std::optional<std::uint8_t> ttl;         // of the reply itself, when its IP header was there
    std::uint16_t echoId = 0;                // for echo replies
    std::uint16_t echoSequence = 0;
};

struct TcpSegment
{
    IpAddress from;
    IpAddress to;
    std::uint16_t sourcePort = 0;
    std::uint16_t destinationPort = 0;
    std::uint32_t sequence = 0;
    std::uint32_t acknowledgement = 0;
    std::uint8_t flags = 0;
};

// An ICMP message as an IPv4 raw socket delivers it: IPv4 header first. The ICMP checksum is
// verified. Quotes may be the RFC 792 minimum (IP header + 8 bytes) or longer (RFC 4884).
Expected<IcmpMessage> parseIcmpV4(std::span<const std::uint8_t> packet);

// An ICMPv6 message as an IPv6 raw socket delivers it: no IPv6 header (the kernel has checked the
// checksum), the sender from the socket address.
Expected<IcmpMessage> parseIcmpV6(std::span<const std::uint8_t> message, const IpAddress &from);

// A TCP segment from an IPv4 raw socket (IPv4 header first); the TCP checksum is verified.
Expected<TcpSegment> parseTcpV4(std::span<const std::uint8_t> packet);

// A TCP segment from an IPv6 raw socket (no IPv6 header); the checksum is verified against the
// pseudo-header of `from` and `to`.
Expected<TcpSegment> parseTcpV6(std::span<const std::uint8_t> segment, const IpAddress &from,
                                const IpAddress &to);

} // namespace hopscope
