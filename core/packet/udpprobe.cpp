// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "packet/udpprobe.h"

#include "packet/bytes.h"
#include "packet/checksum.h"

#include <algorithm>
#include <netinet/in.h>

namespace hopscope {

namespace {

constexpr std::size_t kUdpHeaderBytes = 8;
constexpr std::size_t kPayloadBytes = 8; // two steering bytes, then a marker

std::uint16_t onesAdd(std::uint32_t a, std::uint32_t b)
{
    std::uint32_t sum = a + b;
    while (sum >> 16)
        sum = (sum & 0xffff) + (sum >> 16);
    return static_cast<std::uint16_t>(sum);
}

} // namespace

std::vector<std::uint8_t> buildIpHeader(const IpAddress &source, const IpAddress &destination,
                                        std::uint8_t protocol, std::uint8_t ttl, std::uint16_t ipId,
                                        std::uint32_t flowLabel, std::size_t payloadBytes,
                                        std::uint8_t trafficClass, bool dontFragment)
{
    if (source.isV4()) {
        std::vector<std::uint8_t> header(20, 0);
        header[0] = 0x45;
        header[1] = trafficClass;
        putU16(header, 2, static_cast<std::uint16_t>(20 + payloadBytes));
        putU16(header, 4, ipId);
        if (dontFragment)
            header[6] = 0x40;
        header[8] = ttl;
        header[9] = protocol;
        std::copy_n(source.data(), 4, header.begin() + 12);
        std::copy_n(destination.data(), 4, header.begin() + 16);
        putU16(header, 10, internetChecksum(header));
        return header;
    }
    std::vector<std::uint8_t> header(40, 0);
    putU32(header, 0, (6u << 28) | std::uint32_t{trafficClass} << 20 | (flowLabel & 0xfffff));
    putU16(header, 4, static_cast<std::uint16_t>(payloadBytes));
    header[6] = protocol;
    header[7] = ttl;
    std::copy_n(source.data(), 16, header.begin() + 8);
    std::copy_n(destination.data(), 16, header.begin() + 24);
    return header;
}

std::size_t probePayloadBytes(const IpAddress &source, std::size_t smallest,
                              std::size_t packetBytes)
{
    const std::size_t header = source.isV4() ? 20 : 40;
    return packetBytes > header + smallest ? packetBytes - header : smallest;
}

void steerChecksum(std::vector<std::uint8_t> &segment, std::size_t checksumAt, std::size_t adjustAt,
                   std::uint16_t wanted, std::uint32_t pseudoSum)
{
    // With the checksum field holding `wanted`, the one's complement sum of everything must be
    // 0xffff; the adjusting word supplies the difference.
    putU16(segment, checksumAt, wanted);
    const std::uint16_t current = static_cast<std::uint16_t>(~internetChecksum(segment, pseudoSum));
    putU16(segment, adjustAt, onesAdd(0xffff, static_cast<std::uint16_t>(~current)));
}

std::vector<std::uint8_t> buildUdpProbe(const UdpProbe &probe)
{
    std::vector<std::uint8_t> segment(
        probePayloadBytes(probe.source, kUdpHeaderBytes + kPayloadBytes, probe.packetBytes), 0);
    putU16(segment, 0, probe.sourcePort);
    putU16(segment, 2, probe.destinationPort);
    putU16(segment, 4, static_cast<std::uint16_t>(segment.size()));
    const char marker[] = "hopsc";
    std::copy_n(marker, 5, segment.begin() + kUdpHeaderBytes + 2);
    // The pseudo-header's sum: the transport checksum of an empty segment, uncomplemented.
    const std::uint32_t pseudo =
        pseudoHeaderSum(probe.source, probe.destination, IPPROTO_UDP, segment.size());
    steerChecksum(segment, 6, kUdpHeaderBytes, probe.checksum, pseudo);
    std::vector<std::uint8_t> packet =
        buildIpHeader(probe.source, probe.destination, IPPROTO_UDP, probe.ttl, probe.ipId,
                      probe.flowLabel, segment.size(), probe.trafficClass, probe.packetBytes > 0);
    packet.insert(packet.end(), segment.begin(), segment.end());
    return packet;
}

} // namespace hopscope
