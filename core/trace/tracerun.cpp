// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "trace/tracerun.h"

#include "network/route.h"
#include "path/uuid.h"
#include "probe/cancelsignal.h"
#include "trace/resolve.h"
#include "trace/reversedns.h"
#include "version.h"

#include <algorithm>
#include <chrono>
#include <cstdio>

namespace hopscope {

namespace {

constexpr std::chrono::milliseconds kReverseDnsBudget{2000};
// Long enough for a cold lookup's two questions (the origin, then the AS's name) to a slow
// server; a hop whose name is still on its way keeps its number and gets the name next round.
constexpr std::chrono::milliseconds kOwnerBudget{3000};

// Hands every probe to the run's model and on to the observer.
class RunFeed : public ProbeObserver
{
public:
    RunFeed(TraceRun &run, ProbeObserver &observer) : m_run(run), m_observer(observer) {}
    void probeFinished(const ProbeEvent &event) override
    {
        m_run.probe(event);
        m_observer.probeFinished(event);
    }
    void hopSettled(int ttl) override { m_observer.hopSettled(ttl); }
    void notice(const std::string &message) override { m_observer.notice(message); }
    void restarted() override
    {
        m_run.restartRound(wallClockUs());
        m_observer.restarted();
    }

private:
    TraceRun &m_run;
    ProbeObserver &m_observer;
};

} // namespace

std::int64_t wallClockUs()
{
    return std::chrono::duration_cast<std::chrono::microseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

Status checkMonitorSettings(const MonitorSettings &settings)
{
    if (settings.intervalMs < kMinMonitorIntervalMs || settings.intervalMs > kMaxMonitorIntervalMs)
        return Error{ErrorCode::InvalidRequest,
                     "interval must be between " + std::to_string(kMinMonitorIntervalMs) + " and " +
                         std::to_string(kMaxMonitorIntervalMs) + " ms (got " +
                         std::to_string(settings.intervalMs) + ")"};
    if (settings.count && (*settings.count < 1 || *settings.count > kMaxMonitorCount))
        return Error{ErrorCode::InvalidRequest, "count must be between 1 and " +
                                                    std::to_string(kMaxMonitorCount) + " (got " +
                                                    std::to_string(*settings.count) + ")"};
    return {};
}

std::optional<std::string> routerBudgetWarning(const TraceRequest &request,
                                               const MonitorSettings &settings)
{
    const double perSecond =
        request.queries * request.flows * 1000.0 / std::max(1, settings.intervalMs);
    if (perSecond <= 1.0)
        return std::nullopt;
    char rate[32];
    std::snprintf(rate, sizeof rate, "%.3g", perSecond);
    return std::string("each router is asked ") + rate +
           " times a second; routers answer about once a second (Linux: after a burst of six), "
           "so part of the loss shown is their ICMP budget, not loss on the path";
}

TraceRequest requestOf(const NetworkPath &saved)
{
    TraceRequest request =
        saved.hopscope && saved.hopscope->request ? *saved.hopscope->request : TraceRequest{};
    if (request.target.empty())
        request.target = saved.destination.hostname.empty() ? saved.destination.ipAddress
                                                            : saved.destination.hostname;
    request.protocol = saved.protocol;
    return request;
}

Expected<PreparedTrace> prepareTrace(const TraceRequest &request, RunKind kind,
                                     ProbeObserver &notices)
{
    auto checked = normaliseTraceRequest(request);
    if (!checked)
        return checked.error();
    const auto address = resolveTarget(checked->target, checked->family);
    if (!address)
        return address.error();
    PreparedTrace prepared{std::move(*checked), *address};
    if (prepared.request.findPathMtu) {
        if (kind == RunKind::Monitor)
            return Error{ErrorCode::InvalidRequest,
                         "finding the path MTU is done by a single trace, not by monitoring"};
        if (prepared.request.probeSize == 0) {
            const auto route = routeTo(prepared.address);
            if (!route)
                return route.error();
            // Loopback's MTU (65536) is more than an IP packet can say it holds.
            prepared.request.probeSize =
                std::min(interfaceMtu(route->interfaceName).value_or(kEthernetMtu), kMaxProbeSize);
        }
    }
    if (kind != RunKind::Monitor || prepared.request.protocol == Protocol::Icmp ||
        prepared.request.sourcePort)
        return prepared;
    const auto route = routeTo(prepared.address);
    if (!route)
        return route.error();
    const auto ports = prepared.request.protocol == Protocol::Tcp ? ReservedPorts::Kind::Tcp
                                                                  : ReservedPorts::Kind::Udp;
    prepared.request.sourcePort = findFreePortRange(route->source, prepared.request.flows, ports);
    if (!prepared.request.sourcePort)
        notices.notice(
            "no free source ports to keep for the whole session: each round uses new ones, so "
            "load balancers may send rounds different ways");
    return prepared;
}

ProbeSample probeSampleOf(const ProbeEvent &event)
{
    ProbeSample sample;
    sample.ttl = event.slot.ttl;
    sample.flow = event.slot.flow;
    sample.sentAtUs = event.sentNs / 1000;
    if (event.reply) {
        sample.responder = event.reply->responder.toString();
        sample.rttMs = event.rttMs();
        sample.icmpType = event.reply->icmpType;
        sample.icmpCode = event.reply->icmpCode;
        sample.quote = event.reply->quote;
        if (event.reply->ttl)
            sample.replyTtl = *event.reply->ttl;
    }
    return sample;
}

TraceRun::TraceRun(PreparedTrace trace, RunKind kind, MonitorSettings settings)
    : m_trace(std::move(trace)), m_kind(kind), m_settings(settings), m_pathId(makeUuidV4())
{
    if (m_kind == RunKind::Trace)
        m_settings.count = 1;
    else
        m_model.setMonitoring(m_settings.intervalMs);
}

TraceRun::TraceRun(PreparedTrace trace, MonitorSettings settings, PathModel earlier)
    : TraceRun(std::move(trace), RunKind::Monitor, settings)
{
    if (!earlier.header().pathId.empty())
        m_pathId = earlier.header().pathId;
    m_model = std::move(earlier);
    m_model.setMonitoring(m_settings.intervalMs);
    m_round = m_model.latestRound();
    m_finishedRounds = m_model.rounds();
    m_lastDestinationTtl = m_model.destinationTtl().value_or(0);
}

bool TraceRun::wantsRound() const
{
    return !m_stopped && !m_failure && (!m_settings.count || m_round < *m_settings.count);
}

std::int64_t TraceRun::nextRoundAfterMs() const
{
    const std::int64_t lastSentMs = (m_roundLastSentUs - m_roundStartUs) / 1000;
    return m_settings.intervalMs + (lastSentMs >= kRouterBudgetRefillMs ? lastSentMs : 0);
}

int TraceRun::beginRound(std::int64_t nowUs)
{
    ++m_round;
    m_roundAnsweredTtls.clear();
    m_roundStartUs = nowUs;
    m_roundLastSentUs = nowUs;
    m_model.beginRound(m_round, nowUs, m_trace.address.toString());
    m_lastRound = MonitorRound{m_round, nowUs, m_trace.address.toString(), {}, {}};
    return m_round;
}

void TraceRun::probe(const ProbeEvent &event)
{
    ProbeSample sample = probeSampleOf(event);
    m_model.addProbe(sample);
    sample.round = m_round;
    m_lastRound.probes.push_back(std::move(sample));
    m_roundLastSentUs = std::max(m_roundLastSentUs, event.sentNs / 1000);
    const int ttl = event.slot.ttl;
    const auto at = std::lower_bound(m_roundAnsweredTtls.begin(), m_roundAnsweredTtls.end(), ttl);
    if (event.reply && (at == m_roundAnsweredTtls.end() || *at != ttl))
        m_roundAnsweredTtls.insert(at, ttl);
}

void TraceRun::restartRound(std::int64_t nowUs)
{
    if (m_kind == RunKind::Trace) {
        m_model = PathModel();
        m_round = 0;
    } else {
        m_model.abandonRound();
        if (m_settings.count)
            ++*m_settings.count; // the round is run again, not skipped
    }
    beginRound(nowUs);
}

PreparedTrace TraceRun::roundTrace() const
{
    PreparedTrace trace = m_trace;
    trace.request.expectedHops = m_lastDestinationTtl;
    if (m_kind == RunKind::Monitor) {
        trace.request.answeredTtls = m_lastAnsweredTtls;
        trace.request.budgetRefillMs = kRouterBudgetRefillMs;
    }
    return trace;
}

std::vector<RouteChange> TraceRun::finishRound(const RoundOutcome &outcome)
{
    // What the file says of the path besides its probes: the latest round's way of probing.
    NetworkPath header = m_model.header();
    header.pathNamespace = "default";
    header.pathId = m_pathId;
    header.protocol = m_trace.request.protocol;
    if (m_finishedRounds == 0)
        header.timestampMs = outcome.summary.startedNs / 1'000'000;
    header.source.hostname = localHostname();
    header.source.via.reset();
    if (!outcome.summary.route.interfaceName.empty())
        header.source.via = SourceVia{
            {outcome.summary.route.interfaceName, outcome.summary.route.hardwareAddress}, {}};
    header.destination.hostname = m_trace.request.target;
    header.destination.ipAddress = m_trace.address.toString();
    header.destination.port = m_trace.request.port;
    HopscopeExtension extension = header.hopscope.value_or(HopscopeExtension{});
    extension.toolVersion = kVersion;
    extension.request = m_trace.request;
    extension.probing = outcome.summary.probing;
    extension.pathMtu = outcome.summary.pathMtu;
    header.hopscope = std::move(extension);
    for (const auto &[address, owner] : outcome.owners)
        header.hopscope->owners[address] = owner;
    m_model.setHeader(std::move(header));
    ++m_finishedRounds;
    m_lastDestinationTtl =
        outcome.summary.end == PathEnd::Destination ? outcome.summary.lastTtl : 0;
    m_lastAnsweredTtls = m_roundAnsweredTtls;
    m_lastRound.hostnames = outcome.hostnames;
    return m_model.endRound(outcome.hostnames, outcome.summary.lastTtl);
}

bool TraceRun::failRound(const Error &error)
{
    m_model.abandonRound();
    if (m_finishedRounds == 0) {
        m_failure = error;
        return false;
    }
    m_model.addFailedRound();
    return !m_stopped;
}

void TraceRun::cancelRound()
{
    m_model.abandonRound();
    m_stopped = true;
}

std::vector<IpAddress> addressesToName(const std::vector<ProbeEvent> &events,
                                       const IpAddress &destination)
{
    std::vector<IpAddress> addresses{destination};
    for (const ProbeEvent &event : events)
        if (event.reply && std::find(addresses.begin(), addresses.end(), event.reply->responder) ==
                               addresses.end())
            addresses.push_back(event.reply->responder);
    return addresses;
}

void lookUpAnswerers(const PreparedTrace &trace, const std::vector<ProbeEvent> &events,
                     RoundOutcome &outcome)
{
    const std::vector<IpAddress> addresses = addressesToName(events, trace.address);
    const auto deadline = std::chrono::steady_clock::now() + kOwnerBudget;
    if (trace.owners)
        trace.owners->prefetch(addresses);
    if (trace.request.resolveHostnames)
        outcome.hostnames = reverseLookupAll(addresses, kReverseDnsBudget);
    if (trace.owners)
        outcome.owners = trace.owners->owners(addresses, deadline);
}

Expected<RoundOutcome> traceRoundInProcess(const PreparedTrace &trace, ProbeObserver &observer,
                                           const CancelSignal &cancel)
{
    auto run = runProbes(trace.request, trace.address, observer, cancel);
    if (!run)
        return run.error();
    RoundOutcome outcome;
    outcome.summary = run->summary;
    lookUpAnswerers(trace, run->events, outcome);
    return outcome;
}

Expected<NetworkPath> runRounds(TraceRun &run, const RoundTracer &traceRound, RunObserver &observer,
                                const CancelSignal &cancel)
{
    using Clock = std::chrono::steady_clock;
    auto nextStart = Clock::now();
    while (run.wantsRound()) {
        if (run.roundsStarted() > 0 && cancel.waitUntil(nextStart)) {
            run.stop();
            break;
        }
        const auto started = Clock::now();
        nextStart = started + std::chrono::milliseconds(run.settings().intervalMs);
        const int round = run.beginRound(wallClockUs());
        observer.roundStarted(round);
        RunFeed feed(run, observer);
        const auto outcome = traceRound(run.roundTrace(), feed, cancel);
        if (!outcome && outcome.error().code == ErrorCode::Cancelled) {
            run.cancelRound();
            break;
        }
        if (!outcome) {
            if (!run.failRound(outcome.error()))
                return outcome.error();
            observer.roundFailed(round, outcome.error());
            continue;
        }
        const auto changes = run.finishRound(*outcome);
        nextStart = started + std::chrono::milliseconds(run.nextRoundAfterMs());
        observer.roundFinished(round, run.model(), changes,
                               std::chrono::duration<double>(Clock::now() - started).count());
    }
    if (!run.hasResult())
        return Error{ErrorCode::Cancelled,
                     run.kind() == RunKind::Trace
                         ? "the trace was cancelled"
                         : "the session was cancelled before a round finished"};
    return run.result();
}

Expected<NetworkPath> runTrace(const TraceRequest &request, ProbeObserver &observer,
                               const CancelSignal &cancel)
{
    const auto prepared = prepareTrace(request, RunKind::Trace, observer);
    if (!prepared)
        return prepared.error();
    TraceRun run(*prepared, RunKind::Trace);
    // The engine's own observer is enough: a single trace has no rounds to tell of.
    struct Forward : RunObserver
    {
        explicit Forward(ProbeObserver &to) : target(to) {}
        void probeFinished(const ProbeEvent &event) override { target.probeFinished(event); }
        void hopSettled(int ttl) override { target.hopSettled(ttl); }
        void notice(const std::string &message) override { target.notice(message); }
        ProbeObserver &target;
    } forward(observer);
    return runRounds(run, traceRoundInProcess, forward, cancel);
}

} // namespace hopscope
