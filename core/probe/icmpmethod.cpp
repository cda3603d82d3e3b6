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
    probe.flowLabel = flowLabelOf(slot.flow);
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
    const auto &quoted = message->quote->transport;
    if (quoted[0] != (v6 ? 128 : 8))
        return std::nullopt; // quotes something other than an echo request
    const auto flow = flowOfIdentifier(readU16(quoted, 4));
    const auto index = flow ? probeIndex(*flow, readU16(quoted, 6)) : std::nullopt;
    if (!index || !quoteNamesProbe(*message->quote, *index, *flow))
        return std::nullopt;
    return ReplyMatch{index, *flow, replyFromError(*message, packet.receivedNs)};
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
    return match;
}

} // namespace hopscope
