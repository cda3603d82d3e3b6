// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "packetcrafting.h"
#include "probe/probetransport.h"

#include <functional>
#include <optional>
#include <vector>

namespace hopscope::testing {

// A scripted IPv4 path behind the ProbeTransport interface, on a virtual clock that only moves
// when the engine waits. Routers answer expiring probes with time-exceeded after their RTT; the
// destination answers probes that reach it. Tests add misbehaviour: silence, duplicates, late
// or reordered replies, and packets for other traces.
class FakeNetwork : public ProbeTransport
{
public:
    struct Hop
    {
        IpAddress address;
        double rttMs = 1.0;
        bool silent = false;
        std::optional<std::uint8_t> unreachableCode; // answers every probe reaching it with this
        // An ICMP budget as Linux keeps one per peer: answers while it holds a token, gains one
        // every budgetRefillMs up to budgetBurst. Unlimited when budgetBurst is 0.
        int budgetBurst = 0;
        int budgetTokens = 0; // at the start
        double budgetRefillMs = 1000.0;
        // The link after this router carries packets of at most this many bytes: larger ones
        // with don't-fragment that it would forward draw a fragmentation needed naming it
        // (`namedMtu`, when an old router names another, or 0 for none).
        std::optional<int> nextLinkMtu;
        std::optional<int> namedMtu;
    };
    enum class Destination { Open, Closed, BareReset, Filtered };

    FakeNetwork(IpAddress source, IpAddress destination, std::vector<Hop> routers,
                double destinationRttMs, Destination behaviour);

    Expected<std::int64_t> send(const OutgoingPacket &packet) override;
    std::optional<ReceivedPacket> receive(std::int64_t deadlineNs,
                                          const CancelSignal &cancel) override;
    std::int64_t nowNs() const override { return m_nowNs; }

    // Delivers `packet` `afterMs` from now, regardless of what was sent.
    void inject(Bytes packet, PacketChannel channel, double afterMs);
    // Every reply is delivered this many times.
    void setCopies(int copies) { m_copies = copies; }
    // Replies to probes with this TTL arrive this much later.
    void delayTtl(int ttl, double extraMs) { m_extraDelay = {ttl, extraMs}; }
    // Every packet read costs this much virtual time, as a busy process would.
    void setReadCost(double ms) { m_readCostNs = static_cast<std::int64_t>(ms * 1e6); }
    // The first link takes this long to send each probe, one at a time: probes sent together
    // queue for it, and their round trips grow by the wait.
    void setFirstLinkTimePerProbe(double ms) { m_perProbeNs = static_cast<std::int64_t>(ms * 1e6); }
    // Every send takes this much virtual time after the engine read its send time, as a
    // system call does on a slow machine: probes sent back to back leave this far apart.
    void setSendCost(double ms) { m_sendCostNs = static_cast<std::int64_t>(ms * 1e6); }
    // The probes sent as these numbers (1 the first) are lost on the way.
    void loseSends(std::vector<int> numbers) { m_lost = std::move(numbers); }
    // Called after every send with the number of probes sent so far.
    void onSend(std::function<void(int)> hook) { m_onSend = std::move(hook); }

    int sent() const { return m_sent; }
    // The sizes of the probes sent, in sending order.
    const std::vector<int> &sentSizes() const { return m_sizes; }
    int mostInFlight() const { return m_mostInFlight; }
    std::int64_t startNs() const { return kStartNs; }
    double elapsedMs() const { return static_cast<double>(m_nowNs - kStartNs) / 1e6; }

private:
    struct Scheduled
    {
        std::int64_t atNs;
        ReceivedPacket packet;
    };
    static constexpr std::int64_t kStartNs = 1'700'000'000'000'000'000;
    void schedule(Bytes bytes, PacketChannel channel, std::int64_t atNs, int copies);
    bool budgetAllows(std::size_t router);

    IpAddress m_source;
    IpAddress m_destination;
    std::vector<Hop> m_routers;
    std::vector<std::int64_t> m_budgetCreditNs; // per router; a token is budgetRefillMs of it
    std::vector<std::int64_t> m_budgetCheckedNs;
    std::vector<int> m_lost;
    std::int64_t m_perProbeNs = 0;
    std::int64_t m_firstLinkFreeNs = 0;
    double m_destinationRttMs;
    Destination m_behaviour;
    std::int64_t m_nowNs = kStartNs;
    std::vector<Scheduled> m_queue;
    int m_copies = 1;
    std::int64_t m_readCostNs = 0;
    std::int64_t m_sendCostNs = 0;
    std::pair<int, double> m_extraDelay{0, 0.0};
    std::function<void(int)> m_onSend;
    int m_sent = 0;
    std::vector<int> m_sizes;
    int m_mostInFlight = 0;
};

} // namespace hopscope::testing
