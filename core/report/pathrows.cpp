#include "report/pathrows.h"

#include "monitor/monitorsession.h"

#include <map>

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
        const MonitorRound whole = monitorRoundFromPath(path, 1);
        std::map<int, std::vector<ProbeSample>> byRound;
        for (const ProbeSample &probe : whole.probes)
            byRound[probe.round].push_back(probe);
        MonitorSession session;
        int number = 0;
        for (auto &[ignored, probes] : byRound) {
            MonitorRound round = whole;
            round.number = ++number;
            round.probes = std::move(probes);
            session.addRound(round);
        }
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
