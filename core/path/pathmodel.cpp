// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "path/pathmodel.h"

#include "packet/unreachable.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace hopscope {

namespace {

bool isUnreachable(const ProbeSample &probe)
{
    if (!probe.icmpType)
        return false;
    return isUnreachableType(probe.responder.find(':') != std::string::npos, *probe.icmpType);
}

MonitorSample monitorSample(const ProbeSample &probe, int round, std::uint32_t order)
{
    MonitorSample sample;
    sample.order = order;
    sample.sentAtUs = probe.sentAtUs;
    sample.rttMs = probe.rttMs ? *probe.rttMs : std::numeric_limits<double>::quiet_NaN();
    sample.round = round;
    sample.flow = static_cast<std::uint8_t>(std::clamp(probe.flow, 0, 255));
    if (probe.icmpType && probe.icmpCode) {
        sample.hasIcmp = true;
        sample.icmpType = static_cast<std::uint8_t>(*probe.icmpType);
        sample.icmpCode = static_cast<std::uint8_t>(*probe.icmpCode);
    }
    if (probe.replyTtl && *probe.replyTtl > 0 && *probe.replyTtl <= 255)
        sample.replyTtl = static_cast<std::uint8_t>(*probe.replyTtl);
    return sample;
}

// A row keeps each distinct quote once; a probe names its quote by number. A row that met more
// distinct quotes than a number holds keeps the first ones.
std::uint8_t quoteNumber(PathModel::Series &series, const std::optional<ProbeQuote> &quote)
{
    if (!quote)
        return 0;
    const auto known = std::find(series.quotes.begin(), series.quotes.end(), *quote);
    if (known != series.quotes.end())
        return static_cast<std::uint8_t>(known - series.quotes.begin() + 1);
    if (series.quotes.size() >= 255)
        return 0;
    series.quotes.push_back(*quote);
    return static_cast<std::uint8_t>(series.quotes.size());
}

const ProbeQuote *quoteOf(const PathModel::Series &series, std::uint8_t number)
{
    return number > 0 && number <= series.quotes.size() ? &series.quotes[number - 1u] : nullptr;
}

Hostnames hostnamesOf(const NetworkPath &path)
{
    Hostnames names;
    for (const PathHop &hop : path.hops)
        if (hop.reachable && !hop.hostname.empty())
            names.emplace(hop.ipAddress, hop.hostname);
    if (!path.destination.reverseDnsHostname.empty())
        names.emplace(path.destination.ipAddress, path.destination.reverseDnsHostname);
    return names;
}

// The rounds a file's probes belong to, numbered from 1 in the order they ran.
std::vector<MonitorRound> roundsOf(const NetworkPath &path)
{
    std::map<int, std::vector<ProbeSample>> byRound;
    for (const ProbeSample &probe : path.hopscope->probes)
        byRound[probe.round].push_back(probe);
    std::vector<MonitorRound> rounds;
    for (auto &[ignored, probes] : byRound) {
        MonitorRound round;
        round.number = static_cast<int>(rounds.size()) + 1;
        round.startedUs = probes.front().sentAtUs;
        round.destination = path.destination.ipAddress;
        round.probes = std::move(probes);
        rounds.push_back(std::move(round));
    }
    // The last round's end names every row there is by then: once is enough.
    if (!rounds.empty())
        rounds.back().hostnames = hostnamesOf(path);
    return rounds;
}

} // namespace

PathModel::PathModel(const MonitorLimits &limits)
    : m_limits(limits), m_tracker(limits.confirmRounds)
{
}

void PathModel::setHeader(NetworkPath header)
{
    // The file's own AS numbers (traceroute's [AS...], Trippy, DataKit) outlive its hops as
    // owners of their addresses, so that every view asking the header finds them.
    std::map<std::string, AddressOwner> given;
    for (const PathHop &hop : header.hops)
        if (const auto owner = fileOwnerOf(hop); owner && !hop.ipAddress.empty())
            given.try_emplace(hop.ipAddress, *owner);
    hopscope::addOwners(header, given);
    header.hops.clear();
    if (header.hopscope) {
        header.hopscope->probes.clear();
        header.hopscope->monitor.reset();
    }
    m_header = std::move(header);
    m_original.reset();
}

void PathModel::addOwners(const std::map<std::string, AddressOwner> &owners)
{
    hopscope::addOwners(m_header, owners);
    if (m_original)
        hopscope::addOwners(*m_original, owners);
}

void PathModel::setMonitoring(int intervalMs)
{
    m_monitoring = true;
    m_intervalMs = intervalMs;
}

PathModel PathModel::fromPath(const NetworkPath &path, const MonitorLimits &limits)
{
    PathModel model(limits);
    model.setHeader(path);
    const bool probes = path.hopscope && !path.hopscope->probes.empty();
    const MonitorSummary *summary =
        path.hopscope && path.hopscope->monitor ? &*path.hopscope->monitor : nullptr;
    // Probe by probe, as a live session feeds them: the rows' latest probes, the links.
    if (probes)
        for (const MonitorRound &round : roundsOf(path))
            model.addRound(round);
    if (summary && !summary->hops.empty()) {
        // The session's (or the other tool's) own figures, over every round and not only the
        // probes the file still lists one by one.
        model.adoptFigures(*summary);
    } else if (!probes) {
        model.loadRows(path);
    }
    model.m_hops.reset();
    model.m_original = path;
    return model;
}

void PathModel::adoptFigures(const MonitorSummary &summary)
{
    m_givenRows = summary.hops;
    m_givenHistory = summary.history;
    m_routeChanges.assign(summary.routeChanges.begin(), summary.routeChanges.end());
    m_forgottenRouteChanges = static_cast<std::size_t>(summary.forgottenRouteChanges);
    m_alerts.clear();
    m_forgottenAlerts = static_cast<std::size_t>(summary.forgottenAlerts);
    for (const AlertEvent &event : summary.alerts)
        addAlert(event);
    m_rounds = summary.rounds;
    m_failedRounds = summary.failedRounds;
    m_firstRoundUs = summary.startedUs;
    m_latestRoundUs = summary.endedUs;
    m_latestRound = 0;
    for (const MonitorHop &hop : summary.hops)
        m_latestRound = std::max(m_latestRound, hop.lastRound);
    m_routeRound = m_latestRound;
    m_destinationTtl.reset();
    for (const MonitorHop &hop : summary.hops)
        if (hop.destination && hop.onRoute(m_routeRound) &&
            (!m_destinationTtl || hop.ttl < *m_destinationTtl))
            m_destinationTtl = hop.ttl;
    m_monitoring = summary.rounds > 0;
    m_intervalMs = summary.intervalMs;
    m_hops.reset();
}

// A hop list and nothing else: each hop's one RTT is all there is to know of it.
void PathModel::loadRows(const NetworkPath &path)
{
    std::vector<MonitorHop> rows;
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
        if (row.destination && (!m_destinationTtl || hop.ttl < *m_destinationTtl))
            m_destinationTtl = hop.ttl;
        rows.push_back(std::move(row));
    }
    m_givenRows = std::move(rows);
    m_counted = false;
    m_rounds = 1;
    m_latestRound = m_routeRound = 1;
    m_firstRoundUs = m_latestRoundUs = path.timestampMs * 1000;
}

PathModel::Series &PathModel::seriesFor(int ttl, const std::string &responder)
{
    std::vector<Series> &atTtl = m_series[ttl];
    const auto find = [&atTtl](const std::string &name) {
        return std::find_if(atTtl.begin(), atTtl.end(),
                            [&name](const Series &s) { return s.responder == name; });
    };
    if (const auto it = find(responder); it != atTtl.end())
        return *it;
    const bool full = static_cast<int>(atTtl.size()) >= m_limits.maxRespondersPerTtl;
    if (full) {
        if (const auto it = find(kOtherResponders); it != atTtl.end())
            return *it;
    }
    atTtl.emplace_back(ttl, full ? kOtherResponders : responder, m_limits.history);
    return atTtl.back();
}

void PathModel::beginRound(int number, std::int64_t startedUs, std::string destination)
{
    m_hops.reset();
    m_original.reset();
    if (m_rounds == 0)
        m_firstRoundUs = startedUs;
    ++m_rounds;
    m_latestRound = number;
    m_latestRoundUs = startedUs;
    m_roundDestination = std::move(destination);
    m_answeredThisRound.clear();
    m_roundFlows.clear();
    m_roundEndTtl.reset();
    m_heldBack.clear();
    m_observation = RouteObservation{};
    m_observation.round = number;
    m_observation.timeUs = startedUs;
}

bool PathModel::endsPath(const ProbeSample &probe) const
{
    return !probe.responder.empty() &&
           (probe.responder == m_roundDestination || isUnreachable(probe));
}

void PathModel::noteAnswer(const ProbeSample &probe)
{
    if (probe.responder.empty())
        return;
    m_answeredThisRound.try_emplace({probe.ttl, probe.flow}, probe.responder);
    m_observation.respondersByTtl[probe.ttl].insert(probe.responder);
    if (probe.responder == m_roundDestination &&
        (!m_observation.destinationTtl || probe.ttl < *m_observation.destinationTtl))
        m_observation.destinationTtl = probe.ttl;
}

void PathModel::addProbe(const ProbeSample &probe)
{
    m_roundFlows.insert(probe.flow);
    // Probes of higher TTLs leave before the end is known: one beyond a TTL where the path was
    // seen to end waits until the round ends and its last TTL is known.
    if (endsPath(probe))
        m_roundEndTtl = std::min(m_roundEndTtl.value_or(probe.ttl), probe.ttl);
    if (m_roundEndTtl && probe.ttl > *m_roundEndTtl) {
        m_heldBack.push_back(probe);
        return;
    }
    noteAnswer(probe);
    linkAsItLands(probe);
    countProbe(probe);
}

void PathModel::countProbe(const ProbeSample &probe)
{
    // A lost probe counts against the router its flow reaches at that TTL: this round's, or the
    // one seen last.
    std::string responder = probe.responder;
    const std::pair<int, int> slot{probe.ttl, probe.flow};
    if (responder.empty()) {
        if (const auto it = m_answeredThisRound.find(slot); it != m_answeredThisRound.end())
            responder = it->second;
        else if (const auto last = m_lastResponder.find(slot); last != m_lastResponder.end())
            responder = last->second;
    }
    m_hops.reset();
    Series &series = seriesFor(probe.ttl, responder);
    MonitorSample sample = monitorSample(probe, m_latestRound, m_probesTaken++);
    sample.quote = quoteNumber(series, probe.quote);
    if (sample.quote)
        series.latestQuote = sample.quote;
    if (sample.replyTtl > 0)
        series.latestReplyTtl = sample.replyTtl;
    series.history.add(sample);
    series.statistics.add(probe.rttMs);
    if (series.firstRound == 0)
        series.firstRound = m_latestRound;
    series.lastRound = m_latestRound;
    series.destination = !responder.empty() && responder == m_roundDestination;
    if (isUnreachable(probe))
        series.unreachableCode = probe.icmpCode;
}

// Links to the neighbours this flow has already shown, so that a graph grows as probes land.
void PathModel::linkAsItLands(const ProbeSample &probe)
{
    if (probe.responder.empty())
        return;
    for (const int ttl : {probe.ttl - 1, probe.ttl}) {
        const auto from = m_answeredThisRound.find({ttl, probe.flow});
        const auto to = m_answeredThisRound.find({ttl + 1, probe.flow});
        if (from != m_answeredThisRound.end() && to != m_answeredThisRound.end())
            m_edges.try_emplace(HopEdge{ttl, from->second, to->second}, 0);
    }
}

// Each flow of the round went one way through the TTLs: every link it took counts once.
void PathModel::countLinks(std::optional<int> lastTtl)
{
    int last = lastTtl.value_or(0);
    if (!lastTtl)
        for (const auto &[slot, responder] : m_answeredThisRound)
            last = std::max(last, slot.first);
    std::map<int, std::size_t> perTtl;
    for (const auto &[edge, count] : m_edges)
        ++perTtl[edge.ttl];
    for (const int flow : m_roundFlows) {
        for (int ttl = 1; ttl < last; ++ttl) {
            const auto from = m_answeredThisRound.find({ttl, flow});
            const auto to = m_answeredThisRound.find({ttl + 1, flow});
            HopEdge edge{ttl, from == m_answeredThisRound.end() ? std::string() : from->second,
                         to == m_answeredThisRound.end() ? std::string() : to->second};
            const auto it = m_edges.find(edge);
            if (it != m_edges.end())
                ++it->second;
            else if (perTtl[ttl]++ < m_limits.maxEdgesPerTtl)
                m_edges.emplace(std::move(edge), 1);
        }
    }
}

// An end seen at one TTL may turn out to lie beyond the real one, which a lower TTL found later
// in the round: what this round alone put there goes again.
void PathModel::forgetBeyond(int lastTtl)
{
    for (auto it = m_series.upper_bound(lastTtl); it != m_series.end();) {
        std::erase_if(it->second,
                      [this](const Series &series) { return series.firstRound == m_latestRound; });
        it = it->second.empty() ? m_series.erase(it) : std::next(it);
    }
    std::erase_if(m_edges, [lastTtl](const auto &edge) {
        return edge.first.ttl >= lastTtl && edge.second == 0;
    });
    std::erase_if(m_answeredThisRound,
                  [lastTtl](const auto &entry) { return entry.first.first > lastTtl; });
    m_observation.respondersByTtl.erase(m_observation.respondersByTtl.upper_bound(lastTtl),
                                        m_observation.respondersByTtl.end());
}

void PathModel::abandonRound()
{
    for (const auto &[slot, responder] : m_answeredThisRound)
        m_lastResponder[slot] = responder;
    m_heldBack.clear();
    // The round has ended: the route is read from it now.
    m_routeRound = m_latestRound;
    m_hops.reset();
}

std::vector<RouteChange> PathModel::endRound(const Hostnames &hostnames, std::optional<int> lastTtl)
{
    // What was held back and is part of the path after all, in sending order.
    std::vector<ProbeSample> heldBack = std::move(m_heldBack);
    m_heldBack.clear();
    std::stable_sort(
        heldBack.begin(), heldBack.end(),
        [](const ProbeSample &a, const ProbeSample &b) { return a.sentAtUs < b.sentAtUs; });
    const int end = lastTtl.value_or(m_roundEndTtl.value_or(std::numeric_limits<int>::max()));
    for (const ProbeSample &probe : heldBack)
        if (probe.ttl <= end)
            noteAnswer(probe);
    for (const ProbeSample &probe : heldBack)
        if (probe.ttl <= end) {
            linkAsItLands(probe);
            countProbe(probe);
        }
    if (lastTtl)
        forgetBeyond(*lastTtl);
    countLinks(lastTtl);
    abandonRound();
    m_hops.reset();
    m_destinationTtl = m_observation.destinationTtl;
    if (!hostnames.empty()) {
        for (auto &[ttl, atTtl] : m_series)
            for (Series &series : atTtl)
                if (const auto name = hostnames.find(series.responder); name != hostnames.end())
                    series.hostname = name->second;
        if (const auto name = hostnames.find(m_header.destination.ipAddress);
            name != hostnames.end())
            m_header.destination.reverseDnsHostname = name->second;
    }
    std::vector<RouteChange> changes = m_tracker.addRound(m_observation);
    for (const RouteChange &change : changes) {
        m_routeChanges.push_back(change);
        if (m_routeChanges.size() > m_limits.maxRouteChanges) {
            m_routeChanges.pop_front();
            ++m_forgottenRouteChanges;
        }
    }
    return changes;
}

std::vector<RouteChange> PathModel::addRound(const MonitorRound &round)
{
    beginRound(round.number, round.startedUs, round.destination);
    // Every answer first, so that a probe lost before its flow's answer in the same round is
    // still counted against that router; then the probes in sending order, so that "last" and
    // jitter follow time.
    for (const ProbeSample &probe : round.probes) {
        m_roundFlows.insert(probe.flow);
        noteAnswer(probe);
    }
    std::vector<const ProbeSample *> probes;
    for (const ProbeSample &probe : round.probes)
        probes.push_back(&probe);
    std::stable_sort(probes.begin(), probes.end(), [](const ProbeSample *a, const ProbeSample *b) {
        return a->sentAtUs < b->sentAtUs;
    });
    for (const ProbeSample *probe : probes) {
        linkAsItLands(*probe);
        countProbe(*probe);
    }
    int last = 0;
    for (const ProbeSample &probe : round.probes)
        last = std::max(last, probe.ttl);
    return endRound(round.hostnames, last);
}

const std::vector<MonitorHop> &PathModel::hops() const
{
    if (m_hops)
        return *m_hops;
    if (m_givenRows)
        return m_hops.emplace(*m_givenRows);
    std::vector<MonitorHop> &hops = m_hops.emplace();
    for (const auto &[ttl, atTtl] : m_series) {
        for (const Series &series : atTtl) {
            MonitorHop hop;
            hop.ttl = ttl;
            hop.responder = series.responder;
            hop.hostname = series.hostname;
            hop.destination = series.destination;
            hop.stats = series.statistics.statistics();
            hop.firstRound = series.firstRound;
            hop.lastRound = series.lastRound;
            hop.unreachableCode = series.unreachableCode;
            if (const ProbeQuote *quote = quoteOf(series, series.latestQuote))
                hop.quote = *quote;
            if (series.latestReplyTtl > 0)
                hop.replyTtl = series.latestReplyTtl;
            hops.push_back(std::move(hop));
        }
    }
    flagRateLimiting(hops);
    return hops;
}

void PathModel::flagRateLimiting(std::vector<MonitorHop> &hops) const
{
    // Loss per TTL on the current path, all responders together.
    std::map<int, std::pair<int, int>> sentReceived;
    int lastTtl = 0;
    for (const MonitorHop &hop : hops) {
        if (!hop.onRoute(m_routeRound))
            continue;
        auto &[sent, received] = sentReceived[hop.ttl];
        sent += hop.stats.sent;
        received += hop.stats.received;
        lastTtl = std::max(lastTtl, hop.ttl);
    }
    if (m_destinationTtl)
        lastTtl = *m_destinationTtl;
    const auto lossAt = [](const std::pair<int, int> &counts) {
        return counts.first > 0 ? 100.0 * (counts.first - counts.second) / counts.first : 0.0;
    };
    for (MonitorHop &hop : hops) {
        const auto here = sentReceived.find(hop.ttl);
        if (here == sentReceived.end() || hop.ttl >= lastTtl)
            continue;
        const double loss = lossAt(here->second);
        if (loss <= 0.0)
            continue;
        // Path loss carries on to every later hop; a router that only answers some of the
        // probes it forwards leaves later hops with far less loss than it shows itself.
        double laterLoss = 100.0;
        for (auto it = std::next(here); it != sentReceived.end() && it->first <= lastTtl; ++it)
            laterLoss = std::min(laterLoss, lossAt(it->second));
        hop.likelyRateLimited = laterLoss <= loss / 2.0;
    }
}

void PathModel::addAlert(AlertEvent event)
{
    m_alerts.push_back(std::move(event));
    while (m_alerts.size() > m_limits.maxAlerts) {
        m_alerts.pop_front();
        ++m_forgottenAlerts;
    }
}

MonitorSummary PathModel::summary() const
{
    MonitorSummary summary;
    summary.rounds = m_rounds;
    summary.failedRounds = m_failedRounds;
    summary.intervalMs = m_intervalMs;
    summary.startedUs = m_firstRoundUs;
    summary.endedUs = m_latestRoundUs;
    summary.hops = hops();
    summary.routeChanges.assign(m_routeChanges.begin(), m_routeChanges.end());
    summary.forgottenRouteChanges = static_cast<std::int64_t>(m_forgottenRouteChanges);
    summary.alerts.assign(m_alerts.begin(), m_alerts.end());
    summary.forgottenAlerts = static_cast<std::int64_t>(m_forgottenAlerts);
    if (m_givenHistory) {
        summary.history = *m_givenHistory;
        return summary;
    }
    for (const auto &[ttl, atTtl] : m_series)
        for (const Series &series : atTtl)
            series.history.forEachBucket([&summary, &series](const SampleBucket &bucket) {
                summary.history.push_back(historyBucketOf(series, bucket));
            });
    return summary;
}

std::map<int, TtlFigures> PathModel::latestTtlFigures() const
{
    // Only the rows on the latest route: a session's old hops say nothing about the path now.
    const int routeRound = m_routeRound;
    std::map<int, TtlFigures> byTtl;
    std::map<int, double> rttSum;
    for (const MonitorHop &hop : hops()) {
        if (!hop.onRoute(routeRound))
            continue;
        TtlFigures &at = byTtl[hop.ttl];
        at.sent += hop.stats.sent;
        at.received += hop.stats.received;
        if (hop.stats.avgMs) {
            rttSum[hop.ttl] += *hop.stats.avgMs * hop.stats.received;
            at.answered = true;
        }
        if (hop.stats.minMs)
            at.bestMs = std::min(at.bestMs.value_or(*hop.stats.minMs), *hop.stats.minMs);
        if (hop.stats.maxMs)
            at.worstMs = std::max(at.worstMs.value_or(*hop.stats.maxMs), *hop.stats.maxMs);
        at.rateLimited = at.rateLimited || hop.likelyRateLimited;
    }
    for (auto &[ttl, at] : byTtl)
        if (at.received > 0)
            at.avgMs = rttSum[ttl] / at.received;
    return byTtl;
}

std::map<HopEdge, int> PathModel::linksToDraw() const
{
    std::map<HopEdge, int> links = m_edges;
    std::map<int, std::vector<std::string>> columns;
    for (const MonitorHop &hop : hops())
        if (hop.onRoute(m_routeRound) && hop.responder != kOtherResponders)
            columns[hop.ttl].push_back(hop.responder);
    std::set<int> linked;
    for (const auto &[edge, count] : m_edges)
        linked.insert(edge.ttl);
    for (auto it = columns.begin(); it != columns.end(); ++it) {
        const auto next = std::next(it);
        if (next == columns.end() || next->first != it->first + 1 || linked.contains(it->first))
            continue;
        std::size_t added = 0;
        for (const std::string &from : it->second)
            for (const std::string &to : next->second)
                if (added++ < m_limits.maxEdgesPerTtl)
                    links.try_emplace(HopEdge{it->first, from, to}, 1);
    }
    return links;
}

int PathModel::lastTtl() const
{
    int last = hops().empty() ? 0 : hops().back().ttl;
    if (m_original)
        last = std::max(last, m_original->maxTtl());
    return last;
}

std::vector<PathHop> PathModel::latestHops() const
{
    // A file says itself which hops it has (another tool may list several hosts at a TTL whose
    // figures it gives once).
    if (m_original)
        return m_original->hops;
    std::vector<PathHop> latest;
    for (const MonitorHop &hop : hops()) {
        if (!hop.onRoute(m_routeRound) || hop.responder == kOtherResponders)
            continue;
        if (hop.responder.empty() || hop.stats.received == 0)
            latest.push_back(
                {hop.ttl, unknownHopName(hop.ttl), unknownHopName(hop.ttl), std::nullopt, false});
        else
            latest.push_back({hop.ttl, hop.responder, hop.hostname, hop.stats.avgMs, true,
                              hop.quote ? hop.quote->mpls : std::vector<MplsLabel>{}});
    }
    // A TTL with both a silent row and answering ones keeps only the answering ones.
    std::erase_if(latest, [&latest](const PathHop &hop) {
        return !hop.reachable &&
               std::any_of(latest.begin(), latest.end(), [&hop](const PathHop &other) {
                   return other.ttl == hop.ttl && other.reachable;
               });
    });
    return latest;
}

NetworkPath PathModel::toNetworkPath() const
{
    if (m_original)
        return *m_original;
    NetworkPath path = m_header;
    if (m_rounds > 0)
        path.timestampMs = m_firstRoundUs / 1000;
    path.hops = latestHops();
    HopscopeExtension extension = m_header.hopscope.value_or(HopscopeExtension{});
    std::vector<std::pair<std::uint32_t, ProbeSample>> probes;
    for (const auto &[ttl, atTtl] : m_series)
        for (const Series &series : atTtl)
            series.history.recent().forEach([&](const MonitorSample &sample) {
                probes.emplace_back(sample.order, probeSampleOf(series, sample));
            });
    std::sort(probes.begin(), probes.end(), [](const auto &a, const auto &b) {
        return std::tie(a.second.round, a.second.sentAtUs, a.first) <
               std::tie(b.second.round, b.second.sentAtUs, b.first);
    });
    extension.probes.clear();
    extension.probes.reserve(probes.size());
    for (auto &[order, probe] : probes)
        extension.probes.push_back(std::move(probe));
    // A single trace's probes belong to no round.
    if (!m_monitoring)
        for (ProbeSample &probe : extension.probes)
            probe.round = 0;
    extension.monitor.reset();
    if (m_monitoring)
        extension.monitor = summary();
    path.hopscope = std::move(extension);
    return path;
}

ProbeSample probeSampleOf(const PathModel::Series &series, const MonitorSample &sample)
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
    if (const ProbeQuote *quote = quoteOf(series, sample.quote))
        probe.quote = *quote;
    if (sample.replyTtl > 0)
        probe.replyTtl = sample.replyTtl;
    return probe;
}

MonitorHistoryBucket historyBucketOf(const PathModel::Series &series, const SampleBucket &bucket)
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

} // namespace hopscope
