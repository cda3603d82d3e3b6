#include "monitor/monitorrunner.h"

#include "monitor/monitorpath.h"
#include "probe/cancelsignal.h"
#include "trace/network.h"
#include "trace/tracerunner.h"

#include <chrono>

namespace hopscope {

Expected<TraceRequest> prepareRoundRequest(const TraceRequest &request, ProbeObserver &observer)
{
    auto rounds = normaliseTraceRequest(request);
    if (!rounds)
        return rounds.error();
    const auto destination = resolveTarget(rounds->target, rounds->family);
    if (!destination)
        return destination.error();
    rounds->target = destination->toString();
    if (rounds->protocol == Protocol::Icmp || rounds->sourcePort)
        return rounds;
    const auto route = routeTo(*destination);
    if (!route)
        return route.error();
    const auto kind = rounds->protocol == Protocol::Tcp ? ReservedPorts::Kind::Tcp : ReservedPorts::Kind::Udp;
    rounds->sourcePort = findFreePortRange(route->source, rounds->flows, kind);
    if (!rounds->sourcePort)
        observer.notice("no free source ports to keep for the whole session: each round uses new ones, so "
                        "load balancers may send rounds different ways");
    return rounds;
}

Status checkMonitorSettings(const MonitorSettings &settings)
{
    if (settings.intervalMs < kMinMonitorIntervalMs || settings.intervalMs > kMaxMonitorIntervalMs)
        return Error{"invalid-request", "interval must be between " + std::to_string(kMinMonitorIntervalMs) + " and "
                                            + std::to_string(kMaxMonitorIntervalMs) + " ms (got "
                                            + std::to_string(settings.intervalMs) + ")"};
    if (settings.count && (*settings.count < 1 || *settings.count > kMaxMonitorCount))
        return Error{"invalid-request", "count must be between 1 and " + std::to_string(kMaxMonitorCount) + " (got "
                                            + std::to_string(*settings.count) + ")"};
    return {};
}

Expected<NetworkPath> runMonitor(const TraceRequest &request, const MonitorSettings &settings, MonitorSession &session,
                                 const RoundTracer &traceRound, MonitorObserver &observer, const CancelSignal &cancel)
{
    if (const Status checked = checkMonitorSettings(settings); !checked)
        return checked.error();
    const auto roundRequest = prepareRoundRequest(request, observer);
    if (!roundRequest)
        return roundRequest.error();

    using Clock = std::chrono::steady_clock;
    std::optional<NetworkPath> latest;
    auto nextStart = Clock::now();
    for (int round = 1; !settings.count || round <= *settings.count; ++round) {
        if (round > 1 && cancel.waitUntil(nextStart))
            break;
        const auto started = Clock::now();
        nextStart = started + std::chrono::milliseconds(settings.intervalMs);
        observer.roundStarted(round);
        auto path = traceRound(*roundRequest, observer, cancel);
        if (!path && path.error().code == "cancelled")
            break;
        if (!path) {
            if (!latest)
                return path.error();
            session.addFailedRound();
            observer.roundFailed(round, path.error());
            continue;
        }
        // The rounds trace the address; the user asked for the name.
        path->destination.hostname = request.target;
        if (path->hopscope && path->hopscope->request)
            path->hopscope->request->target = request.target;
        const auto changes = session.addRound(monitorRoundFromPath(*path, round));
        const double seconds = std::chrono::duration<double>(Clock::now() - started).count();
        observer.roundFinished(round, *path, changes, seconds);
        latest = std::move(*path);
    }
    if (!latest)
        return Error{"cancelled", "the session was cancelled before a round finished"};
    return monitorNetworkPath(session, *latest, settings.intervalMs);
}

} // namespace hopscope
