#pragma once

#include "common/expected.h"
#include "path/networkpath.h"
#include "probe/probeengine.h"

#include <QThread>

namespace hopscope {
class CancelSignal;
class TraceWorker;
} // namespace hopscope

namespace hopscope::cli {

// Without raw-socket permission of its own, the CLI asks the helper, as the GUI does.
bool tracesThroughHelper(const TraceRequest &request);

// Traces through the probe helper, as the GUI does: a TraceWorker on a thread of its own, its
// progress handed to the observer on this thread. One helper serves every trace of the object's
// life (the rounds of a monitoring session); the worker says on the observer when it has to
// trace without the helper. Needs a QCoreApplication.
class HelperTracer
{
public:
    HelperTracer();
    ~HelperTracer();
    HelperTracer(const HelperTracer &) = delete;
    HelperTracer &operator=(const HelperTracer &) = delete;

    // Fire `interrupt` to cancel.
    Expected<NetworkPath> trace(const TraceRequest &request, ProbeObserver &observer, const CancelSignal &interrupt);

private:
    QThread m_thread;
    TraceWorker *m_worker;
};

} // namespace hopscope::cli
