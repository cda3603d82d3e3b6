#pragma once

#include "common/expected.h"
#include "path/networkpath.h"
#include "probe/probeengine.h"

namespace hopscope {
class CancelSignal;
}

namespace hopscope::cli {

// Runs a trace through the probe helper, as the GUI does: a TraceWorker on a thread of its own,
// its progress handed to `observer` on this thread. The worker says on `observer` when it has to
// trace without the helper. Fires `interrupt` to cancel. Needs a QCoreApplication.
Expected<NetworkPath> traceThroughHelper(const TraceRequest &request, ProbeObserver &observer,
                                         const CancelSignal &interrupt);

} // namespace hopscope::cli
