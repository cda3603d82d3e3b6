// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "probe/udpmethod.h"

#include "packet/bytes.h"
#include "packet/checksum.h"
#include "packet/udpprobe.h"

#include <netinet/in.h>

namespace hopscope {

namespace {
// Checksums run over 1..0xfffe: 0 means "none" to IPv4 and 0xffff is its other spelling.
constexpr std::uint32_t kChecksumSpace = 0xfffe;
} // namespace

UdpMethod::UdpMethod(RawMethodConfig config) : RawProbeMethod(std::move(config)) {}

std::uint16_t UdpMethod::checksumFor(int inFlow) const
{
    return static_cast<std::uint16_t>(
        1 + (m_config.identityBase + static_cast<std::uint32_t>(inFlow)) % kChecksumSpace);
}

std::optional<int> UdpMethod::inFlowOfChecksum(std::uint16_t checksum) const
{
    if (checksum == 0 || checksum == 0xffff)
        return std::nullopt;
    const std::uint32_t base = m_config.identityBase % kChecksumSpace;
    const std::uint32_t offset = (checksum - 1u + kChecksumSpace - base) % kChecksumSpace;
    return static_cast<int>(offset);
}

OutgoingPacket UdpMethod::build(const ProbeSlot &slot)
{
    UdpProbe probe;
    probe.source = m_config.source;
    probe.destination = m_config.destination;
    probe.sourcePort = m_config.flowPorts.at(static_cast<std::size_t>(slot.flow));
    probe.destinationPort = m_config.destinationPort;
    probe.checksum = checksumFor(indexInFlow(slot));
    probe.ttl = static_cast<std::uint8_t>(slot.ttl);
    probe.ipId = ipIdFor(slot.index);
    probe.trafficClass = m_config.trafficClass;
    probe.flowLabel = flowLabelOf(slot.flow);
    probe.packetBytes = static_cast<std::size_t>(slot.size);
    return OutgoingPacket{m_config.destination, slot.ttl, buildUdpProbe(probe), slot.flow,
                          slot.index};
}

std::optional<ReplyMatch> UdpMethod::match(const ReceivedPacket &packet) const
{
    if (packet.channel == PacketChannel::UdpV4 || packet.channel == PacketChannel::UdpV6)
        return matchUdp(packet);
    const auto message = quotedError(packet, IPPROTO_UDP);
    if (!message)
        return std::nullopt;
    const QuotedPacket &quote = *message->quote;
    const auto flow = flowOfQuote(quote);
    if (!flow || readU16(quote.transport, 2) != m_config.destinationPort)
        return std::nullopt;
    // A NAT that rewrote the source may have updated the checksum with it: try it as quoted, then
    // as it was before the rewrite.
    const std::uint16_t quoted = readU16(quote.transport, 6);
    for (const std::uint16_t checksum : {quoted, checksumBeforeRewrite(quote, *flow)}) {
        const auto inFlow = inFlowOfChecksum(checksum);
        const auto index = inFlow ? probeIndex(*flow, *inFlow) : std::nullopt;
        if (index && quoteNamesProbe(quote, *index, *flow))
            return ReplyMatch{index, *flow, replyFromError(*message, packet, *flow)};
    }
    return std::nullopt;
}

std::uint16_t UdpMethod::checksumBeforeRewrite(const QuotedPacket &quote, int flow) const
{
    const std::uint16_t quoted = readU16(quote.transport, 6);
    if (!sourceRewritten(quote))
        return quoted;
    const auto addressAndPort = [](const IpAddress &address, std::uint16_t port) {
        std::vector<std::uint8_t> bytes(address.data(), address.data() + address.size());
        bytes.push_back(static_cast<std::uint8_t>(port >> 8));
        bytes.push_back(static_cast<std::uint8_t>(port));
        return bytes;
    };
    const auto now = addressAndPort(quote.source, readU16(quote.transport, 0));
    const auto sent =
        addressAndPort(m_config.source, m_config.flowPorts.at(static_cast<std::size_t>(flow)));
    return adjustedChecksum(quoted, now, sent);
}

// A datagram back from the destination port names the flow but not the probe: the engine gives
// it to the flow's earliest unanswered probe.
std::optional<ReplyMatch> UdpMethod::matchUdp(const ReceivedPacket &packet) const
{
    const bool v6 = packet.channel == PacketChannel::UdpV6;
    if (v6 == m_config.destination.isV4() || packet.from != m_config.destination)
        return std::nullopt;
    const ByteReader reader(packet.bytes);
    const std::size_t at =
        v6 ? 0 : static_cast<std::size_t>((packet.bytes.empty() ? 0 : packet.bytes[0] & 0x0f) * 4);
    const auto sourcePort = reader.u16(at);
    const auto destinationPort = reader.u16(at + 2);
    if (!sourcePort || !destinationPort || *sourcePort != m_config.destinationPort)
        return std::nullopt;
    const auto flow = flowOfPort(*destinationPort);
    if (!flow)
        return std::nullopt;
    ReplyMatch match;
    match.flow = *flow;
    match.reply.responder = packet.from;
    match.reply.kind = ReplyKind::DestinationReply;
    match.reply.receivedNs = packet.receivedNs;
    match.reply.ttl = packet.ttl;
    return match;
}

} // namespace hopscope
