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

namespace {

// Sessions that earlier processes left interrupted, named when a new one starts being kept, so
// that the user learns they can go on with them.
void tellInterrupted(const HistoryStore &history)
{
    const auto entries = history.list();
    if (!entries)
        return;
    std::vector<const HistoryEntry *> interrupted;
    for (const HistoryEntry &entry : *entries)
        if (entry.interrupted)
            interrupted.push_back(&entry);
    if (interrupted.empty())
        return;
    constexpr std::size_t kNamed = 5;
    std::string text =
        "monitor: the history holds " + std::to_string(interrupted.size()) +
        (interrupted.size() == 1 ? " interrupted session" : " interrupted sessions") +
        "; `hopscope-cli monitor --resume ID` goes on with one:";
    for (std::size_t i = 0; i < std::min(kNamed, interrupted.size()); ++i)
        text += (i == 0 ? " " : ", ") + std::to_string(interrupted[i]->id) + " (" +
                interrupted[i]->target + ", " + std::to_string(interrupted[i]->rounds) +
                (interrupted[i]->rounds == 1 ? " round)" : " rounds)");
    if (interrupted.size() > kNamed)
        text += " and " + std::to_string(interrupted.size() - kNamed) +
                " more (`hopscope-cli history list`)";
    printError(text);
}

} // namespace

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
    const QCommandLineOption resume(
        QStringLiteral("resume"),
        QStringLiteral("Go on with the interrupted session ID (`hopscope-cli history list` names "
                       "them) in its own history entry, with its own target and settings: its "
                       "rounds are numbered on from the last one kept, and --count counts the "
                       "rounds to come. Give no HOST."),
        QStringLiteral("ID"));
    parser.addOption(help);
    traceOptions.addTo(parser);
    parser.addOptions({interval, count, record, resume, alert, alertCommand});
    telemetryOptions.addTo(parser);
    ownerOptions.addTo(parser);
    parser.addOptions({json, output});
    parser.addPositionalArgument(QStringLiteral("HOST"),
                                 QStringLiteral("Host name or address (none with --resume)."));
    QStringList operands;
    if (const auto done =
            parseCommandLine(parser, help, "monitor", {"host"}, arguments, operands, 1))
        return *done;

    std::string error;
    const std::optional<int> resumeId = intOption(parser, resume, error);
    if (resumeId && !operands.isEmpty())
        error = "--resume goes on with the session's own target: give no HOST";
    else if (!resumeId && operands.isEmpty() && error.empty())
        error = "no host given";
    // The history is opened, and a session to go on with taken over, first: the rest of the
    // command line may depend on it. Should the command then fail, the session is free again
    // once this process has ended.
    std::unique_ptr<HistoryStore> history;
    if (error.empty() && (parser.isSet(record) || resumeId)) {
        auto opened = HistoryStore::open(HistoryStore::defaultFileName());
        if (opened)
            history = std::move(*opened);
        else
            error = (resumeId ? "--resume: " : "--record: ") + opened.error().message;
    }
    std::optional<ResumedSession> resumed;
    if (history && resumeId) {
        auto taken = history->resumeSession(*resumeId);
        if (taken)
            resumed = std::move(*taken);
        else
            error = "--resume: " + taken.error().message;
    }
    TraceRequest request;
    if (resumed) {
        request = traceOptions.readOnto(parser, requestOf(resumed->model.header()),
                                        "with --resume: the session goes on with its own settings",
                                        error);
    } else if (!resumeId) {
        request = traceOptions.read(parser, operands.value(0), error);
        if (!parser.isSet(QStringLiteral("queries")))
            request.queries = kDefaultMonitorQueries;
    }
    MonitorSettings settings;
    settings.intervalMs = intOption(parser, interval, error)
                              .value_or(resumed ? resumed->intervalMs : settings.intervalMs);
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
    // A session gone on with counts its rounds on from the last one kept.
    if (resumed && settings.count)
        *settings.count += resumed->model.latestRound();
    if (history && !resumed)
        tellInterrupted(*history);
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
    std::optional<TraceRun> session;
    if (resumed)
        session.emplace(*prepared, settings, std::move(resumed->model));
    else
        session.emplace(*prepared, RunKind::Monitor, settings);
    TraceRun &run = *session;
    std::optional<AlertReporter> alerts;
    if (!alertRules.empty())
        alerts.emplace(alertRules, parser.value(alertCommand), run, printer);
    RunObserver &watched = alerts ? static_cast<RunObserver &>(*alerts) : printer;
    std::optional<SessionRecorder> recorder;
    if (history)
        recorder.emplace(*history, run, watched,
                         resumed ? std::optional<std::int64_t>(resumed->id) : std::nullopt);
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
    // A session gone on with keeps its tags unless new ones are given.
    if (!resumed || !tags.empty())
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
