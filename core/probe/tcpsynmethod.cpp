#include "probe/tcpsynmethod.h"

#include "packet/replyparser.h"
#include "packet/tcpsyn.h"

#include <algorithm>
#include <netinet/in.h>

namespace hopscope {

TcpSynMethod::TcpSynMethod(TcpSynMethodConfig config) : m_config(std::move(config)) {}

std::uint32_t TcpSynMethod::sequenceFor(int index) const
{
    return m_config.sequenceBase + static_cast<std::uint32_t>(index);
}

std::uint16_t TcpSynMethod::ipIdFor(int index) const
{
    // The kernel replaces an IP ID of 0 on raw sockets, so 0 is skipped.
    const auto id = static_cast<std::uint16_t>(m_config.ipIdBase + index);
    return id == 0 ? 1 : id;
}

OutgoingPacket TcpSynMethod::build(const ProbeSlot &slot)
{
    TcpSynProbe probe;
    probe.source = m_config.source;
    probe.destination = m_config.destination;
    probe.sourcePort = m_config.flowPorts.at(static_cast<std::size_t>(slot.flow));
    probe.destinationPort = m_config.destinationPort;
    probe.sequence = sequenceFor(slot.index);
    probe.ttl = static_cast<std::uint8_t>(slot.ttl);
    probe.ipId = ipIdFor(slot.index);
    probe.flowLabel = flowLabelOf(slot.flow);
    OutgoingPacket packet;
    packet.destination = m_config.destination;
    packet.ttl = slot.ttl;
    packet.bytes = m_config.destination.isV4() ? buildIpv4TcpSyn(probe) : buildIpv6TcpSyn(probe);
    return packet;
}

std::uint32_t TcpSynMethod::flowLabelOf(int flow) const
{
    const auto index = static_cast<std::size_t>(flow);
    return index < m_config.flowLabels.size() ? m_config.flowLabels[index] & 0xfffff : 0;
}

std::optional<int> TcpSynMethod::flowOfPort(std::uint16_t port) const
{
    const auto it = std::find(m_config.flowPorts.begin(), m_config.flowPorts.end(), port);
    if (it == m_config.flowPorts.end())
        return std::nullopt;
    return static_cast<int>(it - m_config.flowPorts.begin());
}

std::optional<int> TcpSynMethod::indexOfSequence(std::uint32_t sequence) const
{
    const std::uint32_t offset = sequence - m_config.sequenceBase; // wraps like TCP does
    if (offset >= static_cast<std::uint32_t>(m_config.probeCount))
        return std::nullopt;
    return static_cast<int>(offset);
}

std::optional<ReplyMatch> TcpSynMethod::match(const ReceivedPacket &packet) const
{
    switch (packet.channel) {
    case PacketChannel::IcmpV4:
    case PacketChannel::IcmpV6:
        return matchIcmp(packet);
    case PacketChannel::TcpV4:
    case PacketChannel::TcpV6:
        return matchTcp(packet);
    }
    return std::nullopt;
}

std::optional<ReplyMatch> TcpSynMethod::matchIcmp(const ReceivedPacket &packet) const
{
    const bool v6 = packet.channel == PacketChannel::IcmpV6;
    if (v6 == m_config.destination.isV4())
        return std::nullopt;
    const auto message = v6 ? parseIcmpV6(packet.bytes, packet.from) : parseIcmpV4(packet.bytes);
    if (!message || !message->quote)
        return std::nullopt;
    const QuotedPacket &quote = *message->quote;
    if (quote.protocol != IPPROTO_TCP || quote.destination != m_config.destination
        || quote.source != m_config.source)
        return std::nullopt;
    const auto sourcePort = static_cast<std::uint16_t>(quote.transport[0] << 8 | quote.transport[1]);
    const auto destinationPort =
        static_cast<std::uint16_t>(quote.transport[2] << 8 | quote.transport[3]);
    const std::uint32_t sequence = static_cast<std::uint32_t>(quote.transport[4]) << 24
                                   | quote.transport[5] << 16 | quote.transport[6] << 8
                                   | quote.transport[7];
    const auto flow = flowOfPort(sourcePort);
    const auto index = indexOfSequence(sequence);
    if (!flow || !index || destinationPort != m_config.destinationPort)
        return std::nullopt;
    if (v6 ? quote.flowLabel != flowLabelOf(*flow) : quote.ipId != ipIdFor(*index))
        return std::nullopt;

    ReplyMatch match;
    match.probeIndex = index;
    match.flow = *flow;
    match.reply.responder = message->from;
    match.reply.icmpType = message->type;
    match.reply.icmpCode = message->code;
    match.reply.receivedNs = packet.receivedNs;
    if (message->kind == IcmpKind::TimeExceeded) {
        match.reply.kind = ReplyKind::TimeExceeded;
    } else if (message->kind == IcmpKind::DestinationUnreachable) {
        match.reply.kind = ReplyKind::Unreachable;
        match.reply.unreachable = classifyUnreachable(v6, message->code);
    } else {
        return std::nullopt;
    }
    return match;
}

std::optional<ReplyMatch> TcpSynMethod::matchTcp(const ReceivedPacket &packet) const
{
    const bool v6 = packet.channel == PacketChannel::TcpV6;
    if (v6 == m_config.destination.isV4())
        return std::nullopt;
    const auto segment = v6 ? parseTcpV6(packet.bytes, packet.from, m_config.source)
                            : parseTcpV4(packet.bytes);
    if (!segment || segment->from != m_config.destination || segment->to != m_config.source
        || segment->sourcePort != m_config.destinationPort)
        return std::nullopt;
    const auto flow = flowOfPort(segment->destinationPort);
    if (!flow)
        return std::nullopt;

    const bool syn = segment->flags & kTcpFlagSyn;
    const bool ack = segment->flags & kTcpFlagAck;
    const bool rst = segment->flags & kTcpFlagRst;
    ReplyMatch match;
    match.flow = *flow;
    match.reply.responder = segment->from;
    match.reply.kind = ReplyKind::DestinationReply;
    match.reply.tcpFlags = segment->flags;
    match.reply.receivedNs = packet.receivedNs;
    if ((syn && ack) || (rst && ack)) {
        match.probeIndex = indexOfSequence(segment->acknowledgement - 1);
        if (!match.probeIndex)
            return std::nullopt;
    } else if (!rst) {
        return std::nullopt; // a bare ACK or anything else answers no SYN
    }
    return match;
}

} // namespace hopscope
