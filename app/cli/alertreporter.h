// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "monitor/alertwatch.h"
#include "monitorprinter.h"
#include "trace/tracerun.h"

#include <QString>

namespace hopscope::cli {

// Watches `monitor --alert` rules: told of each round as it settles, it hands the alerts the
// round raised or cleared to the printer (which prints them after the round's line) and runs
// the --alert-command for each, in the background, with the alert in its environment. The
// alerts go into the session's model too, so that its file (and the history) lists them.
class AlertReporter final : public RunRelay
{
public:
    AlertReporter(std::vector<AlertRule> rules, QString command, TraceRun &run,
                  MonitorPrinter &shown);

    void roundFinished(int round, const PathModel &model, const std::vector<RouteChange> &changes,
                       double durationSeconds) override;

private:
    void runCommand(const AlertEvent &event, const NetworkPath &header);

    AlertWatch m_watch;
    QString m_command;
    TraceRun &m_run;
    MonitorPrinter &m_shown;
};

} // namespace hopscope::cli
