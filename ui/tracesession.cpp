// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "ui/tracesession.h"

#include "client/traceworker.h"
#include "client/workerthread.h"
#include "common/safetext.h"
#include "ui/background.h"
#include "ui/ownerlookupsettings.h"
#include "ui/savedpathowners.h"

#include <QTimer>

#include <atomic>
#include <utility>

namespace hopscope {

namespace {

// Collects what the preparation of a request says, off the GUI thread.
class NoticeCollector : public ProbeObserver
{
public:
    void notice(const std::string &message) override { notices << QString::fromStdString(message); }
    QStringList notices;
};

struct Prepared
{
    Expected<PreparedTrace> trace;
    QStringList notices;
};

quint64 nextRunId()
{
    static std::atomic<quint64> last{0};
    return ++last;
}

} // namespace

TraceSession::TraceSession(QString helperProgram, QObject *parent)
    : QObject(parent), m_helperProgram(std::move(helperProgram)), m_roundTimer(new QTimer(this)),
      m_savedPathOwners(new SavedPathOwners(this))
{
    m_roundTimer->setSingleShot(true);
    connect(m_roundTimer, &QTimer::timeout, this, &TraceSession::startRound);
    connect(m_savedPathOwners, &SavedPathOwners::found, this,
            [this](const std::map<std::string, AddressOwner> &owners, const QStringList &notices) {
                for (const QString &notice : notices)
                    Q_EMIT noticeReceived(notice);
                if (!m_loaded || owners.empty())
                    return;
                m_loaded->addOwners(owners);
                Q_EMIT dataChanged();
            });
    m_clock.start();
}

TraceSession::~TraceSession()
{
    if (!m_worker)
        return;
    (*m_worker)->cancel();
    QMetaObject::invokeMethod(m_worker->get(), &TraceWorker::stopHelper,
                              Qt::BlockingQueuedConnection);
}

TraceWorker &TraceSession::worker()
{
    if (m_worker)
        return *m_worker->get();
    m_worker = std::make_unique<WorkerThread<TraceWorker>>(QStringLiteral("trace worker"),
                                                           m_helperProgram);
    TraceWorker *worker = m_worker->get();
    connect(worker, &TraceWorker::probeReceived, this, [this](const ProbeEvent &event) {
        if (m_run) {
            m_run->probe(event);
            Q_EMIT dataChanged();
        }
    });
    connect(worker, &TraceWorker::restarted, this, [this] {
        if (m_run)
            m_run->restartRound(wallClockUs());
        m_settledTtls = 0;
        Q_EMIT dataChanged();
    });
    connect(worker, &TraceWorker::hopSettled, this, [this](int ttl) {
        m_settledTtls = std::max(m_settledTtls, ttl);
        Q_EMIT dataChanged();
    });
    connect(worker, &TraceWorker::routeChosen, this, [this](TraceWorker::Route route) {
        m_probing =
            route == TraceWorker::Route::Helper ? tr("through the helper") : tr("in this process");
        Q_EMIT stateChanged();
    });
    connect(worker, &TraceWorker::notice, this,
            [this](const QString &message) { Q_EMIT noticeReceived(message); });
    connect(worker, &TraceWorker::degraded, this,
            [this](const QString &reason, TraceWorker::HelperProblem problem) {
                m_degraded << reason;
                m_helperLacksPermission = problem == TraceWorker::HelperProblem::LacksPermission;
                Q_EMIT degraded(reason);
            });
    connect(worker, &TraceWorker::finished, this, &TraceSession::onFinished);
    connect(worker, &TraceWorker::failed, this, &TraceSession::onFailed);
    return *worker;
}

void TraceSession::retryHelper()
{
    m_degraded.clear();
    m_helperLacksPermission = false;
    if (m_worker)
        QMetaObject::invokeMethod(m_worker->get(), &TraceWorker::retryHelper, Qt::QueuedConnection);
}

bool TraceSession::isActive() const
{
    return m_state == State::Preparing || m_state == State::Running || m_state == State::Waiting;
}

const PathModel &TraceSession::model() const
{
    static const PathModel empty;
    if (m_loaded)
        return *m_loaded;
    return m_run ? m_run->model() : empty;
}

int TraceSession::round() const
{
    return m_run ? m_run->roundsStarted() : (m_loaded ? m_loaded->rounds() : 0);
}

QString TraceSession::sourceLabel() const
{
    const PathSource &source = model().header().source;
    QString label = QString::fromStdString(source.hostname);
    if (!m_loaded && source.via && !source.via->interface.name.empty())
        label += QStringLiteral(" \u00b7 ") + QString::fromStdString(source.via->interface.name);
    return label;
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
    m_resumed.reset();
    prepare(request, mode, intervalMs);
}

void TraceSession::resume(PathModel earlier, int intervalMs)
{
    if (isActive())
        return;
    const TraceRequest request = requestOf(earlier.header());
    m_resumed = std::move(earlier);
    prepare(request, Mode::Monitor, intervalMs);
}

void TraceSession::prepare(const TraceRequest &request, Mode mode, int intervalMs)
{
    m_runId = nextRunId();
    m_savedPathOwners->cancel();
    m_loaded.reset();
    m_run.reset();
    m_stopRequested = false;
    m_error.clear();
    m_settledTtls = 0;
    m_endedMs = -1;
    m_request = request;
    m_mode = mode;
    m_intervalMs = intervalMs;
    m_roundStartMs = m_clock.elapsed();
    setState(State::Preparing);

    // The request is checked, the name resolved and the session's source ports chosen once,
    // off this thread: a resolver may take seconds.
    const std::uint64_t generation = ++m_generation;
    const RunKind kind = mode == Mode::Monitor ? RunKind::Monitor : RunKind::Trace;
    QStringList ownerProblems;
    std::shared_ptr<OwnerLookup> owners = sharedOwnerLookup(&ownerProblems);
    for (const QString &problem : ownerProblems)
        Q_EMIT noticeReceived(tr("Owner database left out: %1").arg(problem));
    runInBackground(
        this,
        [request, kind, owners] {
            NoticeCollector notices;
            auto trace = prepareTrace(request, kind, notices);
            if (trace)
                trace->owners = owners;
            return Prepared{std::move(trace), notices.notices};
        },
        [this, generation, kind](const Prepared &prepared) {
            if (generation != m_generation || m_state != State::Preparing)
                return;
            for (const QString &notice : prepared.notices)
                Q_EMIT noticeReceived(notice);
            if (m_stopRequested) {
                setState(State::Stopped);
                return;
            }
            if (!prepared.trace) {
                m_error = QString::fromStdString(prepared.trace.error().message);
                setState(State::Failed);
                return;
            }
            MonitorSettings settings;
            settings.intervalMs = m_intervalMs;
            if (kind == RunKind::Monitor)
                if (const auto warning = routerBudgetWarning(prepared.trace->request, settings))
                    Q_EMIT noticeReceived(QString::fromStdString(*warning));
            if (m_resumed)
                m_run.emplace(*prepared.trace, settings, *std::exchange(m_resumed, std::nullopt));
            else
                m_run.emplace(*prepared.trace, kind, settings);
            startRound();
        });
}

void TraceSession::load(const NetworkPath &saved)
{
    if (isActive())
        return;
    m_run.reset();
    m_loaded = PathModel::fromPath(saved);
    m_mode = m_loaded->isMonitoring() && !m_loaded->series().empty() ? Mode::Monitor : Mode::Trace;
    m_request = requestOf(saved);
    if (m_loaded->intervalMs() > 0)
        m_intervalMs = m_loaded->intervalMs();
    m_error.clear();
    m_settledTtls = m_loaded->lastTtl();
    m_probing = saved.hopscope && saved.hopscope->probing == Probing::Unprivileged
                    ? tr("without privileges")
                    : QString();
    // The time shown is the one the trace or session took.
    const qint64 tookMs = m_loaded->isMonitoring()
                              ? (m_loaded->latestRoundUs() - m_loaded->firstRoundUs()) / 1000
                              : 0;
    m_roundStartMs = m_clock.elapsed();
    setState(State::Finished);
    m_endedMs = m_roundStartMs + std::max<qint64>(0, tookMs);
    Q_EMIT dataChanged();
    m_savedPathOwners->start(saved);
}

void TraceSession::stop()
{
    m_stopRequested = true;
    if (m_run)
        m_run->stop();
    if (m_state == State::Running) {
        worker().cancel();
    } else if (m_state == State::Waiting) {
        m_roundTimer->stop();
        setState(State::Stopped);
    }
}

void TraceSession::startRound()
{
    if (!m_run || !m_run->wantsRound()) {
        setState(m_mode == Mode::Trace ? State::Finished : State::Stopped);
        return;
    }
    m_settledTtls = 0;
    if (m_mode == Mode::Trace)
        m_roundStartMs = m_clock.elapsed();
    m_run->beginRound(wallClockUs());
    setState(State::Running);
    m_roundStartedMs = m_clock.elapsed();
    TraceWorker &traceWorker = worker();
    QMetaObject::invokeMethod(
        &traceWorker,
        [worker = &traceWorker, trace = m_run->roundTrace()] { worker->start(trace); },
        Qt::QueuedConnection);
}

void TraceSession::noteAlerts(const std::vector<AlertEvent> &events)
{
    if (!m_run || events.empty())
        return;
    for (const AlertEvent &event : events)
        m_run->model().addAlert(event);
    Q_EMIT alertsNoted(events);
    Q_EMIT dataChanged();
}

void TraceSession::onFinished(const RoundOutcome &outcome)
{
    if (!m_run)
        return;
    m_lastRoundChanges = m_run->finishRound(outcome);
    if (m_mode == Mode::Monitor)
        Q_EMIT roundSettled();
    for (const RouteChange &change : m_lastRoundChanges)
        Q_EMIT routeChanged(QString::fromStdString(describeRouteChange(change)));
    if (const auto &owners = m_run->trace().owners)
        for (const std::string &problem : owners->takeProblems())
            Q_EMIT noticeReceived(QString::fromStdString(printable(problem)));
    if (outcome.summary.probing == Probing::Unprivileged)
        m_probing = tr("without privileges");
    Q_EMIT dataChanged();
    if (m_mode == Mode::Trace || m_stopRequested || !m_run->wantsRound()) {
        setState(m_mode == Mode::Trace ? State::Finished : State::Stopped);
        return;
    }
    scheduleNextRound();
}

void TraceSession::scheduleNextRound()
{
    m_roundTimer->start(static_cast<int>(
        std::max<qint64>(0, m_roundStartedMs + m_run->nextRoundAfterMs() - m_clock.elapsed())));
    setState(State::Waiting);
}

void TraceSession::onFailed(const Error &error)
{
    const QString message = QString::fromStdString(error.message);
    if (!m_run)
        return;
    // A round cut short says nothing about the route: its probes count, its shape does not.
    if (error.code == ErrorCode::Cancelled) {
        m_run->cancelRound();
        Q_EMIT dataChanged();
        setState(State::Stopped);
        return;
    }
    const bool goesOn = m_run->failRound(error);
    Q_EMIT dataChanged();
    if (goesOn && m_mode == Mode::Monitor && !m_stopRequested) {
        Q_EMIT noticeReceived(tr("Round %1 failed: %2").arg(m_run->roundsStarted()).arg(message));
        scheduleNextRound();
        return;
    }
    m_error = message;
    setState(State::Failed);
}

std::optional<NetworkPath> TraceSession::result() const
{
    if (m_loaded)
        return m_loaded->toNetworkPath();
    if (!m_run || !m_run->hasResult())
        return std::nullopt;
    return m_run->result();
}

} // namespace hopscope
