// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "path/pathmodel.h"
#include "trace/tracerun.h"

#include <QElapsedTimer>
#include <QObject>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

class QTimer;

namespace hopscope {

class SavedPathOwners;
class TraceWorker;
template <typename Object> class WorkerThread;

// The run control of one tab's trace or monitoring session: it starts a TraceWorker on a thread
// of its own (through the helper when it can) the first time it is asked to trace, hands the
// worker's probes and rounds to the TraceRun that both front ends share, and in monitor mode
// starts a round every interval until stopped. A saved path is shown without any of that: its
// PathModel is read from the file. The views read model() when `dataChanged` says there is news,
// on their own refresh timers.
class TraceSession : public QObject
{
    Q_OBJECT

public:
    enum class Mode { Trace, Monitor };
    enum class State { Idle, Preparing, Running, Waiting, Finished, Stopped, Failed };

    explicit TraceSession(QString helperProgram, QObject *parent = nullptr);
    ~TraceSession() override;

    void start(const TraceRequest &request, Mode mode, int intervalMs);
    // Goes on with an interrupted monitoring session: `earlier` holds its rounds so far, and the
    // rounds to come are added to them, numbered on from its latest.
    void resume(PathModel earlier, int intervalMs);
    void stop();
    // Shows a saved path as if it had just been traced. Its result() is the file as read.
    void load(const NetworkPath &path);
    bool isLoaded() const { return m_loaded.has_value(); }

    Mode mode() const { return m_mode; }
    State state() const { return m_state; }
    bool isActive() const;
    const TraceRequest &request() const { return m_request; }
    int intervalMs() const { return m_intervalMs; }
    // What every view reads: the run's model, or the loaded file's.
    const PathModel &model() const;
    // What to save: the trace's, the session's or the file's NetworkPath.
    std::optional<NetworkPath> result() const;

    // "through the helper", "in this process", "without privileges".
    QString probingDescription() const { return m_probing; }
    // This computer as the latest trace saw it: its name and interface.
    QString sourceLabel() const;
    int round() const;
    // Which start() or resume() this is, unique in the process: what the history knows the run
    // by while it is kept round by round.
    quint64 runId() const { return m_runId; }
    // The monitoring round that settled last (roundSettled), as the history keeps it.
    const MonitorRound *lastRound() const { return m_run ? &m_run->lastRound() : nullptr; }
    // The route changes that round confirmed.
    const std::vector<RouteChange> &lastRoundChanges() const { return m_lastRoundChanges; }
    int settledTtls() const { return m_settledTtls; }
    qint64 elapsedMs() const;
    QString errorMessage() const { return m_error; }
    QStringList degradedReasons() const { return m_degraded; }
    // The helper answered but may not send raw packets: granting it its capability would help.
    bool helperLacksPermission() const { return m_helperLacksPermission; }
    // The helper has been granted its capability: the next trace or round asks it again.
    void retryHelper();
    // Alerts the session's rules raised or cleared with the round that settled last: they go into
    // its model (its timeline, periods and file) and to whoever keeps it (alertsNoted).
    void noteAlerts(const std::vector<AlertEvent> &events);

Q_SIGNALS:
    void dataChanged();
    void stateChanged();
    // A monitoring round has settled: lastRound() and model() have it.
    void roundSettled();
    void alertsNoted(const std::vector<hopscope::AlertEvent> &events);
    void routeChanged(const QString &description);
    void degraded(const QString &reason);
    void noticeReceived(const QString &message);

private:
    TraceWorker &worker();
    void setState(State state);
    void prepare(const TraceRequest &request, Mode mode, int intervalMs);
    void startRound();
    void onFinished(const RoundOutcome &outcome);
    void onFailed(const Error &error);
    void scheduleNextRound();

    QString m_helperProgram;
    std::unique_ptr<WorkerThread<TraceWorker>> m_worker; // made at the first start
    QTimer *m_roundTimer;
    Mode m_mode = Mode::Trace;
    State m_state = State::Idle;
    TraceRequest m_request; // as the user gave it
    int m_intervalMs = 1000;
    bool m_stopRequested = false;
    std::optional<TraceRun> m_run;
    std::optional<PathModel> m_loaded;  // a saved path's
    std::optional<PathModel> m_resumed; // an interrupted session's, while the resume is prepared
    quint64 m_runId = 0;
    std::vector<RouteChange> m_lastRoundChanges;
    SavedPathOwners *m_savedPathOwners; // what the saved path does not say of its hops' owners
    QString m_probing;
    QString m_error;
    QStringList m_degraded;
    bool m_helperLacksPermission = false;
    int m_settledTtls = 0;
    QElapsedTimer m_clock;
    qint64 m_roundStartMs = 0;   // when the shown elapsed time began
    qint64 m_roundStartedMs = 0; // when the latest round began
    qint64 m_endedMs = -1;
    std::uint64_t m_generation = 0; // which start() a preparation belongs to
};

} // namespace hopscope
