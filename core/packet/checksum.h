// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "packet/ipaddress.h"

#include <cstdint>
#include <span>

namespace hopscope {

// The Internet checksum (RFC 1071) of `bytes`, continuing from the partial `sum`.
std::uint16_t internetChecksum(std::span<const std::uint8_t> bytes, std::uint32_t sum = 0);

// The TCP/UDP/ICMPv6 checksum of `segment` with the IPv4 or IPv6 pseudo-header (RFC 793,
// RFC 8200 section 8.1). The segment's own checksum field must be zero when building and may be
// left in place when verifying: a correct segment then sums to zero.
std::uint16_t transportChecksum(const IpAddress &source, const IpAddress &destination,
                                std::uint8_t protocol, std::span<const std::uint8_t> segment);

// The folded, uncomplemented sum of the pseudo-header alone: what a segment's checksum field holds
// while the kernel has left the checksum to hardware (CHECKSUM_PARTIAL). Segments that never
// crossed a real NIC (loopback, veth) reach raw sockets in this state.
std::uint16_t pseudoHeaderSum(const IpAddress &source, const IpAddress &destination,
                              std::uint8_t protocol, std::size_t segmentLength);

// A checksum after the bytes `before` of what it covers became `after` (equal lengths, starting
// on a 16-bit boundary), as a NAT updates it without summing the whole packet (RFC 1624).
std::uint16_t adjustedChecksum(std::uint16_t checksum, std::span<const std::uint8_t> before,
                               std::span<const std::uint8_t> after);

} // namespace hopscope
