// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

// Hopscope's benchmark: a lab of six routers (two silent) with real delay on two links, once with
// Linux's ICMP rate limits on every router and once without, and Hopscope measured against
// traceroute, tcptraceroute, mtr and ping in the same run, for TCP, UDP and ICMP, with raw
// sockets and without privileges: time to a complete answer, hops found, RTT against ping, and
// the loss a 60-round session reports on a lossless path.
//
//   sudo build/tests/bench/hopscope-bench [RUNS] [--rtt-only]
//
// --rtt-only measures the round trips in the lab without rate limits and nothing else.
//
// Prints figures and ratios; nothing here is a pass/fail test.

#include "namespacelab.h"

#include "path/networkpathjson.h"
#include "path/pathmodel.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QProcess>
#include <QRegularExpression>
#include <QThread>

#include <algorithm>
#include <cstdio>
#include <cstring>
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
};

struct Tool
{
    const char *name;
    QString program;
    QStringList arguments;
};

Timed runIn(const QString &ns, const QString &program, const QStringList &arguments)
{
    QProcess process;
    QElapsedTimer clock;
    clock.start();
    process.start(QStringLiteral("ip"),
                  QStringList{QStringLiteral("netns"), QStringLiteral("exec"), ns, program} +
                      arguments);
    process.waitForFinished(180000);
    return Timed{static_cast<double>(clock.nsecsElapsed()) / 1e6, process.readAllStandardOutput()};
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
                             {QStringLiteral("-n"), QStringLiteral("-c"), QString::number(count),
                              QStringLiteral("-i"), QStringLiteral("0.05"), address});
    std::vector<double> times;
    static const QRegularExpression time(QStringLiteral("time=([0-9.]+) ms"));
    auto it = time.globalMatch(QString::fromLatin1(ping.out));
    while (it.hasNext())
        times.push_back(it.next().captured(1).toDouble());
    return times;
}

// How long a Linux router takes to refill its ICMP budget (one a second, up to six).
constexpr int kBudgetRefillMs = 6500;
constexpr int kSessionRounds = 60;

// The TTLs a tool's text output shows an address at: traceroute's and tcptraceroute's
// "3  198.18.3.1  ...", mtr's report "3.|-- 198.18.3.1 ...", Hopscope's table "3  198.18.3.1 ...".
int hopsFound(const QByteArray &output)
{
    static const QRegularExpression hop(
        QStringLiteral("^\\s*(\\d+)\\.?(?:\\|--)?\\s+(\\d{1,3}(?:\\.\\d{1,3}){3})\\b"),
        QRegularExpression::MultilineOption);
    std::vector<int> ttls;
    auto it = hop.globalMatch(QString::fromLatin1(output));
    while (it.hasNext()) {
        const int ttl = it.next().captured(1).toInt();
        if (std::find(ttls.begin(), ttls.end(), ttl) == ttls.end())
            ttls.push_back(ttl);
    }
    return static_cast<int>(ttls.size());
}

// Median wall time of each tool over `runs`, printed with its ratio to the first. With
// `refillMs`, every run waits that long first, so that it starts with full ICMP budgets.
void timeToAnswer(const QString &ns, const char *title, const std::vector<Tool> &tools, int runs,
                  int refillMs = 0)
{
    std::printf("%s (median of %d; hops: fewest and most TTLs with an answer in a run)\n", title,
                runs);
    double first = 0;
    for (const Tool &tool : tools) {
        std::vector<double> times;
        int fewest = 1000;
        int most = 0;
        for (int i = 0; i < runs; ++i) {
            if (refillMs > 0)
                QThread::msleep(static_cast<unsigned long>(refillMs));
            const Timed run = runIn(ns, tool.program, tool.arguments);
            times.push_back(run.ms);
            fewest = std::min(fewest, hopsFound(run.out));
            most = std::max(most, hopsFound(run.out));
        }
        const double ms = median(times);
        if (first == 0)
            first = ms;
        std::printf("  %-48s %9.1f ms   x%.2f   hops %d-%d\n", tool.name, ms, ms / first, fewest,
                    most);
    }
}

// Every RTT Hopscope measured per TTL over `runs` traces with `arguments`.
std::map<int, std::pair<QString, std::vector<double>>> hopscopeSamples(const QString &ns,
                                                                       const QString &cli,
                                                                       const QStringList &arguments,
                                                                       int runs, int refillMs)
{
    std::map<int, std::pair<QString, std::vector<double>>> samples;
    for (int i = 0; i < runs; ++i) {
        if (refillMs > 0)
            QThread::msleep(static_cast<unsigned long>(refillMs));
        const Timed trace = runIn(
            ns, cli, QStringList{QStringLiteral("trace"), QStringLiteral("--json")} + arguments);
        const auto path = networkPathFromJson(trace.out.toStdString());
        if (!path)
            continue;
        for (const ProbeSample &probe : path->hopscope->probes)
            if (probe.rttMs) {
                samples[probe.ttl].first = QString::fromStdString(probe.responder);
                samples[probe.ttl].second.push_back(*probe.rttMs);
            }
    }
    return samples;
}

// Hopscope's per-hop medians against ping's, all in one run: raw, raw sent at most 100 probes a
// second (so that no probe or answer waits behind another in the lab's user-space delay links),
// and without privileges.
std::map<int, double> rttAccuracy(const QString &ns, const QString &cli, const char *protocol,
                                  const QStringList &target, int runs, int refillMs)
{
    const QStringList common{QStringLiteral("--no-dns"), QStringLiteral("--protocol"),
                             QLatin1String(protocol)};
    const auto raw = hopscopeSamples(ns, cli, common + target, runs, refillMs);
    const auto paced = hopscopeSamples(
        ns, cli, common + QStringList{QStringLiteral("--rate"), QStringLiteral("100")} + target,
        runs, refillMs);
    const auto unprivileged = hopscopeSamples(
        ns, cli, common + QStringList{QStringLiteral("--unprivileged")} + target, runs, refillMs);
    std::printf("RTT accuracy, %s (median per hop over %d probes, ms; ping: 20 per hop)\n",
                protocol, runs * 3);
    std::printf("  TTL  %-12s %9s %9s %11s %9s %13s %9s %9s\n", "address", "raw", "-ping",
                "raw 100/s", "-ping", "unprivileged", "-ping", "ping");
    std::map<int, double> pingByTtl;
    double worstRaw = 0;
    double worstPaced = 0;
    double worstUnprivileged = 0;
    const auto medianAt = [](const auto &samples, int ttl) {
        const auto found = samples.find(ttl);
        return found == samples.end() ? 0.0 : median(found->second.second);
    };
    for (const auto &[ttl, entry] : raw) {
        const double ping = median(pingTimes(ns, entry.first, 20));
        pingByTtl[ttl] = ping;
        const double r = median(entry.second);
        const double p = medianAt(paced, ttl);
        const double up = medianAt(unprivileged, ttl);
        worstRaw = std::max(worstRaw, std::abs(r - ping));
        worstPaced = std::max(worstPaced, std::abs(p - ping));
        worstUnprivileged = std::max(worstUnprivileged, std::abs(up - ping));
        std::printf("  %3d  %-12s %9.3f %+9.3f %11.3f %+9.3f %13.3f %+9.3f %9.3f\n", ttl,
                    qPrintable(entry.first), r, r - ping, p, p - ping, up, up - ping, ping);
    }
    std::printf("  largest difference from ping: raw %.3f ms, raw at 100 probes/s %.3f ms, "
                "unprivileged %.3f ms\n\n",
                worstRaw, worstPaced, worstUnprivileged);
    return pingByTtl;
}

// Loss per TTL from mtr's report ("  3.|-- 198.18.3.1   0.0%  60 ...").
std::map<int, double> mtrLoss(const QByteArray &report)
{
    static const QRegularExpression row(
        QStringLiteral("^\\s*(\\d+)\\.\\|--\\s+(\\d{1,3}(?:\\.\\d{1,3}){3})\\s+([0-9.]+)%"),
        QRegularExpression::MultilineOption);
    std::map<int, double> loss;
    auto it = row.globalMatch(QString::fromLatin1(report));
    while (it.hasNext()) {
        const auto match = it.next();
        loss.emplace(match.captured(1).toInt(), match.captured(3).toDouble());
    }
    return loss;
}

// The loss a 60-round session reports at each answering hop, Hopscope's default monitor against
// mtr's default (one probe per TTL a second), on a path that loses nothing.
void sessionLoss(const QString &ns, const QString &server, const QString &cli, int refillMs)
{
    std::printf("Loss a %d-round session reports per answering hop, %%, on a lossless path "
                "(hopscope-cli monitor / mtr --report -c %d)\n",
                kSessionRounds, kSessionRounds);
    const QString open = QString::number(kOpenPort);
    const QString rounds = QString::number(kSessionRounds);
    struct Case
    {
        const char *protocol;
        QStringList hopscope;
        QStringList mtr;
    };
    const std::vector<Case> cases{
        {"tcp",
         {QStringLiteral("--protocol"), QStringLiteral("tcp"), QStringLiteral("--port"), open},
         {QStringLiteral("--tcp"), QStringLiteral("-P"), open}},
        {"udp", {QStringLiteral("--protocol"), QStringLiteral("udp")}, {QStringLiteral("--udp")}},
        {"icmp", {QStringLiteral("--protocol"), QStringLiteral("icmp")}, {}},
    };
    for (const Case &test : cases) {
        if (refillMs > 0)
            QThread::msleep(static_cast<unsigned long>(refillMs));
        const Timed ours =
            runIn(ns, cli,
                  QStringList{QStringLiteral("monitor"), QStringLiteral("--json"),
                              QStringLiteral("--no-dns"), QStringLiteral("--count"), rounds} +
                      test.hopscope + QStringList{server});
        if (refillMs > 0)
            QThread::msleep(static_cast<unsigned long>(refillMs));
        const Timed theirs = runIn(ns, QStringLiteral("mtr"),
                                   QStringList{QStringLiteral("--report"), QStringLiteral("-n"),
                                               QStringLiteral("-c"), rounds} +
                                       test.mtr + QStringList{server});
        const auto mtr = mtrLoss(theirs.out);
        const auto session = networkPathFromJson(ours.out.toStdString());
        std::printf("  %-4s", test.protocol);
        double worstOurs = 0;
        double worstMtr = 0;
        if (session && session->hopscope && session->hopscope->monitor) {
            for (const MonitorHop &hop : session->hopscope->monitor->hops) {
                if (hop.responder.empty())
                    continue;
                const auto their = mtr.find(hop.ttl);
                std::printf(
                    "  TTL %d %.1f/%s", hop.ttl, hop.stats.lossPercent,
                    their == mtr.end() ? "-" : qPrintable(QString::number(their->second, 'f', 1)));
                worstOurs = std::max(worstOurs, hop.stats.lossPercent);
            }
        }
        for (const auto &[ttl, loss] : mtr)
            worstMtr = std::max(worstMtr, loss);
        std::printf("\n       worst: hopscope %.1f %%, mtr %.1f %%\n", worstOurs, worstMtr);
    }
    std::printf("\n");
}

// Time to a complete answer for TCP, UDP and ICMP, Hopscope against the other tools.
void timeToAnswerAll(const QString &client, const QString &server, const QString &cli, int runs,
                     int refillMs)
{
    const QString open = QString::number(kOpenPort);
    const QString udpPort = QStringLiteral("33434");
    const QString trace = QStringLiteral("trace");
    const QString noDns = QStringLiteral("--no-dns");
    const QString protocol = QStringLiteral("--protocol");
    const QString unprivileged = QStringLiteral("--unprivileged");
    const QString n = QStringLiteral("-n");
    const QString mtrReport = QStringLiteral("--report");
    const QStringList mtrCycles{QStringLiteral("-c"), QStringLiteral("3"), QStringLiteral("-i"),
                                QStringLiteral("0.1")};

    timeToAnswer(
        client, "TCP: time to a complete answer, open port",
        {{"hopscope-cli trace", cli, {trace, noDns, QStringLiteral("--port"), open, server}},
         {"hopscope-cli trace --unprivileged",
          cli,
          {trace, noDns, unprivileged, QStringLiteral("--port"), open, server}},
         {"traceroute -T",
          QStringLiteral("traceroute"),
          {QStringLiteral("-T"), n, QStringLiteral("-p"), open, server}},
         {"tcptraceroute", QStringLiteral("tcptraceroute"), {n, server, open}},
         {"mtr --report --tcp (3 cycles, 0.1 s)", QStringLiteral("mtr"),
          QStringList{mtrReport, n, QStringLiteral("--tcp"), QStringLiteral("-P"), open} +
              mtrCycles + QStringList{server}}},
        runs, refillMs);
    std::printf("\n");
    timeToAnswer(
        client, "UDP: time to a complete answer",
        {{"hopscope-cli trace --protocol udp",
          cli,
          {trace, noDns, protocol, QStringLiteral("udp"), server}},
         {"hopscope-cli trace --protocol udp --unprivileged",
          cli,
          {trace, noDns, protocol, QStringLiteral("udp"), unprivileged, server}},
         {"traceroute -U",
          QStringLiteral("traceroute"),
          {QStringLiteral("-U"), n, QStringLiteral("-p"), udpPort, server}},
         {"mtr --report --udp (3 cycles, 0.1 s)", QStringLiteral("mtr"),
          QStringList{mtrReport, n, QStringLiteral("--udp")} + mtrCycles + QStringList{server}}},
        runs, refillMs);
    std::printf("\n");
    timeToAnswer(
        client, "ICMP: time to a complete answer",
        {{"hopscope-cli trace --protocol icmp",
          cli,
          {trace, noDns, protocol, QStringLiteral("icmp"), server}},
         {"hopscope-cli trace --protocol icmp --unprivileged",
          cli,
          {trace, noDns, protocol, QStringLiteral("icmp"), unprivileged, server}},
         {"traceroute -I", QStringLiteral("traceroute"), {QStringLiteral("-I"), n, server}},
         {"mtr --report (ICMP, 3 cycles, 0.1 s)", QStringLiteral("mtr"),
          QStringList{mtrReport, n} + mtrCycles + QStringList{server}}},
        runs, refillMs);
    std::printf("\n");
}

// The benchmark's lab: six routers, r2 and r5 silent, delay on links 2 and 4.
std::unique_ptr<NamespaceLab> buildLab(NamespaceLab::IcmpBudget budget, const QString &delay)
{
    auto lab = std::make_unique<NamespaceLab>(kRouters, budget);
    lab->setLinkDelay(2, kOneWayDelayMs, delay);
    lab->setLinkDelay(4, kOneWayDelayMs, delay);
    if (!lab->build() || !lab->silenceRouter(2) || !lab->silenceRouter(5) ||
        !lab->listenOnServer(kOpenPort) || !lab->filterServerPort(kFilteredPort) ||
        !lab->exec(lab->client(),
                   {QStringLiteral("sysctl"), QStringLiteral("-q"), QStringLiteral("-w"),
                    QStringLiteral("net.ipv4.ping_group_range=0 2147483647")})) {
        std::fprintf(stderr, "hopscope-bench: lab: %s\n", qPrintable(lab->error()));
        return nullptr;
    }
    return lab;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    std::setvbuf(stdout, nullptr, _IOLBF, 0); // figures appear as they are measured
    const int runs = argc > 1 ? std::max(1, std::atoi(argv[1])) : 5;
    const bool rttOnly = argc > 2 && std::strcmp(argv[2], "--rtt-only") == 0;
    if (const QString reason = NamespaceLab::unavailableReason(); !reason.isEmpty()) {
        std::fprintf(stderr, "hopscope-bench: %s\n", qPrintable(reason));
        return 2;
    }
    const QString binDir = QStringLiteral(HOPSCOPE_BINARY_DIR);
    const QString cli = binDir + QStringLiteral("/hopscope-cli");
    const QString delay = binDir + QStringLiteral("/tests/bench/hopscope-delaylink");

    // Routers that keep Linux's ICMP budgets, as real ones do; every run starts with them full.
    if (!rttOnly) {
        const auto limited = buildLab(NamespaceLab::IcmpBudget::LinuxDefault, delay);
        if (!limited)
            return 2;
        pingTimes(limited->client(), NamespaceLab::serverV4(kRouters), 3);
        std::printf("Hopscope benchmark: %d routers (r2 and r5 silent), %.1f ms one way on two "
                    "links, %d runs each; no name lookups anywhere\n\n"
                    "Lab 1: Linux's default ICMP rate limits on every router and the server, each "
                    "run after %d ms for the budgets to refill\n\n",
                    kRouters, kOneWayDelayMs, runs, kBudgetRefillMs);
        timeToAnswerAll(limited->client(), NamespaceLab::serverV4(kRouters), cli, runs,
                        kBudgetRefillMs);
        const QStringList target{QStringLiteral("--port"), QString::number(kOpenPort),
                                 NamespaceLab::serverV4(kRouters)};
        rttAccuracy(limited->client(), cli, "tcp", target, runs, kBudgetRefillMs);
        sessionLoss(limited->client(), NamespaceLab::serverV4(kRouters), cli, kBudgetRefillMs);
    }
    const auto lab = buildLab(NamespaceLab::IcmpBudget::Unlimited, delay);
    if (!lab)
        return 2;
    const QString client = lab->client();
    const QString server = NamespaceLab::serverV4(kRouters);
    const QString open = QString::number(kOpenPort);
    pingTimes(client, server, 3); // neighbour tables warm before anything is timed
    std::printf("Lab 2: no ICMP rate limits (the same network)\n\n");

    const QString trace = QStringLiteral("trace");
    const QString noDns = QStringLiteral("--no-dns");
    const QString n = QStringLiteral("-n");

    // Time to an answer; then a filtered destination port, which ends after the overall timeout.
    if (!rttOnly) {
        timeToAnswerAll(client, server, cli, runs, 0);
        std::vector<double> times;
        for (int i = 0; i < runs; ++i)
            times.push_back(runIn(client, cli,
                                  {trace, noDns, QStringLiteral("--port"),
                                   QString::number(kFilteredPort), server})
                                .ms);
        const double ms = median(times);
        std::printf("TCP, filtered destination port (median of %d)\n  hopscope-cli trace %9.1f ms "
                    "= %.2f x its %d ms timeout\n",
                    runs, ms, ms / kDefaultTimeoutMs, kDefaultTimeoutMs);
        const Timed traceroute = runIn(client, QStringLiteral("traceroute"),
                                       {QStringLiteral("-T"), n, QStringLiteral("-p"),
                                        QString::number(kFilteredPort), server});
        std::printf("  traceroute -T      %9.1f ms (one run)\n\n", traceroute.ms);
    }

    const auto pingByTtl =
        rttAccuracy(client, cli, "tcp", {QStringLiteral("--port"), open, server}, runs, 0);
    rttAccuracy(client, cli, "udp", {server}, runs, 0);
    rttAccuracy(client, cli, "icmp", {server}, runs, 0);
    if (rttOnly)
        return 0;
    sessionLoss(client, server, cli, 0);

    // Sequential mode: each probe waits for its answer or the timeout.
    const Timed sequential =
        runIn(client, cli,
              {trace, noDns, QStringLiteral("--mode"), QStringLiteral("sequential"),
               QStringLiteral("--port"), open, server});
    double expected = 0;
    int silent = 0;
    for (int ttl = 1; ttl <= kRouters + 1; ++ttl) {
        const auto ping = pingByTtl.find(ttl);
        expected += 3 * (ping == pingByTtl.end() ? kDefaultTimeoutMs : ping->second);
        silent += ping == pingByTtl.end();
    }
    std::printf("TCP, sequential mode (3 queries per TTL, %d silent TTLs)\n  measured %.1f ms; sum "
                "of RTTs + one timeout "
                "per silent probe %.1f ms; ratio %.3f\n",
                silent, sequential.ms, expected, sequential.ms / expected);
    return 0;
}
