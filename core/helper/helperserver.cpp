// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "helper/helperserver.h"

#include "helper/sharedrawsockets.h"
#include "probe/cancelsignal.h"
#include "probe/probeengine.h"
#include "probe/proberun.h"

#include <algorithm>
#include <thread>

namespace hopscope::helper {

struct HelperServer::RunningTrace
{
    std::int64_t id = 0;
    CancelSignal cancel;
    std::thread thread;
    std::atomic<bool> finished{false};
};

namespace {

// Streams a trace's progress as protocol lines.
class EventWriter : public ProbeObserver
{
public:
    EventWriter(std::int64_t id, std::function<void(const std::string &)> write)
        : m_id(id), m_write(std::move(write))
    {
    }
    void probeFinished(const ProbeEvent &event) override { m_write(probeLine(m_id, event)); }
    void hopSettled(int ttl) override { m_write(hopLine(m_id, ttl)); }
    void notice(const std::string &message) override { m_write(noticeLine(m_id, message)); }

private:
    std::int64_t m_id;
    std::function<void(const std::string &)> m_write;
};

} // namespace

HelperServer::HelperServer(SharedRawSockets &sockets, TokenBucket &ceiling, LineWriter writeLine)
    : m_sockets(sockets), m_writeLine(std::move(writeLine)), m_ceiling(ceiling)
{
}

HelperServer::~HelperServer()
{
    stopAll();
}

void HelperServer::write(const std::string &line)
{
    const std::lock_guard lock(m_writeMutex);
    m_writeLine(line);
}

void HelperServer::sayHello(const std::vector<std::string> &sandbox)
{
    std::vector<std::string> capabilities;
    for (const auto family : {IpAddress::Family::V4, IpAddress::Family::V6})
        if (m_sockets.serves(family))
            capabilities.push_back(rawCapabilityFor(family));
    write(helloLine(capabilities,
                    capabilities.empty()
                        ? "started without CAP_NET_RAW: raw-socket traces are refused; "
                          "unprivileged ones are served"
                        : "",
                    sandbox));
}

void HelperServer::handleOverlongLine()
{
    write(
        errorLine(std::nullopt, {ErrorCode::LineTooLong, "a request line may hold at most " +
                                                             std::to_string(kMaxRequestLineBytes) +
                                                             " bytes; it was skipped"}));
}

void HelperServer::handleLine(std::string_view line)
{
    reapFinished();
    const ParsedRequest parsed = parseRequest(line);
    if (!parsed.request) {
        write(errorLine(parsed.id, parsed.error));
        return;
    }
    if (parsed.request->op == Request::Op::Cancel)
        cancelTrace(parsed.request->id);
    else
        startTrace(*parsed.request);
}

void HelperServer::startTrace(const Request &request)
{
    const std::lock_guard lock(m_tracesMutex);
    const auto running = std::count_if(m_traces.begin(), m_traces.end(),
                                       [](const auto &trace) { return !trace->finished; });
    for (const auto &trace : m_traces)
        if (trace->id == request.id && !trace->finished) {
            write(errorLine(request.id,
                            {ErrorCode::DuplicateId, "a trace with this id is running already"}));
            return;
        }
    if (running >= kMaxConcurrentTraces) {
        write(errorLine(request.id, {ErrorCode::TooManyTraces,
                                     "at most " + std::to_string(kMaxConcurrentTraces) +
                                         " traces run at once; wait for one to end"}));
        return;
    }
    auto trace = std::make_unique<RunningTrace>();
    trace->id = request.id;
    RunningTrace &started = *trace;
    m_traces.push_back(std::move(trace));
    started.thread = std::thread([this, &started, request] { runTrace(started, request); });
}

void HelperServer::runTrace(RunningTrace &trace, const Request &request)
{
    EventWriter events(trace.id, [this](const std::string &line) { write(line); });
    ProbeEnvironment environment;
    environment.openRaw = [this](const ProbedDestination &destination, Protocol protocol) {
        return m_sockets.subscribe(destination, protocol);
    };
    environment.sharedRateLimit = &m_ceiling;
    environment.rawFallsBackToUnprivileged = false; // the client decides how to do without
    const auto run = runProbes(request.trace, request.address, events, trace.cancel, environment);
    write(run ? doneLine(trace.id, run->summary) : errorLine(trace.id, run.error()));
    trace.finished = true;
}

void HelperServer::cancelTrace(std::int64_t id)
{
    const std::lock_guard lock(m_tracesMutex);
    for (const auto &trace : m_traces)
        if (trace->id == id && !trace->finished) {
            trace->cancel.cancel(); // its thread writes the ErrorCode::Cancelled error
            return;
        }
    write(errorLine(id, {ErrorCode::UnknownId, "no trace with this id is running"}));
}

void HelperServer::reapFinished()
{
    const std::lock_guard lock(m_tracesMutex);
    for (auto it = m_traces.begin(); it != m_traces.end();) {
        if ((*it)->finished) {
            (*it)->thread.join();
            it = m_traces.erase(it);
        } else {
            ++it;
        }
    }
}

void HelperServer::stopAll()
{
    const std::lock_guard lock(m_tracesMutex);
    for (const auto &trace : m_traces)
        trace->cancel.cancel();
    for (const auto &trace : m_traces)
        if (trace->thread.joinable())
            trace->thread.join();
    m_traces.clear();
}

} // namespace hopscope::helper
