// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "packet/ipaddress.h"

#include <cstdint>
#include <vector>

namespace hopscope {

// The fields of one UDP probe. Its ports stay fixed for a flow; what names the probe is the UDP
// checksum, which routers quote back, steered to `checksum` by two payload bytes (Paris
// traceroute's trick), so that nothing a load balancer hashes changes between probes.
struct UdpProbe
{
    IpAddress source;
    IpAddress destination;
    std::uint16_t sourcePort = 0;
    std::uint16_t destinationPort = 33434;
    std::uint16_t checksum = 1; // never 0 (IPv4: "no checksum") or 0xffff
    std::uint8_t ttl = 1;
    std::uint8_t trafficClass = 0; // TOS byte (IPv4) or traffic class (IPv6)
    std::uint16_t ipId = 0;        // IPv4 only
    std::uint32_t flowLabel = 0;   // IPv6 only
    std::size_t packetBytes = 0;   // padded to this many bytes with don't-fragment; 0: smallest
};

// A whole IPv4 or IPv6 packet (our own header, then UDP with an 8-byte payload, or padded).
std::vector<std::uint8_t> buildUdpProbe(const UdpProbe &probe);

// The IP header for `payloadBytes` of `protocol`, IPv4 (20 bytes) or IPv6 (40 bytes). Path MTU
// probes set don't-fragment on IPv4 (IPv6 routers never fragment).
std::vector<std::uint8_t> buildIpHeader(const IpAddress &source, const IpAddress &destination,
                                        std::uint8_t protocol, std::uint8_t ttl, std::uint16_t ipId,
                                        std::uint32_t flowLabel, std::size_t payloadBytes,
                                        std::uint8_t trafficClass = 0, bool dontFragment = false);

// How many bytes follow the IP header of a probe of `packetBytes` in all (0: the smallest), never
// fewer than `smallest`.
std::size_t probePayloadBytes(const IpAddress &source, std::size_t smallest,
                              std::size_t packetBytes);

// Sets the 16-bit word at `adjustAt` (even, inside `segment`) so that the checksum of `segment`
// (with `pseudoSum` for the pseudo-header, 0 for none) becomes `wanted`, and writes `wanted` at
// `checksumAt`. The word at `adjustAt` and at `checksumAt` must be zero on entry.
void steerChecksum(std::vector<std::uint8_t> &segment, std::size_t checksumAt, std::size_t adjustAt,
                   std::uint16_t wanted, std::uint32_t pseudoSum);

} // namespace hopscope
