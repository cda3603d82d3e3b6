// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "packet/icmpecho.h"

#include "packet/bytes.h"
#include "packet/checksum.h"
#include "packet/udpprobe.h"

#include <algorithm>
#include <netinet/in.h>

namespace hopscope {

std::vector<std::uint8_t> buildIcmpEcho(const IcmpEchoProbe &probe)
{
    const bool v4 = probe.source.isV4();
    std::vector<std::uint8_t> message(probePayloadBytes(probe.source, 16, probe.packetBytes), 0);
    message[0] = v4 ? 8 : 128;
    putU16(message, 4, probe.identifier);
    putU16(message, 6, probe.sequence);
    const char marker[] = "hopsc";
    std::copy_n(marker, 5, message.begin() + 10);
    // ICMPv6 checksums cover a pseudo-header; ICMPv4 ones do not.
    const std::uint32_t pseudo =
        v4 ? 0 : pseudoHeaderSum(probe.source, probe.destination, IPPROTO_ICMPV6, message.size());
    steerChecksum(message, 2, 8, probe.checksum, pseudo);
    std::vector<std::uint8_t> packet = buildIpHeader(
        probe.source, probe.destination,
        static_cast<std::uint8_t>(v4 ? int{IPPROTO_ICMP} : int{IPPROTO_ICMPV6}), probe.ttl,
        probe.ipId, probe.flowLabel, message.size(), probe.trafficClass, probe.packetBytes > 0);
    packet.insert(packet.end(), message.begin(), message.end());
    return packet;
}

} // namespace hopscope
