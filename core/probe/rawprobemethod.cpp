// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "probe/rawprobemethod.h"

#include <algorithm>
#include <netinet/in.h>

namespace hopscope {

RawProbeMethod::RawProbeMethod(RawMethodConfig config) : m_config(std::move(config)) {}

int RawProbeMethod::indexInFlow(const ProbeSlot &slot) const
{
    return (slot.ttl - 1) * m_config.queries + slot.query;
}

std::optional<int> RawProbeMethod::probeIndex(int flow, int inFlow) const
{
    if (flow < 0 || flow >= m_config.flows || inFlow < 0 ||
        inFlow >= m_config.maxTtl * m_config.queries)
        return std::nullopt;
    const int ttl = inFlow / m_config.queries + 1;
    const int query = inFlow % m_config.queries;
    return ((ttl - 1) * m_config.flows + flow) * m_config.queries + query;
}

std::optional<int> RawProbeMethod::flowOfPort(std::uint16_t port) const
{
    const auto it = std::find(m_config.flowPorts.begin(), m_config.flowPorts.end(), port);
    if (it == m_config.flowPorts.end())
        return std::nullopt;
    return static_cast<int>(it - m_config.flowPorts.begin());
}

int RawProbeMethod::flowOfIndex(int index) const
{
    return index / m_config.queries % m_config.flows;
}

std::optional<int> RawProbeMethod::indexOfIpId(std::uint16_t id) const
{
    const auto offset = static_cast<std::uint16_t>(id - m_config.ipIdBase);
    if (offset < probeCount() && ipIdFor(offset) == id)
        return offset;
    // The one probe whose IP ID would have been 0 carries 1.
    const auto skipped = static_cast<std::uint16_t>(-m_config.ipIdBase);
    if (id == 1 && skipped < probeCount())
        return skipped;
    return std::nullopt;
}

std::optional<int> RawProbeMethod::flowOfLabel(std::uint32_t label) const
{
    for (int flow = 0; flow < m_config.flows; ++flow)
        if (flowLabelOf(flow) == label)
            return flow;
    return std::nullopt;
}

std::optional<int> RawProbeMethod::flowOfQuote(const QuotedPacket &quote) const
{
    if (const auto flow = flowOfPort(readU16(quote.transport, 0)))
        return flow;
    if (!sourceRewritten(quote))
        return std::nullopt;
    if (!m_config.destination.isV4())
        return flowOfLabel(quote.flowLabel);
    const auto index = indexOfIpId(quote.ipId);
    return index ? std::optional<int>(flowOfIndex(*index)) : std::nullopt;
}

std::uint16_t RawProbeMethod::ipIdFor(int index) const
{
    // The kernel replaces an IP ID of 0 on raw sockets, so 0 is skipped.
    const auto id = static_cast<std::uint16_t>(m_config.ipIdBase + index);
    return id == 0 ? 1 : id;
}

std::uint32_t RawProbeMethod::flowLabelOf(int flow) const
{
    const auto index = static_cast<std::size_t>(flow);
    return index < m_config.flowLabels.size() ? m_config.flowLabels[index] & 0xfffff : 0;
}

std::optional<IcmpMessage> RawProbeMethod::quotedError(const ReceivedPacket &packet,
                                                       std::uint8_t protocol) const
{
    const bool v6 = packet.channel == PacketChannel::IcmpV6;
    if (packet.channel != PacketChannel::IcmpV4 && !v6)
        return std::nullopt;
    if (v6 == m_config.destination.isV4())
        return std::nullopt;
    auto message = v6 ? parseIcmpV6(packet.bytes, packet.from) : parseIcmpV4(packet.bytes);
    if (!message || !message->quote)
        return std::nullopt;
    const bool error = message->kind == IcmpKind::TimeExceeded ||
                       message->kind == IcmpKind::DestinationUnreachable ||
                       message->kind == IcmpKind::PacketTooBig;
    const QuotedPacket &quote = *message->quote;
    if (!error || quote.protocol != protocol || quote.destination != m_config.destination)
        return std::nullopt;
    return *message;
}

bool RawProbeMethod::quoteNamesProbe(const QuotedPacket &quote, int index, int flow) const
{
    return m_config.destination.isV4() ? quote.ipId == ipIdFor(index)
                                       : quote.flowLabel == flowLabelOf(flow);
}

ProbeReply RawProbeMethod::replyFromError(const IcmpMessage &message, const ReceivedPacket &packet,
                                          int flow) const
{
    ProbeReply reply;
    reply.responder = message.from;
    reply.icmpType = message.type;
    reply.icmpCode = message.code;
    reply.receivedNs = packet.receivedNs;
    reply.ttl = packet.ttl;
    const QuotedPacket &quote = *message.quote;
    ProbeQuote &seen = reply.quote.emplace();
    if (sourceRewritten(quote))
        seen.source = quote.source;
    const bool ports = quote.protocol != IPPROTO_ICMP && quote.protocol != IPPROTO_ICMPV6;
    const auto index = static_cast<std::size_t>(flow);
    if (ports && index < m_config.flowPorts.size() &&
        readU16(quote.transport, 0) != m_config.flowPorts[index])
        seen.sourcePort = readU16(quote.transport, 0);
    seen.trafficClass = quote.trafficClass;
    seen.ttl = quote.ttl;
    seen.nextHopMtu = message.nextHopMtu;
    seen.mpls = message.extensions.mpls;
    seen.interfaces = message.extensions.interfaces;
    seen.notes = message.extensions.notes;
    if (message.kind == IcmpKind::TimeExceeded) {
        reply.kind = ReplyKind::TimeExceeded;
        return reply;
    }
    // A packet too big (IPv6) stands apart from the unreachables; it ends the path as they do
    // unless path MTU discovery sends the probe again smaller.
    reply.unreachable = message.kind == IcmpKind::PacketTooBig
                            ? UnreachableKind::Other
                            : classifyUnreachable(!m_config.destination.isV4(), message.code);
    const bool destinationPortClosed =
        message.from == m_config.destination && *reply.unreachable == UnreachableKind::Port;
    reply.kind = destinationPortClosed ? ReplyKind::DestinationReply : ReplyKind::Unreachable;
    return reply;
}

} // namespace hopscope
