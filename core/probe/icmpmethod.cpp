// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "probe/icmpmethod.h"

#include "packet/icmpecho.h"

#include <netinet/in.h>

namespace hopscope {

IcmpMethod::IcmpMethod(RawMethodConfig config) : RawProbeMethod(std::move(config)) {}

std::uint16_t IcmpMethod::identifierOf(int flow) const
{
    return static_cast<std::uint16_t>(m_config.identityBase + static_cast<std::uint32_t>(flow));
}

std::optional<int> IcmpMethod::flowOfIdentifier(std::uint16_t identifier) const
{
    const auto flow =
        static_cast<std::uint16_t>(identifier - static_cast<std::uint16_t>(m_config.identityBase));
    if (flow >= m_config.flows)
        return std::nullopt;
    return flow;
}

OutgoingPacket IcmpMethod::build(const ProbeSlot &slot)
{
    IcmpEchoProbe probe;
    probe.source = m_config.source;
    probe.destination = m_config.destination;
    probe.identifier = identifierOf(slot.flow);
    probe.sequence = static_cast<std::uint16_t>(indexInFlow(slot));
    probe.checksum = static_cast<std::uint16_t>(0x1000 + slot.flow); // constant per flow
    probe.ttl = static_cast<std::uint8_t>(slot.ttl);
    probe.ipId = ipIdFor(slot.index);
    probe.trafficClass = m_config.trafficClass;
    probe.flowLabel = flowLabelOf(slot.flow);
    probe.packetBytes = static_cast<std::size_t>(slot.size);
    return OutgoingPacket{m_config.destination, slot.ttl, buildIcmpEcho(probe), slot.flow,
                          slot.index};
}

std::optional<ReplyMatch> IcmpMethod::match(const ReceivedPacket &packet) const
{
    const bool v6 = !m_config.destination.isV4();
    if (auto reply = matchEchoReply(packet))
        return reply;
    const auto message = quotedError(
        packet, static_cast<std::uint8_t>(v6 ? int{IPPROTO_ICMPV6} : int{IPPROTO_ICMP}));
    if (!message)
        return std::nullopt;
    const QuotedPacket &quote = *message->quote;
    if (quote.transport[0] != (v6 ? 128 : 8))
        return std::nullopt; // quotes something other than an echo request
    const auto index = indexOfQuote(quote);
    if (!index)
        return std::nullopt;
    const int flow = flowOfIndex(*index);
    if (!quoteNamesProbe(quote, *index, flow))
        return std::nullopt;
    return ReplyMatch{index, flow, replyFromError(*message, packet, flow)};
}

std::optional<int> IcmpMethod::indexOfQuote(const QuotedPacket &quote) const
{
    const std::uint16_t sequence = readU16(quote.transport, 6);
    std::optional<int> flow = flowOfIdentifier(readU16(quote.transport, 4));
    // A NAT keeps echo requests apart by rewriting their identifier, as it rewrites ports; the IP
    // ID (IPv4) or the flow label (IPv6) it leaves alone still names the flow.
    if (!flow && sourceRewritten(quote)) {
        if (!m_config.destination.isV4())
            flow = flowOfLabel(quote.flowLabel);
        else if (const auto byId = indexOfIpId(quote.ipId))
            flow = flowOfIndex(*byId);
    }
    return flow ? probeIndex(*flow, sequence) : std::nullopt;
}

std::optional<ReplyMatch> IcmpMethod::matchEchoReply(const ReceivedPacket &packet) const
{
    const bool v6 = packet.channel == PacketChannel::IcmpV6;
    if (v6 == m_config.destination.isV4() || packet.from != m_config.destination)
        return std::nullopt;
    const auto message = v6 ? parseIcmpV6(packet.bytes, packet.from) : parseIcmpV4(packet.bytes);
    if (!message || message->kind != IcmpKind::EchoReply)
        return std::nullopt;
    const auto flow = flowOfIdentifier(message->echoId);
    const auto index = flow ? probeIndex(*flow, message->echoSequence) : std::nullopt;
    if (!index)
        return std::nullopt;
    ReplyMatch match;
    match.probeIndex = index;
    match.flow = *flow;
    match.reply.responder = message->from;
    match.reply.kind = ReplyKind::DestinationReply;
    match.reply.icmpType = message->type;
    match.reply.icmpCode = message->code;
    match.reply.receivedNs = packet.receivedNs;
    match.reply.ttl = packet.ttl;
    return match;
}

} // namespace hopscope
