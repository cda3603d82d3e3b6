// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "packet/ipaddress.h"

#include <cstdint>
#include <vector>

namespace hopscope {

// One ICMP or ICMPv6 echo request. The identifier names the flow and the sequence number the
// probe; two payload bytes keep the checksum at `checksum` whatever the sequence, so that load
// balancers that hash the ICMP header's first bytes see one flow.
struct IcmpEchoProbe
{
    IpAddress source;
    IpAddress destination;
    std::uint16_t identifier = 0;
    std::uint16_t sequence = 0;
    std::uint16_t checksum = 1;
    std::uint8_t ttl = 1;
    std::uint8_t trafficClass = 0; // TOS byte (IPv4) or traffic class (IPv6)
    std::uint16_t ipId = 0;        // IPv4 only
    std::uint32_t flowLabel = 0;   // IPv6 only
    std::size_t packetBytes = 0;   // padded to this many bytes with don't-fragment; 0: smallest
};

// A whole IPv4 or IPv6 packet: our own header, then the echo request with an 8-byte payload, or
// padded.
std::vector<std::uint8_t> buildIcmpEcho(const IcmpEchoProbe &probe);

} // namespace hopscope
