// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "alertreporter.h"

#include "client/alertcommand.h"

namespace hopscope::cli {

AlertReporter::AlertReporter(std::vector<AlertRule> rules, QString command, TraceRun &run,
                             MonitorPrinter &shown)
    : RunRelay(shown), m_watch(std::move(rules)), m_command(std::move(command)), m_run(run),
      m_shown(shown)
{
}

void AlertReporter::roundFinished(int round, const PathModel &model,
                                  const std::vector<RouteChange> &changes, double durationSeconds)
{
    const MonitorRound &settled = m_run.lastRound();
    const auto events = m_watch.roundSettled(round, settled.startedUs, settled.destination,
                                             settled.probes, changes);
    // The command is started first: what the alert prints may be the last this process does.
    if (!m_command.isEmpty())
        for (const AlertEvent &event : events)
            runCommand(event, model.header());
    m_shown.alerted(events);
    for (const AlertEvent &event : events)
        m_run.model().addAlert(event);
    RunRelay::roundFinished(round, model, changes, durationSeconds);
}

void AlertReporter::runCommand(const AlertEvent &event, const NetworkPath &header)
{
    if (const Status started = runAlertCommand(m_command, event, header); !started)
        notice("--alert-command: " + started.error().message);
}

} // namespace hopscope::cli
