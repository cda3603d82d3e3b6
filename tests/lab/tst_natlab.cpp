// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "labtrace.h"
#include "namespacelab.h"

#include "path/networkpathjson.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace hopscope;
using namespace labtrace;

namespace {

constexpr int kRouters = 4; // client - r1 - r2 (the NAT) - r3 - r4 - server
constexpr int kNatRouter = 2;
constexpr int kMaxTtl = 8;
// The NAT's outside address: in the r1-r2 link's prefix, so that every node past r2 routes it
// back to r2, yet held by no one.
const QString kOutsideV4 = QStringLiteral("198.18.1.100");
const QString kOutsideV6 = QStringLiteral("fd42:0:0:1::100");

enum class Nat {
    Payload, // 1:1 rewrites of the header alone: the routers past it quote the rewritten source
    Stateful // Linux's masquerade: conntrack restores the quote on the way back
};

// A NAT made of nft payload rewrites, as a router that translates without keeping state does:
// the source of everything the client sends on becomes the outside address as it leaves r2, and
// the destination of everything coming back to that address becomes the client's again. Nothing
// is tracked, so the ICMP errors of routers past r2 keep quoting the outside address.
QByteArray payloadNatRules()
{
    const QString client4 = NamespaceLab::v4Toward(0, false);
    const QString client6 = canonical(NamespaceLab::v6Toward(0, false));
    return QStringLiteral("table inet hsnat {\n"
                          "  chain raw { type filter hook prerouting priority raw; notrack\n"
                          "    ip daddr %1 ip daddr set %2\n"
                          "    ip6 daddr %3 ip6 daddr set %4\n"
                          "  }\n"
                          "  chain out { type filter hook postrouting priority srcnat;\n"
                          "    ip saddr %2 ip saddr set %1\n"
                          "    ip6 saddr %4 ip6 saddr set %3\n"
                          "  }\n"
                          "}\n")
        .arg(kOutsideV4, client4, kOutsideV6, client6)
        .toUtf8();
}

QByteArray statefulNatRules()
{
    const QString client4 = NamespaceLab::v4Toward(0, false);
    const QString client6 = canonical(NamespaceLab::v6Toward(0, false));
    return QStringLiteral("table inet hsnat {\n"
                          "  chain out { type nat hook postrouting priority srcnat;\n"
                          "    ip saddr %1 masquerade\n"
                          "    ip6 saddr %2 masquerade\n"
                          "  }\n"
                          "}\n")
        .arg(client4, client6)
        .toUtf8();
}

} // namespace

// Traces through routers that rewrite the probe: a NAT that translates the client's address (NATs
// that rewrite the header but not the packet an ICMP error quotes are common on the Internet; the
// path past them must stay complete, for every protocol), and a router that remarks DSCP.
class NatLabTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void traceThroughNat_data();
    void traceThroughNat();
    void traceAndReportTellTheNat();
    void dscpRewriteIsToldWhereItHappens_data();
    void dscpRewriteIsToldWhereItHappens();

private:
    bool useNat(Nat nat);

    std::unique_ptr<NamespaceLab> m_lab;
    std::optional<Nat> m_nat;
    QTemporaryDir m_files;
    bool m_remarking = false;
};

void NatLabTest::initTestCase()
{
    if (const QString reason = NamespaceLab::unavailableReason(); !reason.isEmpty())
        QSKIP(qPrintable(reason));
    // Unlimited: twelve traces run back to back through the same routers, all of whose errors go
    // to one address (the NAT's), far past Linux's one error a second for each peer. These cases
    // test which replies are matched; tst_ratelimitlab tests tracing through routers that keep
    // their budgets.
    m_lab = std::make_unique<NamespaceLab>(kRouters, NamespaceLab::IcmpBudget::Unlimited);
    QVERIFY2(m_lab->build(), qPrintable(m_lab->error()));
    QVERIFY2(m_lab->listenOnServer(443), qPrintable(m_lab->error()));
}

void NatLabTest::cleanupTestCase()
{
    m_lab.reset();
}

bool NatLabTest::useNat(Nat nat)
{
    if (m_nat == nat)
        return true;
    const QString router = m_lab->router(kNatRouter);
    if (m_nat)
        m_lab->exec(router,
                    {QStringLiteral("nft"), QStringLiteral("delete"), QStringLiteral("table"),
                     QStringLiteral("inet"), QStringLiteral("hsnat")});
    m_nat = nat;
    return m_lab->exec(router, {QStringLiteral("nft"), QStringLiteral("-f"), QStringLiteral("-")},
                       nat == Nat::Payload ? payloadNatRules() : statefulNatRules());
}

void NatLabTest::traceThroughNat_data()
{
    QTest::addColumn<int>("nat");
    QTest::addColumn<QString>("protocol");
    QTest::addColumn<bool>("v6");
    for (const Nat nat : {Nat::Payload, Nat::Stateful})
        for (const char *protocol : {"tcp", "udp", "icmp"})
            for (const bool v6 : {false, true})
                QTest::addRow("%s NAT, %s %s", nat == Nat::Payload ? "payload" : "stateful",
                              protocol, v6 ? "IPv6" : "IPv4")
                    << int(nat) << QString::fromLatin1(protocol) << v6;
}

void NatLabTest::traceThroughNat()
{
    QFETCH(int, nat);
    QFETCH(QString, protocol);
    QFETCH(bool, v6);
    QVERIFY2(useNat(static_cast<Nat>(nat)), qPrintable(m_lab->error()));
    const QString server = v6 ? NamespaceLab::serverV6(kRouters) : NamespaceLab::serverV4(kRouters);
    const CliRun run =
        runTrace(m_lab->client(), {QStringLiteral("--json"), QStringLiteral("--no-dns"),
                                   QStringLiteral("--no-asn"), QStringLiteral("--protocol"),
                                   protocol, v6 ? QStringLiteral("-6") : QStringLiteral("-4"),
                                   QStringLiteral("--max-ttl"), QString::number(kMaxTtl),
                                   QStringLiteral("--timeout"), QStringLiteral("500"), server});
    QVERIFY2(run.exitCode == 0, run.err.constData());
    const auto path = networkPathFromJson(run.out.toStdString());
    QVERIFY2(path.hasValue(), path ? "" : path.error().message.c_str());
    QCOMPARE(hopsOf(*path), labPathHops(kRouters, v6));
    QVERIFY(path->destinationReached());
    // The NAT is told from the first TTL past it on, and nowhere before; Linux's masquerade
    // restores the quote and is never seen.
    const QString outside = canonical(v6 ? kOutsideV6 : kOutsideV4);
    int told = 0;
    for (const ProbeSample &probe : path->hopscope->probes) {
        if (probe.responder.empty())
            continue;
        const bool error = probe.ttl <= kRouters || protocol == QLatin1String("udp");
        QCOMPARE(probe.quote.has_value(), error);
        if (!probe.quote)
            continue;
        const bool pastNat = nat == int(Nat::Payload) && probe.ttl > kNatRouter;
        QCOMPARE(probe.quote->source.has_value(), pastNat);
        if (pastNat) {
            QCOMPARE(QString::fromStdString(probe.quote->source->toString()), outside);
            ++told;
        }
        QCOMPARE(int(probe.quote->trafficClass), 0);
        QCOMPARE(int(probe.quote->ttl), 1);
    }
    if (nat == int(Nat::Payload))
        QVERIFY(told >= 6);
}

void NatLabTest::traceAndReportTellTheNat()
{
    QVERIFY2(useNat(Nat::Payload), qPrintable(m_lab->error()));
    const QString saved = QDir(m_files.path()).filePath(QStringLiteral("nat.json"));
    const CliRun run =
        runTrace(m_lab->client(),
                 {QStringLiteral("--no-dns"), QStringLiteral("--no-asn"),
                  QStringLiteral("--protocol"), QStringLiteral("udp"), QStringLiteral("--max-ttl"),
                  QString::number(kMaxTtl), QStringLiteral("--timeout"), QStringLiteral("500"),
                  QStringLiteral("-o"), saved, NamespaceLab::serverV4(kRouters)});
    QVERIFY2(run.exitCode == 0, run.err.constData());
    // Under each hop past r2, and only there, the line that tells the NAT.
    const QStringList lines = QString::fromUtf8(run.out).split(QLatin1Char('\n'));
    QStringList hopsWithNat;
    QString lastHop;
    for (const QString &line : lines) {
        if (QRegularExpression(QStringLiteral("^ *\\d+  ")).match(line).hasMatch())
            lastHop = line.simplified().section(QLatin1Char(' '), 0, 1);
        else if (line.contains(QStringLiteral("[NAT: the router saw source %1]").arg(kOutsideV4)))
            hopsWithNat << lastHop;
    }
    QCOMPARE(hopsWithNat.join(QLatin1Char(',')),
             QStringLiteral("3 198.18.2.2,4 198.18.3.2,5 198.18.4.2"));

    // The CSV report of the saved trace has the NAT's address in its nat column from TTL 3 on.
    const QString csv = QDir(m_files.path()).filePath(QStringLiteral("nat.csv"));
    const CliRun report = runCli(m_lab->client(), QStringLiteral("report"),
                                 {QStringLiteral("--no-asn"), QStringLiteral("-o"), csv, saved});
    QVERIFY2(report.exitCode == 0, report.err.constData());
    QCOMPARE(csvColumn(csv, QStringLiteral("nat")).join(QLatin1Char(' ')),
             QStringLiteral("  %1 %1 %1").arg(kOutsideV4));
}

void NatLabTest::dscpRewriteIsToldWhereItHappens_data()
{
    QTest::addColumn<bool>("v6");
    QTest::newRow("IPv4") << false;
    QTest::newRow("IPv6") << true;
}

// r3 remarks everything it receives to CS1 (DSCP 8) as it comes in, as an edge router's ingress
// policy does: its own answers already quote the new value, so the rewrite shows at TTL 3 and on.
void NatLabTest::dscpRewriteIsToldWhereItHappens()
{
    QFETCH(bool, v6);
    QVERIFY2(useNat(Nat::Stateful), qPrintable(m_lab->error()));
    if (!m_remarking) {
        QVERIFY2(m_lab->exec(m_lab->router(3),
                             {QStringLiteral("nft"), QStringLiteral("-f"), QStringLiteral("-")},
                             "table inet hsdscp {\n"
                             "  chain in { type filter hook prerouting priority mangle;\n"
                             "    ip dscp set cs1\n"
                             "    ip6 dscp set cs1\n"
                             "  }\n"
                             "}\n"),
                 qPrintable(m_lab->error()));
        m_remarking = true;
    }
    const QString saved = QDir(m_files.path()).filePath(QStringLiteral("dscp.json"));
    const CliRun run =
        runTrace(m_lab->client(),
                 {QStringLiteral("--no-dns"), QStringLiteral("--no-asn"),
                  QStringLiteral("--protocol"), QStringLiteral("udp"),
                  v6 ? QStringLiteral("-6") : QStringLiteral("-4"), QStringLiteral("--dscp"),
                  QStringLiteral("46"), QStringLiteral("--max-ttl"), QString::number(kMaxTtl),
                  QStringLiteral("--timeout"), QStringLiteral("500"), QStringLiteral("-o"), saved,
                  v6 ? NamespaceLab::serverV6(kRouters) : NamespaceLab::serverV4(kRouters)});
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QStringList hopsWithRewrite;
    QString lastHop;
    for (const QString &line : QString::fromUtf8(run.out).split(QLatin1Char('\n'))) {
        if (QRegularExpression(QStringLiteral("^ *\\d+  ")).match(line).hasMatch())
            lastHop = line.simplified().section(QLatin1Char(' '), 0, 0);
        else if (line.contains(
                     QStringLiteral("[DSCP 8 ECN 0 as the router saw it; sent DSCP 46 ECN 0]")))
            hopsWithRewrite << lastHop;
    }
    QCOMPARE(hopsWithRewrite.join(QLatin1Char(',')), QStringLiteral("3,4,5"));

    // The saved file keeps what each router saw, and the request's DSCP.
    QFile file(saved);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const auto path = networkPathFromJson(file.readAll().toStdString());
    QVERIFY2(path.hasValue(), path ? "" : path.error().message.c_str());
    QCOMPARE(int(path->hopscope->request->trafficClass), 46 << 2);
    for (const ProbeSample &probe : path->hopscope->probes)
        if (probe.quote)
            QCOMPARE(int(probe.quote->trafficClass), probe.ttl < 3 ? 46 << 2 : 8 << 2);
}

QTEST_GUILESS_MAIN(NatLabTest)
#include "tst_natlab.moc"
