// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "client/traceworker.h"

#include "helper/helperprotocol.h"
#include "helperpaths.h"

#include <QMetaObject>
#include <QTimer>

#include <algorithm>

namespace hopscope {

namespace {

// A helper that has not said hello by then is not going to.
constexpr int kHelloTimeoutMs = 5000;

QString toQString(const std::string &text)
{
    return QString::fromStdString(text);
}

// Re-emits the in-process engine's progress as the worker's signals.
class SignalObserver : public ProbeObserver
{
public:
    explicit SignalObserver(TraceWorker &worker) : m_worker(worker) {}
    void probeFinished(const ProbeEvent &event) override
    {
        events.push_back(event);
        Q_EMIT m_worker.probeReceived(event);
    }
    void hopSettled(int ttl) override { Q_EMIT m_worker.hopSettled(ttl); }
    void notice(const std::string &message) override { Q_EMIT m_worker.notice(toQString(message)); }

    std::vector<ProbeEvent> events;

private:
    TraceWorker &m_worker;
};

} // namespace

void TraceWorker::registerMetaTypes()
{
    qRegisterMetaType<hopscope::PreparedTrace>();
    qRegisterMetaType<hopscope::ProbeEvent>();
    qRegisterMetaType<hopscope::RoundOutcome>();
    qRegisterMetaType<hopscope::Error>();
    qRegisterMetaType<hopscope::TraceWorker::Route>();
    qRegisterMetaType<hopscope::TraceWorker::HelperProblem>();
}

TraceWorker::TraceWorker(QString helperProgram, QObject *parent)
    : QObject(parent), m_helperProgram(std::move(helperProgram)), m_helloTimer(new QTimer(this))
{
    registerMetaTypes();
    m_helloTimer->setSingleShot(true);
    connect(m_helloTimer, &QTimer::timeout, this, [this] {
        if (m_helperState == HelperState::Starting)
            helperFailed(
                tr("the probe helper did not answer within %1 s").arg(kHelloTimeoutMs / 1000));
    });
}

TraceWorker::~TraceWorker()
{
    stopHelper();
}

void TraceWorker::cancel()
{
    m_cancel.cancel(); // ends an in-process trace, which blocks this worker's thread
    QMetaObject::invokeMethod(this, &TraceWorker::cancelInHelper, Qt::QueuedConnection);
}

void TraceWorker::start(const PreparedTrace &trace)
{
    if (m_busy) {
        Q_EMIT failed(Error{ErrorCode::Busy, tr("a trace is running already").toStdString()});
        return;
    }
    m_busy = true;
    m_cancel.reset();
    m_trace = trace;
    m_events.clear();
    if (m_trace.request.unprivileged || m_helperState == HelperState::Unusable) {
        runInProcess();
        return;
    }
    m_waitingForHelper = true;
    if (m_helperState == HelperState::Ready)
        sendToHelper();
    else if (m_helperState == HelperState::NotStarted)
        startHelper();
}

void TraceWorker::startHelper()
{
    m_helperState = HelperState::Starting;
    m_pending.clear();
    m_helper = new QProcess(this);
    m_helper->setProgram(m_helperProgram);
    m_helper->setProcessChannelMode(QProcess::ForwardedErrorChannel);
    connect(m_helper, &QProcess::readyReadStandardOutput, this, &TraceWorker::readHelperOutput);
    connect(m_helper, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart)
            helperFailed(tr("the probe helper %1 could not be started (%2)")
                             .arg(m_helperProgram, m_helper->errorString()));
    });
    connect(m_helper, &QProcess::finished, this, [this](int exitCode, QProcess::ExitStatus status) {
        helperFailed(status == QProcess::CrashExit
                         ? tr("the probe helper stopped unexpectedly (killed or crashed)")
                         : tr("the probe helper exited with status %1").arg(exitCode));
    });
    m_helloTimer->start(kHelloTimeoutMs);
    m_helper->start(QIODevice::ReadWrite);
    if (m_helper->processId() > 0)
        Q_EMIT helperStarted(m_helper->processId());
}

void TraceWorker::sendToHelper()
{
    const std::string capability = helper::rawCapabilityFor(m_trace.address.family());
    if (std::find(m_helperCapabilities.begin(), m_helperCapabilities.end(), capability) ==
        m_helperCapabilities.end()) {
        if (m_helperCapabilities.empty())
            helperFailed(
                tr("the probe helper has no permission to send raw packets (grant it with: "
                   "sudo setcap %1 %2)")
                    .arg(QString::fromLatin1(kHelperCapabilities), m_helperProgram),
                HelperProblem::LacksPermission);
        else
            helperFailed(tr("the probe helper cannot send raw packets of this address family"));
        return;
    }
    if (m_cancel.isCancelled()) {
        fail(Error{ErrorCode::Cancelled, tr("the trace was cancelled").toStdString()});
        return;
    }
    m_activeId = m_nextId++;
    m_helper->write(QByteArray::fromStdString(
        helper::traceRequestLine(m_activeId, m_trace.request, m_trace.address) + "\n"));
    Q_EMIT routeChosen(Route::Helper);
}

void TraceWorker::readHelperOutput()
{
    m_pending += m_helper->readAllStandardOutput();
    qsizetype newline = 0;
    while ((newline = m_pending.indexOf('\n')) >= 0) {
        const QByteArray line = m_pending.left(newline);
        m_pending.remove(0, newline + 1);
        handleHelperLine(line);
        if (!m_helper)
            return; // the helper was given up while handling the line
    }
}

void TraceWorker::handleHelperLine(const QByteArray &line)
{
    const auto event = helper::parseEvent(
        std::string_view(line.constData(), static_cast<std::size_t>(line.size())));
    if (!event) {
        helperFailed(toQString(event.error().message));
        return;
    }
    if (event->kind == helper::Event::Kind::Hello) {
        m_helloTimer->stop();
        if (event->version != helper::kProtocolVersion) {
            helperFailed(tr("the probe helper speaks protocol version %1, not %2")
                             .arg(event->version)
                             .arg(helper::kProtocolVersion));
            return;
        }
        m_helperState = HelperState::Ready;
        m_helperCapabilities = event->capabilities;
        if (m_waitingForHelper)
            sendToHelper();
        return;
    }
    if (!event->id || *event->id != m_activeId || m_activeId == 0)
        return; // about an earlier trace, or a request error with no id: not ours to report
    switch (event->kind) {
    case helper::Event::Kind::Probe:
        m_events.push_back(event->probe);
        Q_EMIT probeReceived(event->probe);
        break;
    case helper::Event::Kind::Hop:
        Q_EMIT hopSettled(event->ttl);
        break;
    case helper::Event::Kind::Notice:
        Q_EMIT notice(toQString(event->message));
        break;
    case helper::Event::Kind::Done:
        m_activeId = 0;
        m_waitingForHelper = false;
        finishRound(event->done);
        break;
    case helper::Event::Kind::Error:
        m_activeId = 0;
        fail(event->error);
        break;
    case helper::Event::Kind::Hello:
        break;
    }
}

void TraceWorker::helperFailed(const QString &reason, HelperProblem problem)
{
    if (m_helperState == HelperState::Unusable)
        return;
    m_helperState = HelperState::Unusable;
    m_helloTimer->stop();
    if (m_helper) {
        QProcess *process = m_helper;
        m_helper = nullptr;
        process->disconnect(this);
        process->kill();
        process->waitForFinished(1000);
        process->deleteLater();
    }
    const bool tracing = m_waitingForHelper;
    Q_EMIT degraded(reason + (tracing ? tr("; tracing from this program instead")
                                      : tr("; traces will run from this program")),
                    problem);
    if (tracing) {
        m_activeId = 0;
        if (!m_events.empty()) {
            m_events.clear();
            Q_EMIT restarted();
        }
        runInProcess();
    }
}

void TraceWorker::cancelInHelper()
{
    if (m_helper && m_activeId != 0)
        m_helper->write(QByteArray::fromStdString(helper::cancelRequestLine(m_activeId) + "\n"));
}

void TraceWorker::runInProcess()
{
    m_waitingForHelper = false;
    Q_EMIT routeChosen(Route::InProcess);
    SignalObserver observer(*this);
    auto run = runProbes(m_trace.request, m_trace.address, observer, m_cancel);
    if (!run) {
        fail(run.error());
        return;
    }
    m_events = std::move(observer.events);
    finishRound(run->summary);
}

void TraceWorker::finishRound(const ProbeRunSummary &summary)
{
    RoundOutcome outcome;
    outcome.summary = summary;
    // On this thread: a resolver that is slow to answer holds up nobody.
    lookUpAnswerers(m_trace, m_events, outcome);
    m_events.clear();
    m_busy = false;
    Q_EMIT finished(outcome);
}

void TraceWorker::fail(const Error &error)
{
    m_waitingForHelper = false;
    m_busy = false;
    Q_EMIT failed(error);
}

void TraceWorker::retryHelper()
{
    if (m_helperState != HelperState::Unusable)
        return;
    m_helperState = HelperState::NotStarted;
    m_helperCapabilities.clear();
}

void TraceWorker::stopHelper()
{
    if (!m_helper)
        return;
    QProcess *process = m_helper;
    m_helper = nullptr;
    if (m_helperState != HelperState::Unusable)
        m_helperState = HelperState::NotStarted;
    process->disconnect(this);
    process->closeWriteChannel(); // end of input: the helper cancels what runs and exits
    if (!process->waitForFinished(3000))
        process->kill();
    process->waitForFinished(1000);
    delete process;
}

} // namespace hopscope
