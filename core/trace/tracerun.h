// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "common/expected.h"
#include "owner/ownerlookup.h"
#include "path/pathmodel.h"
#include "probe/proberun.h"
#include "probe/tracerequest.h"

#include <chrono>
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
    std::optional<int> count;                   // rounds; until stopped when empty
};

// Errors name the option and its range.
Status checkMonitorSettings(const MonitorSettings &settings);

// Probes per TTL in a monitoring round unless the user asks for more: routers answer about one
// probe a second (Linux: one per second per peer after a burst of six), so one a round at the
// default interval asks each router no more often than it answers.
inline constexpr int kDefaultMonitorQueries = 1;

// A warning when a session would ask each router more often than a router answers, so that part
// of the loss it shows is the routers' ICMP budget; empty otherwise.
std::optional<std::string> routerBudgetWarning(const TraceRequest &request,
                                               const MonitorSettings &settings);

// The request a saved path was traced with, to trace it again or to go on with its session: the
// one it kept, else its destination (by name when it has one) and protocol.
TraceRequest requestOf(const NetworkPath &saved);

// A request checked and resolved once, for every round: the name the user typed stays in the
// request, the address is where the probes go.
struct PreparedTrace
{
    TraceRequest request;
    IpAddress address;
    // Whose network the hops are in: looked up at each round's end; none when not wanted.
    std::shared_ptr<OwnerLookup> owners = nullptr;
};

enum class RunKind { Trace, Monitor };

// Checks the request and resolves its target (which may block: not on a GUI thread). A
// monitoring session also keeps its flows' source ports for every round, so that load balancers
// send each round the same way; it says on `notices` when no ports could be kept.
Expected<PreparedTrace> prepareTrace(const TraceRequest &request, RunKind kind,
                                     ProbeObserver &notices);

// One round's end as a front end reports it: how the probes went, and the reverse-DNS names of
// the addresses that answered (empty when not looked up).
struct RoundOutcome
{
    ProbeRunSummary summary;
    Hostnames hostnames;
    std::map<std::string, AddressOwner> owners; // by address, as far as known
};

// A trace or a monitoring session being run: the bookkeeping of its rounds, shared by both
// front ends. It knows nothing of threads or event loops: the CLI drives it from a loop that
// blocks (runRounds), the window from its worker's signals and a timer. Every probe goes into
// its PathModel as it settles.
class TraceRun
{
public:
    TraceRun(PreparedTrace trace, RunKind kind, MonitorSettings settings = {});
    // A monitoring session taken up again: `earlier` holds its rounds so far (a session kept in
    // the history, rebuilt), and the rounds to come are numbered on from its latest.
    TraceRun(PreparedTrace trace, MonitorSettings settings, PathModel earlier);

    const PreparedTrace &trace() const { return m_trace; }
    // What the next round probes: the trace, told where the last round found the destination
    // and, in a session, which TTLs answered then (their misses get second chances).
    PreparedTrace roundTrace() const;
    RunKind kind() const { return m_kind; }
    const MonitorSettings &settings() const { return m_settings; }
    PathModel &model() { return m_model; }
    const PathModel &model() const { return m_model; }

    // Whether another round is to run: not stopped, not failed, the count not reached. Rounds
    // start `settings().intervalMs` apart, counted from the start of one to the start of the next.
    bool wantsRound() const;
    // How long after the start of the last round the next may start, in milliseconds: the
    // interval, counted instead from the round's last probe when that waited for a router's
    // budget to refill, so that the next round finds the budget refilled again.
    std::int64_t nextRoundAfterMs() const;
    int roundsStarted() const { return m_round; }
    // Starts the next round (the time is the wall clock's, Unix microseconds) and returns its
    // number.
    int beginRound(std::int64_t nowUs);
    void probe(const ProbeEvent &event);
    // The probes of the round under way are void and it starts again (the helper died and this
    // process sends them now): a trace forgets them; a session counts them, as it counts a
    // round cut short, and goes on with the next round number.
    void restartRound(std::int64_t nowUs);
    std::vector<RouteChange> finishRound(const RoundOutcome &outcome);
    // A failed first round ends the run with its error; later ones are counted and the session
    // goes on. True when the run goes on.
    bool failRound(const Error &error);
    // Cancelled: what the round under way saw of the route does not count, and no round follows.
    void cancelRound();
    // No further round; the one under way, if any, still ends as it will.
    void stop() { m_stopped = true; }

    bool stopped() const { return m_stopped; }
    const std::optional<Error> &failure() const { return m_failure; }
    // A round has finished: there is a path to show and save.
    bool hasResult() const { return m_finishedRounds > 0; }
    NetworkPath result() const { return m_model.toNetworkPath(); }
    // The round that finished last, as the history keeps it: its probes in the order they
    // settled (only those of its last sending when it was restarted) and the names found.
    const MonitorRound &lastRound() const { return m_lastRound; }

private:
    PreparedTrace m_trace;
    RunKind m_kind;
    MonitorSettings m_settings;
    PathModel m_model;
    std::string m_pathId;
    int m_round = 0;
    int m_finishedRounds = 0;
    int m_lastDestinationTtl = 0;         // 0: the last round did not reach it
    std::vector<int> m_roundAnsweredTtls; // of the round under way, rising
    std::vector<int> m_lastAnsweredTtls;  // of the last round that finished
    std::int64_t m_roundStartUs = 0;
    std::int64_t m_roundLastSentUs = 0;
    MonitorRound m_lastRound; // the round under way until it finishes
    bool m_stopped = false;
    std::optional<Error> m_failure;
};

// Now on the wall clock, in Unix microseconds: when rounds start.
std::int64_t wallClockUs();

// A settled probe as the model and the files keep it.
ProbeSample probeSampleOf(const ProbeEvent &event);

// Runs one round: the in-process engine, or the helper. Streams to `observer`; fails with the
// round's error (ErrorCode::Cancelled when `cancel` fired).
using RoundTracer = std::function<Expected<RoundOutcome>(
    const PreparedTrace &trace, ProbeObserver &observer, const CancelSignal &cancel)>;

// Rounds in this process: raw sockets when it may open them, ordinary ones otherwise; names
// looked up after each round unless the request says not to.
Expected<RoundOutcome> traceRoundInProcess(const PreparedTrace &trace, ProbeObserver &observer,
                                           const CancelSignal &cancel);

// The addresses whose names a round looks up: the destination and every one that answered,
// each once.
std::vector<IpAddress> addressesToName(const std::vector<ProbeEvent> &events,
                                       const IpAddress &destination);

// Their reverse-DNS names (unless the request says not to) and owners (when the trace has a
// lookup), into `outcome`: the owners' lookups run while the names are found, and both are
// waited for a few seconds at most.
void lookUpAnswerers(const PreparedTrace &trace, const std::vector<ProbeEvent> &events,
                     RoundOutcome &outcome);

// Told of every probe (as a ProbeObserver) and of each round as it ends. Called on the thread
// that runs the rounds.
class RunObserver : public ProbeObserver
{
public:
    virtual void roundStarted(int round) { (void)round; }
    // `model` holds every round so far; `changes` the route changes this round confirmed.
    virtual void roundFinished(int round, const PathModel &model,
                               const std::vector<RouteChange> &changes, double durationSeconds)
    {
        (void)round, (void)model, (void)changes, (void)durationSeconds;
    }
    // A round after the first failed; the session goes on.
    virtual void roundFailed(int round, const Error &error) { (void)round, (void)error; }
};

// Passes every call on to `next`: the base of an observer that stands in front of another and
// does something more at some of them.
class RunRelay : public RunObserver
{
public:
    explicit RunRelay(RunObserver &next) : m_next(next) {}

    void probeFinished(const ProbeEvent &event) override { m_next.probeFinished(event); }
    void hopSettled(int ttl) override { m_next.hopSettled(ttl); }
    void notice(const std::string &message) override { m_next.notice(message); }
    void restarted() override { m_next.restarted(); }
    void roundStarted(int round) override { m_next.roundStarted(round); }
    void roundFinished(int round, const PathModel &model, const std::vector<RouteChange> &changes,
                       double durationSeconds) override
    {
        m_next.roundFinished(round, model, changes, durationSeconds);
    }
    void roundFailed(int round, const Error &error) override { m_next.roundFailed(round, error); }

private:
    RunObserver &m_next;
};

// Runs `run` to its end on this thread: a round every interval until the count is reached or
// `cancel` fires, and returns its path. A failed first round ends it with that error; cancelled
// before any round finished, it fails with ErrorCode::Cancelled.
Expected<NetworkPath> runRounds(TraceRun &run, const RoundTracer &traceRound, RunObserver &observer,
                                const CancelSignal &cancel);

// One trace in this process, as `hopscope-cli trace` runs it when it may open raw sockets.
Expected<NetworkPath> runTrace(const TraceRequest &request, ProbeObserver &observer,
                               const CancelSignal &cancel);

} // namespace hopscope
