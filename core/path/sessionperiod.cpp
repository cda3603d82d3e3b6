// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "path/sessionperiod.h"

#include <algorithm>
#include <map>
#include <tuple>

namespace hopscope {

namespace {

bool overlaps(std::int64_t firstUs, std::int64_t lastUs, std::int64_t fromUs, std::int64_t toUs)
{
    return firstUs <= toUs && lastUs >= fromUs;
}

// The session's folded buckets that overlap the period: a live session's rows hold them, a
// saved one's file does.
std::vector<MonitorHistoryBucket> bucketsWithin(const PathModel &session, std::int64_t fromUs,
                                                std::int64_t toUs)
{
    std::vector<MonitorHistoryBucket> within;
    for (const auto &[ttl, atTtl] : session.series())
        for (const PathModel::Series &series : atTtl)
            series.history.forEachBucket([&](const SampleBucket &bucket) {
                if (bucket.sent > 0 &&
                    overlaps(bucket.firstSentUs, bucket.lastSentUs, fromUs, toUs))
                    within.push_back(historyBucketOf(series, bucket));
            });
    if (const MonitorSummary *file = session.fileSummary())
        for (const MonitorHistoryBucket &bucket : file->history)
            if (overlaps(bucket.firstSentUs, bucket.lastSentUs, fromUs, toUs))
                within.push_back(bucket);
    return within;
}

// The period's probes kept one by one, in the rounds they ran, in the order the session took them.
std::vector<MonitorRound> roundsWithin(const PathModel &session, std::int64_t fromUs,
                                       std::int64_t toUs)
{
    std::map<int, std::vector<std::pair<std::uint32_t, ProbeSample>>> byRound;
    Hostnames names;
    std::string destination = session.header().destination.ipAddress;
    for (const auto &[ttl, atTtl] : session.series())
        for (const PathModel::Series &series : atTtl) {
            if (series.destination)
                destination = series.responder;
            if (!series.hostname.empty())
                names.emplace(series.responder, series.hostname);
            series.history.recent().forEach([&](const MonitorSample &sample) {
                if (sample.sentAtUs >= fromUs && sample.sentAtUs <= toUs)
                    byRound[sample.round].emplace_back(sample.order, probeSampleOf(series, sample));
            });
        }
    std::vector<MonitorRound> rounds;
    for (auto &[number, probes] : byRound) {
        std::sort(probes.begin(), probes.end(), [](const auto &a, const auto &b) {
            return std::tie(a.second.sentAtUs, a.first) < std::tie(b.second.sentAtUs, b.first);
        });
        MonitorRound round;
        round.number = number;
        round.startedUs = probes.front().second.sentAtUs;
        round.destination = destination;
        for (auto &[order, probe] : probes)
            round.probes.push_back(std::move(probe));
        rounds.push_back(std::move(round));
    }
    // The last round's end names every row there is by then: once is enough.
    if (!rounds.empty())
        rounds.back().hostnames = std::move(names);
    return rounds;
}

// A row's figures with its folded buckets counted in: what the buckets cannot tell is unknown.
void addBuckets(MonitorHop &row, const std::vector<const MonitorHistoryBucket *> &buckets)
{
    HopStatistics &stats = row.stats;
    double sum = stats.avgMs ? *stats.avgMs * stats.received : 0.0;
    for (const MonitorHistoryBucket *bucket : buckets) {
        stats.sent += bucket->sent;
        stats.received += bucket->received;
        if (bucket->avgMs) {
            sum += *bucket->avgMs * bucket->received;
            stats.minMs = stats.minMs ? std::min(*stats.minMs, *bucket->minMs) : *bucket->minMs;
            stats.maxMs = stats.maxMs ? std::max(*stats.maxMs, *bucket->maxMs) : *bucket->maxMs;
        }
        row.firstRound =
            row.firstRound > 0 ? std::min(row.firstRound, bucket->firstRound) : bucket->firstRound;
        row.lastRound = std::max(row.lastRound, bucket->lastRound);
    }
    stats.lossPercent = stats.sent > 0 ? 100.0 * (stats.sent - stats.received) / stats.sent : 0.0;
    stats.avgMs = stats.received > 0 ? std::optional<double>(sum / stats.received) : std::nullopt;
    stats.medianMs.reset();
    stats.p95Ms.reset();
    stats.stdDevMs.reset();
    stats.jitterMs.reset();
}

} // namespace

std::optional<PathModel> sessionPeriod(const PathModel &session, std::int64_t fromUs,
                                       std::int64_t toUs)
{
    const std::vector<MonitorRound> rounds = roundsWithin(session, fromUs, toUs);
    const std::vector<MonitorHistoryBucket> buckets = bucketsWithin(session, fromUs, toUs);
    if (rounds.empty() && buckets.empty())
        return std::nullopt;

    PathModel period(MonitorLimits{});
    period.setHeader(session.header());
    period.setMonitoring(session.intervalMs());
    for (const MonitorRound &round : rounds)
        period.addRound(round);
    MonitorSummary summary = period.summary();

    std::int64_t firstUs = rounds.empty() ? toUs : rounds.front().startedUs;
    std::int64_t lastUs = rounds.empty() ? fromUs : summary.endedUs;
    if (!buckets.empty()) {
        std::map<std::pair<int, std::string>, std::vector<const MonitorHistoryBucket *>> byRow;
        int firstFolded = 0;
        int lastFolded = 0;
        for (const MonitorHistoryBucket &bucket : buckets) {
            byRow[{bucket.ttl, bucket.responder}].push_back(&bucket);
            firstFolded =
                firstFolded > 0 ? std::min(firstFolded, bucket.firstRound) : bucket.firstRound;
            lastFolded = std::max(lastFolded, bucket.lastRound);
            firstUs = std::min(firstUs, bucket.firstSentUs);
            lastUs = std::max(lastUs, bucket.lastSentUs);
        }
        for (auto &[key, rowBuckets] : byRow) {
            auto row = std::find_if(summary.hops.begin(), summary.hops.end(),
                                    [&key](const MonitorHop &hop) {
                                        return hop.ttl == key.first && hop.responder == key.second;
                                    });
            if (row == summary.hops.end()) {
                MonitorHop added;
                added.ttl = key.first;
                added.responder = key.second;
                for (const MonitorHop &whole : session.hops())
                    if (whole.ttl == key.first && whole.responder == key.second) {
                        added.hostname = whole.hostname;
                        added.destination = whole.destination;
                    }
                row = summary.hops.insert(
                    std::upper_bound(
                        summary.hops.begin(), summary.hops.end(), added,
                        [](const MonitorHop &a, const MonitorHop &b) { return a.ttl < b.ttl; }),
                    std::move(added));
            }
            addBuckets(*row, rowBuckets);
        }
        // Rounds wholly folded come before the first one kept probe by probe.
        const int firstKept = rounds.empty() ? lastFolded + 1 : rounds.front().number;
        summary.rounds += std::max(0, std::min(lastFolded, firstKept - 1) - firstFolded + 1);
        summary.history = buckets;
    }
    // Route changes and alerts are timed by their rounds' starts, a little before the rounds'
    // first probes: the period starts with the earliest of them.
    summary.routeChanges.clear();
    for (const RouteChange &change : session.routeChanges())
        if (change.timeUs >= fromUs && change.timeUs <= toUs) {
            summary.routeChanges.push_back(change);
            firstUs = std::min(firstUs, change.timeUs);
        }
    summary.forgottenRouteChanges = 0;
    summary.alerts.clear();
    for (const AlertEvent &event : session.alerts())
        if (event.timeUs >= fromUs && event.timeUs <= toUs) {
            summary.alerts.push_back(event);
            firstUs = std::min(firstUs, event.timeUs);
        }
    summary.forgottenAlerts = 0;
    summary.startedUs = firstUs;
    summary.endedUs = lastUs;
    period.adoptFigures(summary);
    return period;
}

std::vector<SampleBucket> fileBucketsOf(const PathModel &session, int ttl,
                                        const std::string &responder)
{
    std::vector<SampleBucket> buckets;
    const MonitorSummary *file = session.fileSummary();
    if (!file)
        return buckets;
    for (const MonitorHistoryBucket &record : file->history) {
        if (record.ttl != ttl || record.responder != responder || record.sent <= 0)
            continue;
        SampleBucket bucket;
        bucket.firstSentUs = record.firstSentUs;
        bucket.lastSentUs = record.lastSentUs;
        bucket.firstRound = record.firstRound;
        bucket.lastRound = record.lastRound;
        bucket.sent = record.sent;
        bucket.received = record.received;
        if (record.avgMs && record.received > 0) {
            bucket.minMs = record.minMs.value_or(*record.avgMs);
            bucket.maxMs = record.maxMs.value_or(*record.avgMs);
            bucket.sumMs = *record.avgMs * record.received;
        } else {
            bucket.received = 0;
        }
        buckets.push_back(bucket);
    }
    return buckets;
}

std::vector<SampleBucket> timeSlices(const SampleHistory &history, std::int64_t fromUs,
                                     std::int64_t toUs, int count,
                                     const std::vector<SampleBucket> &older)
{
    std::vector<SampleBucket> slices;
    if (count <= 0 || toUs < fromUs)
        return slices;
    const double width = static_cast<double>(toUs - fromUs + 1) / count;
    std::vector<SampleBucket> all(static_cast<std::size_t>(count));
    const auto into = [&](std::int64_t atUs) -> SampleBucket * {
        if (atUs < fromUs || atUs > toUs)
            return nullptr;
        const auto slice = std::min<std::size_t>(
            static_cast<std::size_t>(static_cast<double>(atUs - fromUs) / width),
            static_cast<std::size_t>(count - 1));
        return &all[slice];
    };
    const auto addBucket = [&](const SampleBucket &bucket) {
        if (SampleBucket *slice = into(bucket.firstSentUs / 2 + bucket.lastSentUs / 2)) {
            if (slice->sent == 0)
                *slice = bucket;
            else
                slice->merge(bucket);
        }
    };
    for (const SampleBucket &bucket : older)
        addBucket(bucket);
    history.forEachBucket(addBucket);
    history.recent().forEach([&](const MonitorSample &sample) {
        if (SampleBucket *slice = into(sample.sentAtUs))
            slice->add(sample);
    });
    for (SampleBucket &slice : all)
        if (slice.sent > 0)
            slices.push_back(slice);
    return slices;
}

} // namespace hopscope
