// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "probe/tcpsynmethod.h"

#include "packet/tcpsyn.h"

#include <algorithm>
#include <netinet/in.h>

namespace hopscope {

TcpSynMethod::TcpSynMethod(RawMethodConfig config) : RawProbeMethod(std::move(config)) {}

std::uint32_t TcpSynMethod::sequenceFor(int index) const
{
    return m_config.identityBase + static_cast<std::uint32_t>(index);
}

std::optional<int> TcpSynMethod::indexOfSequence(std::uint32_t sequence) const
{
    const std::uint32_t offset = sequence - m_config.identityBase; // wraps like TCP does
    if (offset >= static_cast<std::uint32_t>(probeCount()))
        return std::nullopt;
    return static_cast<int>(offset);
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
    probe.trafficClass = m_config.trafficClass;
    probe.flowLabel = flowLabelOf(slot.flow);
    probe.packetBytes = static_cast<std::size_t>(slot.size);
    OutgoingPacket packet;
    packet.destination = m_config.destination;
    packet.ttl = slot.ttl;
    packet.bytes = m_config.destination.isV4() ? buildIpv4TcpSyn(probe) : buildIpv6TcpSyn(probe);
    const std::size_t headers = (m_config.destination.isV4() ? 20 : 40) + kTcpSynHeaderBytes;
    const auto data = static_cast<std::uint32_t>(packet.bytes.size() - headers);
    if (data > 0 &&
        std::find(m_dataLengths.begin(), m_dataLengths.end(), data) == m_dataLengths.end())
        m_dataLengths.push_back(data);
    return packet;
}

std::optional<ReplyMatch> TcpSynMethod::match(const ReceivedPacket &packet) const
{
    if (packet.channel == PacketChannel::TcpV4 || packet.channel == PacketChannel::TcpV6)
        return matchTcp(packet);
    const auto message = quotedError(packet, IPPROTO_TCP);
    if (!message)
        return std::nullopt;
    // The sequence number names the probe, and with it the flow; a NAT may have rewritten the
    // source address and port, but never the sequence.
    const QuotedPacket &quote = *message->quote;
    const auto index =
        indexOfSequence(static_cast<std::uint32_t>(readU16(quote.transport, 4)) << 16 |
                        readU16(quote.transport, 6));
    if (!index || readU16(quote.transport, 2) != m_config.destinationPort)
        return std::nullopt;
    const int flow = flowOfIndex(*index);
    if (!sourceRewritten(quote) && flowOfPort(readU16(quote.transport, 0)) != flow)
        return std::nullopt;
    if (!quoteNamesProbe(quote, *index, flow))
        return std::nullopt;
    return ReplyMatch{index, flow, replyFromError(*message, packet, flow)};
}

std::optional<ReplyMatch> TcpSynMethod::matchTcp(const ReceivedPacket &packet) const
{
    const bool v6 = packet.channel == PacketChannel::TcpV6;
    if (v6 == m_config.destination.isV4())
        return std::nullopt;
    const auto segment =
        v6 ? parseTcpV6(packet.bytes, packet.from, m_config.source) : parseTcpV4(packet.bytes);
    if (!segment || segment->from != m_config.destination || segment->to != m_config.source ||
        segment->sourcePort != m_config.destinationPort)
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
    match.reply.ttl = packet.ttl;
    if (syn && ack) {
        match.probeIndex = indexOfSequence(segment->acknowledgement - 1);
        if (!match.probeIndex)
            return std::nullopt;
    } else if (rst && ack) {
        match.probeIndex = indexOfReset(segment->acknowledgement, *flow);
        if (!match.probeIndex)
            return std::nullopt;
    } else if (!rst) {
        return std::nullopt; // a bare ACK or anything else answers no SYN
    }
    return match;
}

std::optional<int> TcpSynMethod::indexOfReset(std::uint32_t acknowledgement, int flow) const
{
    if (const auto index = indexOfSequence(acknowledgement - 1))
        return index;
    for (const std::uint32_t data : m_dataLengths)
        if (const auto index = indexOfSequence(acknowledgement - 1 - data);
            index && flowOfIndex(*index) == flow)
            return index;
    return std::nullopt;
}

} // namespace hopscope
