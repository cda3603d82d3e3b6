// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "probe/rawprobemethod.h"

#include <algorithm>

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
    const QuotedPacket &quote = *message->quote;
    if (quote.protocol != protocol || quote.destination != m_config.destination ||
        quote.source != m_config.source)
        return std::nullopt;
    return *message;
}

bool RawProbeMethod::quoteNamesProbe(const QuotedPacket &quote, int index, int flow) const
{
    return m_config.destination.isV4() ? quote.ipId == ipIdFor(index)
                                       : quote.flowLabel == flowLabelOf(flow);
}

ProbeReply RawProbeMethod::replyFromError(const IcmpMessage &message, std::int64_t receivedNs) const
{
    ProbeReply reply;
    reply.responder = message.from;
    reply.icmpType = message.type;
    reply.icmpCode = message.code;
    reply.receivedNs = receivedNs;
    if (message.kind == IcmpKind::TimeExceeded) {
        reply.kind = ReplyKind::TimeExceeded;
        return reply;
    }
    reply.unreachable = classifyUnreachable(!m_config.destination.isV4(), message.code);
    const bool destinationPortClosed =
        message.from == m_config.destination && *reply.unreachable == UnreachableKind::Port;
    reply.kind = destinationPortClosed ? ReplyKind::DestinationReply : ReplyKind::Unreachable;
    return reply;
}

} // namespace hopscope
