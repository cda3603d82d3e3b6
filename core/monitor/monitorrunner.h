#pragma once

#include "common/expected.h"
#include "monitor/monitorsession.h"
#include "path/networkpath.h"
#include "probe/probeengine.h"

#include <functional>
#include <optional>

namespace hopscope {

class CancelSignal;

inline constexpr int kDefaultMonitorIntervalMs = 1000;
inline constexpr int kMinMonitorIntervalMs = 100;
inline constexpr int kMaxMonitorIntervalMs = 3'600'000;
inline constexpr int kMaxMonitorCount = 10'000'000;

struct MonitorSettings
{
    int intervalMs = kDefaultMonitorIntervalMs; // from the start of one round to the next
    std::optional<int> count;                   // rounds; until cancelled when empty
};

// Errors name the option and its range.
Status checkMonitorSettings(const MonitorSettings &settings);

// The request every round runs: the target's address instead of its name (resolved here, so
// call it off a GUI thread), and for TCP and UDP the flows' source ports fixed when the request
// left them to the system. Says on `observer` when no ports could be kept.
Expected<TraceRequest> prepareRoundRequest(const TraceRequest &request, ProbeObserver &observer);

// Runs one round: a whole trace. The CLI and the GUI pass the in-process engine or the helper.
using RoundTracer =
    std::function<Expected<NetworkPath>(const TraceRequest &request, ProbeObserver &observer, const CancelSignal &cancel)>;

// Told of every probe (as a ProbeObserver) and of each round as it ends. Called on the thread
// that runs the session.
class MonitorObserver : public ProbeObserver
{
public:
    virtual void roundStarted(int round) { (void)round; }
    // `path` is the round's own trace; `changes` the route changes this round confirmed.
    virtual void roundFinished(int round, const NetworkPath &path, const std::vector<RouteChange> &changes,
                               double durationSeconds)
    {
        (void)round, (void)path, (void)changes, (void)durationSeconds;
    }
    // A round after the first failed; the session goes on.
    virtual void roundFailed(int round, const Error &error) { (void)round, (void)error; }
};

// Traces `request` every `settings.intervalMs` into `session` until `settings.count` rounds
// have run or `cancel` fires, and returns the session's NetworkPath (monitorNetworkPath). The
// target is resolved once, and TCP and UDP rounds keep the same source ports, so that every
// round takes the flows' path. A failed first round ends the session with its error; later
// failures are counted and reported to `observer`. Cancelled before any round finished, it
// fails with "cancelled".
Expected<NetworkPath> runMonitor(const TraceRequest &request, const MonitorSettings &settings, MonitorSession &session,
                                 const RoundTracer &traceRound, MonitorObserver &observer, const CancelSignal &cancel);

} // namespace hopscope
