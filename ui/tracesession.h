#pragma once

#include "monitor/monitorsession.h"
#include "path/networkpath.h"

#include <QElapsedTimer>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QThread>

#include <map>
#include <optional>
#include <tuple>

class QTimer;

namespace hopscope {

class TraceWorker;
struct ProbeEvent;

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
};

// One tab's trace or monitoring session, on the GUI thread: it drives a TraceWorker on a thread
// of its own (through the helper when it can), feeds every probe into a MonitorSession as it
// settles, and in monitor mode starts a round every interval until stopped. The views read the
// session when `dataChanged` says there is news, on their own refresh timers.
class TraceSession : public QObject
{
    Q_OBJECT

public:
    enum class Mode { Trace, Monitor };
    enum class State { Idle, Preparing, Running, Waiting, Finished, Stopped, Failed };

    explicit TraceSession(QString helperProgram, QObject *parent = nullptr);
    ~TraceSession() override;

    void start(const TraceRequest &request, Mode mode, int intervalMs);
    void stop();
    // Shows a saved path as if it had just been traced: its probes (or, for a file without any,
    // one per hop) replayed round by round into the session. Its result() is the file as read.
    void load(const NetworkPath &path);
    bool isLoaded() const { return m_loaded; }

    Mode mode() const { return m_mode; }
    State state() const { return m_state; }
    bool isActive() const;
    const TraceRequest &request() const { return m_request; }
    int intervalMs() const { return m_intervalMs; }
    const MonitorSession &session() const { return m_session; }
    // Every link seen, with how many probes took it.
    const std::map<HopEdge, int> &edges() const { return m_edges; }
    // The destination's address once resolved.
    const std::string &destination() const { return m_destination; }
    // What to save: the trace's NetworkPath, or the session's (monitorNetworkPath).
    std::optional<NetworkPath> result() const;

    // "through the helper", "in this process", "without privileges".
    QString probingDescription() const { return m_probing; }
    // This computer as the latest trace saw it: its name and interface.
    QString sourceLabel() const { return m_sourceLabel; }
    int round() const { return m_round; }
    int settledTtls() const { return m_settledTtls; }
    qint64 elapsedMs() const;
    QString errorMessage() const { return m_error; }
    QStringList degradedReasons() const { return m_degraded; }
    // The helper answered but may not send raw packets: granting it its capability would help.
    bool helperLacksPermission() const { return m_helperLacksPermission; }
    // The helper has been granted its capability: the next trace or round asks it again.
    void retryHelper();

Q_SIGNALS:
    void dataChanged();
    void stateChanged();
    void routeChanged(const QString &description);
    void degraded(const QString &reason);
    void noticeReceived(const QString &message);

private:
    // Forgets the previous trace, session or file before another.
    void clearRun();
    void setState(State state);
    void startRound();
    void onProbe(const ProbeEvent &event);
    void onFinished(const NetworkPath &path);
    void onFailed(const QString &code, const QString &message);
    void scheduleNextRound();
    void addEdges(const std::map<std::pair<int, int>, std::string> &respondersByTtlAndFlow, int lastTtl);

    QThread m_thread;
    TraceWorker *m_worker;
    QTimer *m_roundTimer;
    Mode m_mode = Mode::Trace;
    State m_state = State::Idle;
    TraceRequest m_request;      // as the user gave it
    TraceRequest m_roundRequest; // resolved, flows fixed
    int m_intervalMs = 1000;
    bool m_stopRequested = false;
    MonitorSession m_session;
    std::map<HopEdge, int> m_edges;
    std::map<std::pair<int, int>, std::string> m_roundResponders; // by TTL and flow, this round
    std::string m_destination;
    std::optional<NetworkPath> m_latestPath;
    QString m_probing;
    QString m_sourceLabel;
    QString m_error;
    QStringList m_degraded;
    bool m_helperLacksPermission = false;
    int m_round = 0;
    int m_settledTtls = 0;
    QElapsedTimer m_clock;
    qint64 m_roundStartMs = 0;   // when the shown elapsed time began
    qint64 m_roundStartedMs = 0; // when the latest round began
    qint64 m_endedMs = -1;
    std::uint64_t m_generation = 0; // which start() a preparation belongs to
    bool m_loaded = false;          // shows a saved path: nothing to trace
};

} // namespace hopscope
