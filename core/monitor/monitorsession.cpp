#include "monitor/monitorsession.h"

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

MonitorSample monitorSample(const ProbeSample &probe, int round)
{
    MonitorSample sample;
    sample.sentAtUs = probe.sentAtUs;
    sample.rttMs = probe.rttMs ? static_cast<float>(*probe.rttMs) : std::numeric_limits<float>::quiet_NaN();
    sample.round = round;
    sample.flow = static_cast<std::uint8_t>(std::clamp(probe.flow, 0, 255));
    if (probe.icmpType && probe.icmpCode) {
        sample.hasIcmp = true;
        sample.icmpType = static_cast<std::uint8_t>(*probe.icmpType);
        sample.icmpCode = static_cast<std::uint8_t>(*probe.icmpCode);
    }
    return sample;
}

} // namespace

MonitorRound monitorRoundFromPath(const NetworkPath &path, int number)
{
    MonitorRound round;
    round.number = number;
    round.startedUs = path.timestampMs * 1000;
    round.destination = path.destination.ipAddress;
    if (path.hopscope)
        round.probes = path.hopscope->probes;
    for (const PathHop &hop : path.hops)
        if (hop.reachable && !hop.hostname.empty())
            round.hostnames.emplace(hop.ipAddress, hop.hostname);
    if (!path.destination.reverseDnsHostname.empty())
        round.hostnames.emplace(path.destination.ipAddress, path.destination.reverseDnsHostname);
    return round;
}

std::vector<MonitorRound> monitorRoundsFromPath(const NetworkPath &path)
{
    MonitorRound whole = monitorRoundFromPath(path, 1);
    if (whole.probes.empty()) {
        std::map<int, int> flowAtTtl;
        for (const PathHop &hop : path.hops) {
            ProbeSample probe;
            probe.ttl = hop.ttl;
            probe.flow = flowAtTtl[hop.ttl]++;
            probe.sentAtUs = whole.startedUs;
            if (hop.reachable) {
                probe.responder = hop.ipAddress;
                probe.rttMs = hop.rttMs;
            }
            whole.probes.push_back(std::move(probe));
        }
    }
    std::map<int, std::vector<ProbeSample>> byRound;
    for (ProbeSample &probe : whole.probes)
        byRound[probe.round].push_back(std::move(probe));
    std::vector<MonitorRound> rounds;
    for (auto &[ignored, probes] : byRound) {
        MonitorRound round;
        round.number = static_cast<int>(rounds.size()) + 1;
        round.startedUs = probes.front().sentAtUs;
        round.destination = whole.destination;
        round.hostnames = whole.hostnames;
        round.probes = std::move(probes);
        rounds.push_back(std::move(round));
    }
    return rounds;
}

MonitorSession::MonitorSession(const MonitorLimits &limits) : m_limits(limits), m_tracker(limits.confirmRounds) {}

MonitorSession::Series &MonitorSession::seriesFor(int ttl, const std::string &responder)
{
    std::vector<Series> &atTtl = m_series[ttl];
    const auto find = [&atTtl](const std::string &name) {
        return std::find_if(atTtl.begin(), atTtl.end(), [&name](const Series &s) { return s.responder == name; });
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

void MonitorSession::beginRound(int number, std::int64_t startedUs, std::string destination)
{
    m_hops.reset();
    if (m_rounds == 0)
        m_firstRoundUs = startedUs;
    ++m_rounds;
    m_latestRound = number;
    m_latestRoundUs = startedUs;
    m_roundDestination = std::move(destination);
    m_answeredThisRound.clear();
    m_observation = RouteObservation{};
    m_observation.round = number;
    m_observation.timeUs = startedUs;
}

void MonitorSession::noteAnswer(const ProbeSample &probe)
{
    if (probe.responder.empty())
        return;
    m_answeredThisRound.try_emplace({probe.ttl, probe.flow}, probe.responder);
    m_observation.respondersByTtl[probe.ttl].insert(probe.responder);
    if (probe.responder == m_roundDestination
        && (!m_observation.destinationTtl || probe.ttl < *m_observation.destinationTtl))
        m_observation.destinationTtl = probe.ttl;
}

void MonitorSession::addProbe(const ProbeSample &probe)
{
    noteAnswer(probe);
    countProbe(probe);
}

void MonitorSession::countProbe(const ProbeSample &probe)
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
    series.history.add(monitorSample(probe, m_latestRound));
    series.statistics.add(probe.rttMs);
    if (series.firstRound == 0)
        series.firstRound = m_latestRound;
    series.lastRound = m_latestRound;
    series.destination = !responder.empty() && responder == m_roundDestination;
    if (isUnreachable(probe))
        series.unreachableCode = probe.icmpCode;
}

void MonitorSession::abandonRound()
{
    for (const auto &[slot, responder] : m_answeredThisRound)
        m_lastResponder[slot] = responder;
}

std::vector<RouteChange> MonitorSession::endRound(const std::unordered_map<std::string, std::string> &hostnames)
{
    abandonRound();
    m_hops.reset();
    m_destinationTtl = m_observation.destinationTtl;
    if (!hostnames.empty())
        for (auto &[ttl, atTtl] : m_series)
            for (Series &series : atTtl)
                if (const auto name = hostnames.find(series.responder); name != hostnames.end())
                    series.hostname = name->second;

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

std::vector<RouteChange> MonitorSession::addRound(const MonitorRound &round)
{
    beginRound(round.number, round.startedUs, round.destination);
    // Every answer first, so that a probe lost before its flow's answer in the same round is
    // still counted against that router; then the probes in sending order, so that "last" and
    // jitter follow time.
    for (const ProbeSample &probe : round.probes)
        noteAnswer(probe);
    std::vector<const ProbeSample *> probes;
    for (const ProbeSample &probe : round.probes)
        probes.push_back(&probe);
    std::stable_sort(probes.begin(), probes.end(),
                     [](const ProbeSample *a, const ProbeSample *b) { return a->sentAtUs < b->sentAtUs; });
    for (const ProbeSample *probe : probes)
        countProbe(*probe);
    return endRound(round.hostnames);
}

const std::vector<MonitorHop> &MonitorSession::hops() const
{
    if (m_hops)
        return *m_hops;
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
            hops.push_back(std::move(hop));
        }
    }
    flagRateLimiting(hops);
    return hops;
}

void MonitorSession::flagRateLimiting(std::vector<MonitorHop> &hops) const
{
    // Loss per TTL on the current path, all responders together.
    std::map<int, std::pair<int, int>> sentReceived;
    int lastTtl = 0;
    for (const MonitorHop &hop : hops) {
        if (!hop.onLatestRound(m_latestRound))
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

} // namespace hopscope
