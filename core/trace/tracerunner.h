#pragma once

#include "common/expected.h"
#include "path/networkpath.h"
#include "probe/probeengine.h"
#include "probe/probetransport.h"

#include <functional>
#include <memory>

namespace hopscope {

class CancelSignal;
class TokenBucket;

// Opens the raw sockets for one trace; fails with "permission-denied" without CAP_NET_RAW.
using RawTransportOpener =
    std::function<Expected<std::unique_ptr<ProbeTransport>>(IpAddress::Family, Protocol)>;

// What a trace may use besides its request. In-process traces open raw sockets of their own and
// look up names; the helper hands out views of the sockets it opened before dropping its
// privileges, holds every trace to its ceiling, and never touches a resolver.
struct TraceEnvironment
{
    RawTransportOpener openRaw;          // RawSocketTransport::open when empty
    TokenBucket *sharedRateLimit = nullptr;
    bool literalTargetsOnly = false;     // refuse host names instead of resolving them
    bool rawFallsBackToUnprivileged = true; // false: a raw trace without raw sockets fails
};

// Limits every front end and the helper apply to a request.
inline constexpr int kMaxQueries = 10;
inline constexpr int kMaxFlows = 32;
inline constexpr int kMinTimeoutMs = 10;
inline constexpr int kMaxTimeoutMs = 60000;
inline constexpr int kMaxProbeRate = 10000; // probes per second
inline constexpr std::uint16_t kDefaultTcpPort = 443;
inline constexpr std::size_t kMaxTargetLength = 255;

// Checks ranges and fills defaults (the port: 443 for TCP, 33434 for UDP, none for ICMP).
// Errors name the option and its range.
Expected<TraceRequest> normaliseTraceRequest(TraceRequest request);

// Resolves the target, finds the route, sends the probes and returns the NetworkPath with
// reverse-DNS names (unless the request says not to). Streams every probe to `observer` as it
// settles. Fails with a code: invalid-request, unknown-host, no-route, permission-denied,
// not-supported, cancelled, socket-error.
Expected<NetworkPath> runTrace(const TraceRequest &request, ProbeObserver &observer,
                               const CancelSignal &cancel, const TraceEnvironment &environment = {});

// Looks up the reverse-DNS names of the destination and of every hop that answered, waiting two
// seconds at most, and writes them into the path.
void addHostnames(NetworkPath &path);

} // namespace hopscope
