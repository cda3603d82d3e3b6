// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "packet/ipaddress.h"

#include <cstdint>
#include <vector>

// Builds the packets routers and destinations send back, byte by byte, for parser and engine
// tests. Checksums are correct unless a test spoils them.
namespace hopscope::testing {

using Bytes = std::vector<std::uint8_t>;

IpAddress v4(const char *text);
IpAddress v6(const char *text);

// An IPv4 header (20 bytes) in front of `payload`.
Bytes ipv4Packet(const IpAddress &from, const IpAddress &to, std::uint8_t protocol,
                 const Bytes &payload, std::uint8_t ttl = 64);

// ICMPv4 error (type 11 or 3) quoting `probe` (a whole IPv4 datagram). With rfc4884 the quote is
// padded to 128 bytes, its length recorded in byte 5, and an extension structure follows.
Bytes icmpV4Error(const IpAddress &router, const IpAddress &to, std::uint8_t type,
                  std::uint8_t code, const Bytes &probe, std::size_t quoteBytes = 28,
                  bool rfc4884 = false);

// ICMPv4 fragmentation needed (type 3 code 4) from `router`, naming its next-hop MTU (RFC 1191).
Bytes fragmentationNeeded(const IpAddress &router, const IpAddress &to, const Bytes &probe,
                          std::uint16_t mtu);

// ICMPv6 error (type 3 or 1) quoting an IPv6 header and the first bytes of `segment`.
Bytes icmpV6Error(std::uint8_t type, std::uint8_t code, const IpAddress &source,
                  const IpAddress &destination, std::uint8_t protocol, const Bytes &segment,
                  std::uint32_t flowLabel = 0);

// A TCP segment (20-byte header) with a correct checksum for from -> to.
Bytes tcpSegment(const IpAddress &from, const IpAddress &to, std::uint16_t sourcePort,
                 std::uint16_t destinationPort, std::uint32_t sequence,
                 std::uint32_t acknowledgement, std::uint8_t flags);

// The echo reply the destination of `request` (a whole echo request, IP header first) sends back,
// as a raw socket reads it: IPv4 with its IP header, IPv6 from the ICMPv6 header on.
Bytes echoReply(const Bytes &request);

} // namespace hopscope::testing
