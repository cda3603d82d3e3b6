// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "common/expected.h"
#include "probe/probemethod.h"
#include "probe/probetypes.h"
#include "probe/tracerequest.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace hopscope {

class CancelSignal;
class ProbeTransport;

struct EngineConfig
{
    int maxTtl = 30;
    int queries = 3;
    int flows = 1;
    std::int64_t timeoutNs = 1'000'000'000;
    TraceMode mode = TraceMode::Parallel;
    int expectedEndTtl = 0; // where the last round found the destination; 0: not known
    // The TTLs that answered in the last round of a session: a miss there may be a spent budget.
    std::vector<int> answeredBefore;
    // How a probe that went unanswered where its router is known to answer gets a second chance
    // (parallel probing only). 0, as in a single trace: it is asked once more at once, and that
    // answer counts. Otherwise, as in monitoring, which wants true loss figures: it is asked
    // again at once, and an answer then means the first ask was lost on the way; a router that
    // refuses that too is asked a last time this long after, when its ICMP budget has refilled,
    // and only that answer counts as the probe's.
    std::int64_t budgetRefillNs = 0;
    // The least time between two probes. 0: in parallel probing without budgets to mind (a single
    // trace), learnt from how far apart the first probe's answer and a pace probe's come back.
    std::int64_t probeGapNs = 0;
    // Path MTU discovery: the first probes' size in bytes, sent with don't-fragment; a probe a
    // router calls too big goes again at the size it names. 0: the smallest probes, no discovery.
    int probeSize = 0;
};

// Told of every probe as soon as its fate is known, and of each TTL once all its probes are
// settled, in rising TTL order. Called on the engine's thread.
class ProbeObserver
{
public:
    virtual ~ProbeObserver() = default;
    virtual void probeFinished(const ProbeEvent &event) { (void)event; }
    virtual void hopSettled(int ttl) { (void)ttl; }
    // Something the user should know about how the trace is made (degraded probing, say).
    virtual void notice(const std::string &message) { (void)message; }
    // The probes told of so far are void: the trace starts again another way (the helper that
    // sent them died, and this process sends them now).
    virtual void restarted() {}
};

enum class PathEnd { NotReached, Destination, Unreachable };

struct EngineOutcome
{
    std::vector<ProbeEvent> events; // every settled probe up to lastTtl, in probe order
    int lastTtl = 0;
    PathEnd end = PathEnd::NotReached;
    bool cancelled = false;
    std::optional<PathMtu> pathMtu; // when asked to find it
};

// Runs one trace to completion, cancellation, or a send error.
Expected<EngineOutcome> runProbeEngine(const EngineConfig &config, ProbeMethod &method,
                                       ProbeTransport &transport, ProbeObserver &observer,
                                       const CancelSignal &cancel);

// How long a probe is given once the hops around it have answered: this multiple of the round
// trip that tells when its answer would come (the slowest answer at its own TTL, or else at the
// nearest later TTL that answered), plus a margin, and never more than the timeout.
inline constexpr int kAdaptiveWaitMultiple = 2;
inline constexpr std::int64_t kAdaptiveWaitMarginNs = 5'000'000;

// Parallel probing sends TTLs up to this far past the farthest one that answered (and at first
// up to kFirstTtlWindow), so that few probes go past the destination to spend its ICMP budget.
inline constexpr int kFirstTtlWindow = 8;
inline constexpr int kTtlsAheadOfAnswers = 4;

// The gap kept between the probes of a session's rounds, which have a whole interval to send in
// and no pace probe to spare for a router's budget: a link of about 1 Mbit/s carries probes this
// far apart without queueing.
inline constexpr std::int64_t kPacedProbeGapNs = 1'000'000;

// A probe is asked at most this many times: first, at once again, and after its router's budget
// refilled. Methods number these asks as queries of their own (see engineQueries).
inline constexpr int kAsksPerProbe = 3;
// The queries a method must tell apart for a request of `queries`: every ask has its own.
inline constexpr int engineQueries(int queries)
{
    return queries * kAsksPerProbe;
}

} // namespace hopscope
