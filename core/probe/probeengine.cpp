// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "probe/probeengine.h"

#include "probe/cancelsignal.h"
#include "probe/probetransport.h"

#include <algorithm>
#include <limits>

namespace hopscope {

namespace {

// Bounds the packets handled between two timeout checks on a flooded socket.
constexpr int kMaxDrainedPerWait = 4096;

// How long the first window's TTLs may stay silent before the window grows, when nothing has
// answered yet to tell how far answers take.
constexpr std::int64_t kSilentWindowAllowanceNs = 100'000'000;

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
        std::int64_t sentNs = 0;
        std::optional<ProbeReply> reply;
    };

    int lastTtl() const { return m_endTtl > 0 ? m_endTtl : m_config.maxTtl; }
    bool finished() const { return m_nextTtlToSettle > lastTtl(); }

    Status send(Probe &probe)
    {
        const auto sentNs = m_transport.send(m_method.build(probe.slot));
        if (!sentNs)
            return sentNs.error();
        probe.sentNs = *sentNs;
        probe.state = State::Pending;
        return {};
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
            const std::int64_t deadline = std::min(earliestDeadline(), windowGrowsAt());
            if (deadline == std::numeric_limits<std::int64_t>::max())
                return {}; // nothing left in flight or to send
            if (!waitUntil(deadline))
                return cancelled();
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
            if (m_cancel.isCancelled())
                return cancelled();
            if (const Status sent = send(probe); !sent)
                return sent;
            m_lastWindowSendNs = probe.sentNs;
            takeArrived();
        }
        return {};
    }

    // A window whose TTLs stay silent grows once they have had as long as the slowest answer so
    // far (or the first-answer allowance), so that a silent stretch does not wait for the timeout.
    std::int64_t windowGrowsAt() const
    {
        if (m_nextToSend >= m_probes.size() || m_probes[m_nextToSend].slot.ttl > lastTtl())
            return std::numeric_limits<std::int64_t>::max();
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
                    return cancelled();
            }
        }
        return {};
    }

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
        if (m_cancel.isCancelled())
            return false;
        expire(nowNs);
        if (m_config.mode == TraceMode::Parallel && nowNs >= windowGrowsAt())
            m_grownWindowEnd = windowEnd() + kTtlsAheadOfAnswers;
        return true;
    }

    void handle(const ReceivedPacket &packet)
    {
        const auto match = m_method.match(packet);
        if (!match)
            return;
        Probe *probe = match->probeIndex ? &m_probes[static_cast<std::size_t>(*match->probeIndex)]
                                         : earliestPendingOfFlow(match->flow);
        if (!probe || probe->state != State::Pending || probe->slot.flow != match->flow ||
            match->reply.receivedNs < probe->sentNs || match->reply.receivedNs > deadlineOf(*probe))
            return; // late, duplicated, or not plausibly this probe's
        probe->state = State::Answered;
        probe->reply = match->reply;
        m_farthestAnswer = std::max(m_farthestAnswer, probe->slot.ttl);
        auto &slowest = m_slowestReplyNs[static_cast<std::size_t>(probe->slot.ttl)];
        slowest = std::max(slowest, match->reply.receivedNs - probe->sentNs);
        if (match->reply.endsPath())
            endPathAt(probe->slot.ttl, match->reply);
        m_observer.probeFinished(event(*probe));
        settleHops();
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

    std::int64_t deadlineOf(const Probe &probe) const
    {
        std::int64_t deadline = probe.sentNs + m_config.timeoutNs;
        if (m_config.mode == TraceMode::Sequential)
            return deadline; // one probe at a time, each given the whole timeout
        // One timeout for the whole trace: TTLs sent later, as the window grew, share it.
        deadline = std::min(deadline, m_probes.front().sentNs + m_config.timeoutNs);
        // When its answer would have come: as late as the slowest answer at its own TTL, or else
        // at the nearest later TTL that answered (a router's answer travels the links to it).
        std::int64_t reference = 0;
        for (std::size_t ttl = static_cast<std::size_t>(probe.slot.ttl);
             ttl < m_slowestReplyNs.size() && reference == 0; ++ttl)
            reference = m_slowestReplyNs[ttl];
        if (reference > 0)
            deadline = std::min(deadline, probe.sentNs + kAdaptiveWaitMultiple * reference +
                                              kAdaptiveWaitMarginNs);
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

    void expire(std::int64_t nowNs)
    {
        bool changed = false;
        for (Probe &probe : m_probes) {
            if (probe.state == State::Pending && deadlineOf(probe) <= nowNs) {
                probe.state = State::TimedOut;
                m_observer.probeFinished(event(probe));
                changed = true;
            }
        }
        if (changed)
            settleHops();
    }

    bool hopSettled(int ttl) const
    {
        const auto first = static_cast<std::size_t>((ttl - 1) * m_config.flows * m_config.queries);
        const auto count = static_cast<std::size_t>(m_config.flows * m_config.queries);
        return std::all_of(
            m_probes.begin() + static_cast<long>(first),
            m_probes.begin() + static_cast<long>(first + count), [](const Probe &probe) {
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
        return result;
    }

    const EngineConfig &m_config;
    ProbeMethod &m_method;
    ProbeTransport &m_transport;
    ProbeObserver &m_observer;
    const CancelSignal &m_cancel;
    std::vector<Probe> m_probes;
    std::vector<std::int64_t> m_slowestReplyNs; // by TTL
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
};

} // namespace

Expected<EngineOutcome> runProbeEngine(const EngineConfig &config, ProbeMethod &method,
                                       ProbeTransport &transport, ProbeObserver &observer,
                                       const CancelSignal &cancel)
{
    return Engine(config, method, transport, observer, cancel).run();
}

} // namespace hopscope
