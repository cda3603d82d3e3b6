// Hopscope's TCP benchmark: a lab of six routers (two silent) with real delay on two links, and
// Hopscope measured against traceroute -T, tcptraceroute and ping in the same run.
//
//   sudo build/tests/bench/hopscope-bench-tcp [RUNS]
//
// Prints figures and ratios; nothing here is a pass/fail test.

#include "namespacelab.h"

#include "path/networkpathjson.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QProcess>
#include <QRegularExpression>

#include <algorithm>
#include <cstdio>
#include <map>
#include <vector>

using namespace hopscope;

namespace {

constexpr int kRouters = 6;
constexpr int kOpenPort = 8080;
constexpr int kFilteredPort = 8081;
constexpr double kOneWayDelayMs = 7.5; // on two links: 30 ms round trip to the destination
constexpr int kDefaultTimeoutMs = 1000;

struct Timed
{
    double ms = 0;
    QByteArray out;
    int exitCode = -1;
};

Timed runIn(const QString &ns, const QString &program, const QStringList &arguments)
{
    QProcess process;
    QElapsedTimer clock;
    clock.start();
    process.start(QStringLiteral("ip"), QStringList{QStringLiteral("netns"), QStringLiteral("exec"), ns, program} + arguments);
    process.waitForFinished(180000);
    Timed timed;
    timed.ms = static_cast<double>(clock.nsecsElapsed()) / 1e6;
    timed.out = process.readAllStandardOutput();
    timed.exitCode = process.exitCode();
    return timed;
}

double median(std::vector<double> values)
{
    if (values.empty())
        return 0;
    std::sort(values.begin(), values.end());
    const std::size_t n = values.size();
    return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

std::vector<double> pingTimes(const QString &ns, const QString &address, int count)
{
    const Timed ping = runIn(ns, QStringLiteral("ping"),
                             {QStringLiteral("-n"), QStringLiteral("-c"), QString::number(count), QStringLiteral("-i"),
                              QStringLiteral("0.05"), address});
    std::vector<double> times;
    static const QRegularExpression time(QStringLiteral("time=([0-9.]+) ms"));
    auto it = time.globalMatch(QString::fromLatin1(ping.out));
    while (it.hasNext())
        times.push_back(it.next().captured(1).toDouble());
    return times;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    std::setvbuf(stdout, nullptr, _IOLBF, 0); // figures appear as they are measured
    const int runs = argc > 1 ? std::max(1, std::atoi(argv[1])) : 5;
    if (const QString reason = NamespaceLab::unavailableReason(); !reason.isEmpty()) {
        std::fprintf(stderr, "hopscope-bench-tcp: %s\n", qPrintable(reason));
        return 2;
    }
    const QString binDir = QStringLiteral(HOPSCOPE_BINARY_DIR);
    const QString cli = binDir + QStringLiteral("/hopscope-cli");

    NamespaceLab lab(kRouters);
    lab.setLinkDelay(2, kOneWayDelayMs, binDir + QStringLiteral("/tests/bench/hopscope-delaylink"));
    lab.setLinkDelay(4, kOneWayDelayMs, binDir + QStringLiteral("/tests/bench/hopscope-delaylink"));
    if (!lab.build() || !lab.silenceRouter(2) || !lab.silenceRouter(5) || !lab.listenOnServer(kOpenPort)
        || !lab.filterServerPort(kFilteredPort)) {
        std::fprintf(stderr, "hopscope-bench-tcp: lab: %s\n", qPrintable(lab.error()));
        return 2;
    }
    const QString client = lab.client();
    const QString server = NamespaceLab::serverV4(kRouters);
    const QString open = QString::number(kOpenPort);
    pingTimes(client, server, 3); // neighbour tables warm before anything is timed

    std::printf("Hopscope TCP benchmark: %d routers (r2 and r5 silent), %.1f ms one way on two links, %d runs each\n\n",
         kRouters, kOneWayDelayMs, runs);

    // 1. Time to a complete answer, open port, default options (names not looked up).
    struct Tool
    {
        const char *name;
        QString program;
        QStringList arguments;
    };
    const std::vector<Tool> tools{
        {"hopscope-cli trace (parallel)", cli, {QStringLiteral("trace"), QStringLiteral("--no-dns"), QStringLiteral("--port"), open, server}},
        {"traceroute -T", QStringLiteral("traceroute"), {QStringLiteral("-T"), QStringLiteral("-n"), QStringLiteral("-p"), open, server}},
        {"tcptraceroute", QStringLiteral("tcptraceroute"), {QStringLiteral("-n"), server, open}},
    };
    std::vector<double> medians;
    std::printf("Time to a complete answer (open port, median of %d)\n", runs);
    for (const Tool &tool : tools) {
        std::vector<double> times;
        for (int i = 0; i < runs; ++i)
            times.push_back(runIn(client, tool.program, tool.arguments).ms);
        medians.push_back(median(times));
        std::printf("  %-32s %9.1f ms   x%.2f of Hopscope\n", tool.name, medians.back(), medians.back() / medians.front());
    }

    // 2. A filtered destination port ends after the overall timeout.
    {
        std::vector<double> times;
        for (int i = 0; i < runs; ++i)
            times.push_back(runIn(client, cli, {QStringLiteral("trace"), QStringLiteral("--no-dns"), QStringLiteral("--port"),
                                                QString::number(kFilteredPort), server})
                                .ms);
        const double ms = median(times);
        std::printf("\nFiltered destination port (median of %d)\n  hopscope-cli trace %9.1f ms = %.2f x its %d ms timeout\n",
             runs, ms, ms / kDefaultTimeoutMs, kDefaultTimeoutMs);
        const Timed traceroute = runIn(client, QStringLiteral("traceroute"),
                                       {QStringLiteral("-T"), QStringLiteral("-n"), QStringLiteral("-p"),
                                        QString::number(kFilteredPort), server});
        std::printf("  traceroute -T      %9.1f ms (one run)\n", traceroute.ms);
    }

    // 3. RTT accuracy: Hopscope's per-hop median against ping's to the same hop, same run.
    std::map<int, std::pair<QString, std::vector<double>>> samplesByTtl;
    for (int i = 0; i < runs; ++i) {
        const Timed trace = runIn(client, cli, {QStringLiteral("trace"), QStringLiteral("--no-dns"), QStringLiteral("--json"),
                                                QStringLiteral("--port"), open, server});
        const auto path = networkPathFromJson(trace.out.toStdString());
        if (!path) {
            std::fprintf(stderr, "hopscope-bench-tcp: %s\n", path.error().message.c_str());
            return 1;
        }
        for (const ProbeSample &probe : path->hopscope->probes)
            if (probe.rttMs) {
                samplesByTtl[probe.ttl].first = QString::fromStdString(probe.responder);
                samplesByTtl[probe.ttl].second.push_back(*probe.rttMs);
            }
    }
    std::printf("\nRTT accuracy (median per hop, ms; %d Hopscope probes and 20 pings per hop)\n", runs * 3);
    std::printf("  TTL  %-12s %10s %10s %10s\n", "address", "hopscope", "ping", "difference");
    double worst = 0;
    std::map<int, double> pingMedianByTtl;
    for (const auto &[ttl, entry] : samplesByTtl) {
        const double hopscope = median(entry.second);
        const double ping = median(pingTimes(client, entry.first, 20));
        pingMedianByTtl[ttl] = ping;
        worst = std::max(worst, std::abs(hopscope - ping));
        std::printf("  %3d  %-12s %10.3f %10.3f %+10.3f\n", ttl, qPrintable(entry.first), hopscope, ping, hopscope - ping);
    }
    std::printf("  largest difference: %.3f ms\n", worst);

    // 4. Sequential mode: each probe waits for its answer or the timeout.
    const Timed sequential = runIn(client, cli, {QStringLiteral("trace"), QStringLiteral("--no-dns"), QStringLiteral("--mode"),
                                                 QStringLiteral("sequential"), QStringLiteral("--port"), open, server});
    double expected = 0;
    int silent = 0;
    for (int ttl = 1; ttl <= kRouters + 1; ++ttl) {
        if (pingMedianByTtl.count(ttl))
            expected += 3 * pingMedianByTtl[ttl];
        else {
            expected += 3 * kDefaultTimeoutMs;
            ++silent;
        }
    }
    std::printf("\nSequential mode (3 queries per TTL, %d silent TTLs)\n  measured %.1f ms; sum of RTTs + one timeout per "
         "silent probe %.1f ms; ratio %.3f\n",
         silent, sequential.ms, expected, sequential.ms / expected);
    return 0;
}
