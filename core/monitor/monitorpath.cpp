#include "monitor/monitorpath.h"

#include <algorithm>
#include <tuple>

namespace hopscope {

namespace {

ProbeSample probeSample(const MonitorSession::Series &series, const MonitorSample &sample)
{
    ProbeSample probe;
    probe.ttl = series.ttl;
    probe.flow = sample.flow;
    probe.sentAtUs = sample.sentAtUs;
    probe.round = sample.round;
    if (!sample.lost()) {
        probe.responder = series.responder;
        probe.rttMs = sample.rttMs;
    }
    if (sample.hasIcmp) {
        probe.icmpType = sample.icmpType;
        probe.icmpCode = sample.icmpCode;
    }
    return probe;
}

MonitorHistoryBucket historyBucket(const MonitorSession::Series &series, const SampleBucket &bucket)
{
    MonitorHistoryBucket record;
    record.ttl = series.ttl;
    record.responder = series.responder;
    record.firstSentUs = bucket.firstSentUs;
    record.lastSentUs = bucket.lastSentUs;
    record.firstRound = bucket.firstRound;
    record.lastRound = bucket.lastRound;
    record.sent = bucket.sent;
    record.received = bucket.received;
    if (bucket.received > 0) {
        record.minMs = bucket.minMs;
        record.avgMs = bucket.avgMs();
        record.maxMs = bucket.maxMs;
    }
    return record;
}

} // namespace

MonitorSummary monitorSummary(const MonitorSession &session, int intervalMs)
{
    MonitorSummary summary;
    summary.rounds = session.rounds();
    summary.failedRounds = session.failedRounds();
    summary.intervalMs = intervalMs;
    summary.startedUs = session.firstRoundUs();
    summary.endedUs = session.latestRoundUs();
    summary.hops = session.hops();
    summary.routeChanges.assign(session.routeChanges().begin(), session.routeChanges().end());
    summary.forgottenRouteChanges = static_cast<std::int64_t>(session.forgottenRouteChanges());
    for (const auto &[ttl, atTtl] : session.series())
        for (const MonitorSession::Series &series : atTtl)
            for (const SampleBucket &bucket : series.history.buckets())
                summary.history.push_back(historyBucket(series, bucket));
    return summary;
}

NetworkPath monitorNetworkPath(const MonitorSession &session, const NetworkPath &latestRound, int intervalMs)
{
    NetworkPath path = latestRound;
    path.timestampMs = session.firstRoundUs() / 1000;
    path.hops.clear();
    MonitorSummary summary = monitorSummary(session, intervalMs);
    for (const MonitorHop &hop : summary.hops) {
        if (!hop.onLatestRound(session.latestRound()) || hop.responder == kOtherResponders)
            continue;
        if (hop.responder.empty() || hop.stats.received == 0)
            path.hops.push_back({hop.ttl, unknownHopName(hop.ttl), unknownHopName(hop.ttl), std::nullopt, false});
        else
            path.hops.push_back({hop.ttl, hop.responder, hop.hostname, hop.stats.avgMs, true});
    }
    // A TTL with both a silent row and answering ones keeps only the answering ones.
    std::erase_if(path.hops, [&path](const PathHop &hop) {
        return !hop.reachable && std::any_of(path.hops.begin(), path.hops.end(), [&hop](const PathHop &other) {
                   return other.ttl == hop.ttl && other.reachable;
               });
    });

    HopscopeExtension extension = latestRound.hopscope.value_or(HopscopeExtension{});
    extension.probes.clear();
    for (const auto &[ttl, atTtl] : session.series())
        for (const MonitorSession::Series &series : atTtl)
            series.history.recent().forEach(
                [&](const MonitorSample &sample) { extension.probes.push_back(probeSample(series, sample)); });
    std::stable_sort(extension.probes.begin(), extension.probes.end(), [](const ProbeSample &a, const ProbeSample &b) {
        return std::tie(a.round, a.sentAtUs) < std::tie(b.round, b.sentAtUs);
    });
    extension.monitor = std::move(summary);
    path.hopscope = std::move(extension);
    return path;
}

} // namespace hopscope
