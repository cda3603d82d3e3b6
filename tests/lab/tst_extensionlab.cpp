// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "labtrace.h"
#include "namespacelab.h"

#include "path/networkpathjson.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace hopscope;
using namespace labtrace;

namespace {

constexpr int kRouters = 3; // client - r1 - r2 (answers with extensions) - r3 - server
constexpr int kMaxTtl = 6;
const QString kResponder = QStringLiteral(HOPSCOPE_BINARY_DIR "/tests/hopscope-labresponder");
// Two labels, as a router inside an MPLS tunnel with a service label quotes them, and the
// incoming interface as a router that implements RFC 5837 describes it.
const QString kLabels = QStringLiteral("24000:0:0:1,17:5:1:1");
const QStringList kExpectedLines{
    QStringLiteral("[MPLS: Lbl 24000 TC 0 S 0 TTL 1]"),
    QStringLiteral("[MPLS: Lbl 17 TC 5 S 1 TTL 1]"),
    QStringLiteral("[interface: in ifindex 17 ge-0/0/1 10.0.2.1 mtu 1500]")};

} // namespace

// Linux routers send no ICMP extensions, so the lab's second router answers through a responder
// of its own on a raw socket, as an MPLS router would: the real probe engine, the real packets.
class ExtensionLabTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void traceShowsTheExtensions_data();
    void traceShowsTheExtensions();
    void extensionsAreSavedReportedAndReopened();
    void mtrOutputsAreReadWithTheirLabels_data();
    void mtrOutputsAreReadWithTheirLabels();

private:
    std::unique_ptr<NamespaceLab> m_lab;
    QProcess m_responder;
    QTemporaryDir m_files;
};

void ExtensionLabTest::initTestCase()
{
    if (const QString reason = NamespaceLab::unavailableReason(); !reason.isEmpty())
        QSKIP(qPrintable(reason));
    m_lab = std::make_unique<NamespaceLab>(kRouters);
    QVERIFY2(m_lab->build(), qPrintable(m_lab->error()));
    QVERIFY2(m_lab->listenOnServer(443), qPrintable(m_lab->error()));
    // r2's kernel stays quiet; its responder (marked 0x4853) answers instead.
    QVERIFY2(m_lab->exec(m_lab->router(2),
                         {QStringLiteral("nft"), QStringLiteral("-f"), QStringLiteral("-")},
                         "table ip hsext {\n"
                         "  chain out { type filter hook output priority 0;\n"
                         "    meta mark != 0x4853 icmp type time-exceeded drop\n"
                         "  }\n"
                         "}\n"),
             qPrintable(m_lab->error()));
    m_responder.start(QStringLiteral("ip"),
                      {QStringLiteral("netns"), QStringLiteral("exec"), m_lab->router(2),
                       kResponder, QStringLiteral("to1"), NamespaceLab::v4Toward(2, true), kLabels,
                       QStringLiteral("17"), QStringLiteral("ge-0/0/1"), QStringLiteral("10.0.2.1"),
                       QStringLiteral("1500")});
    QVERIFY(m_responder.waitForReadyRead(5000));
    QCOMPARE(m_responder.readLine().trimmed(), QByteArray("ready"));
}

void ExtensionLabTest::cleanupTestCase()
{
    if (m_responder.state() != QProcess::NotRunning) {
        m_responder.closeWriteChannel();
        if (!m_responder.waitForFinished(3000))
            m_responder.kill();
    }
    m_lab.reset();
}

void ExtensionLabTest::traceShowsTheExtensions_data()
{
    QTest::addColumn<QString>("protocol");
    for (const char *protocol : {"tcp", "udp", "icmp"})
        QTest::newRow(protocol) << QString::fromLatin1(protocol);
}

void ExtensionLabTest::traceShowsTheExtensions()
{
    QFETCH(QString, protocol);
    const CliRun run = runTrace(
        m_lab->client(),
        {QStringLiteral("--no-dns"), QStringLiteral("--no-asn"), QStringLiteral("--protocol"),
         protocol, QStringLiteral("--max-ttl"), QString::number(kMaxTtl),
         QStringLiteral("--timeout"), QStringLiteral("500"), NamespaceLab::serverV4(kRouters)});
    QVERIFY2(run.exitCode == 0, run.err.constData());
    // The lines under hop 2, and under no other hop (but the destination's reply TTL under it).
    const QStringList lines = QString::fromUtf8(run.out).split(QLatin1Char('\n'));
    QString hop;
    QStringList underHop2;
    for (const QString &line : lines) {
        const QString trimmed = line.trimmed();
        if (trimmed.startsWith(QStringLiteral("[reply TTL "))) {
            QCOMPARE(
                hop,
                QStringLiteral("%1 %2").arg(kRouters + 1).arg(NamespaceLab::serverV4(kRouters)));
        } else if (trimmed.startsWith(QLatin1Char('['))) {
            QCOMPARE(hop, routerHop(2, false));
            underHop2 << trimmed;
        } else if (!trimmed.isEmpty() && trimmed.front().isDigit()) {
            hop = trimmed.section(QLatin1Char(' '), 0, 0) + QLatin1Char(' ') +
                  trimmed.section(QLatin1Char(' '), 2, 2);
        }
    }
    QVERIFY2(underHop2 == kExpectedLines, run.out.constData());
}

void ExtensionLabTest::extensionsAreSavedReportedAndReopened()
{
    const QString saved = QDir(m_files.path()).filePath(QStringLiteral("mpls.json"));
    const CliRun run =
        runTrace(m_lab->client(),
                 {QStringLiteral("--json"), QStringLiteral("--no-dns"), QStringLiteral("--no-asn"),
                  QStringLiteral("--protocol"), QStringLiteral("udp"), QStringLiteral("--max-ttl"),
                  QString::number(kMaxTtl), QStringLiteral("--timeout"), QStringLiteral("500"),
                  QStringLiteral("-o"), saved, NamespaceLab::serverV4(kRouters)});
    QVERIFY2(run.exitCode == 0, run.err.constData());

    // The saved file keeps each probe's quote and the hop's label stack.
    QFile file(saved);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const auto path = networkPathFromJson(file.readAll().toStdString());
    QVERIFY2(path.hasValue(), path ? "" : path.error().message.c_str());
    int quoted = 0;
    for (const ProbeSample &probe : path->hopscope->probes) {
        if (probe.ttl != 2 || probe.responder.empty())
            continue;
        QVERIFY(probe.quote.has_value());
        QCOMPARE(probe.quote->mpls.size(), std::size_t(2));
        QCOMPARE(probe.quote->interfaces.size(), std::size_t(1));
        QCOMPARE(QString::fromStdString(probe.quote->interfaces.front().name),
                 QStringLiteral("ge-0/0/1"));
        QCOMPARE(probe.quote->interfaces.front().ifIndex.value_or(0), 17u);
        ++quoted;
    }
    QVERIFY(quoted >= 1);
    for (const PathHop &hop : path->hops)
        QCOMPARE(hop.mpls.size(), std::size_t(hop.ttl == 2 ? 2 : 0));

    // The CSV report: labels and MTU on hop 2's row only.
    const QString csv = QDir(m_files.path()).filePath(QStringLiteral("mpls.csv"));
    const CliRun report = runCli(m_lab->client(), QStringLiteral("report"),
                                 {QStringLiteral("--no-asn"), QStringLiteral("-o"), csv, saved});
    QVERIFY2(report.exitCode == 0, report.err.constData());
    const QStringList ttls = csvColumn(csv, QStringLiteral("ttl"));
    const QStringList stacks = csvColumn(csv, QStringLiteral("mpls"));
    const QStringList mtus = csvColumn(csv, QStringLiteral("mtu"));
    QStringList labels;
    for (qsizetype row = 0; row < ttls.size(); ++row)
        labels << ttls[row] + QLatin1Char('=') + stacks.value(row) + QLatin1Char('/') +
                      mtus.value(row);
    QCOMPARE(labels.join(QLatin1Char(' ')), QStringLiteral("1=/ 2=24000/17/1500 3=/ 4=/"));

    // Reopened with show: the MPLS column names the stack at hop 2.
    const CliRun shown =
        runCli(m_lab->client(), QStringLiteral("show"), {QStringLiteral("--no-asn"), saved});
    QVERIFY2(shown.exitCode == 0, shown.err.constData());
    const QStringList shownLines = QString::fromUtf8(shown.out).split(QLatin1Char('\n'));
    QVERIFY2(shownLines.first().contains(QStringLiteral("MPLS")), shown.out.constData());
    int withLabels = 0;
    for (const QString &line : shownLines)
        if (line.contains(QStringLiteral("24000/17"))) {
            QVERIFY2(line.trimmed().startsWith(QStringLiteral("2 ")), qPrintable(line));
            ++withLabels;
        }
    QCOMPARE(withLabels, 1);
    // ... and what the replies told, as the trace printed it under hop 2 (and under the
    // destination, its reply TTL).
    QStringList told;
    for (const QString &line : shownLines)
        if (line.contains(QLatin1Char('[')) && !line.contains(QStringLiteral("[reply TTL")))
            told << line.simplified();
    QVERIFY2(shown.out.contains("[reply TTL "), shown.out.constData());
    const QString router = routerHop(2, false).section(QLatin1Char(' '), 1);
    QCOMPARE(told, (QStringList{
                       QStringLiteral("2 %1 [MPLS: Lbl 24000 TC 0 S 0 TTL 1]").arg(router),
                       QStringLiteral("2 %1 [MPLS: Lbl 17 TC 5 S 1 TTL 1]").arg(router),
                       QStringLiteral("2 %1 [interface: in ifindex 17 ge-0/0/1 10.0.2.1 mtu 1500]")
                           .arg(router),
                   }));
}

void ExtensionLabTest::mtrOutputsAreReadWithTheirLabels_data()
{
    QTest::addColumn<QStringList>("options");
    QTest::addColumn<QByteArray>("labelLine"); // how mtr writes the outer label
    QTest::newRow("raw") << QStringList{QStringLiteral("--raw")} << QByteArray("m 1 24000 0 0 1");
    // (mtr's report prints label lines only for the further responders of a load-balanced TTL,
    // so a path of one responder per TTL gives none: the corpus holds a real report with them.)
}

// Debian's mtr through the same router (-e): its raw stream lists the stack as "m" lines, which
// read back with the stack at TTL 2 only.
void ExtensionLabTest::mtrOutputsAreReadWithTheirLabels()
{
    QFETCH(QStringList, options);
    QFETCH(QByteArray, labelLine);
    QProcess mtr;
    mtr.start(QStringLiteral("ip"),
              QStringList{QStringLiteral("netns"), QStringLiteral("exec"), m_lab->client(),
                          QStringLiteral("mtr"), QStringLiteral("-e"), QStringLiteral("-n"),
                          QStringLiteral("-c"), QStringLiteral("2"), QStringLiteral("-i"),
                          QStringLiteral("0.5")} +
                  options + QStringList{NamespaceLab::serverV4(kRouters)});
    QVERIFY(mtr.waitForFinished(60000));
    const QByteArray out = mtr.readAllStandardOutput();
    QVERIFY2(mtr.exitCode() == 0, mtr.readAllStandardError().constData());
    QVERIFY2(out.contains(labelLine), out.constData());
    const QString file =
        QDir(m_files.path())
            .filePath(
                QStringLiteral("mtr-%1.txt").arg(QString::fromLatin1(QTest::currentDataTag())));
    QFile saved(file);
    QVERIFY(saved.open(QIODevice::WriteOnly));
    saved.write(out);
    saved.close();
    const CliRun shown =
        runCli(m_lab->client(), QStringLiteral("show"), {QStringLiteral("--no-asn"), file});
    QVERIFY2(shown.exitCode == 0, shown.err.constData());
    QStringList withLabels;
    for (const QString &line : QString::fromUtf8(shown.out).split(QLatin1Char('\n')))
        if (line.contains(QStringLiteral("24000/17")))
            withLabels << line.simplified().section(QLatin1Char(' '), 0, 1);
    QCOMPARE(withLabels, QStringList{routerHop(2, false)});
}

QTEST_GUILESS_MAIN(ExtensionLabTest)
#include "tst_extensionlab.moc"
