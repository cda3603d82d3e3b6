#pragma once

#include "path/networkpath.h"
#include "probe/probeengine.h"
#include "trace/network.h"

#include <string>
#include <unordered_map>

namespace hopscope {

// Everything about a finished trace that is not a probe outcome.
struct TraceContext
{
    TraceRequest request;
    IpAddress destination;
    RouteInfo route;
    std::string sourceHostname;
    std::int64_t startedMs = 0;
    std::string pathId;
    std::string toolVersion;
    std::string probing; // "raw" or "unprivileged"
};

// The NetworkPath of a trace: one hop per responder per TTL up to the last TTL (its RTT the
// median of that responder's replies there), a silent hop for each TTL nobody answered, and
// every probe in the `hopscope` extension. Hop hostnames are left empty for nameNetworkPath().
NetworkPath buildNetworkPath(const TraceContext &context, const EngineOutcome &outcome);

// A settled probe as the NetworkPath keeps it.
ProbeSample probeSampleOf(const ProbeEvent &event);

// The destination and every hop that answered, each address once.
std::vector<IpAddress> addressesToName(const NetworkPath &path);

// Fills the reverse-DNS names of the destination and of every hop that answered, from
// `hostnames` keyed by address text; addresses without a name keep an empty one.
void nameNetworkPath(NetworkPath &path, const std::unordered_map<std::string, std::string> &hostnames);

} // namespace hopscope
