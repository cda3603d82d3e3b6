// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "labtrace.h"
#include "namespacelab.h"

#include "path/networkpathjson.h"
#include "path/pathmodel.h"

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
}

void RateLimitLabTest::cleanupTestCase()
{
    m_lab.reset();
}

void RateLimitLabTest::everyRouterFound_data()
{
    QTest::addColumn<QString>("protocol");
    QTest::addColumn<bool>("v6");
    for (const bool v6 : {false, true})
        for (const char *protocol : {"tcp", "udp", "icmp"})
            QTest::addRow("%s %s", protocol, v6 ? "IPv6" : "IPv4")
                << QString::fromLatin1(protocol) << v6;
}

// A 30-TTL trace, each starting with full budgets as a user's first trace does.
void RateLimitLabTest::everyRouterFound()
{
    QFETCH(QString, protocol);
    QFETCH(bool, v6);
    QThread::msleep(kBudgetRefillMs);
    const QString server = v6 ? NamespaceLab::serverV6(kRouters) : NamespaceLab::serverV4(kRouters);
    QStringList arguments{QStringLiteral("--json"), QStringLiteral("--no-dns"),
                          QStringLiteral("--protocol"), protocol};
    if (protocol == QLatin1String("tcp"))
        arguments << QStringLiteral("--port") << QString::number(kOpenPort);
    const CliRun run = runTrace(m_lab->client(), arguments + QStringList{server});
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
    QTest::newRow("tcp") << QStringLiteral("tcp");
    // The server answers UDP probes with port-unreachables, from the same budget.
    QTest::newRow("udp") << QStringLiteral("udp");
}

// A default session (one probe per TTL a round, a round a second) on a path that loses nothing:
// at most 2 % loss at every answering hop, the destination included.
void RateLimitLabTest::monitorShowsNoBudgetLoss()
{
    QFETCH(QString, protocol);
    QThread::msleep(kBudgetRefillMs);
    QStringList arguments{QStringLiteral("--json"),     QStringLiteral("--no-dns"),
                          QStringLiteral("--protocol"), protocol,
                          QStringLiteral("--count"),    QString::number(kMonitorRounds)};
    if (protocol == QLatin1String("tcp"))
        arguments << QStringLiteral("--port") << QString::number(kOpenPort);
    const CliRun run = runMonitor(m_lab->client(), arguments << NamespaceLab::serverV4(kRouters));
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QVERIFY2(!run.err.contains("ICMP budget"), run.err.constData());
    const auto session = networkPathFromJson(run.out.toStdString());
    QVERIFY2(session.hasValue(), session ? "" : session.error().message.c_str());
    const MonitorSummary &summary = *session->hopscope->monitor;
    QCOMPARE(summary.rounds, kMonitorRounds);
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
