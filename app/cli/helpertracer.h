// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "common/expected.h"
#include "probe/probeengine.h"
#include "trace/tracerun.h"

#include "client/traceworker.h"
#include "client/workerthread.h"

#include <memory>

namespace hopscope {
class CancelSignal;
} // namespace hopscope

namespace hopscope::cli {

// Without raw-socket permission of its own, the CLI asks the helper, as the GUI does.
bool tracesThroughHelper(const TraceRequest &request);

class HelperTracer;

// The rounds' tracer for a request: the helper (one for every round) when this process may not
// open raw sockets itself, this process otherwise.
class RoundTracers
{
public:
    explicit RoundTracers(const TraceRequest &request);
    ~RoundTracers();
    RoundTracers(const RoundTracers &) = delete;
    RoundTracers &operator=(const RoundTracers &) = delete;
    RoundTracer tracer();

private:
    std::unique_ptr<HelperTracer> m_helper;
};

// Runs rounds through the probe helper, as the GUI does: a TraceWorker on a thread of its own,
// its progress handed to the observer on this thread. One helper serves every round of the
// object's life; the worker says on the observer when it has to trace without the helper. A
// RoundTracer for runRounds. Needs a QCoreApplication.
class HelperTracer
{
public:
    HelperTracer();
    ~HelperTracer();
    HelperTracer(const HelperTracer &) = delete;
    HelperTracer &operator=(const HelperTracer &) = delete;

    // Fire `interrupt` to cancel.
    Expected<RoundOutcome> traceRound(const PreparedTrace &trace, ProbeObserver &observer,
                                      const CancelSignal &interrupt);

private:
    WorkerThread<TraceWorker> m_worker;
};

} // namespace hopscope::cli
