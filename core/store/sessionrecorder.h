// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "store/historystore.h"
#include "trace/tracerun.h"

#include <cstdint>
#include <optional>
#include <vector>

namespace hopscope {

// Keeps a monitoring session in the history as it runs. It sits in front of the observer that
// shows the session (the CLI's printer): told of every probe and round, it writes each round to
// the store as the round settles, before passing the round on, so that every round shown is
// kept. The entry is made when the first round settles (the session's header is known then). A
// write that fails is said once through the shown observer's notice(), and the session goes on
// without being kept.
class SessionRecorder final : public RunObserver
{
public:
    SessionRecorder(HistoryStore &store, int intervalMs, RunObserver &shown);

    // The session's history entry, once its first round has settled.
    std::optional<std::int64_t> id() const { return m_id; }
    // The first write that failed, if any.
    const std::optional<Error> &failure() const { return m_failure; }

    void probeFinished(const ProbeEvent &event) override;
    void hopSettled(int ttl) override { m_shown.hopSettled(ttl); }
    void notice(const std::string &message) override { m_shown.notice(message); }
    void restarted() override;
    void roundStarted(int round) override;
    void roundFinished(int round, const PathModel &model, const std::vector<RouteChange> &changes,
                       double durationSeconds) override;
    void roundFailed(int round, const Error &error) override;

private:
    HistoryStore &m_store;
    int m_intervalMs;
    std::optional<std::int64_t> m_id;
    RunObserver &m_shown;
    MonitorRound m_round;
    std::optional<Error> m_failure;
};

} // namespace hopscope
