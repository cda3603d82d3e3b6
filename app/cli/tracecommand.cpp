// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "clicommands.h"
#include "clioutput.h"
#include "commandline.h"
#include "helpertracer.h"
#include "interruptguard.h"
#include "traceoptions.h"
#include "traceprinter.h"

#include "file/outputfile.h"
#include "path/networkpathjson.h"
#include "probe/cancelsignal.h"
#include "report/pathtexttable.h"
#include "telemetry/networkpathtelemetry.h"
#include "trace/tracerun.h"

#include <QCommandLineParser>

#include <chrono>

namespace hopscope::cli {

int runTrace(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Trace the network path to HOST and print each hop as it is settled."));
    const QCommandLineOption help = helpOption();
    const TraceOptions traceOptions;
    const TelemetryOptions telemetryOptions;
    const OwnerOptions ownerOptions;
    const QCommandLineOption json(
        QStringLiteral("json"), QStringLiteral("Print the NetworkPath JSON instead of the table."));
    const QCommandLineOption output({QStringLiteral("o"), QStringLiteral("output")},
                                    QStringLiteral("Also write the NetworkPath JSON to FILE."),
                                    QStringLiteral("FILE"));
    const QCommandLineOption mtu(
        QStringLiteral("mtu"),
        QStringLiteral("Find the path MTU: probes as large as the outgoing interface's MTU, with "
                       "don't-fragment, shrink where a router says they are too big; says at "
                       "which hop the MTU drops. Needs raw sockets."));
    parser.addOption(help);
    traceOptions.addTo(parser);
    telemetryOptions.addTo(parser);
    ownerOptions.addTo(parser);
    parser.addOptions({json, output, mtu});
    parser.addPositionalArgument(QStringLiteral("HOST"), QStringLiteral("Host name or address."));
    QString host;
    if (const auto done = parseCommandLine(parser, help, "trace", "host", arguments, host))
        return *done;

    std::string error;
    TraceRequest request = traceOptions.read(parser, host, error);
    request.findPathMtu = parser.isSet(mtu);
    const std::vector<std::string> tags = telemetryOptions.tags(parser, error);
    const auto owners =
        error.empty() ? ownerOptions.open(parser, &traceOptions.noDns(), error) : nullptr;
    if (ownerOptions.keepsPathLocal(parser))
        request.resolveHostnames = false;
    if (error.empty()) {
        if (const auto checked = normaliseTraceRequest(request); !checked)
            error = checked.error().message;
    }
    if (!error.empty()) {
        printError("trace: " + error);
        return ExitError;
    }
    const auto telemetry = telemetryOptions.openSender(parser, "trace");

    CancelSignal cancel;
    TracePrinter printer(!parser.isSet(json));
    printer.setOwners(owners);
    printer.setSentTrafficClass(request.trafficClass);
    const auto started = std::chrono::steady_clock::now();
    // The target is checked and resolved once; the helper is given the address.
    auto prepared = prepareTrace(request, RunKind::Trace, printer);
    if (!prepared) {
        printError("trace: " + prepared.error().message);
        return ExitError;
    }
    prepared->owners = owners;
    TraceRun run(*prepared, RunKind::Trace);
    RoundTracers tracers(request);
    auto path = [&] {
        const InterruptGuard interrupts(cancel);
        return runRounds(run, tracers.tracer(), printer, cancel);
    }();
    printer.printPending();
    if (!path) {
        printError("trace: " + path.error().message);
        return path.error().code == ErrorCode::Cancelled ? ExitInterrupted : ExitError;
    }
    path->tags = tags;
    if (owners)
        for (const std::string &problem : owners->takeProblems())
            printError("trace: " + problem);
    ownerOptions.keep(owners);
    if (telemetry)
        submitNetworkPathTelemetry(
            *telemetry, run.model(),
            std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count(), 0.0,
            tags);
    if (parser.isSet(output)) {
        const Status written =
            writeOutputFile(parser.value(output).toStdString(), networkPathToJson(*path) + "\n");
        if (!written) {
            printError("trace: " + written.error().message);
            return ExitError;
        }
    }
    if (parser.isSet(json))
        printOut(networkPathToJson(*path) + "\n");
    else
        printText("\n" + formatPathSummary(run.model()) + "\n" + formatPathMtu(run.model()));
    return ExitOk;
}

} // namespace hopscope::cli
