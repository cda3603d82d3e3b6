#include "report/pathrows.h"

#include "monitor/monitorsession.h"


namespace hopscope {

PathRows pathRows(const NetworkPath &path)
{
    PathRows rows;
    if (path.hopscope && path.hopscope->monitor && !path.hopscope->monitor->hops.empty()) {
        rows.hops = path.hopscope->monitor->hops;
        rows.counted = true;
        return rows;
    }
    if (path.hopscope && !path.hopscope->probes.empty()) {
        // Round by round, as they were measured, so that route changes and rate limits read the same.
        MonitorSession session;
        for (const MonitorRound &round : monitorRoundsFromPath(path))
            session.addRound(round);
        rows.hops = session.hops();
        rows.counted = true;
        return rows;
    }
    for (const PathHop &hop : path.hops) {
        MonitorHop row;
        row.ttl = hop.ttl;
        if (hop.reachable) {
            row.responder = hop.ipAddress;
            row.hostname = hop.hostname == hop.ipAddress ? std::string() : hop.hostname;
        }
        row.destination = hop.reachable && hop.ipAddress == path.destination.ipAddress;
        const std::optional<double> rtt = hop.reachable ? hop.rttMs : std::nullopt;
        row.stats = computeHopStatistics(std::span<const std::optional<double>>(&rtt, 1));
        row.firstRound = row.lastRound = 1;
        rows.hops.push_back(std::move(row));
    }
    return rows;
}

} // namespace hopscope
