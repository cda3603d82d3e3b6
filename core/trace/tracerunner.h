#pragma once

#include "common/expected.h"
#include "path/networkpath.h"
#include "probe/probeengine.h"

namespace hopscope {

class CancelSignal;

// Limits every front end and the helper apply to a request.
inline constexpr int kMaxQueries = 10;
inline constexpr int kMaxFlows = 32;
inline constexpr int kMinTimeoutMs = 10;
inline constexpr int kMaxTimeoutMs = 60000;
inline constexpr std::uint16_t kDefaultTcpPort = 443;

// Checks ranges and fills defaults (the port: 443 for TCP, 33434 for UDP, none for ICMP).
// Errors name the option and its range.
Expected<TraceRequest> normaliseTraceRequest(TraceRequest request);

// Resolves the target, finds the route, sends the probes and returns the NetworkPath with
// reverse-DNS names (unless the request says not to). Streams every probe to `observer` as it
// settles. Fails with a code: invalid-request, unknown-host, no-route, permission-denied,
// not-supported, cancelled, socket-error.
Expected<NetworkPath> runTrace(const TraceRequest &request, ProbeObserver &observer,
                               const CancelSignal &cancel);

} // namespace hopscope
