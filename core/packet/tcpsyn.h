// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "packet/ipaddress.h"

#include <cstdint>
#include <vector>

namespace hopscope {

// The fields of one TCP SYN probe. The sequence number (and for IPv4 the IP ID) carry the probe's
// identity: routers quote both back in their ICMP errors, and the destination acknowledges seq+1.
struct TcpSynProbe
{
    IpAddress source;
    IpAddress destination;
    std::uint16_t sourcePort = 0;
    std::uint16_t destinationPort = 0;
    std::uint32_t sequence = 0;
    std::uint8_t ttl = 1;
    std::uint8_t trafficClass = 0; // TOS byte (IPv4) or traffic class (IPv6)
    std::uint16_t ipId = 0;        // IPv4 only
    std::uint32_t flowLabel = 0;   // IPv6 only, 20 bits
    // Padded to this many bytes (the SYN carries zeros as data) with don't-fragment; 0: smallest.
    std::size_t packetBytes = 0;
};

// A probe's TCP header: 20 bytes and the MSS option.
inline constexpr std::size_t kTcpSynHeaderBytes = 24;

inline constexpr std::uint8_t kTcpFlagFin = 0x01;
inline constexpr std::uint8_t kTcpFlagSyn = 0x02;
inline constexpr std::uint8_t kTcpFlagRst = 0x04;
inline constexpr std::uint8_t kTcpFlagAck = 0x10;

// The TCP segment alone (SYN, window 1024, one MSS option), checksummed with the pseudo-header.
std::vector<std::uint8_t> buildTcpSynSegment(const TcpSynProbe &probe);

// A whole IPv4 datagram (20-byte header, DF on path MTU probes only, then the segment) for an
// IP_HDRINCL socket.
std::vector<std::uint8_t> buildIpv4TcpSyn(const TcpSynProbe &probe);

// A whole IPv6 packet (40-byte header with the probe's flow label and hop limit, then the
// segment) for an IPV6_HDRINCL socket.
std::vector<std::uint8_t> buildIpv6TcpSyn(const TcpSynProbe &probe);

} // namespace hopscope
