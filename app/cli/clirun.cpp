// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "clicommands.h"
#include "clioutput.h"
#include "version.h"

#include <string>

namespace hopscope::cli {

namespace {

constexpr std::string_view kUsage = R"(Usage: hopscope-cli <command> [options]

See the network path to a destination, and work with saved NetworkPath JSON files.

Commands:
  trace HOST        Trace the path to HOST with TCP SYN, UDP or ICMP echo probes
                    (raw sockets through the probe helper, or ordinary ones
                    when it lacks cap_net_raw) and print each hop as it is
                    settled; --json prints the NetworkPath JSON instead and
                    --output FILE saves it. See `hopscope-cli trace --help`.
  monitor HOST      Trace HOST every second (--interval MS) until Ctrl+C or
                    --count N rounds, with mtr-style statistics per hop (loss,
                    last, average, best, worst, deviation, jitter, p95) and the
                    route changes as they happen; then print the report, or
                    with --json the session's NetworkPath JSON. --statsd
                    HOST:PORT sends the Network Path metrics after each round.
                    See `hopscope-cli monitor --help`.
  show FILE.json    Print a saved NetworkPath as a table (TTL, address, hostname,
                    RTT, reachable), what the replies told (label stacks, NAT,
                    DSCP, quoted and reply TTLs) and a one-line summary; for a
                    monitoring session, also its report. Reads other tools'
                    output too (mtr, traceroute, tracert, Cisco, RIPE Atlas,
                    scamper, Dublin Traceroute, Trippy) and prints every trace
                    a file holds.
  diff A.json B.json
                    Compare two saved paths hop by hop: hops added, removed or
                    changed, ECMP sets, path length, reachability, RTT (with a
                    Mann-Whitney U test) and loss. Exit status 0 when the routes
                    are the same, 1 when they differ; --json for programs.
  report FILE.json --format html|pdf|csv|md [--redact] -o OUT
                    Write a report: whether the destination was reached, where
                    latency and loss start, rate-limited hops, the hop table,
                    the graph and chart (HTML, PDF) and the command that repeats
                    the trace. --redact hides the source and private-range
                    hops; --redact-first N the first N hops.
  convert FILE... [--datadog v3|v4] [-o OUT]
                    Write any file Hopscope reads as NetworkPath JSON (one
                    object, or an array of several paths); v4 (default) puts
                    the hops under traceroute.runs[] as today's agent does.
  history list | history export ID [-o OUT]
                    The history the window keeps: one line per saved path or
                    monitoring session (--json for programs), or one entry as
                    NetworkPath JSON. See `hopscope-cli history --help`.

Options:
  -h, --help        Show this help. `hopscope-cli <command> --help` shows a
                    command's own help.
  -v, --version     Show the version.
  --verbose         Also print Qt's own messages (about the platform, fonts or
                    paths such as a missing XDG_RUNTIME_DIR) on stderr; without
                    it a command prints nothing but its own output.

Exit status: 0 on success (for diff: the same route), 1 when diff finds that
the routes differ, 2 on bad arguments, unreadable input or a failed trace, 130
when a trace is interrupted (a monitoring session interrupted after its first
round ends normally, with its report).
)";

} // namespace

int run(const QStringList &arguments)
{
    if (arguments.isEmpty()) {
        printError("no command given");
        printOut(kUsage);
        return ExitError;
    }
    const QString command = arguments.constFirst();
    if (command == QLatin1String("-h") || command == QLatin1String("--help") ||
        command == QLatin1String("help")) {
        printOut(kUsage);
        return ExitOk;
    }
    if (command == QLatin1String("-v") || command == QLatin1String("--version")) {
        printOut(std::string("hopscope-cli ") + kVersion + "\n");
        return ExitOk;
    }
    const QStringList rest = arguments.mid(1);
    if (command == QLatin1String("show"))
        return runShow(rest);
    if (command == QLatin1String("trace"))
        return runTrace(rest);
    if (command == QLatin1String("monitor"))
        return runMonitor(rest);
    if (command == QLatin1String("diff"))
        return runDiff(rest);
    if (command == QLatin1String("report"))
        return runReport(rest);
    if (command == QLatin1String("convert"))
        return runConvert(rest);
    if (command == QLatin1String("history"))
        return runHistory(rest);
    printError("unknown command '" + command.toStdString() +
               "'; run 'hopscope-cli --help' for the list");
    return ExitError;
}

} // namespace hopscope::cli
