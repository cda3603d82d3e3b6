// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "store/sessionrecorder.h"

#include <algorithm>

namespace hopscope {

SessionRecorder::SessionRecorder(HistoryStore &store, const TraceRun &run, RunObserver &shown,
                                 std::optional<std::int64_t> resumedId)
    : RunRelay(shown), m_keeper(store, run.settings().intervalMs, resumedId), m_run(run),
      m_alertsKept(run.model().alertsAdded())
{
}

void SessionRecorder::roundFinished(int round, const PathModel &model,
                                    const std::vector<RouteChange> &changes, double durationSeconds)
{
    const Status kept = m_keeper.keepRound(model.header(), m_run.lastRound(),
                                           describeForHistory(model.header(), model));
    if (!kept)
        notice("the session is no longer kept in the history: " + kept.error().message);
    RunRelay::roundFinished(round, model, changes, durationSeconds);
    const std::deque<AlertEvent> &alerts = model.alerts();
    const std::size_t added = std::min(model.alertsAdded() - m_alertsKept, alerts.size());
    m_alertsKept = model.alertsAdded();
    if (added == 0)
        return;
    const Status alertsKept = m_keeper.keepAlerts(
        std::vector<AlertEvent>(alerts.end() - static_cast<std::ptrdiff_t>(added), alerts.end()));
    if (!alertsKept)
        notice("the session is no longer kept in the history: " + alertsKept.error().message);
}

} // namespace hopscope
