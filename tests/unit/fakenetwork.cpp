// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "fakenetwork.h"

#include "packet/replyparser.h"
#include "packet/tcpsyn.h"
#include "probe/cancelsignal.h"

#include <algorithm>
#include <netinet/in.h>

namespace hopscope::testing {

FakeNetwork::FakeNetwork(IpAddress source, IpAddress destination, std::vector<Hop> routers,
                         double destinationRttMs, Destination behaviour)
    : m_source(source), m_destination(destination), m_routers(std::move(routers)),
      m_destinationRttMs(destinationRttMs), m_behaviour(behaviour)
{
    for (const Hop &hop : m_routers)
        m_budgetCreditNs.push_back(
            static_cast<std::int64_t>(hop.budgetTokens * hop.budgetRefillMs * 1e6));
    m_budgetCheckedNs.assign(m_routers.size(), kStartNs);
}

bool FakeNetwork::budgetAllows(std::size_t router)
{
    const Hop &hop = m_routers[router];
    if (hop.budgetBurst == 0)
        return true;
    const auto tokenNs = static_cast<std::int64_t>(hop.budgetRefillMs * 1e6);
    std::int64_t &credit = m_budgetCreditNs[router];
    credit = std::min(credit + (m_nowNs - m_budgetCheckedNs[router]), tokenNs * hop.budgetBurst);
    m_budgetCheckedNs[router] = m_nowNs;
    if (credit < tokenNs)
        return false;
    credit -= tokenNs;
    return true;
}

void FakeNetwork::schedule(Bytes bytes, PacketChannel channel, std::int64_t atNs, int copies)
{
    for (int i = 0; i < copies; ++i) {
        ReceivedPacket packet;
        packet.channel = channel;
        packet.bytes = bytes;
        packet.receivedNs = atNs;
        m_queue.push_back({atNs, packet});
    }
}

void FakeNetwork::inject(Bytes packet, PacketChannel channel, double afterMs)
{
    schedule(std::move(packet), channel, m_nowNs + static_cast<std::int64_t>(afterMs * 1e6), 1);
}

Expected<std::int64_t> FakeNetwork::send(const OutgoingPacket &packet)
{
    ++m_sent;
    m_sizes.push_back(static_cast<int>(packet.bytes.size()));
    const std::int64_t sentNs = m_nowNs;
    m_nowNs += m_sendCostNs; // the system call's own time, after its send time was read
    m_mostInFlight = std::max(m_mostInFlight, static_cast<int>(m_queue.size()) + 1);
    const int ttl = packet.ttl;
    // Queued for the first link behind the probes before it, then sent.
    const std::int64_t leftNs = std::max(sentNs, m_firstLinkFreeNs) + m_perProbeNs;
    m_firstLinkFreeNs = leftNs;
    const auto at = [this, ttl, leftNs](double rttMs) {
        const double extra = m_extraDelay.first == ttl ? m_extraDelay.second : 0.0;
        return leftNs + static_cast<std::int64_t>((rttMs + extra) * 1e6);
    };
    const auto probe = parseTcpV4(packet.bytes);
    if (!probe)
        return Error{ErrorCode::Malformed,
                     "the engine sent a malformed probe: " + probe.error().message};

    if (std::find(m_lost.begin(), m_lost.end(), m_sent) != m_lost.end()) {
        if (m_onSend)
            m_onSend(m_sent);
        return sentNs;
    }
    const auto routers = static_cast<int>(m_routers.size());
    const bool dontFragment = (packet.bytes[6] & 0x40) != 0;
    for (int i = 0; i < std::min(ttl, routers); ++i) {
        const Hop &hop = m_routers[static_cast<std::size_t>(i)];
        // A router checks the TTL first: only a probe it forwards meets its next link.
        if (i + 1 < ttl && dontFragment && hop.nextLinkMtu &&
            static_cast<int>(packet.bytes.size()) > *hop.nextLinkMtu) {
            schedule(fragmentationNeeded(
                         hop.address, m_source, packet.bytes,
                         static_cast<std::uint16_t>(hop.namedMtu.value_or(*hop.nextLinkMtu))),
                     PacketChannel::IcmpV4, at(hop.rttMs), m_copies);
            if (m_onSend)
                m_onSend(m_sent);
            return sentNs;
        }
        if (hop.unreachableCode) {
            schedule(icmpV4Error(hop.address, m_source, 3, *hop.unreachableCode, packet.bytes),
                     PacketChannel::IcmpV4, at(hop.rttMs), m_copies);
            if (m_onSend)
                m_onSend(m_sent);
            return sentNs;
        }
    }
    if (ttl <= routers) {
        const Hop &hop = m_routers[static_cast<std::size_t>(ttl - 1)];
        if (!hop.silent && budgetAllows(static_cast<std::size_t>(ttl - 1)))
            schedule(icmpV4Error(hop.address, m_source, 11, 0, packet.bytes), PacketChannel::IcmpV4,
                     at(hop.rttMs), m_copies);
    } else if (m_behaviour != Destination::Filtered) {
        std::uint8_t flags = kTcpFlagSyn | kTcpFlagAck;
        std::uint32_t ack = probe->sequence + 1;
        if (m_behaviour == Destination::Closed)
            flags = kTcpFlagRst | kTcpFlagAck;
        if (m_behaviour == Destination::BareReset) {
            flags = kTcpFlagRst;
            ack = 0;
        }
        const Bytes segment = tcpSegment(m_destination, m_source, probe->destinationPort,
                                         probe->sourcePort, 4242, ack, flags);
        schedule(ipv4Packet(m_destination, m_source, IPPROTO_TCP, segment), PacketChannel::TcpV4,
                 at(m_destinationRttMs), m_copies);
    }
    if (m_onSend)
        m_onSend(m_sent);
    return sentNs;
}

std::optional<ReceivedPacket> FakeNetwork::receive(std::int64_t deadlineNs,
                                                   const CancelSignal &cancel)
{
    if (cancel.isCancelled())
        return std::nullopt;
    const auto next =
        std::min_element(m_queue.begin(), m_queue.end(),
                         [](const Scheduled &a, const Scheduled &b) { return a.atNs < b.atNs; });
    if (next == m_queue.end() || next->atNs > deadlineNs) {
        m_nowNs = std::max(m_nowNs, deadlineNs);
        return std::nullopt;
    }
    m_nowNs = std::max(m_nowNs, next->atNs) + m_readCostNs;
    ReceivedPacket packet = std::move(next->packet);
    m_queue.erase(next);
    return packet;
}

} // namespace hopscope::testing
