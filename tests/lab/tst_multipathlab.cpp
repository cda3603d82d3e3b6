// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "labtrace.h"
#include "namespacelab.h"

#include "path/networkpathjson.h"

#include <QTest>

#include <map>
#include <memory>
#include <set>

using namespace hopscope;
using namespace labtrace;

namespace {

constexpr int kRouters = 3; // client - r1 - {r2, r2b} - r3 - server, r1 hashing ports

// The responders each flow saw at `ttl`.
std::map<int, std::set<std::string>> respondersByFlow(const NetworkPath &path, int ttl)
{
    std::map<int, std::set<std::string>> seen;
    for (const ProbeSample &probe : path.hopscope->probes)
        if (probe.ttl == ttl && !probe.responder.empty())
            seen[probe.flow].insert(probe.responder);
    return seen;
}

} // namespace

// Equal-cost multipath: r1 spreads flows over two routers by a hash of addresses and ports.
// Several flows must find both; each flow must keep to one of them.
class MultipathLabTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void eightFlowsFindBothRouters_data();
    void eightFlowsFindBothRouters();
    void liveTableShowsBranches();
    void oneFlowKeepsToOneRouter_data();
    void oneFlowKeepsToOneRouter();

private:
    NetworkPath trace(const QStringList &arguments);
    std::unique_ptr<NamespaceLab> m_lab;
};

void MultipathLabTest::initTestCase()
{
    if (const QString reason = NamespaceLab::unavailableReason(); !reason.isEmpty())
        QSKIP(qPrintable(reason));
    // Unlimited: these cases run dozens of traces a second through the same routers, far past the
    // one ICMP error a second a Linux router sends each peer; they test matching and paths, and
    // tst_ratelimitlab tests tracing through routers that keep their budgets.
    m_lab = std::make_unique<NamespaceLab>(kRouters, NamespaceLab::IcmpBudget::Unlimited);
    QVERIFY2(m_lab->build(), qPrintable(m_lab->error()));
    QVERIFY2(m_lab->addEqualCostTwin(2), qPrintable(m_lab->error()));
}

void MultipathLabTest::cleanupTestCase()
{
    m_lab.reset();
}

NetworkPath MultipathLabTest::trace(const QStringList &arguments)
{
    const CliRun run =
        runTrace(m_lab->client(), QStringList{QStringLiteral("--json"), QStringLiteral("--no-dns"),
                                              QStringLiteral("--timeout"), QStringLiteral("300")} +
                                      arguments);
    if (run.exitCode != 0)
        qWarning("%s", run.err.constData());
    const auto path = networkPathFromJson(run.out.toStdString());
    return path ? *path : NetworkPath{};
}

void MultipathLabTest::eightFlowsFindBothRouters_data()
{
    QTest::addColumn<QString>("protocol");
    QTest::addColumn<bool>("v6");
    for (const QString &protocol : {QStringLiteral("tcp"), QStringLiteral("udp")})
        for (const bool v6 : {false, true})
            QTest::addRow("%s %s", qPrintable(protocol), v6 ? "IPv6" : "IPv4") << protocol << v6;
}

void MultipathLabTest::eightFlowsFindBothRouters()
{
    QFETCH(QString, protocol);
    QFETCH(bool, v6);
    const QString server = v6 ? NamespaceLab::serverV6(kRouters) : NamespaceLab::serverV4(kRouters);
    const NetworkPath path = trace(
        {QStringLiteral("--protocol"), protocol, v6 ? QStringLiteral("-6") : QStringLiteral("-4"),
         QStringLiteral("--flows"), QStringLiteral("8"), QStringLiteral("--source-port"),
         QStringLiteral("40000"), server});
    QVERIFY(path.hopscope.has_value());
    QVERIFY(path.destinationReached());
    const QString r2 =
        canonical(v6 ? NamespaceLab::v6Toward(2, true) : NamespaceLab::v4Toward(2, true));
    const QString twin =
        canonical(v6 ? NamespaceLab::twinTowardClientV6() : NamespaceLab::twinTowardClientV4());
    // Both routers are hops at TTL 2, each its own entry with the same ttl.
    QStringList atTtl2;
    for (const PathHop &hop : path.hops)
        if (hop.ttl == 2)
            atTtl2 << QString::fromStdString(hop.ipAddress);
    atTtl2.sort();
    QStringList expected{r2, twin};
    expected.sort();
    QCOMPARE(atTtl2, expected);
    // Every flow kept to one of them (Paris), and the extension says which.
    const auto seen = respondersByFlow(path, 2);
    QCOMPARE(int(seen.size()), 8);
    for (const auto &[flow, responders] : seen)
        QVERIFY2(
            responders.size() == 1,
            qPrintable(QStringLiteral("flow %1 saw %2 routers").arg(flow).arg(responders.size())));
}

void MultipathLabTest::liveTableShowsBranches()
{
    const CliRun run =
        runTrace(m_lab->client(), {QStringLiteral("--no-dns"), QStringLiteral("--flows"),
                                   QStringLiteral("8"), QStringLiteral("--source-port"),
                                   QStringLiteral("40000"), QStringLiteral("--protocol"),
                                   QStringLiteral("udp"), NamespaceLab::serverV4(kRouters)});
    QCOMPARE(run.exitCode, 0);
    const QList<QByteArray> lines = run.out.split('\n');
    QVERIFY2(lines.size() > 3, run.out.constData());
    // TTL 2 takes two lines, one per router, each with its share of the 24 probes and its flows.
    QVERIFY2(lines[1].startsWith("  2  198.18.1.2 ") || lines[1].startsWith("  2  198.18.10.2"),
             run.out.constData());
    QVERIFY2(lines[2].startsWith("     198.18."), run.out.constData());
    QVERIFY2(lines[1].contains("/24 probes  flows ") && lines[2].contains("/24 probes  flows "),
             run.out.constData());
    QVERIFY2(lines[3].startsWith("  3  198.18.2.2 ") &&
                 lines[3].contains("24/24 probes  flows 0 1 2 3 4 5 6 7"),
             run.out.constData());
}

void MultipathLabTest::oneFlowKeepsToOneRouter_data()
{
    QTest::addColumn<QString>("protocol");
    for (const QString &protocol :
         {QStringLiteral("tcp"), QStringLiteral("udp"), QStringLiteral("icmp")})
        QTest::newRow(qPrintable(protocol)) << protocol;
}

void MultipathLabTest::oneFlowKeepsToOneRouter()
{
    QFETCH(QString, protocol);
    const bool ports = protocol != QLatin1String("icmp");
    std::set<std::string> acrossRuns;
    for (int run = 0; run < 10; ++run) {
        QStringList arguments{QStringLiteral("--protocol"), protocol, QStringLiteral("--queries"),
                              QStringLiteral("5")};
        if (ports)
            arguments << QStringLiteral("--source-port") << QStringLiteral("41000");
        const NetworkPath path = trace(arguments << NamespaceLab::serverV4(kRouters));
        QVERIFY(path.hopscope.has_value());
        const auto seen = respondersByFlow(path, 2);
        QCOMPARE(int(seen.size()), 1);
        QCOMPARE(int(seen.begin()->second.size()), 1); // all five probes through the same router
        acrossRuns.insert(*seen.begin()->second.begin());
    }
    // The same flow takes the same way every time.
    QCOMPARE(int(acrossRuns.size()), 1);
}

QTEST_GUILESS_MAIN(MultipathLabTest)
#include "tst_multipathlab.moc"
