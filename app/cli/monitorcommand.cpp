// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "alertreporter.h"
#include "clicommands.h"
#include "clioutput.h"
#include "commandline.h"
#include "helpertracer.h"
#include "interruptguard.h"
#include "monitorprinter.h"
#include "traceoptions.h"

#include "file/outputfile.h"
#include "path/networkpathjson.h"
#include "probe/cancelsignal.h"
#include "report/monitortexttable.h"
#include "store/sessionrecorder.h"
#include "trace/tracerun.h"

#include <QCommandLineParser>

#include <memory>
#include <unistd.h>

namespace hopscope::cli {

int runMonitor(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Trace the path to HOST again and again and keep statistics per hop: loss, round-trip "
        "times, jitter, "
        "route changes. Runs until Ctrl+C (or --count rounds), then prints the report."));
    const QCommandLineOption help = helpOption();
    const TraceOptions traceOptions;
    const TelemetryOptions telemetryOptions;
    const OwnerOptions ownerOptions;
    const QCommandLineOption interval(
        QStringLiteral("interval"),
        QStringLiteral("Start a round every MS milliseconds, %1-%2 (default %3).")
            .arg(kMinMonitorIntervalMs)
            .arg(kMaxMonitorIntervalMs)
            .arg(kDefaultMonitorIntervalMs),
        QStringLiteral("MS"));
    const QCommandLineOption count(
        QStringLiteral("count"),
        QStringLiteral("Stop after N rounds, 1-%1 (default: run until interrupted).")
            .arg(kMaxMonitorCount),
        QStringLiteral("N"));
    const QCommandLineOption json(
        QStringLiteral("json"),
        QStringLiteral("At the end, print the session's NetworkPath JSON (every probe, "
                       "the per-hop statistics and the route changes) instead of the "
                       "report; progress goes to stderr."));
    const QCommandLineOption output(
        {QStringLiteral("o"), QStringLiteral("output")},
        QStringLiteral("Also write the session's NetworkPath JSON to FILE."),
        QStringLiteral("FILE"));
    const QCommandLineOption record(
        QStringLiteral("record"),
        QStringLiteral("Keep the session in the history as it runs, each round as it settles, so "
                       "that it outlives this process (a crash, kill -9, a power cut loses the "
                       "round under way at most); `hopscope-cli history list` shows it."));
    const QCommandLineOption alert(
        QStringLiteral("alert"),
        QStringLiteral("Watch the destination for RULE and say when it begins and ends: "
                       "loss>PERCENT%[/ROUNDS], latency>MSms[/ROUNDS], jitter>MSms[/ROUNDS] "
                       "(over the last ROUNDS rounds, default 5), lost[/ROUNDS] (no answer in "
                       "ROUNDS rounds in a row, default 3) or route (a route change). Repeatable."),
        QStringLiteral("RULE"));
    const QCommandLineOption alertCommand(
        QStringLiteral("alert-command"),
        QStringLiteral("Run CMD with /bin/sh at each alert, in the background, with the alert "
                       "in its environment: HOPSCOPE_ALERT (raised or cleared), "
                       "HOPSCOPE_ALERT_RULE, HOPSCOPE_ALERT_ROUND, HOPSCOPE_ALERT_TIME, "
                       "HOPSCOPE_ALERT_VALUE, HOPSCOPE_ALERT_DETAIL, HOPSCOPE_ALERT_MESSAGE, "
                       "HOPSCOPE_TARGET and HOPSCOPE_DESTINATION."),
        QStringLiteral("CMD"));
    parser.addOption(help);
    traceOptions.addTo(parser);
    parser.addOptions({interval, count, record, alert, alertCommand});
    telemetryOptions.addTo(parser);
    ownerOptions.addTo(parser);
    parser.addOptions({json, output});
    parser.addPositionalArgument(QStringLiteral("HOST"), QStringLiteral("Host name or address."));
    QString host;
    if (const auto done = parseCommandLine(parser, help, "monitor", "host", arguments, host))
        return *done;

    std::string error;
    TraceRequest request = traceOptions.read(parser, host, error);
    if (!parser.isSet(QStringLiteral("queries")))
        request.queries = kDefaultMonitorQueries;
    MonitorSettings settings;
    settings.intervalMs = intOption(parser, interval, error).value_or(settings.intervalMs);
    settings.count = intOption(parser, count, error);
    const std::vector<std::string> tags = telemetryOptions.tags(parser, error);
    const auto owners =
        error.empty() ? ownerOptions.open(parser, &traceOptions.noDns(), error) : nullptr;
    if (ownerOptions.keepsPathLocal(parser))
        request.resolveHostnames = false;
    std::vector<AlertRule> alertRules;
    for (const QString &text : parser.values(alert)) {
        auto rule = parseAlertRule(text.toStdString());
        if (!rule) {
            if (error.empty())
                error = rule.error().message;
            continue;
        }
        alertRules.push_back(*rule);
    }
    if (error.empty() && parser.isSet(alertCommand) && alertRules.empty())
        error = "--alert-command needs at least one --alert rule";
    if (error.empty()) {
        if (const auto checked = normaliseTraceRequest(request); !checked)
            error = checked.error().message;
        else if (const Status valid = checkMonitorSettings(settings); !valid)
            error = valid.error().message;
    }
    if (!error.empty()) {
        printError("monitor: " + error);
        return ExitError;
    }
    const auto telemetry = telemetryOptions.openSender(parser, "monitor");

    const bool toJson = parser.isSet(json);
    const bool screen = !toJson && ::isatty(STDOUT_FILENO) == 1;
    MonitorPrinter printer(screen ? MonitorPrinter::Style::Screen : MonitorPrinter::Style::Lines,
                           toJson ? stderr : stdout,
                           {telemetry.get(), tags, settings.intervalMs / 1000.0});
    // The target is checked and resolved once, and the flows' ports kept, for every round.
    auto prepared = prepareTrace(request, RunKind::Monitor, printer);
    if (!prepared) {
        printError("monitor: " + prepared.error().message);
        return ExitError;
    }
    prepared->owners = owners;
    if (const auto warning = routerBudgetWarning(prepared->request, settings))
        printer.notice(*warning);
    TraceRun run(*prepared, RunKind::Monitor, settings);
    std::unique_ptr<HistoryStore> history;
    if (parser.isSet(record)) {
        auto opened = HistoryStore::open(HistoryStore::defaultFileName());
        if (!opened) {
            printError("monitor: --record: " + opened.error().message);
            return ExitError;
        }
        history = std::move(*opened);
    }
    std::optional<AlertReporter> alerts;
    if (!alertRules.empty())
        alerts.emplace(alertRules, parser.value(alertCommand), run, printer);
    RunObserver &watched = alerts ? static_cast<RunObserver &>(*alerts) : printer;
    std::optional<SessionRecorder> recorder;
    if (history)
        recorder.emplace(*history, run, watched);
    CancelSignal cancel;
    auto path = [&] {
        RoundTracers tracers(request);
        const InterruptGuard interrupts(cancel);
        return runRounds(run, tracers.tracer(),
                         recorder ? static_cast<RunObserver &>(*recorder) : watched, cancel);
    }();
    if (!path) {
        printError("monitor: " + path.error().message);
        return path.error().code == ErrorCode::Cancelled ? ExitInterrupted : ExitError;
    }
    path->tags = tags;
    if (recorder) {
        if (const auto saved = recorder->keeper().end(*path); !saved)
            printError("monitor: " + saved.error().message);
        else
            printError("monitor: kept in the history as entry " + std::to_string(*saved));
    }
    if (owners)
        for (const std::string &problem : owners->takeProblems())
            printError("monitor: " + problem);
    ownerOptions.keep(owners);
    if (parser.isSet(output)) {
        const Status written =
            writeOutputFile(parser.value(output).toStdString(), networkPathToJson(*path) + "\n");
        if (!written) {
            printError("monitor: " + written.error().message);
            return ExitError;
        }
    }
    if (toJson)
        printOut(networkPathToJson(*path) + "\n");
    else
        printText("\n" + formatMonitorReport(run.model()));
    return ExitOk;
}

} // namespace hopscope::cli
