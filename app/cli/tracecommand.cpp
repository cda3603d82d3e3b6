#include "clicommands.h"
#include "clioutput.h"
#include "traceprinter.h"
#include "workertrace.h"

#include "common/atomicfile.h"
#include "path/networkpathjson.h"
#include "probe/cancelsignal.h"
#include "probe/rawsockets.h"
#include "report/pathtexttable.h"
#include "trace/tracerunner.h"

#include <QCommandLineParser>

#include <csignal>

namespace hopscope::cli {

namespace {

CancelSignal *g_interrupt = nullptr;

extern "C" void cancelOnInterrupt(int)
{
    if (g_interrupt)
        g_interrupt->cancel(); // an atomic store and a write(): both async-signal-safe
}

// Reads an integer option; empty when absent. Sets `error` when present but not a number.
std::optional<int> intOption(const QCommandLineParser &parser, const QCommandLineOption &option,
                             std::string &error)
{
    if (!parser.isSet(option))
        return std::nullopt;
    bool ok = false;
    const QString text = parser.value(option);
    const int value = text.toInt(&ok);
    if (ok)
        return value;
    if (error.empty())
        error = "--" + option.names().constLast().toStdString() + ": '" + text.toStdString()
                + "' is not a whole number";
    return std::nullopt;
}

// Reads a port option (1-65535); empty when absent or wrong, with `error` set when wrong.
std::optional<std::uint16_t> portOption(const QCommandLineParser &parser, const QCommandLineOption &option,
                                        std::string &error)
{
    const auto value = intOption(parser, option, error);
    if (!value)
        return std::nullopt;
    if (*value < 1 || *value > 65535) {
        error = "--" + option.names().constLast().toStdString() + " must be between 1 and 65535 (got "
                + std::to_string(*value) + ")";
        return std::nullopt;
    }
    return static_cast<std::uint16_t>(*value);
}

} // namespace

int runTrace(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Trace the network path to HOST and print each hop as it is settled."));
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")},
                                  QStringLiteral("Show this help."));
    const QCommandLineOption protocol(QStringLiteral("protocol"),
                                      QStringLiteral("Probe protocol: tcp (SYN, the default), udp or icmp (echo)."),
                                      QStringLiteral("PROTOCOL"), QStringLiteral("tcp"));
    const QCommandLineOption port(QStringLiteral("port"),
                                  QStringLiteral("Destination port (default 443 for tcp, 33434 for udp)."),
                                  QStringLiteral("N"));
    const QCommandLineOption sourcePort(QStringLiteral("source-port"),
                                        QStringLiteral("Source port of the first flow; further flows count up "
                                                       "from it (default: chosen by the system)."),
                                        QStringLiteral("N"));
    const QCommandLineOption maxTtl(QStringLiteral("max-ttl"),
                                    QStringLiteral("Highest TTL to probe, 1-255 (default 30)."),
                                    QStringLiteral("N"));
    const QCommandLineOption timeout(QStringLiteral("timeout"),
                                     QStringLiteral("How long to wait for a reply, 10-60000 ms "
                                                    "(default 1000)."),
                                     QStringLiteral("MS"));
    const QCommandLineOption queries(QStringLiteral("queries"),
                                     QStringLiteral("Probes per TTL, 1-10 (default 3)."),
                                     QStringLiteral("N"));
    const QCommandLineOption flows(QStringLiteral("flows"),
                                   QStringLiteral("Flows with distinct source ports, 1-32 "
                                                  "(default 1)."),
                                   QStringLiteral("N"));
    const QCommandLineOption mode(QStringLiteral("mode"),
                                  QStringLiteral("parallel (default: all TTLs at once) or "
                                                 "sequential (one probe at a time)."),
                                  QStringLiteral("MODE"), QStringLiteral("parallel"));
    const QCommandLineOption rate(QStringLiteral("rate"),
                                  QStringLiteral("Send at most N probes per second, 1-10000 "
                                                 "(default: as fast as the answers allow)."),
                                  QStringLiteral("N"));
    const QCommandLineOption ipv4(QStringLiteral("4"), QStringLiteral("Use IPv4 only."));
    const QCommandLineOption ipv6(QStringLiteral("6"), QStringLiteral("Use IPv6 only."));
    const QCommandLineOption unprivileged(QStringLiteral("unprivileged"),
                                          QStringLiteral("Probe without raw sockets even when they are "
                                                         "allowed (chosen by itself when they are not)."));
    const QCommandLineOption noDns(QStringLiteral("no-dns"),
                                   QStringLiteral("Do not look up hop hostnames."));
    const QCommandLineOption json(QStringLiteral("json"),
                                  QStringLiteral("Print the NetworkPath JSON instead of the table."));
    const QCommandLineOption output({QStringLiteral("o"), QStringLiteral("output")},
                                    QStringLiteral("Also write the NetworkPath JSON to FILE."),
                                    QStringLiteral("FILE"));
    parser.addOptions({help, protocol, port, sourcePort, maxTtl, timeout, queries, flows, mode, rate, ipv4, ipv6,
                       unprivileged, noDns, json, output});
    parser.addPositionalArgument(QStringLiteral("HOST"), QStringLiteral("Host name or address."));
    if (!parser.parse(QStringList{QStringLiteral("hopscope-cli trace")} + arguments)) {
        printError("trace: " + parser.errorText().toStdString());
        return ExitError;
    }
    if (parser.isSet(help)) {
        printOut(parser.helpText().toStdString());
        return ExitOk;
    }
    const QStringList hosts = parser.positionalArguments();
    if (hosts.size() != 1) {
        printError(hosts.isEmpty() ? "trace: no host given" : "trace: takes exactly one host");
        return ExitError;
    }

    TraceRequest request;
    request.target = hosts.constFirst().toStdString();
    std::string error;
    const auto protocolValue = parseProtocol(parser.value(protocol).toStdString());
    if (!protocolValue)
        error = "--protocol: '" + parser.value(protocol).toStdString() + "' is not tcp, udp or icmp";
    else
        request.protocol = *protocolValue;
    const auto modeValue = parseTraceMode(parser.value(mode).toStdString());
    if (!modeValue)
        error = "--mode: '" + parser.value(mode).toStdString() + "' is not parallel or sequential";
    else
        request.mode = *modeValue;
    request.port = portOption(parser, port, error);
    request.sourcePort = portOption(parser, sourcePort, error);
    request.maxTtl = intOption(parser, maxTtl, error).value_or(request.maxTtl);
    request.timeoutMs = intOption(parser, timeout, error).value_or(request.timeoutMs);
    request.queries = intOption(parser, queries, error).value_or(request.queries);
    request.flows = intOption(parser, flows, error).value_or(request.flows);
    request.rate = intOption(parser, rate, error);
    if (parser.isSet(ipv4) && parser.isSet(ipv6))
        error = "-4 and -6 exclude each other";
    request.family = parser.isSet(ipv4)   ? AddressFamily::IPv4
                     : parser.isSet(ipv6) ? AddressFamily::IPv6
                                          : AddressFamily::Any;
    request.resolveHostnames = !parser.isSet(noDns);
    request.unprivileged = parser.isSet(unprivileged);
    if (error.empty()) {
        if (const auto checked = normaliseTraceRequest(request); !checked)
            error = checked.error().message;
    }
    if (!error.empty()) {
        printError("trace: " + error);
        return ExitError;
    }

    CancelSignal cancel;
    g_interrupt = &cancel;
    std::signal(SIGINT, cancelOnInterrupt);
    std::signal(SIGTERM, cancelOnInterrupt);
    TracePrinter printer(!parser.isSet(json));
    // Without raw-socket permission of its own, the CLI asks the helper, as the GUI does.
    const bool throughHelper = !request.unprivileged && !rawSocketsAllowed();
    const auto path = throughHelper ? traceThroughHelper(request, printer, cancel)
                                    : hopscope::runTrace(request, printer, cancel);
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
    g_interrupt = nullptr;
    if (!path) {
        printError("trace: " + path.error().message);
        return path.error().code == "cancelled" ? ExitInterrupted : ExitError;
    }
    if (parser.isSet(output)) {
        const Status written = writeFileAtomically(parser.value(output).toStdString(),
                                                   networkPathToJson(*path) + "\n");
        if (!written) {
            printError("trace: " + written.error().message);
            return ExitError;
        }
    }
    if (parser.isSet(json))
        printOut(networkPathToJson(*path) + "\n");
    else
        printOut("\n" + formatPathSummary(*path) + "\n");
    return ExitOk;
}

} // namespace hopscope::cli
