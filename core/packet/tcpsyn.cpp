// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "packet/tcpsyn.h"

#include "packet/bytes.h"
#include "packet/checksum.h"

#include <algorithm>
#include <netinet/in.h>

namespace hopscope {

namespace {
constexpr std::size_t kTcpHeaderBytes = 24; // 20 + MSS option
constexpr std::size_t kIpv4HeaderBytes = 20;
constexpr std::uint16_t kWindow = 1024;
constexpr std::uint16_t kMss = 1460;
} // namespace

std::vector<std::uint8_t> buildTcpSynSegment(const TcpSynProbe &probe)
{
    std::vector<std::uint8_t> segment(kTcpHeaderBytes, 0);
    putU16(segment, 0, probe.sourcePort);
    putU16(segment, 2, probe.destinationPort);
    putU32(segment, 4, probe.sequence);
    segment[12] = static_cast<std::uint8_t>((kTcpHeaderBytes / 4) << 4);
    segment[13] = kTcpFlagSyn;
    putU16(segment, 14, kWindow);
    segment[20] = 2; // MSS option: kind 2, length 4
    segment[21] = 4;
    putU16(segment, 22, kMss);
    putU16(segment, 16, transportChecksum(probe.source, probe.destination, IPPROTO_TCP, segment));
    return segment;
}

std::vector<std::uint8_t> buildIpv4TcpSyn(const TcpSynProbe &probe)
{
    const std::vector<std::uint8_t> segment = buildTcpSynSegment(probe);
    std::vector<std::uint8_t> datagram(kIpv4HeaderBytes, 0);
    datagram[0] = 0x45;
    datagram[1] = probe.trafficClass;
    putU16(datagram, 2, static_cast<std::uint16_t>(kIpv4HeaderBytes + segment.size()));
    putU16(datagram, 4, probe.ipId);
    datagram[8] = probe.ttl;
    datagram[9] = IPPROTO_TCP;
    std::copy_n(probe.source.data(), 4, datagram.begin() + 12);
    std::copy_n(probe.destination.data(), 4, datagram.begin() + 16);
    putU16(datagram, 10, internetChecksum(datagram));
    datagram.insert(datagram.end(), segment.begin(), segment.end());
    return datagram;
}

std::vector<std::uint8_t> buildIpv6TcpSyn(const TcpSynProbe &probe)
{
    const std::vector<std::uint8_t> segment = buildTcpSynSegment(probe);
    std::vector<std::uint8_t> packet(40, 0);
    putU32(packet, 0,
           (6u << 28) | std::uint32_t{probe.trafficClass} << 20 | (probe.flowLabel & 0xfffff));
    putU16(packet, 4, static_cast<std::uint16_t>(segment.size()));
    packet[6] = IPPROTO_TCP;
    packet[7] = probe.ttl;
    std::copy_n(probe.source.data(), 16, packet.begin() + 8);
    std::copy_n(probe.destination.data(), 16, packet.begin() + 24);
    packet.insert(packet.end(), segment.begin(), segment.end());
    return packet;
}

} // namespace hopscope
