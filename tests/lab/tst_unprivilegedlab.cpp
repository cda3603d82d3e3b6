// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "labtrace.h"
#include "namespacelab.h"

#include "path/networkpathjson.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace hopscope;
using namespace labtrace;

namespace {

constexpr int kRouters = 4; // client - r1 - r2 (silent) - r3 - r4 - server
constexpr int kOpenPort = 8080;

} // namespace

// The same traces as the raw-socket lab tests, run as an unprivileged user (no capabilities):
// Hopscope falls back to ordinary sockets and must find the same hops, silent TTLs and
// destination, say on stderr that it did, and record it in the file.
class UnprivilegedLabTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void sameHopsWithoutPrivileges_data();
    void sameHopsWithoutPrivileges();
    void icmpOutsidePingGroupFailsClearly();
    void tcpFlowsNeedRawSockets();
    void askedForUnprivilegedSaysSo();

private:
    std::unique_ptr<NamespaceLab> m_lab;
};

void UnprivilegedLabTest::initTestCase()
{
    if (const QString reason = NamespaceLab::unavailableReason(); !reason.isEmpty())
        QSKIP(qPrintable(reason));
    // Unlimited: these cases run dozens of traces a second through the same routers, far past the
    // one ICMP error a second a Linux router sends each peer; they test matching and paths, and
    // tst_ratelimitlab tests tracing through routers that keep their budgets.
    m_lab = std::make_unique<NamespaceLab>(kRouters, NamespaceLab::IcmpBudget::Unlimited);
    QVERIFY2(m_lab->build(), qPrintable(m_lab->error()));
    QVERIFY2(m_lab->silenceRouter(2), qPrintable(m_lab->error()));
    QVERIFY2(m_lab->listenOnServer(kOpenPort), qPrintable(m_lab->error()));
    QVERIFY2(m_lab->addUnreachableRoutes(3), qPrintable(m_lab->error()));
}

void UnprivilegedLabTest::cleanupTestCase()
{
    m_lab.reset();
}

void UnprivilegedLabTest::sameHopsWithoutPrivileges_data()
{
    QTest::addColumn<QString>("protocol");
    QTest::addColumn<QString>("mode");
    QTest::addColumn<bool>("v6");
    QTest::addColumn<QString>("target");
    QTest::addColumn<QString>("hops");
    QTest::addColumn<bool>("reached");
    for (const QString &protocol :
         {QStringLiteral("tcp"), QStringLiteral("udp"), QStringLiteral("icmp")}) {
        for (const QString &mode : {QStringLiteral("parallel"), QStringLiteral("sequential")}) {
            for (const bool v6 : {false, true}) {
                const QString server = canonical(v6 ? NamespaceLab::serverV6(kRouters)
                                                    : NamespaceLab::serverV4(kRouters));
                const QString toR3 =
                    routerHop(1, v6) + QStringLiteral("\n2 *\n") + routerHop(3, v6);
                const QByteArray name =
                    QStringLiteral("%1 %2 %3 ")
                        .arg(protocol, mode, v6 ? QStringLiteral("IPv6") : QStringLiteral("IPv4"))
                        .toUtf8();
                QTest::addRow("%sreached", name.constData())
                    << protocol << mode << v6 << server
                    << toR3 + QLatin1Char('\n') + routerHop(4, v6) + QStringLiteral("\n5 ") + server
                    << true;
                QTest::addRow("%shost unreachable", name.constData())
                    << protocol << mode << v6 << NamespaceLab::unreachableTarget(v6) << toR3
                    << false;
            }
        }
    }
}

void UnprivilegedLabTest::sameHopsWithoutPrivileges()
{
    QFETCH(QString, protocol);
    QFETCH(QString, mode);
    QFETCH(bool, v6);
    QFETCH(QString, target);
    // Ping sockets are for the groups in net.ipv4.ping_group_range (shared by IPv6).
    QVERIFY(m_lab->exec(m_lab->client(),
                        {QStringLiteral("sysctl"), QStringLiteral("-q"), QStringLiteral("-w"),
                         QStringLiteral("net.ipv4.ping_group_range=0 2147483647")}));
    QStringList arguments{QStringLiteral("--json"),
                          QStringLiteral("--no-dns"),
                          QStringLiteral("--protocol"),
                          protocol,
                          v6 ? QStringLiteral("-6") : QStringLiteral("-4"),
                          QStringLiteral("--mode"),
                          mode,
                          QStringLiteral("--max-ttl"),
                          QStringLiteral("8"),
                          QStringLiteral("--timeout"),
                          QStringLiteral("300")};
    if (protocol == QLatin1String("tcp"))
        arguments << QStringLiteral("--port") << QString::number(kOpenPort);
    const CliRun run = runTrace(m_lab->client(), arguments << target, asNobody());
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QVERIFY2(run.err.contains("probing without privileges"), run.err.constData());
    // It asked the helper first, which nobody granted the capability, and said so once.
    QCOMPARE(run.err.count("the probe helper has no permission to send raw packets"), 1);
    const auto path = networkPathFromJson(run.out.toStdString());
    QVERIFY2(path.hasValue(), path ? "" : path.error().message.c_str());
    QTEST(hopsOf(*path), "hops");
    QTEST(path->destinationReached(), "reached");
    QCOMPARE(QString::fromStdString(std::string(probingName(path->hopscope->probing))),
             QStringLiteral("unprivileged"));
    QCOMPARE(int(path->hopscope->probes.size()), path->maxTtl() * 3);
    // Each answer's TTL, as the kernel hands it over: the server's crossed the four routers
    // from Linux's 64 (a TCP handshake the kernel completes tells none).
    if (!path->destinationReached())
        return;
    int told = 0;
    for (const ProbeSample &probe : path->hopscope->probes) {
        if (probe.responder != path->destination.ipAddress)
            continue;
        QCOMPARE(probe.replyTtl,
                 protocol == QLatin1String("tcp") ? std::nullopt : std::optional<int>(60));
        ++told;
    }
    QVERIFY(told > 0);
}

void UnprivilegedLabTest::icmpOutsidePingGroupFailsClearly()
{
    QVERIFY(m_lab->exec(m_lab->client(),
                        {QStringLiteral("sysctl"), QStringLiteral("-q"), QStringLiteral("-w"),
                         QStringLiteral("net.ipv4.ping_group_range=1 0")}));
    QTemporaryDir dir;
    QVERIFY(QFile::setPermissions(dir.path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                                  QFileDevice::ExeOwner | QFileDevice::ReadOther |
                                                  QFileDevice::WriteOther | QFileDevice::ExeOther));
    const QString output = dir.filePath(QStringLiteral("trace.json"));
    const CliRun run =
        runTrace(m_lab->client(),
                 {QStringLiteral("--no-dns"), QStringLiteral("--protocol"), QStringLiteral("icmp"),
                  QStringLiteral("--output"), output, NamespaceLab::serverV4(kRouters)},
                 asNobody());
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains("net.ipv4.ping_group_range"), run.err.constData());
    QVERIFY(run.out.isEmpty());
    QCOMPARE(QDir(dir.path()).entryList(QDir::NoDotAndDotDot | QDir::AllEntries).size(), 0);
}

void UnprivilegedLabTest::tcpFlowsNeedRawSockets()
{
    const CliRun run = runTrace(m_lab->client(),
                                {QStringLiteral("--no-dns"), QStringLiteral("--flows"),
                                 QStringLiteral("4"), QStringLiteral("--port"),
                                 QString::number(kOpenPort), NamespaceLab::serverV4(kRouters)},
                                asNobody());
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains("multipath flows with TCP need raw sockets"), run.err.constData());
}

void UnprivilegedLabTest::askedForUnprivilegedSaysSo()
{
    // Allowed raw sockets (this test runs as root) but asked not to use them.
    const CliRun run =
        runTrace(m_lab->client(), {QStringLiteral("--json"), QStringLiteral("--no-dns"),
                                   QStringLiteral("--unprivileged"), QStringLiteral("--protocol"),
                                   QStringLiteral("udp"), NamespaceLab::serverV4(kRouters)});
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.err.contains("probing without privileges, as requested"), run.err.constData());
    const auto path = networkPathFromJson(run.out.toStdString());
    QVERIFY(path.hasValue());
    QCOMPARE(QString::fromStdString(std::string(probingName(path->hopscope->probing))),
             QStringLiteral("unprivileged"));
    QVERIFY(path->hopscope->request->unprivileged);
}

QTEST_GUILESS_MAIN(UnprivilegedLabTest)
#include "tst_unprivilegedlab.moc"
