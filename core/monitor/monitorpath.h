#pragma once

#include "monitor/monitorsession.h"
#include "path/networkpath.h"

namespace hopscope {

// The figures of a session for a file: every row, every route change kept, and the history too
// old to be listed probe by probe.
MonitorSummary monitorSummary(const MonitorSession &session, int intervalMs);

// The NetworkPath of a monitoring session: the latest round's source, destination and request;
// as hops, the responders of the latest round with their average over the session; every probe
// still kept one by one (with its round) and the summary in the `hopscope` extension.
NetworkPath monitorNetworkPath(const MonitorSession &session, const NetworkPath &latestRound, int intervalMs);

} // namespace hopscope
