// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "probe/probeengine.h"

#include "probe/cancelsignal.h"
#include "probe/probetransport.h"

#include <algorithm>
#include <array>
#include <limits>

namespace hopscope {

namespace {

// Bounds the packets handled between two timeout checks on a flooded socket.
constexpr int kMaxDrainedPerWait = 4096;

// How long the first window's TTLs may stay silent before the window grows, when nothing has
// answered yet to tell how far answers take.
constexpr std::int64_t kSilentWindowAllowanceNs = 100'000'000;

// The longest the probes after the first wait for the pace probe's answer, to learn the gap
// between probes; a first hop slower than this, or silent, leaves the probes unpaced. Once the
// first probe is answered, the pace probe's answer is given as long again plus this slack.
constexpr std::int64_t kPilotAllowanceNs = 20'000'000;
constexpr std::int64_t kPaceSlackNs = 1'000'000;
// Gaps below this are noise on a fast path; above this, a link too slow to pace for.
constexpr std::int64_t kSmallestGapNs = 20'000;
constexpr std::int64_t kLargestGapNs = 5'000'000;

// The common MTUs of RFC 1191's table, largest first: where a router says a packet is too big
// without saying what would fit, the probes try the next one down.
int mtuPlateauBelow(int size)
{
    constexpr int kPlateaus[] = {65535, 32000, 17914, 8166, 4352, 2002,
                                 1492,  1280,  1006,  508,  296,  68};
    for (const int plateau : kPlateaus)
        if (plateau < size)
            return plateau;
    return 0;
}

class Engine
{
public:
    Engine(const EngineConfig &config, ProbeMethod &method, ProbeTransport &transport,
           ProbeObserver &observer, const CancelSignal &cancel)
        : m_config(config), m_method(method), m_transport(transport), m_observer(observer),
          m_cancel(cancel)
    {
        const int count = config.maxTtl * config.flows * config.queries;
        m_probes.reserve(static_cast<std::size_t>(count));
        for (int index = 0; index < count; ++index) {
            Probe probe;
            probe.slot.index = index;
            probe.slot.query = index % config.queries;
            probe.slot.flow = (index / config.queries) % config.flows;
            probe.slot.ttl = index / (config.queries * config.flows) + 1;
            m_probes.push_back(probe);
        }
        m_slowestReplyNs.assign(static_cast<std::size_t>(config.maxTtl) + 2, 0);
        m_answeredBefore.assign(static_cast<std::size_t>(config.maxTtl) + 1, false);
        for (const int ttl : config.answeredBefore)
            if (ttl >= 1 && ttl <= config.maxTtl)
                m_answeredBefore[static_cast<std::size_t>(ttl)] = true;
    }

    Expected<EngineOutcome> run()
    {
        const Status status =
            m_config.mode == TraceMode::Parallel ? runParallel() : runSequential();
        if (!status)
            return status.error();
        return outcome();
    }

private:
    enum class State { Unsent, Pending, Answered, TimedOut, Discarded };

    struct Probe
    {
        ProbeSlot slot;
        State state = State::Unsent;
        int ask = 0; // the latest ask sent: 0 first, then its second chances
        std::array<std::int64_t, kAsksPerProbe> askSentNs{};
        std::int64_t nextAskAtNs = 0; // when a last ask is due; 0: none waits
        std::int64_t sentNs = 0;      // of the ask whose answer counts
        int size = 0;                 // of its latest send (path MTU discovery)
        std::optional<ProbeReply> reply;
    };

    int lastTtl() const { return m_endTtl > 0 ? m_endTtl : m_config.maxTtl; }
    bool finished() const { return m_nextTtlToSettle > lastTtl(); }

    Status send(Probe &probe, int ask = 0)
    {
        const auto sentNs = m_transport.send(m_method.build(methodSlot(probe.slot, ask)));
        if (!sentNs)
            return sentNs.error();
        probe.size = m_probeSize;
        probe.ask = ask;
        probe.askSentNs[static_cast<std::size_t>(ask)] = *sentNs;
        probe.nextAskAtNs = 0;
        probe.sentNs = *sentNs;
        probe.state = State::Pending;
        return {};
    }

    // The method numbers every ask of a probe as a query of its own, so that an answer names the
    // ask it answers.
    ProbeSlot methodSlot(const ProbeSlot &slot, int ask) const
    {
        ProbeSlot asked = slot;
        asked.size = m_probeSize;
        asked.query = ask * m_config.queries + slot.query;
        asked.index = (slot.index - slot.query) * kAsksPerProbe + asked.query;
        return asked;
    }

    struct Asked
    {
        std::size_t probe;
        int ask;
    };
    std::optional<Asked> askOf(int methodIndex) const
    {
        const int perHop = m_config.queries * kAsksPerProbe;
        if (methodIndex < 0)
            return std::nullopt;
        const int query = methodIndex % perHop;
        const auto probe = static_cast<std::size_t>(methodIndex / perHop * m_config.queries +
                                                    query % m_config.queries);
        if (probe >= m_probes.size())
            return std::nullopt;
        return Asked{probe, query / m_config.queries};
    }

    Status runParallel()
    {
        // The probes of a TTL leave together, in probe order, as far as the window of TTLs in
        // flight reaches: sequence numbers then rise in the order the destination sees them,
        // which keeps its TCP answering each SYN in turn.
        for (;;) {
            if (const Status sent = sendWindow(); !sent)
                return sent;
            if (m_cancelled || finished())
                return {};
            const std::int64_t deadline =
                std::min({earliestDeadline(), windowGrowsAt(), nextSendAt()});
            if (deadline == std::numeric_limits<std::int64_t>::max())
                return {}; // nothing left in flight or to send
            if (!waitUntil(deadline))
                return waitStopped();
        }
    }

    // The highest TTL that may be probed now: a little past the farthest TTL that answered or
    // settled, so that a trace does not flood the TTLs past the destination.
    int windowEnd() const
    {
        int reached = std::max(m_farthestAnswer, m_nextTtlToSettle - 1);
        // Below where the last round found the destination, answers only confirm it is there.
        if (reached < m_config.expectedEndTtl)
            reached = 0;
        return std::min(lastTtl(), std::max(m_grownWindowEnd, reached + kTtlsAheadOfAnswers));
    }

    Status sendWindow()
    {
        const int end = windowEnd();
        for (; m_nextToSend < m_probes.size(); ++m_nextToSend) {
            Probe &probe = m_probes[m_nextToSend];
            if (probe.slot.ttl > end || probe.slot.ttl > lastTtl())
                break; // past the window, or the end is known already
            if (m_pilot == Pilot::Waiting && m_nextToSend >= 1)
                break; // until the pair's answers tell how fast the path takes probes
            if (m_gapNs > 0 && m_transport.nowNs() < m_nextSendAtNs)
                break;
            if (m_cancel.isCancelled())
                return cancelled();
            if (const Status sent = send(probe); !sent)
                return sent;
            if (m_pilot == Pilot::Waiting) {
                if (const Status sent = sendPaceProbe(probe); !sent)
                    return sent;
            }
            m_lastWindowSendNs = probe.sentNs;
            m_nextSendAtNs = probe.sentNs + m_gapNs;
            takeArrived();
            if (!m_sendError)
                return m_sendError;
        }
        return {};
    }

    // When a probe held back (waiting for the pace probe's answer, or to keep the gap between
    // probes) may go; never while nothing is held back.
    std::int64_t nextSendAt() const
    {
        if (m_nextToSend >= m_probes.size())
            return std::numeric_limits<std::int64_t>::max();
        const ProbeSlot &next = m_probes[m_nextToSend].slot;
        if (next.ttl > windowEnd() || next.ttl > lastTtl())
            return std::numeric_limits<std::int64_t>::max();
        if (m_pilot == Pilot::Waiting)
            return m_pilotEndsAtNs;
        return m_gapNs > 0 ? m_nextSendAtNs : std::numeric_limits<std::int64_t>::max();
    }

    // The first probe leaves with a pace probe right behind it, to the same TTL under an
    // identity of its own (the last ask's, which a single trace never uses). Answered, the two
    // come back as far apart as the slowest link on the way makes them (its time per packet,
    // probe or answer): when that is more than they left apart, every probe after them keeps
    // that gap, so that none waits in a queue behind another and each round trip is the
    // path's, as ping measures it. The pace probe's answer is no sample of the path.
    Status sendPaceProbe(const Probe &first)
    {
        const auto sentNs =
            m_transport.send(m_method.build(methodSlot(first.slot, kAsksPerProbe - 1)));
        if (!sentNs)
            return sentNs.error();
        m_paceSentNs = *sentNs;
        m_pilotEndsAtNs = first.sentNs + kPilotAllowanceNs;
        return {};
    }

    bool isPaceAnswer(const Asked &asked) const
    {
        return m_config.budgetRefillNs == 0 && asked.probe == 0 && asked.ask == kAsksPerProbe - 1;
    }

    void learnGap()
    {
        const Probe &first = m_probes.front();
        if (m_pilot != Pilot::Waiting || m_paceReceivedNs == 0 || first.state != State::Answered)
            return;
        // Arriving farther apart than they left, the pair queued on the way, and the spacing it
        // arrived with is what the slowest link needs between probes (however close they left).
        const std::int64_t sentApart = m_paceSentNs - first.sentNs;
        const std::int64_t receivedApart = m_paceReceivedNs - first.reply->receivedNs;
        if (receivedApart - sentApart >= kSmallestGapNs)
            m_gapNs = std::min(std::max(m_gapNs, receivedApart), kLargestGapNs);
        m_pilot = Pilot::Done;
    }

    // A window whose TTLs stay silent grows once they have had as long as the slowest answer so
    // far (or the first-answer allowance), so that a silent stretch does not wait for the timeout.
    std::int64_t windowGrowsAt() const
    {
        if (m_nextToSend >= m_probes.size() || m_probes[m_nextToSend].slot.ttl > lastTtl() ||
            m_probes[m_nextToSend].slot.ttl <= windowEnd())
            return std::numeric_limits<std::int64_t>::max(); // nothing to send, or not held by it
        // Up to where the last round found the destination, its answer or its timeout decides.
        if (m_nextTtlToSettle <= m_config.expectedEndTtl)
            return std::numeric_limits<std::int64_t>::max();
        std::int64_t slowest = 0;
        for (const std::int64_t rtt : m_slowestReplyNs)
            slowest = std::max(slowest, rtt);
        const std::int64_t allowance = slowest > 0
                                           ? kAdaptiveWaitMultiple * slowest + kAdaptiveWaitMarginNs
                                           : kSilentWindowAllowanceNs;
        return std::min(m_lastWindowSendNs + allowance, m_lastWindowSendNs + m_config.timeoutNs);
    }

    Status runSequential()
    {
        for (Probe &probe : m_probes) {
            if (probe.slot.ttl > lastTtl())
                break;
            if (m_cancel.isCancelled())
                return cancelled();
            if (const Status sent = send(probe); !sent)
                return sent;
            while (probe.state == State::Pending) {
                if (!waitUntil(probe.sentNs + m_config.timeoutNs))
                    return waitStopped();
            }
        }
        return {};
    }

    // Why a wait returned false: a second chance that could not be sent, or else cancellation.
    Status waitStopped() { return m_sendError ? cancelled() : m_sendError; }

    Status cancelled()
    {
        m_cancelled = true;
        return {};
    }

    // Takes in what has already arrived, without waiting: answers that come in while the burst
    // is still going out are seen at once (sockets without kernel timestamps need that).
    void takeArrived()
    {
        for (int drained = 0; drained < kMaxDrainedPerWait; ++drained) {
            auto packet = m_transport.receive(0, m_cancel);
            if (!packet)
                return;
            handle(*packet);
        }
    }

    // Takes in what arrives before `deadlineNs` and everything already queued, then times out
    // what is due. A probe's fate depends on when its answer reached the kernel, never on when
    // this loop got round to reading it. False if cancelled.
    bool waitUntil(std::int64_t deadlineNs)
    {
        auto packet = m_transport.receive(deadlineNs, m_cancel);
        const std::int64_t nowNs = m_transport.nowNs();
        for (int drained = 0; packet && drained < kMaxDrainedPerWait; ++drained) {
            handle(*packet);
            packet = m_transport.receive(nowNs, m_cancel); // only what arrived by now
        }
        if (packet)
            handle(*packet);
        if (m_cancel.isCancelled() || !m_sendError)
            return false;
        if (const Status expired = expire(nowNs); !expired) {
            m_sendError = expired;
            return false;
        }
        if (m_config.mode == TraceMode::Parallel && nowNs >= windowGrowsAt())
            m_grownWindowEnd = windowEnd() + kTtlsAheadOfAnswers;
        if (m_pilot == Pilot::Waiting &&
            (nowNs >= m_pilotEndsAtNs || m_probes.front().state == State::TimedOut))
            m_pilot = Pilot::Done; // the pair is slow, silent or lost: go on as it is
        return true;
    }

    void handle(const ReceivedPacket &packet)
    {
        const auto match = m_method.match(packet);
        if (!match)
            return;
        Probe *probe = nullptr;
        int ask = 0;
        if (match->probeIndex) {
            const auto asked = askOf(*match->probeIndex);
            if (!asked)
                return;
            if (isPaceAnswer(*asked)) {
                if (m_paceReceivedNs == 0 && match->reply.receivedNs >= m_paceSentNs)
                    m_paceReceivedNs = match->reply.receivedNs;
                learnGap();
                return;
            }
            probe = &m_probes[asked->probe];
            ask = asked->ask;
        } else {
            probe = earliestPendingOfFlow(match->flow);
            ask = probe ? probe->ask : 0;
        }
        const std::int64_t receivedNs = match->reply.receivedNs;
        if (!probe || probe->state != State::Pending || probe->slot.flow != match->flow ||
            ask > probe->ask || receivedNs < probe->askSentNs[static_cast<std::size_t>(ask)] ||
            receivedNs > answerDeadline(*probe, ask))
            return; // late, duplicated, or not plausibly this probe's
        if (const auto tooBig = tooBigFor(*probe, match->reply)) {
            if (*tooBig == TooBig::Stale)
                return;
            if (const Status sent = send(*probe, ask); !sent)
                m_sendError = sent;
            return;
        }
        const std::int64_t askSentNs = probe->askSentNs[static_cast<std::size_t>(ask)];
        m_farthestAnswer = std::max(m_farthestAnswer, probe->slot.ttl);
        auto &slowest = m_slowestReplyNs[static_cast<std::size_t>(probe->slot.ttl)];
        slowest = std::max(slowest, receivedNs - askSentNs);
        if (m_config.budgetRefillNs > 0 && ask == 1) {
            // The router had budget to answer at once: the first ask was lost on the way.
            probe->state = State::TimedOut;
            probe->sentNs = probe->askSentNs[0];
            m_observer.probeFinished(event(*probe));
            settleHops();
            return;
        }
        probe->state = State::Answered;
        probe->sentNs = askSentNs;
        probe->reply = match->reply;
        if (probe == &m_probes.front()) {
            // The pace probe's answer is due about as long after this one as this one took.
            m_pilotEndsAtNs = std::min(m_pilotEndsAtNs, 2 * receivedNs - askSentNs + kPaceSlackNs);
            learnGap();
        }
        if (match->reply.endsPath())
            endPathAt(probe->slot.ttl, match->reply);
        m_observer.probeFinished(event(*probe));
        settleHops();
    }

    enum class TooBig { Shrunk, Stale };
    // Path MTU discovery: a router's word that the probe is larger than its next link carries.
    // The size shrinks to the MTU it names (or the next common MTU below, when it names none),
    // and the probe goes again; an answer about a larger send than the probe's latest is stale.
    // Nothing for every other reply, and for a size no path may shrink to: that ends the path.
    std::optional<TooBig> tooBigFor(const Probe &probe, const ProbeReply &reply)
    {
        if (m_config.probeSize == 0 || !reply.quote || !reply.quote->nextHopMtu)
            return std::nullopt;
        const auto named = static_cast<std::int64_t>(*reply.quote->nextHopMtu);
        const int mtu = named > 0 ? static_cast<int>(std::min<std::int64_t>(named, kMaxProbeSize))
                                  : mtuPlateauBelow(probe.size);
        if (probe.size <= mtu)
            return TooBig::Stale;
        const int smallest = reply.responder.isV4() ? kMinMtuV4 : kMinMtuV6;
        if (mtu < smallest)
            return std::nullopt;
        // One drop per router: one that names no MTU is asked down the common ones until a
        // size fits, and only the size that passed it is its drop.
        auto drop = std::find_if(m_mtuDrops.begin(), m_mtuDrops.end(), [&](const MtuDrop &known) {
            return known.router == reply.responder;
        });
        if (drop == m_mtuDrops.end() && mtu < m_probeSize)
            drop =
                m_mtuDrops.insert(m_mtuDrops.end(), MtuDrop{probe.slot.ttl, reply.responder, mtu});
        if (drop != m_mtuDrops.end()) {
            drop->ttl = std::min(drop->ttl, probe.slot.ttl); // the nearest probe it stopped
            drop->mtu = std::min(drop->mtu, mtu);
        }
        m_probeSize = std::min(m_probeSize, mtu);
        return TooBig::Shrunk;
    }

    // Until when an answer to `ask` is taken: the latest ask's own deadline, and for an earlier
    // ask, whose answer may just be slow, its whole timeout while the probe is still open.
    std::int64_t answerDeadline(const Probe &probe, int ask) const
    {
        if (ask == probe.ask && probe.nextAskAtNs == 0)
            return deadlineOf(probe);
        return probe.askSentNs[static_cast<std::size_t>(ask)] + m_config.timeoutNs;
    }

    Probe *earliestPendingOfFlow(int flow)
    {
        for (Probe &probe : m_probes)
            if (probe.state == State::Pending && probe.slot.flow == flow)
                return &probe;
        return nullptr;
    }

    void endPathAt(int ttl, const ProbeReply &reply)
    {
        if (m_endTtl > 0 && m_endTtl <= ttl)
            return;
        m_endTtl = ttl;
        m_end =
            reply.kind == ReplyKind::DestinationReply ? PathEnd::Destination : PathEnd::Unreachable;
        for (Probe &probe : m_probes)
            if (probe.slot.ttl > ttl && probe.state == State::Pending)
                probe.state = State::Discarded;
    }

    // When the probe's latest ask is given up, or its last ask is due.
    std::int64_t deadlineOf(const Probe &probe) const
    {
        if (probe.nextAskAtNs > 0)
            return probe.nextAskAtNs;
        const std::int64_t sentNs = probe.askSentNs[static_cast<std::size_t>(probe.ask)];
        std::int64_t deadline = sentNs + m_config.timeoutNs;
        if (m_config.mode == TraceMode::Sequential)
            return deadline; // one probe at a time, each given the whole timeout
        // One timeout for the whole trace: TTLs sent later, as the window grew, share it.
        if (probe.ask == 0)
            deadline = std::min(deadline, m_probes.front().askSentNs[0] + m_config.timeoutNs);
        // When its answer would have come: as late as the slowest answer at its own TTL, or else
        // at the nearest later TTL that answered (a router's answer travels the links to it).
        std::int64_t reference = 0;
        for (std::size_t ttl = static_cast<std::size_t>(probe.slot.ttl);
             ttl < m_slowestReplyNs.size() && reference == 0; ++ttl)
            reference = m_slowestReplyNs[ttl];
        if (reference > 0)
            deadline = std::min(deadline,
                                sentNs + kAdaptiveWaitMultiple * reference + kAdaptiveWaitMarginNs);
        return deadline;
    }

    std::int64_t earliestDeadline() const
    {
        std::int64_t earliest = std::numeric_limits<std::int64_t>::max();
        for (const Probe &probe : m_probes)
            if (probe.state == State::Pending)
                earliest = std::min(earliest, deadlineOf(probe));
        return earliest;
    }

    Status expire(std::int64_t nowNs)
    {
        bool changed = false;
        for (Probe &probe : m_probes) {
            if (probe.state != State::Pending || deadlineOf(probe) > nowNs)
                continue;
            if (probe.nextAskAtNs > 0) {
                if (const Status sent = send(probe, probe.ask + 1); !sent)
                    return sent;
                continue;
            }
            if (secondChanceDue(probe)) {
                if (m_config.budgetRefillNs > 0 && probe.ask == 1) {
                    probe.nextAskAtNs = probe.askSentNs[1] + m_config.budgetRefillNs;
                } else if (const Status sent = send(probe, probe.ask + 1); !sent) {
                    return sent;
                }
                continue;
            }
            probe.state = State::TimedOut;
            probe.sentNs = probe.askSentNs[0];
            m_observer.probeFinished(event(probe));
            changed = true;
        }
        if (changed)
            settleHops();
        return {};
    }

    // Whether an unanswered probe is asked again: only where its router is known to answer, so
    // that a silent router is called silent as soon as before.
    bool secondChanceDue(const Probe &probe) const
    {
        if (m_config.mode != TraceMode::Parallel || m_cancel.isCancelled())
            return false;
        const int ttl = probe.slot.ttl;
        const bool answeredBefore = m_answeredBefore[static_cast<std::size_t>(ttl)];
        if (m_config.budgetRefillNs == 0) // a single trace: one more ask, at once
            return probe.ask == 0 && (answeredBefore || hopAnswered(ttl));
        // Monitoring: a router that answered last round falls silent while later ones answer.
        return probe.ask < 2 && answeredBefore && !hopAnswered(ttl) && m_farthestAnswer > ttl;
    }

    bool hopAnswered(int ttl) const
    {
        const auto [first, last] = probesOfTtl(ttl);
        return std::any_of(first, last,
                           [](const Probe &probe) { return probe.state == State::Answered; });
    }

    std::pair<std::vector<Probe>::const_iterator, std::vector<Probe>::const_iterator>
    probesOfTtl(int ttl) const
    {
        const auto first = static_cast<long>((ttl - 1) * m_config.flows * m_config.queries);
        const auto count = static_cast<long>(m_config.flows * m_config.queries);
        return {m_probes.begin() + first, m_probes.begin() + first + count};
    }

    bool hopSettled(int ttl) const
    {
        const auto [first, last] = probesOfTtl(ttl);
        return std::all_of(first, last, [](const Probe &probe) {
            return probe.state == State::Answered || probe.state == State::TimedOut;
        });
    }

    void settleHops()
    {
        while (!finished() && hopSettled(m_nextTtlToSettle))
            m_observer.hopSettled(m_nextTtlToSettle++);
    }

    static ProbeEvent event(const Probe &probe)
    {
        ProbeEvent event;
        event.slot = probe.slot;
        event.sentNs = probe.sentNs;
        event.reply = probe.reply;
        return event;
    }

    EngineOutcome outcome() const
    {
        EngineOutcome result;
        result.cancelled = m_cancelled;
        result.end = m_end;
        result.lastTtl = m_cancelled ? m_nextTtlToSettle - 1 : lastTtl();
        for (const Probe &probe : m_probes)
            if (probe.slot.ttl <= result.lastTtl &&
                (probe.state == State::Answered || probe.state == State::TimedOut))
                result.events.push_back(event(probe));
        if (m_config.probeSize > 0) {
            PathMtu &mtu = result.pathMtu.emplace();
            mtu.firstSize = m_config.probeSize;
            mtu.size = m_probeSize;
            mtu.drops = m_mtuDrops;
            std::sort(mtu.drops.begin(), mtu.drops.end(),
                      [](const MtuDrop &a, const MtuDrop &b) { return a.ttl < b.ttl; });
        }
        return result;
    }

    const EngineConfig &m_config;
    ProbeMethod &m_method;
    ProbeTransport &m_transport;
    ProbeObserver &m_observer;
    const CancelSignal &m_cancel;
    std::vector<Probe> m_probes;
    std::vector<std::int64_t> m_slowestReplyNs; // by TTL
    std::vector<bool> m_answeredBefore;         // by TTL
    int m_endTtl = 0;
    PathEnd m_end = PathEnd::NotReached;
    std::size_t m_nextToSend = 0; // the probes before it have been sent
    int m_farthestAnswer = 0;     // the highest TTL any answer came from
    // Before any answer: as far as the last round found the destination, or the first window;
    // grown while the TTLs in flight stay silent.
    int m_grownWindowEnd = m_config.expectedEndTtl > 0 ? m_config.expectedEndTtl : kFirstTtlWindow;
    std::int64_t m_lastWindowSendNs = 0;
    int m_nextTtlToSettle = 1;
    bool m_cancelled = false;
    Status m_sendError; // a second chance, or a smaller probe, that could not be sent

    // Pacing: the gap kept between probes, and whether the pace probe's answer is awaited to
    // learn it (a single trace's parallel probing).
    enum class Pilot { Waiting, Done };
    std::int64_t m_gapNs = m_config.probeGapNs;
    std::int64_t m_nextSendAtNs = 0;
    Pilot m_pilot = m_config.mode == TraceMode::Parallel && m_config.budgetRefillNs == 0 &&
                            m_config.probeGapNs == 0
                        ? Pilot::Waiting
                        : Pilot::Done;
    std::int64_t m_pilotEndsAtNs = 0;
    std::int64_t m_paceSentNs = 0;
    std::int64_t m_paceReceivedNs = 0;

    // Path MTU discovery: the size probes go at now, and where it shrank.
    int m_probeSize = m_config.probeSize;
    std::vector<MtuDrop> m_mtuDrops;
};

} // namespace

Expected<EngineOutcome> runProbeEngine(const EngineConfig &config, ProbeMethod &method,
                                       ProbeTransport &transport, ProbeObserver &observer,
                                       const CancelSignal &cancel)
{
    return Engine(config, method, transport, observer, cancel).run();
}

} // namespace hopscope
