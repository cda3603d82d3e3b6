// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "store/sessionkeeper.h"
#include "trace/tracerun.h"

#include <vector>

namespace hopscope {

// Keeps a monitoring session in the history as it runs, for the CLI. It sits in front of the
// observer that shows the session (the printer): it writes each round to the store as the round
// settles, before passing the round on, so that every round shown is kept. A write that fails is
// said once through the shown observer's notice(), and the session goes on without being kept.
// Alerts the observers behind it add to the session's model for a round are kept after them.
class SessionRecorder final : public RunRelay
{
public:
    SessionRecorder(HistoryStore &store, const TraceRun &run, RunObserver &shown,
                    std::optional<std::int64_t> resumedId = std::nullopt);

    SessionKeeper &keeper() { return m_keeper; }

    void roundFinished(int round, const PathModel &model, const std::vector<RouteChange> &changes,
                       double durationSeconds) override;

private:
    SessionKeeper m_keeper;
    const TraceRun &m_run;
    std::size_t m_alertsKept = 0; // of the model's alertsAdded()
};

} // namespace hopscope
