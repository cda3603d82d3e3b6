// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "monitor/routechange.h"
#include "monitor/routetracker.h"
#include "monitor/samplehistory.h"
#include "path/monitorsummary.h"
#include "path/networkpath.h"
#include "stats/runningstatistics.h"

#include <cstdint>
#include <deque>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <unordered_map>
#include <vector>

namespace hopscope {

class StateReader;
class StateWriter;

// Reverse-DNS names by address text.
using Hostnames = std::unordered_map<std::string, std::string>;

// One finished round of probes: a whole trace.
struct MonitorRound
{
    int number = 0; // counts from 1
    std::int64_t startedUs = 0;
    std::string destination; // the target's address
    std::vector<ProbeSample> probes;
    Hostnames hostnames; // by address, where known
};

// A link the probes of one flow took: from `from` at `ttl` to `to` at ttl + 1 ("" for a TTL
// that did not answer).
struct HopEdge
{
    int ttl = 0;
    std::string from;
    std::string to;
    bool operator<(const HopEdge &other) const
    {
        return std::tie(ttl, from, to) < std::tie(other.ttl, other.from, other.to);
    }
    bool operator==(const HopEdge &) const = default;
};

// A TTL's rows on the latest route folded together: every responder's probes at once.
struct TtlFigures
{
    int sent = 0;
    int received = 0;
    std::optional<double> avgMs; // weighted by replies over the TTL's responders
    std::optional<double> bestMs;
    std::optional<double> worstMs;
    bool rateLimited = false;
    bool answered = false;
    double lossPercent() const { return sent > 0 ? 100.0 * (sent - received) / sent : 0.0; }
};

// The row that counts the probes of a TTL's responders beyond `maxRespondersPerTtl`.
inline const std::string kOtherResponders = "*";

struct MonitorLimits
{
    SampleHistoryLimits history;
    int confirmRounds = 2;                // rounds a route change must hold before it is reported
    int maxRespondersPerTtl = 16;         // more are counted together as "*"
    std::size_t maxRouteChanges = 10'000; // older ones are counted, not kept
    std::size_t maxAlerts = 1'000;        // the same
    std::size_t maxEdgesPerTtl = 64;      // more links at one TTL are not told apart
};

// The one model of a path, whatever it came from: the probes of a live trace or monitoring
// session as they settle, or a saved or imported file. Every view reads it: the hop table, the
// graph (its rows and links), the RTT chart, reports, comparisons, the history's summary and
// `hopscope-cli show`; and it is what a path is saved from (toNetworkPath).
//
// A row is one responder at one TTL (or a TTL's silence) with its figures over every probe sent
// its way. A file without probes keeps its own figures: a monitoring session's or another tool's
// per-hop statistics stay exactly as the file has them, and a Datadog hop list gives each hop its
// one RTT, with loss and sent unknown (counted() is false).
//
// Memory is bounded: each row keeps its latest probes one by one and folds older ones; at most
// maxRespondersPerTtl rows per TTL, maxEdgesPerTtl links per TTL, maxRouteChanges changes. Not
// thread-safe: one owner feeds it and reads it between rounds.
class PathModel
{
public:
    // What the model keeps for one responder at one TTL.
    struct Series
    {
        Series(int atTtl, std::string from, const SampleHistoryLimits &limits)
            : ttl(atTtl), responder(std::move(from)), history(limits)
        {
        }
        int ttl;
        std::string responder;
        std::string hostname;
        bool destination = false;
        SampleHistory history;
        RunningStatistics statistics;
        int firstRound = 0;
        int lastRound = 0;
        std::optional<int> unreachableCode;
        // The distinct quotes its replies carried (samples name them by number, from 1), and
        // the number of the latest.
        std::vector<ProbeQuote> quotes;
        std::uint8_t latestQuote = 0;
        std::uint8_t latestReplyTtl = 0; // 0: none known
    };

    explicit PathModel(const MonitorLimits &limits = {});

    // A saved or imported path as the file has it: a monitoring session's or another tool's own
    // figures and route changes, a trace's probes round by round, or one row per hop of a file
    // without probes. toNetworkPath() then gives the file back as it was read.
    static PathModel fromPath(const NetworkPath &path, const MonitorLimits &limits = {});

    // A session's own figures over its rows' probes: the rows (`hops` then stands for them), the
    // route changes, rounds, times and folded buckets, as a saved session or another tool's file
    // has them, or as a period of a longer session counts them.
    void adoptFigures(const MonitorSummary &summary);

    // Everything a file says of the path besides its hops, probes and figures: when, from where,
    // to where, how. Set by whoever runs the rounds.
    void setHeader(NetworkPath header);
    const NetworkPath &header() const { return m_header; }
    // Owners found after the path was read: shown by every view, and kept when it is saved.
    void addOwners(const std::map<std::string, AddressOwner> &owners);
    // A monitoring session (its file gets the session's figures) rather than one trace.
    void setMonitoring(int intervalMs);
    bool isMonitoring() const { return m_monitoring; }
    int intervalMs() const { return m_intervalMs; }

    // A whole round at once: its probes in sending order, then the round's end.
    std::vector<RouteChange> addRound(const MonitorRound &round);
    // The same, a probe at a time as they settle, for a live display. A probe beyond a TTL where
    // the path was seen to end is held back until the round ends and its last TTL is known, and
    // what the round put beyond that TTL goes then, so that nothing past the destination counts.
    void beginRound(int number, std::int64_t startedUs, std::string destination);
    void addProbe(const ProbeSample &probe);
    // Ends the round: counts the probes held back up to `lastTtl`, names the rows, counts the
    // links each flow took, and returns the route changes the round confirmed.
    std::vector<RouteChange> endRound(const Hostnames &hostnames = {},
                                      std::optional<int> lastTtl = std::nullopt);
    // Ends a round that was cut short (cancelled, failed): its probes count, but what it saw of
    // the route is not compared with the others.
    void abandonRound();
    // A round whose trace failed (the network was down, say): counted, nothing else.
    void addFailedRound() { ++m_failedRounds; }
    // An alert the session's rules raised or cleared: marked on its timeline, counted in its
    // periods, and kept in its file.
    void addAlert(AlertEvent event);

    // Every row, by TTL, then in order of first appearance. Kept until the next change, so
    // that several views may ask after one another.
    const std::vector<MonitorHop> &hops() const;
    // Sent, received and loss come from probes (or from the file's own counts); false for a
    // hop list that gives one RTT per hop and nothing else.
    bool counted() const { return m_counted; }
    // Every link the probes' flows took, with how many rounds took it.
    const std::map<HopEdge, int> &edges() const { return m_edges; }
    // Every TTL's figures on the latest route, all its responders together.
    std::map<int, TtlFigures> latestTtlFigures() const;
    // The links a graph draws: those, and for a TTL of the latest route from which no known
    // link leaves (a file without probes, a silent TTL) a link from each of its rows to each row
    // of the next TTL, as nothing says which way the probes went.
    std::map<HopEdge, int> linksToDraw() const;
    const std::map<int, std::vector<Series>> &series() const { return m_series; }
    const std::deque<RouteChange> &routeChanges() const { return m_routeChanges; }
    std::size_t forgottenRouteChanges() const { return m_forgottenRouteChanges; }
    // The latest alerts, oldest first, and how many were ever added (kept or forgotten).
    const std::deque<AlertEvent> &alerts() const { return m_alerts; }
    std::size_t alertsAdded() const { return m_alerts.size() + m_forgottenAlerts; }

    int rounds() const { return m_rounds; }
    int failedRounds() const { return m_failedRounds; }
    int latestRound() const { return m_latestRound; }
    // The round the current route is read from (MonitorHop::onRoute): the latest once it has
    // ended; while a round is under way, the one before, so that a row the new round has not
    // reached yet stays on the route rather than dropping off it until its probe comes back.
    int routeRound() const { return m_routeRound; }
    std::int64_t firstRoundUs() const { return m_firstRoundUs; }
    std::int64_t latestRoundUs() const { return m_latestRoundUs; }
    // The TTL at which the destination answered in the latest round, if it did.
    std::optional<int> destinationTtl() const { return m_destinationTtl; }
    // The highest TTL any row or hop has: how far the probes went.
    int lastTtl() const;

    // The hops as a NetworkPath lists them: the responders of the latest round, each with its
    // mean RTT over every reply (the `rtt` of a hop Hopscope writes is always that mean, like the
    // Avg column), and a TTL nobody answered as Datadog's "unknown_hop_N". A file's own hops as
    // the file lists them.
    std::vector<PathHop> latestHops() const;
    // The hops of the file the path was read from, as it listed them; nothing for a path traced
    // here.
    const std::vector<PathHop> *fileHops() const
    {
        return m_original ? &m_original->hops : nullptr;
    }
    // The monitoring figures of the file the path was read from, its folded buckets among them;
    // nothing for a path traced here or a file of one trace.
    const MonitorSummary *fileSummary() const
    {
        return m_original && m_original->hopscope && m_original->hopscope->monitor
                   ? &*m_original->hopscope->monitor
                   : nullptr;
    }

    // The path to save. Of a file: the file as it was read. Of rounds: the header; as hops the
    // latestHops(); every probe still kept one by one; and for
    // a monitoring session its figures, route changes and folded history.
    NetworkPath toNetworkPath() const;
    // A monitoring session's figures for its file.
    MonitorSummary summary() const;

    // A model fed rounds, as it stands between them, whole: what it needs to go on exactly as if
    // it had never stopped (path/pathmodelstate.h). Not for a file's model, which has its file:
    // the history writes the state only of a session it rebuilt from its rounds.
    void writeState(StateWriter &writer) const;
    static PathModel readState(StateReader &reader, const MonitorLimits &limits);

private:
    Series &seriesFor(int ttl, const std::string &responder);
    void noteAnswer(const ProbeSample &probe);
    void countProbe(const ProbeSample &probe);
    void linkAsItLands(const ProbeSample &probe);
    void countLinks(std::optional<int> lastTtl);
    void forgetBeyond(int lastTtl);
    void flagRateLimiting(std::vector<MonitorHop> &hops) const;
    void loadRows(const NetworkPath &path);
    bool endsPath(const ProbeSample &probe) const;

    MonitorLimits m_limits;
    NetworkPath m_header;
    std::optional<NetworkPath> m_original; // a file's model: what it was read from
    bool m_monitoring = false;
    int m_intervalMs = 0;
    bool m_counted = true;
    std::optional<std::vector<MonitorHop>> m_givenRows;              // a file's own figures
    std::optional<std::vector<MonitorHistoryBucket>> m_givenHistory; // and its folded buckets
    RouteTracker m_tracker;
    std::map<int, std::vector<Series>> m_series;
    std::map<std::pair<int, int>, std::string> m_lastResponder; // by TTL and flow
    std::map<HopEdge, int> m_edges;
    // The round under way.
    std::string m_roundDestination;
    std::map<std::pair<int, int>, std::string> m_answeredThisRound; // by TTL and flow
    std::set<int> m_roundFlows;
    std::optional<int> m_roundEndTtl;    // the lowest TTL at which the path was seen to end
    std::vector<ProbeSample> m_heldBack; // probes at or beyond it
    RouteObservation m_observation;
    std::deque<RouteChange> m_routeChanges;
    std::size_t m_forgottenRouteChanges = 0;
    std::deque<AlertEvent> m_alerts;
    std::size_t m_forgottenAlerts = 0;
    int m_rounds = 0;
    int m_failedRounds = 0;
    int m_latestRound = 0;
    int m_routeRound = 0;
    std::int64_t m_firstRoundUs = 0;
    std::int64_t m_latestRoundUs = 0;
    std::optional<int> m_destinationTtl;
    std::uint32_t m_probesTaken = 0;
    mutable std::optional<std::vector<MonitorHop>> m_hops; // hops(), until something changes
};

// One probe a row keeps, as a file lists it: a lost one names no responder.
ProbeSample probeSampleOf(const PathModel::Series &series, const MonitorSample &sample);
// Probes a row folded together, as a file lists them.
MonitorHistoryBucket historyBucketOf(const PathModel::Series &series, const SampleBucket &bucket);

} // namespace hopscope
