// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "alertreporter.h"

#include "report/pathtexttable.h"
#include "report/textformat.h"

#include <QProcess>
#include <QProcessEnvironment>

namespace hopscope::cli {

AlertReporter::AlertReporter(std::vector<AlertRule> rules, QString command, const TraceRun &run,
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
    RunRelay::roundFinished(round, model, changes, durationSeconds);
}

void AlertReporter::runCommand(const AlertEvent &event, const NetworkPath &header)
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    const auto set = [&environment](const char *name, const std::string &value) {
        environment.insert(QLatin1String(name), QString::fromStdString(value));
    };
    set("HOPSCOPE_ALERT", event.raised ? "raised" : "cleared");
    set("HOPSCOPE_ALERT_RULE", event.rule.text);
    set("HOPSCOPE_ALERT_ROUND", std::to_string(event.round));
    set("HOPSCOPE_ALERT_TIME", formatUtc(event.timeUs / 1000));
    set("HOPSCOPE_ALERT_VALUE", std::to_string(event.value));
    set("HOPSCOPE_ALERT_DETAIL", event.detail);
    set("HOPSCOPE_ALERT_MESSAGE", describeAlertEvent(event));
    set("HOPSCOPE_TARGET", formatPathTarget(header));
    set("HOPSCOPE_DESTINATION", header.destination.ipAddress);
    QProcess process;
    process.setProgram(QStringLiteral("/bin/sh"));
    process.setArguments({QStringLiteral("-c"), m_command});
    process.setProcessEnvironment(environment);
    process.setStandardInputFile(QProcess::nullDevice());
    if (!process.startDetached())
        notice("--alert-command: /bin/sh could not be started for the alert of round " +
               std::to_string(event.round));
}

} // namespace hopscope::cli
