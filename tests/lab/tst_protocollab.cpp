// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "labtrace.h"
#include "namespacelab.h"

#include "path/networkpathjson.h"

#include <QProcess>
#include <QTest>

#include <memory>

using namespace hopscope;
using namespace labtrace;

namespace {

constexpr int kRouters = 4; // client - r1 - r2 (silent) - r3 - r4 - server
constexpr int kFilteredPort = 33500;
constexpr int kMaxTtl = 8;

} // namespace

// UDP and ICMP echo probes through the same chain of namespace routers as the TCP lab: exact hops,
// silent TTLs, destination answers and unreachable codes, IPv4 and IPv6, both modes; and
// concurrent traces that must never take each other's replies.
class ProtocolLabTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void trace_data();
    void trace();
    void concurrentTracesKeepTheirOwnReplies();

private:
    std::unique_ptr<NamespaceLab> m_lab;
};

void ProtocolLabTest::initTestCase()
{
    if (const QString reason = NamespaceLab::unavailableReason(); !reason.isEmpty())
        QSKIP(qPrintable(reason));
    // Unlimited: these cases run dozens of traces a second through the same routers, far past the
    // one ICMP error a second a Linux router sends each peer; they test matching and paths, and
    // tst_ratelimitlab tests tracing through routers that keep their budgets.
    m_lab = std::make_unique<NamespaceLab>(kRouters, NamespaceLab::IcmpBudget::Unlimited);
    QVERIFY2(m_lab->build(), qPrintable(m_lab->error()));
    QVERIFY2(m_lab->silenceRouter(2), qPrintable(m_lab->error()));
    QVERIFY2(m_lab->filterServerPort(kFilteredPort), qPrintable(m_lab->error()));
    QVERIFY2(m_lab->addUnreachableRoutes(3), qPrintable(m_lab->error()));
}

void ProtocolLabTest::cleanupTestCase()
{
    m_lab.reset();
}

void ProtocolLabTest::trace_data()
{
    QTest::addColumn<QString>("protocol");
    QTest::addColumn<QString>("mode");
    QTest::addColumn<bool>("v6");
    QTest::addColumn<QString>("target");
    QTest::addColumn<QStringList>("extra");
    QTest::addColumn<QString>("hops");
    QTest::addColumn<bool>("reached");
    QTest::addColumn<int>("lastIcmpType");
    QTest::addColumn<int>("lastIcmpCode");

    for (const QString &protocol : {QStringLiteral("udp"), QStringLiteral("icmp")}) {
        for (const QString &mode : {QStringLiteral("parallel"), QStringLiteral("sequential")}) {
            for (const bool v6 : {false, true}) {
                const QString server = canonical(v6 ? NamespaceLab::serverV6(kRouters)
                                                    : NamespaceLab::serverV4(kRouters));
                const QString toR4 = routerHop(1, v6) + QStringLiteral("\n2 *\n") +
                                     routerHop(3, v6) + QLatin1Char('\n') + routerHop(4, v6);
                const QByteArray name =
                    QStringLiteral("%1 %2 %3 ")
                        .arg(protocol, mode, v6 ? QStringLiteral("IPv6") : QStringLiteral("IPv4"))
                        .toUtf8();
                const bool udp = protocol == QLatin1String("udp");
                // UDP ends at the server's port unreachable, ICMP at its echo reply.
                const int type = udp ? (v6 ? 1 : 3) : (v6 ? 129 : 0);
                const int code = udp ? (v6 ? 4 : 3) : 0;
                QTest::addRow("%sreached", name.constData())
                    << protocol << mode << v6 << server << QStringList{}
                    << toR4 + QStringLiteral("\n5 ") + server << true << type << code;
                QTest::addRow("%shost unreachable", name.constData())
                    << protocol << mode << v6 << NamespaceLab::unreachableTarget(v6)
                    << QStringList{}
                    << routerHop(1, v6) + QStringLiteral("\n2 *\n") + routerHop(3, v6) << false
                    << (v6 ? 1 : 3) << (v6 ? 0 : 1);
                if (udp)
                    QTest::addRow("%sfiltered port", name.constData())
                        << protocol << mode << v6 << server
                        << QStringList{QStringLiteral("--port"), QString::number(kFilteredPort)}
                        << toR4 + QStringLiteral("\n5 *\n6 *\n7 *\n8 *") << false << -1 << -1;
            }
        }
    }
}

void ProtocolLabTest::trace()
{
    QFETCH(QString, protocol);
    QFETCH(QString, mode);
    QFETCH(bool, v6);
    QFETCH(QString, target);
    QFETCH(QStringList, extra);
    const CliRun run =
        runTrace(m_lab->client(), QStringList{QStringLiteral("--json"), QStringLiteral("--no-dns"),
                                              QStringLiteral("--protocol"), protocol,
                                              v6 ? QStringLiteral("-6") : QStringLiteral("-4"),
                                              QStringLiteral("--mode"), mode,
                                              QStringLiteral("--max-ttl"), QString::number(kMaxTtl),
                                              QStringLiteral("--timeout"), QStringLiteral("300")} +
                                      extra + QStringList{target});
    QVERIFY2(run.exitCode == 0, run.err.constData());
    const auto path = networkPathFromJson(run.out.toStdString());
    QVERIFY2(path.hasValue(), path ? "" : path.error().message.c_str());
    QTEST(hopsOf(*path), "hops");
    QTEST(path->destinationReached(), "reached");
    QCOMPARE(QString::fromLatin1(protocolName(path->protocol)), protocol.toUpper());
    QCOMPARE(path->destination.port.has_value(), protocol == QLatin1String("udp"));
    const int lastTtl = path->maxTtl();
    QCOMPARE(int(path->hopscope->probes.size()), lastTtl * 3);
    QFETCH(int, lastIcmpType);
    QFETCH(int, lastIcmpCode);
    for (const ProbeSample &probe : path->hopscope->probes) {
        if (probe.ttl != lastTtl || probe.responder.empty())
            continue;
        QCOMPARE(probe.icmpType.value_or(-1), lastIcmpType);
        QCOMPARE(probe.icmpCode.value_or(-1), lastIcmpCode);
    }
}

void ProtocolLabTest::concurrentTracesKeepTheirOwnReplies()
{
    // Six traces at once through the same routers to the same server, two of each protocol:
    // each must come out exact, every probe answered by the hop its TTL names.
    std::vector<std::unique_ptr<QProcess>> traces;
    for (const QString &protocol :
         {QStringLiteral("tcp"), QStringLiteral("udp"), QStringLiteral("icmp")}) {
        for (int copy = 0; copy < 2; ++copy) {
            auto process = std::make_unique<QProcess>();
            process->start(QStringLiteral("ip"),
                           {QStringLiteral("netns"), QStringLiteral("exec"), m_lab->client(),
                            QStringLiteral(HOPSCOPE_BINARY_DIR "/hopscope-cli"),
                            QStringLiteral("trace"), QStringLiteral("--json"),
                            QStringLiteral("--no-dns"), QStringLiteral("--protocol"), protocol,
                            QStringLiteral("--queries"), QStringLiteral("5"),
                            QStringLiteral("--timeout"), QStringLiteral("500"),
                            NamespaceLab::serverV4(kRouters)});
            traces.push_back(std::move(process));
        }
    }
    const QString expected = routerHop(1, false) + QStringLiteral("\n2 *\n") + routerHop(3, false) +
                             QLatin1Char('\n') + routerHop(4, false) + QStringLiteral("\n5 ") +
                             NamespaceLab::serverV4(kRouters);
    for (auto &process : traces) {
        QVERIFY(process->waitForFinished(30000));
        QCOMPARE(process->exitCode(), 0);
        const auto path = networkPathFromJson(process->readAllStandardOutput().toStdString());
        QVERIFY(path.hasValue());
        QCOMPARE(hopsOf(*path), expected);
        for (const ProbeSample &probe : path->hopscope->probes) {
            if (probe.ttl == 2)
                QVERIFY(probe.responder.empty());
            else
                QCOMPARE(QString::fromStdString(probe.responder),
                         probe.ttl == 5 ? NamespaceLab::serverV4(kRouters)
                                        : NamespaceLab::v4Toward(probe.ttl, true));
        }
    }
}

QTEST_GUILESS_MAIN(ProtocolLabTest)
#include "tst_protocollab.moc"
