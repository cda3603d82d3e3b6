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
#include <string>
#include <unordered_map>
#include <vector>

namespace hopscope {

// One finished trace of a monitoring session.
struct MonitorRound
{
    int number = 0; // counts from 1
    std::int64_t startedUs = 0;
    std::string destination; // the target's address
    std::vector<ProbeSample> probes;
    std::unordered_map<std::string, std::string> hostnames; // by address, where known
};

// The round a finished trace makes: its probes, destination and hop names.
MonitorRound monitorRoundFromPath(const NetworkPath &path, int number);

// The rounds a saved path holds, numbered from 1 in the order they ran: its probes split by
// their `round`, or, for a file without probes (a Datadog payload), one probe per hop, the
// responders of a TTL on flows of their own.
std::vector<MonitorRound> monitorRoundsFromPath(const NetworkPath &path);

// The row that counts the probes of a TTL's responders beyond `maxRespondersPerTtl`.
inline const std::string kOtherResponders = "*";

struct MonitorLimits
{
    SampleHistoryLimits history;
    int confirmRounds = 2;          // rounds a route change must hold before it is reported
    int maxRespondersPerTtl = 16;   // more are counted together as "*"
    std::size_t maxRouteChanges = 10'000; // older ones are counted, not kept
};

// The state of a monitoring session: every round's probes, kept per TTL and responder in
// bounded memory, statistics for each, and the route changes seen. Not thread-safe: one owner
// feeds it rounds and reads it between them.
class MonitorSession
{
public:
    // What the session keeps for one responder at one TTL.
    struct Series
    {
        Series(int atTtl, std::string from, const SampleHistoryLimits &limits)
            : ttl(atTtl), responder(std::move(from)), history(limits) {}
        int ttl;
        std::string responder;
        std::string hostname;
        bool destination = false;
        SampleHistory history;
        RunningStatistics statistics;
        int firstRound = 0;
        int lastRound = 0;
        std::optional<int> unreachableCode;
    };

    explicit MonitorSession(const MonitorLimits &limits = {});

    // Adds a whole round and returns the route changes it confirmed.
    std::vector<RouteChange> addRound(const MonitorRound &round);

    // The same, a probe at a time as they settle, for a live display: the figures include each
    // probe at once; route changes are looked for when the round ends.
    void beginRound(int number, std::int64_t startedUs, std::string destination);
    void addProbe(const ProbeSample &probe);
    std::vector<RouteChange> endRound(const std::unordered_map<std::string, std::string> &hostnames = {});
    // Ends a round that was cut short (cancelled, failed): its probes count, but what it saw
    // of the route is not compared with the others.
    void abandonRound();
    // A round whose trace failed (the network was down, say): counted, nothing else.
    void addFailedRound() { ++m_failedRounds; }

    int rounds() const { return m_rounds; }
    int failedRounds() const { return m_failedRounds; }
    int latestRound() const { return m_latestRound; }
    std::int64_t firstRoundUs() const { return m_firstRoundUs; }
    std::int64_t latestRoundUs() const { return m_latestRoundUs; }
    // The TTL at which the destination answered in the latest round, if it did.
    std::optional<int> destinationTtl() const { return m_destinationTtl; }

    // Every row, by TTL, then in order of first appearance. Kept until the next probe, so that
    // several views may ask after one another.
    const std::vector<MonitorHop> &hops() const;
    const std::map<int, std::vector<Series>> &series() const { return m_series; }
    const std::deque<RouteChange> &routeChanges() const { return m_routeChanges; }
    std::size_t forgottenRouteChanges() const { return m_forgottenRouteChanges; }

private:
    Series &seriesFor(int ttl, const std::string &responder);
    void noteAnswer(const ProbeSample &probe);
    void countProbe(const ProbeSample &probe);
    void flagRateLimiting(std::vector<MonitorHop> &hops) const;

    MonitorLimits m_limits;
    RouteTracker m_tracker;
    std::map<int, std::vector<Series>> m_series;
    std::map<std::pair<int, int>, std::string> m_lastResponder; // by TTL and flow
    // The round under way.
    std::string m_roundDestination;
    std::map<std::pair<int, int>, std::string> m_answeredThisRound; // by TTL and flow
    RouteObservation m_observation;
    std::deque<RouteChange> m_routeChanges;
    std::size_t m_forgottenRouteChanges = 0;
    int m_rounds = 0;
    int m_failedRounds = 0;
    int m_latestRound = 0;
    std::int64_t m_firstRoundUs = 0;
    std::int64_t m_latestRoundUs = 0;
    std::optional<int> m_destinationTtl;
    mutable std::optional<std::vector<MonitorHop>> m_hops; // hops(), until something changes
};

} // namespace hopscope
