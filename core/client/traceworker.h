// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "probe/cancelsignal.h"
#include "probe/probetypes.h"
#include "trace/tracerun.h"

#include <QByteArray>
#include <QObject>
#include <QProcess>
#include <QString>

#include <cstdint>
#include <string>
#include <vector>

class QTimer;

namespace hopscope {

// Runs the rounds of a trace for a front end, on the thread it has been moved to. It asks the
// privileged helper (hopscope-probe) for raw-socket probes and turns the helper's events into
// queued signals; the front end builds the path from them (TraceRun). When the helper is
// missing, lacks its capability, or dies mid-round, it says so once through `degraded` and runs
// the round in this process instead (`restarted` voids what was streamed so far): with raw
// sockets when this process may open them, without privileges otherwise. It looks up the
// names of the addresses that answered before it reports a round finished. One round at a
// time; the helper is kept for the next.
class TraceWorker : public QObject
{
    Q_OBJECT

public:
    enum class Route { Helper, InProcess };
    Q_ENUM(Route)
    // Why the helper cannot serve: only a missing capability is mended by granting it.
    enum class HelperProblem { Unavailable, LacksPermission };
    Q_ENUM(HelperProblem)

    // `helperProgram` is normally helperPath(); tests point it elsewhere.
    explicit TraceWorker(QString helperProgram, QObject *parent = nullptr);
    ~TraceWorker() override;

    // Ends the running trace, which then fails with code ErrorCode::Cancelled. Safe from any
    // thread.
    void cancel();

    // Registers the types the signals carry (once per process; the constructor calls it).
    static void registerMetaTypes();

public Q_SLOTS:
    void start(const hopscope::PreparedTrace &trace);
    // Ends the helper; call on the worker's thread before it quits (a queued call does that).
    void stopHelper();
    // Tries the helper again at the next trace, after it was found unusable (for example once it
    // has been granted its capability).
    void retryHelper();

Q_SIGNALS:
    void routeChosen(hopscope::TraceWorker::Route route);
    void helperStarted(qint64 pid);
    void probeReceived(const hopscope::ProbeEvent &event);
    void hopSettled(int ttl);
    // The probes received so far this round are void: it runs again in this process.
    void restarted();
    void notice(const QString &message);
    // The helper cannot serve (missing, no capability, died): said once per cause, with the fix.
    void degraded(const QString &reason, hopscope::TraceWorker::HelperProblem problem);
    void finished(const hopscope::RoundOutcome &outcome);
    void failed(const hopscope::Error &error);

private:
    enum class HelperState { NotStarted, Starting, Ready, Unusable };

    void startHelper();
    void sendToHelper();
    void readHelperOutput();
    void handleHelperLine(const QByteArray &line);
    void helperFailed(const QString &reason, HelperProblem problem = HelperProblem::Unavailable);
    void cancelInHelper();
    void runInProcess();
    void finishRound(const ProbeRunSummary &summary);
    void fail(const Error &error);

    QString m_helperProgram;
    QProcess *m_helper = nullptr;
    QTimer *m_helloTimer;
    HelperState m_helperState = HelperState::NotStarted;
    QByteArray m_pending; // helper output not yet a whole line
    bool m_busy = false;
    bool m_waitingForHelper = false; // the current trace is (to be) run by the helper
    PreparedTrace m_trace;
    std::vector<ProbeEvent> m_events; // this round's, from the helper: whose names to look up
    std::int64_t m_nextId = 1;
    std::int64_t m_activeId = 0;
    std::vector<std::string> m_helperCapabilities; // from its hello
    CancelSignal m_cancel;
};

} // namespace hopscope

Q_DECLARE_METATYPE(hopscope::PreparedTrace)
Q_DECLARE_METATYPE(hopscope::ProbeEvent)
Q_DECLARE_METATYPE(hopscope::RoundOutcome)
Q_DECLARE_METATYPE(hopscope::Error)
