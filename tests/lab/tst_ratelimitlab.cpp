// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "labtrace.h"
#include "namespacelab.h"

#include "path/networkpathjson.h"
#include "path/pathmodel.h"

#include <QProcess>
#include <QTest>
#include <QThread>

#include <memory>

using namespace hopscope;
using namespace labtrace;

namespace {

constexpr int kRouters = 4; // client - r1 - r2 (silent) - r3 - r4 - server
constexpr int kOpenPort = 8080;
// A Linux router's budget refills at one ICMP error a second up to six: after this long every
// router and the server have all of it again.
constexpr int kBudgetRefillMs = 6500;
constexpr int kMonitorRounds = 60;
const QString kHelper = QStringLiteral(HOPSCOPE_BINARY_DIR "/hopscope-probe");

// How the CLI probes: raw sockets in its own process (run as root), ordinary sockets
// (--unprivileged), or through the helper (run as nobody, the helper granted CAP_NET_RAW).
enum class ProbeVia { Raw, Unprivileged, Helper };

const char *nameOf(ProbeVia probing)
{
    switch (probing) {
    case ProbeVia::Raw:
        return "raw";
    case ProbeVia::Unprivileged:
        return "unprivileged";
    case ProbeVia::Helper:
        return "helper";
    }
    return "";
}

QStringList probingArguments(ProbeVia probing)
{
    return probing == ProbeVia::Unprivileged ? QStringList{QStringLiteral("--unprivileged")}
                                             : QStringList{};
}

QStringList probingPrefix(ProbeVia probing)
{
    return probing == ProbeVia::Helper ? asNobody() : QStringList{};
}

} // namespace

// Tracing through routers and a server that keep Linux's default ICMP budgets (one error a
// second per peer after a burst of six), as real ones do: every router and the destination are
// found by every protocol, and a monitoring session on a path that loses nothing reports no loss
// that is only the routers' budget.
class RateLimitLabTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void everyRouterFound_data();
    void everyRouterFound();
    void monitorShowsNoBudgetLoss_data();
    void monitorShowsNoBudgetLoss();
    void askingMoreThanABudgetIsWarned();
    void budgetSpentByAnotherToolIsNoLoss();
    void realLossIsMeasured();

private:
    std::unique_ptr<NamespaceLab> m_lab;
};

void RateLimitLabTest::initTestCase()
{
    if (const QString reason = NamespaceLab::unavailableReason(); !reason.isEmpty())
        QSKIP(qPrintable(reason));
    m_lab = std::make_unique<NamespaceLab>(kRouters, NamespaceLab::IcmpBudget::LinuxDefault);
    QVERIFY2(m_lab->build(), qPrintable(m_lab->error()));
    QVERIFY2(m_lab->silenceRouter(2), qPrintable(m_lab->error()));
    QVERIFY2(m_lab->listenOnServer(kOpenPort), qPrintable(m_lab->error()));
    // Ping sockets (unprivileged ICMP) are for the groups in net.ipv4.ping_group_range.
    QVERIFY2(m_lab->exec(m_lab->client(),
                         {QStringLiteral("sysctl"), QStringLiteral("-q"), QStringLiteral("-w"),
                          QStringLiteral("net.ipv4.ping_group_range=0 2147483647")}),
             qPrintable(m_lab->error()));
    QCOMPARE(QProcess::execute(QStringLiteral("setcap"),
                               {QStringLiteral(HOPSCOPE_HELPER_CAPABILITIES), kHelper}),
             0);
}

void RateLimitLabTest::cleanupTestCase()
{
    QProcess::execute(QStringLiteral("setcap"), {QStringLiteral("-r"), kHelper});
    m_lab.reset();
}

void RateLimitLabTest::everyRouterFound_data()
{
    QTest::addColumn<QString>("protocol");
    QTest::addColumn<bool>("v6");
    QTest::addColumn<ProbeVia>("probing");
    for (const ProbeVia probing : {ProbeVia::Raw, ProbeVia::Unprivileged, ProbeVia::Helper})
        for (const bool v6 : {false, true})
            for (const char *protocol : {"tcp", "udp", "icmp"})
                QTest::addRow("%s %s %s", protocol, v6 ? "IPv6" : "IPv4", nameOf(probing))
                    << QString::fromLatin1(protocol) << v6 << probing;
}

// A 30-TTL trace, each starting with full budgets as a user's first trace does.
void RateLimitLabTest::everyRouterFound()
{
    QFETCH(QString, protocol);
    QFETCH(bool, v6);
    QFETCH(ProbeVia, probing);
    QThread::msleep(kBudgetRefillMs);
    const QString server = v6 ? NamespaceLab::serverV6(kRouters) : NamespaceLab::serverV4(kRouters);
    QStringList arguments{QStringLiteral("--json"), QStringLiteral("--no-dns"),
                          QStringLiteral("--protocol"), protocol};
    if (protocol == QLatin1String("tcp"))
        arguments << QStringLiteral("--port") << QString::number(kOpenPort);
    const CliRun run =
        runTrace(m_lab->client(), arguments + probingArguments(probing) + QStringList{server},
                 probingPrefix(probing));
    QVERIFY2(run.exitCode == 0, run.err.constData());
    const auto path = networkPathFromJson(run.out.toStdString());
    QVERIFY2(path.hasValue(), path ? "" : path.error().message.c_str());
    QCOMPARE(hopsOf(*path),
             QStringList({routerHop(1, v6), QStringLiteral("2 *"), routerHop(3, v6),
                          routerHop(4, v6), QStringLiteral("5 ") + canonical(server)})
                 .join(QLatin1Char('\n')));
    QVERIFY(path->destinationReached());
    // Every probe at an answering TTL was answered: nothing was lost to a budget.
    const PathModel rows = PathModel::fromPath(*path);
    for (const MonitorHop &hop : rows.hops())
        if (!hop.responder.empty())
            QCOMPARE(hop.stats.lossPercent, 0.0);
}

void RateLimitLabTest::monitorShowsNoBudgetLoss_data()
{
    QTest::addColumn<QString>("protocol");
    QTest::addColumn<ProbeVia>("probing");
    QTest::addColumn<int>("rounds");
    QTest::newRow("tcp") << QStringLiteral("tcp") << ProbeVia::Raw << kMonitorRounds;
    // The server answers UDP probes with port-unreachables, from the same budget.
    QTest::newRow("udp") << QStringLiteral("udp") << ProbeVia::Raw << kMonitorRounds;
    QTest::newRow("udp through the helper") << QStringLiteral("udp") << ProbeVia::Helper << 30;
    QTest::newRow("icmp unprivileged") << QStringLiteral("icmp") << ProbeVia::Unprivileged << 30;
}

// A default session (one probe per TTL a round, a round a second) on a path that loses nothing:
// at most 2 % loss at every answering hop, the destination included.
void RateLimitLabTest::monitorShowsNoBudgetLoss()
{
    QFETCH(QString, protocol);
    QFETCH(ProbeVia, probing);
    QFETCH(int, rounds);
    QThread::msleep(kBudgetRefillMs);
    QStringList arguments{QStringLiteral("--json"),     QStringLiteral("--no-dns"),
                          QStringLiteral("--protocol"), protocol,
                          QStringLiteral("--count"),    QString::number(rounds)};
    if (protocol == QLatin1String("tcp"))
        arguments << QStringLiteral("--port") << QString::number(kOpenPort);
    const CliRun run = runMonitor(m_lab->client(),
                                  arguments + probingArguments(probing) +
                                      QStringList{NamespaceLab::serverV4(kRouters)},
                                  probingPrefix(probing));
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QVERIFY2(!run.err.contains("ICMP budget"), run.err.constData());
    const auto session = networkPathFromJson(run.out.toStdString());
    QVERIFY2(session.hasValue(), session ? "" : session.error().message.c_str());
    const MonitorSummary &summary = *session->hopscope->monitor;
    QCOMPARE(summary.rounds, rounds);
    int answering = 0;
    for (const MonitorHop &hop : summary.hops) {
        if (hop.responder.empty())
            continue;
        ++answering;
        QVERIFY2(hop.stats.lossPercent <= 2.0,
                 qPrintable(QStringLiteral("TTL %1 (%2): %3 % loss")
                                .arg(hop.ttl)
                                .arg(QString::fromStdString(hop.responder))
                                .arg(hop.stats.lossPercent)));
    }
    QCOMPARE(answering, kRouters); // r1, r3, r4 and the server
}

// Three probes per TTL a second is more than a router answers: the session runs as asked, says
// why its loss is not the path's, and the loss it shows is the budget's.
void RateLimitLabTest::askingMoreThanABudgetIsWarned()
{
    QThread::msleep(kBudgetRefillMs);
    const CliRun run = runMonitor(
        m_lab->client(),
        {QStringLiteral("--json"), QStringLiteral("--no-dns"), QStringLiteral("--protocol"),
         QStringLiteral("udp"), QStringLiteral("--queries"), QStringLiteral("3"),
         QStringLiteral("--count"), QStringLiteral("15"), NamespaceLab::serverV4(kRouters)});
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QVERIFY2(run.err.contains("each router is asked 3 times a second"), run.err.constData());
    const auto session = networkPathFromJson(run.out.toStdString());
    QVERIFY2(session.hasValue(), session ? "" : session.error().message.c_str());
    double worst = 0;
    for (const MonitorHop &hop : session->hopscope->monitor->hops)
        if (!hop.responder.empty())
            worst = std::max(worst, hop.stats.lossPercent);
    QVERIFY2(worst >= 30.0, qPrintable(QString::number(worst)));
}

// Another tool on this machine spends r3's budget twice during a session (a traceroute of ten
// probes at its TTL): the session's probes that r3 then refuses are asked again once its budget
// has refilled, and the session shows no loss at r3.
void RateLimitLabTest::budgetSpentByAnotherToolIsNoLoss()
{
    QThread::msleep(kBudgetRefillMs);
    const QString burst = QStringLiteral("traceroute -n -f 3 -m 3 -q 10 -N 10 -w 0.5 ") +
                          NamespaceLab::serverV4(kRouters);
    QProcess other;
    other.start(QStringLiteral("ip"), {QStringLiteral("netns"), QStringLiteral("exec"),
                                       m_lab->client(), QStringLiteral("sh"), QStringLiteral("-c"),
                                       QStringLiteral("sleep 4; %1; sleep 6; %1").arg(burst)});
    const CliRun run =
        runMonitor(m_lab->client(),
                   {QStringLiteral("--json"), QStringLiteral("--no-dns"),
                    QStringLiteral("--protocol"), QStringLiteral("udp"), QStringLiteral("--count"),
                    QStringLiteral("20"), NamespaceLab::serverV4(kRouters)});
    QVERIFY(other.waitForFinished(30000));
    const QByteArray otherOutput = other.readAllStandardOutput();
    QVERIFY2(run.exitCode == 0, run.err.constData());
    // The bursts did spend the budget: r3 left some of their probes unanswered.
    QVERIFY2(otherOutput.count('*') >= 2, otherOutput.constData());
    const auto session = networkPathFromJson(run.out.toStdString());
    QVERIFY2(session.hasValue(), session ? "" : session.error().message.c_str());
    bool sawR3 = false;
    for (const MonitorHop &hop : session->hopscope->monitor->hops) {
        if (hop.ttl != 3)
            continue;
        sawR3 = true;
        QCOMPARE(QString::fromStdString(hop.responder), NamespaceLab::v4Toward(3, true));
        QVERIFY2(hop.stats.lossPercent == 0.0,
                 qPrintable(QStringLiteral("%1 % loss at r3").arg(hop.stats.lossPercent)));
    }
    QVERIFY(sawR3);
}

// 5 % loss on the link from r3 to r4: a default session shows 5 % (± 2) from r4 on, and no
// more than 2 % before it. (Runs last: the lossy link stays.)
void RateLimitLabTest::realLossIsMeasured()
{
    QVERIFY2(m_lab->dropEveryNthTowardServer(3, 20), qPrintable(m_lab->error()));
    QThread::msleep(kBudgetRefillMs);
    const CliRun run =
        runMonitor(m_lab->client(),
                   {QStringLiteral("--json"), QStringLiteral("--no-dns"),
                    QStringLiteral("--protocol"), QStringLiteral("udp"), QStringLiteral("--count"),
                    QString::number(kMonitorRounds), NamespaceLab::serverV4(kRouters)});
    QVERIFY2(run.exitCode == 0, run.err.constData());
    const auto session = networkPathFromJson(run.out.toStdString());
    QVERIFY2(session.hasValue(), session ? "" : session.error().message.c_str());
    int pastTheLink = 0;
    for (const MonitorHop &hop : session->hopscope->monitor->hops) {
        if (hop.responder.empty())
            continue;
        pastTheLink += hop.ttl >= 4;
        const QString what = QStringLiteral("TTL %1 (%2): %3 % loss")
                                 .arg(hop.ttl)
                                 .arg(QString::fromStdString(hop.responder))
                                 .arg(hop.stats.lossPercent);
        if (hop.ttl >= 4)
            QVERIFY2(hop.stats.lossPercent >= 3.0 && hop.stats.lossPercent <= 7.0,
                     qPrintable(what));
        else
            QVERIFY2(hop.stats.lossPercent <= 2.0, qPrintable(what));
    }
    QCOMPARE(pastTheLink, 2); // r4 and the server
}

QTEST_GUILESS_MAIN(RateLimitLabTest)
#include "tst_ratelimitlab.moc"
