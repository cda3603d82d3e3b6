#pragma once

#include "path/monitorsummary.h"
#include "path/networkpath.h"

#include <vector>

namespace hopscope {

// The rows of a report or table for any NetworkPath: a monitoring session's own figures, the
// figures of a trace's probes, or for a file without probes (a Datadog payload) one RTT per hop.
struct PathRows
{
    std::vector<MonitorHop> hops; // by TTL, then responder; a silent TTL has an empty responder
    bool counted = false;         // sent, received and loss come from probes; else only RTTs are known
};

PathRows pathRows(const NetworkPath &path);

} // namespace hopscope
