// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "packet/tcpsyn.h"

#include "packet/bytes.h"
#include "packet/checksum.h"
#include "packet/udpprobe.h"

#include <algorithm>
#include <netinet/in.h>

namespace hopscope {

namespace {
constexpr std::size_t kTcpHeaderBytes = kTcpSynHeaderBytes;
constexpr std::uint16_t kWindow = 1024;
constexpr std::uint16_t kMss = 1460;
} // namespace

std::vector<std::uint8_t> buildTcpSynSegment(const TcpSynProbe &probe)
{
    std::vector<std::uint8_t> segment(
        probePayloadBytes(probe.source, kTcpHeaderBytes, probe.packetBytes), 0);
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

namespace {
std::vector<std::uint8_t> buildTcpSyn(const TcpSynProbe &probe)
{
    const std::vector<std::uint8_t> segment = buildTcpSynSegment(probe);
    std::vector<std::uint8_t> packet =
        buildIpHeader(probe.source, probe.destination, IPPROTO_TCP, probe.ttl, probe.ipId,
                      probe.flowLabel, segment.size(), probe.trafficClass, probe.packetBytes > 0);
    packet.insert(packet.end(), segment.begin(), segment.end());
    return packet;
}
} // namespace

std::vector<std::uint8_t> buildIpv4TcpSyn(const TcpSynProbe &probe)
{
    return buildTcpSyn(probe);
}

std::vector<std::uint8_t> buildIpv6TcpSyn(const TcpSynProbe &probe)
{
    return buildTcpSyn(probe);
}

} // namespace hopscope
