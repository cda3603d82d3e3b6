// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "common/expected.h"
#include "probe/probemethod.h"
#include "probe/probetypes.h"
#include "probe/tracerequest.h"

#include <cstdint>
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

} // namespace hopscope
