#include "ui/tracesession.h"

#include "client/traceworker.h"
#include "monitor/monitorpath.h"
#include "monitor/monitorrunner.h"
#include "trace/pathbuilder.h"

#include <QFutureWatcher>
#include <QTimer>
#include <QtConcurrent>

#include <chrono>
#include <map>

namespace hopscope {

namespace {

// More links than this at one TTL are not drawn apart (a hostile or broken network).
constexpr std::size_t kMaxEdgesPerTtl = 64;

// Collects what the preparation of a request says, off the GUI thread.
class NoticeCollector : public ProbeObserver
{
public:
    void notice(const std::string &message) override { notices << QString::fromStdString(message); }
    QStringList notices;
};

struct Prepared
{
    Expected<TraceRequest> request;
    QStringList notices;
};

} // namespace

TraceSession::TraceSession(QString helperProgram, QObject *parent)
    : QObject(parent), m_worker(new TraceWorker(std::move(helperProgram))), m_roundTimer(new QTimer(this))
{
    m_thread.setObjectName(QStringLiteral("trace worker"));
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread.start();

    m_roundTimer->setSingleShot(true);
    connect(m_roundTimer, &QTimer::timeout, this, &TraceSession::startRound);
    connect(m_worker, &TraceWorker::probeReceived, this, &TraceSession::onProbe);
    connect(m_worker, &TraceWorker::hopSettled, this, [this](int ttl) {
        m_settledTtls = std::max(m_settledTtls, ttl);
        Q_EMIT dataChanged();
    });
    connect(m_worker, &TraceWorker::routeChosen, this, [this](TraceWorker::Route route) {
        m_probing = route == TraceWorker::Route::Helper ? tr("through the helper") : tr("in this process");
        Q_EMIT stateChanged();
    });
    connect(m_worker, &TraceWorker::notice, this, [this](const QString &message) {
        if (message.contains(QLatin1String("without privileges")))
            m_probing = tr("without privileges");
        Q_EMIT noticeReceived(message);
    });
    connect(m_worker, &TraceWorker::degraded, this,
            [this](const QString &reason, TraceWorker::HelperProblem problem) {
                m_degraded << reason;
                m_helperLacksPermission = problem == TraceWorker::HelperProblem::LacksPermission;
                Q_EMIT degraded(reason);
            });
    connect(m_worker, &TraceWorker::finished, this, &TraceSession::onFinished);
    connect(m_worker, &TraceWorker::failed, this, &TraceSession::onFailed);
    m_clock.start();
}

TraceSession::~TraceSession()
{
    m_worker->cancel();
    QMetaObject::invokeMethod(m_worker, &TraceWorker::stopHelper, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

void TraceSession::retryHelper()
{
    m_degraded.clear();
    m_helperLacksPermission = false;
    QMetaObject::invokeMethod(m_worker, &TraceWorker::retryHelper, Qt::QueuedConnection);
}

bool TraceSession::isActive() const
{
    return m_state == State::Preparing || m_state == State::Running || m_state == State::Waiting;
}

qint64 TraceSession::elapsedMs() const
{
    if (m_state == State::Idle)
        return 0;
    return (m_endedMs >= 0 ? m_endedMs : m_clock.elapsed()) - m_roundStartMs;
}

void TraceSession::setState(State state)
{
    if (state == State::Finished || state == State::Stopped || state == State::Failed)
        m_endedMs = m_clock.elapsed();
    m_state = state;
    Q_EMIT stateChanged();
}

void TraceSession::start(const TraceRequest &request, Mode mode, int intervalMs)
{
    if (isActive())
        return;
    clearRun();
    m_request = request;
    m_mode = mode;
    m_intervalMs = intervalMs;
    m_roundStartMs = m_clock.elapsed();
    setState(State::Preparing);

    // Name resolution and the choice of source ports may block: not on this thread.
    const std::uint64_t generation = ++m_generation;
    auto *watcher = new QFutureWatcher<Prepared>(this);
    connect(watcher, &QFutureWatcher<Prepared>::finished, this, [this, watcher, generation] {
        watcher->deleteLater();
        const Prepared prepared = watcher->result();
        if (generation != m_generation || m_state != State::Preparing)
            return;
        for (const QString &notice : prepared.notices)
            Q_EMIT noticeReceived(notice);
        if (m_stopRequested) {
            setState(State::Stopped);
            return;
        }
        if (!prepared.request) {
            m_error = QString::fromStdString(prepared.request.error().message);
            setState(State::Failed);
            return;
        }
        m_roundRequest = *prepared.request;
        m_destination = m_roundRequest.target;
        startRound();
    });
    watcher->setFuture(QtConcurrent::run([request] {
        NoticeCollector notices;
        auto prepared = prepareRoundRequest(request, notices);
        return Prepared{std::move(prepared), notices.notices};
    }));
}

void TraceSession::clearRun()
{
    m_loaded = false;
    m_stopRequested = false;
    m_session = MonitorSession();
    m_edges.clear();
    m_latestPath.reset();
    m_error.clear();
    m_round = 0;
    m_settledTtls = 0;
    m_endedMs = -1;
}

void TraceSession::load(const NetworkPath &saved)
{
    if (isActive())
        return;
    // A session over time needs its probes; an imported mtr report has only its figures.
    const bool session = saved.hopscope && saved.hopscope->monitor && !saved.hopscope->probes.empty();
    m_mode = session ? Mode::Monitor : Mode::Trace;
    m_request = saved.hopscope && saved.hopscope->request ? *saved.hopscope->request : TraceRequest{};
    if (m_request.target.empty())
        m_request.target = saved.destination.hostname.empty() ? saved.destination.ipAddress : saved.destination.hostname;
    m_request.protocol = saved.protocol;
    if (session && saved.hopscope->monitor->intervalMs > 0)
        m_intervalMs = saved.hopscope->monitor->intervalMs;
    clearRun();
    m_destination = saved.destination.ipAddress;

    const std::vector<MonitorRound> rounds = monitorRoundsFromPath(saved);
    int flows = 1;
    for (const MonitorRound &round : rounds)
        for (const ProbeSample &probe : round.probes)
            flows = std::max(flows, probe.flow + 1);
    m_roundRequest = m_request;
    m_roundRequest.flows = flows;
    // Probe by probe, as a live trace feeds them, so that the graph's links come out the same.
    for (const MonitorRound &round : rounds) {
        m_round = round.number;
        m_roundResponders.clear();
        m_session.beginRound(round.number, round.startedUs, round.destination);
        for (const ProbeSample &probe : round.probes) {
            m_session.addProbe(probe);
            if (!probe.responder.empty())
                m_roundResponders.try_emplace({probe.ttl, probe.flow}, probe.responder);
        }
        m_session.endRound(round.hostnames);
        addEdges(m_roundResponders, saved.maxTtl());
    }
    m_settledTtls = saved.maxTtl();
    m_probing = saved.hopscope && saved.hopscope->probing == "unprivileged" ? tr("without privileges") : QString();
    m_sourceLabel = QString::fromStdString(saved.source.hostname);
    m_latestPath = saved;
    m_loaded = true;
    // The time shown is the one the trace or session took.
    const qint64 tookMs = session ? (saved.hopscope->monitor->endedUs - saved.hopscope->monitor->startedUs) / 1000 : 0;
    m_roundStartMs = m_clock.elapsed();
    setState(State::Finished);
    m_endedMs = m_roundStartMs + std::max<qint64>(0, tookMs);
    Q_EMIT dataChanged();
}

void TraceSession::stop()
{
    m_stopRequested = true;
    if (m_state == State::Running) {
        m_worker->cancel();
    } else if (m_state == State::Waiting) {
        m_roundTimer->stop();
        setState(State::Stopped);
    }
}

void TraceSession::startRound()
{
    ++m_round;
    m_settledTtls = 0;
    m_roundResponders.clear();
    if (m_mode == Mode::Trace)
        m_roundStartMs = m_clock.elapsed();
    const auto now = std::chrono::system_clock::now().time_since_epoch();
    m_session.beginRound(m_round, std::chrono::duration_cast<std::chrono::microseconds>(now).count(), m_destination);
    setState(State::Running);
    m_roundStartedMs = m_clock.elapsed();
    const TraceRequest request = m_roundRequest;
    QMetaObject::invokeMethod(m_worker, [worker = m_worker, request] { worker->start(request); }, Qt::QueuedConnection);
}

void TraceSession::onProbe(const ProbeEvent &event)
{
    const ProbeSample sample = probeSampleOf(event);
    m_session.addProbe(sample);
    if (!sample.responder.empty()) {
        m_roundResponders.try_emplace({sample.ttl, sample.flow}, sample.responder);
        // Link to the neighbours this flow has already shown, so the graph grows as probes land.
        for (const int ttl : {sample.ttl - 1, sample.ttl}) {
            const auto from = m_roundResponders.find({ttl, sample.flow});
            const auto to = m_roundResponders.find({ttl + 1, sample.flow});
            if (from != m_roundResponders.end() && to != m_roundResponders.end())
                m_edges.try_emplace(HopEdge{ttl, from->second, to->second}, 0);
        }
    }
    Q_EMIT dataChanged();
}

void TraceSession::addEdges(const std::map<std::pair<int, int>, std::string> &respondersByTtlAndFlow, int lastTtl)
{
    std::map<int, std::size_t> perTtl;
    for (const auto &[edge, count] : m_edges)
        ++perTtl[edge.ttl];
    for (int flow = 0; flow < m_roundRequest.flows; ++flow) {
        for (int ttl = 1; ttl < lastTtl; ++ttl) {
            const auto from = respondersByTtlAndFlow.find({ttl, flow});
            const auto to = respondersByTtlAndFlow.find({ttl + 1, flow});
            HopEdge edge{ttl, from == respondersByTtlAndFlow.end() ? std::string() : from->second,
                         to == respondersByTtlAndFlow.end() ? std::string() : to->second};
            const auto it = m_edges.find(edge);
            if (it != m_edges.end())
                ++it->second;
            else if (perTtl[ttl]++ < kMaxEdgesPerTtl)
                m_edges.emplace(std::move(edge), 1);
        }
    }
}

void TraceSession::onFinished(const NetworkPath &finished)
{
    NetworkPath path = finished;
    // The rounds trace the address; the user asked for the name.
    path.destination.hostname = m_request.target;
    if (path.hopscope && path.hopscope->request)
        path.hopscope->request->target = m_request.target;
    const MonitorRound round = monitorRoundFromPath(path, m_round);
    const auto changes = m_session.endRound(round.hostnames);
    addEdges(m_roundResponders, path.maxTtl());
    m_sourceLabel = QString::fromStdString(path.source.hostname);
    if (path.source.via && !path.source.via->interface.name.empty())
        m_sourceLabel += QStringLiteral(" \u00b7 ") + QString::fromStdString(path.source.via->interface.name);
    m_latestPath = std::move(path);
    for (const RouteChange &change : changes)
        Q_EMIT routeChanged(QString::fromStdString(describeRouteChange(change)));
    Q_EMIT dataChanged();
    if (m_mode == Mode::Trace || m_stopRequested) {
        setState(m_mode == Mode::Trace ? State::Finished : State::Stopped);
        return;
    }
    scheduleNextRound();
}

void TraceSession::scheduleNextRound()
{
    m_roundTimer->start(static_cast<int>(std::max<qint64>(0, m_roundStartedMs + m_intervalMs - m_clock.elapsed())));
    setState(State::Waiting);
}

void TraceSession::onFailed(const QString &code, const QString &message)
{
    // A round cut short says nothing about the route: its probes count, its shape does not.
    m_session.abandonRound();
    Q_EMIT dataChanged();
    if (code == QLatin1String("cancelled")) {
        setState(State::Stopped);
        return;
    }
    if (m_mode == Mode::Monitor && m_latestPath && !m_stopRequested) {
        Q_EMIT noticeReceived(tr("Round %1 failed: %2").arg(m_round).arg(message));
        scheduleNextRound();
        return;
    }
    m_error = message;
    setState(State::Failed);
}

std::optional<NetworkPath> TraceSession::result() const
{
    if (!m_latestPath)
        return std::nullopt;
    if (m_mode == Mode::Trace || m_loaded)
        return m_latestPath;
    return monitorNetworkPath(m_session, *m_latestPath, m_intervalMs);
}

} // namespace hopscope
