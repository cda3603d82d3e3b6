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
#include <QThread>

#include <memory>

using namespace hopscope;
using namespace labtrace;

namespace {

// client - r1 - r2 =1400= r3 =1280= r4 - server: two links narrower than the rest (1500), so
// that the MTU drops twice on the way, as it does past a tunnel and then a PPPoE line.
constexpr int kRouters = 4;
constexpr int kMaxTtl = 8;

struct NarrowLink
{
    int left; // the link from router `left` to router `left + 1`
    int mtu;
};
constexpr NarrowLink kNarrowLinks[] = {{2, 1400}, {3, 1280}};

QString routerAddress(int router, bool v6)
{
    return canonical(v6 ? NamespaceLab::v6Toward(router, true)
                        : NamespaceLab::v4Toward(router, true));
}

// What the trace and `show` print under the table.
QStringList expectedLines(bool v6)
{
    return {QStringLiteral("The path MTU is 1280 bytes (probes started at 1500, the outgoing "
                           "interface's MTU)."),
            QStringLiteral("It drops from 1500 to 1400 bytes after TTL 2 (%1): the link to TTL 3 "
                           "carries no more.")
                .arg(routerAddress(2, v6)),
            QStringLiteral("It drops from 1400 to 1280 bytes after TTL 3 (%1): the link to TTL 4 "
                           "carries no more.")
                .arg(routerAddress(3, v6))};
}

QStringList linesOf(const QByteArray &output)
{
    QStringList lines = QString::fromUtf8(output).split(QLatin1Char('\n'));
    for (QString &line : lines)
        line = line.trimmed();
    return lines;
}

} // namespace

// Path MTU discovery through routers whose links differ in MTU, with Linux's default ICMP
// budgets: fragmentation-needed and packet-too-big are not rate-limited by Linux, but the
// time-exceeded answers of the routers are.
class MtuLabTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void pathMtuAndWhereItDrops_data();
    void pathMtuAndWhereItDrops();
    void savedTraceTellsItAgain();
    void helperFindsItForAnOrdinaryUser();
    void withoutRawSocketsItIsRefused();

private:
    std::unique_ptr<NamespaceLab> m_lab;
    QTemporaryDir m_files;
    bool m_firstCase = true;
};

void MtuLabTest::initTestCase()
{
    if (const QString reason = NamespaceLab::unavailableReason(); !reason.isEmpty())
        QSKIP(qPrintable(reason));
    m_lab = std::make_unique<NamespaceLab>(kRouters);
    QVERIFY2(m_lab->build(), qPrintable(m_lab->error()));
    QVERIFY2(m_lab->listenOnServer(443), qPrintable(m_lab->error()));
    // Both ends of a narrow link carry its MTU, so that answers coming back fit it too.
    for (const NarrowLink &link : kNarrowLinks) {
        QVERIFY2(m_lab->exec(m_lab->router(link.left),
                             {QStringLiteral("ip"), QStringLiteral("link"), QStringLiteral("set"),
                              QStringLiteral("dev"), QStringLiteral("to%1").arg(link.left + 1),
                              QStringLiteral("mtu"), QString::number(link.mtu)}),
                 qPrintable(m_lab->error()));
        QVERIFY2(m_lab->exec(m_lab->router(link.left + 1),
                             {QStringLiteral("ip"), QStringLiteral("link"), QStringLiteral("set"),
                              QStringLiteral("dev"), QStringLiteral("to%1").arg(link.left),
                              QStringLiteral("mtu"), QString::number(link.mtu)}),
                 qPrintable(m_lab->error()));
    }
}

void MtuLabTest::cleanupTestCase()
{
    m_lab.reset();
}

// The routers keep Linux's budget of one time-exceeded a second after a burst of six; a trace
// asks each of them three or four times, so the next one waits for the budget to refill.
void MtuLabTest::init()
{
    if (!m_firstCase)
        QThread::msleep(3500);
    m_firstCase = false;
}

void MtuLabTest::pathMtuAndWhereItDrops_data()
{
    QTest::addColumn<QString>("protocol");
    QTest::addColumn<bool>("v6");
    for (const char *protocol : {"udp", "tcp", "icmp"})
        for (const bool v6 : {false, true})
            QTest::addRow("%s %s", protocol, v6 ? "IPv6" : "IPv4")
                << QString::fromLatin1(protocol) << v6;
}

void MtuLabTest::pathMtuAndWhereItDrops()
{
    QFETCH(QString, protocol);
    QFETCH(bool, v6);
    const QString server = v6 ? NamespaceLab::serverV6(kRouters) : NamespaceLab::serverV4(kRouters);
    const QString saved =
        QDir(m_files.path())
            .filePath(QStringLiteral("%1-%2.json")
                          .arg(protocol, v6 ? QStringLiteral("v6") : QStringLiteral("v4")));
    const CliRun run =
        runTrace(m_lab->client(),
                 {QStringLiteral("--mtu"), QStringLiteral("--no-dns"), QStringLiteral("--no-asn"),
                  QStringLiteral("--protocol"), protocol,
                  v6 ? QStringLiteral("-6") : QStringLiteral("-4"), QStringLiteral("--max-ttl"),
                  QString::number(kMaxTtl), QStringLiteral("-o"), saved, server});
    QVERIFY2(run.exitCode == 0, run.err.constData());
    const QStringList lines = linesOf(run.out);
    // The destination's answers came back through the four routers: Linux starts them at 64.
    QVERIFY2(lines.contains(QStringLiteral(
                 "[reply TTL 60: 4 routers on the way back from an initial TTL of 64]")),
             run.out.constData());
    for (const QString &expected : expectedLines(v6))
        QVERIFY2(lines.contains(expected),
                 qPrintable(expected + QStringLiteral("\nin:\n") + QString::fromUtf8(run.out)));

    QFile file(saved);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const auto path = networkPathFromJson(file.readAll().toStdString());
    QVERIFY2(path.hasValue(), path ? "" : path.error().message.c_str());
    // Every router and the destination, each at the size that fits the links before it.
    QCOMPARE(hopsOf(*path), labPathHops(kRouters, v6));
    QVERIFY(path->destinationReached());
    int destinationProbes = 0;
    for (const ProbeSample &probe : path->hopscope->probes)
        if (probe.ttl == kRouters + 1 && !probe.responder.empty()) {
            QCOMPARE(probe.replyTtl.value_or(0), 60);
            ++destinationProbes;
        }
    QVERIFY(destinationProbes >= 1);
    QVERIFY(path->hopscope->request->findPathMtu);
    QCOMPARE(path->hopscope->request->probeSize, 1500);
    QVERIFY(path->hopscope->pathMtu.has_value());
    const PathMtu &mtu = *path->hopscope->pathMtu;
    QCOMPARE(mtu.firstSize, 1500);
    QCOMPARE(mtu.size, 1280);
    QCOMPARE(int(mtu.drops.size()), 2);
    QCOMPARE(mtu.drops[0].ttl, 3);
    QCOMPARE(QString::fromStdString(mtu.drops[0].router.toString()), routerAddress(2, v6));
    QCOMPARE(mtu.drops[0].mtu, 1400);
    QCOMPARE(mtu.drops[1].ttl, 4);
    QCOMPARE(QString::fromStdString(mtu.drops[1].router.toString()), routerAddress(3, v6));
    QCOMPARE(mtu.drops[1].mtu, 1280);
}

// The file the trace wrote tells the same when opened again, and its CSV gives each hop the
// size that reached it.
void MtuLabTest::savedTraceTellsItAgain()
{
    const QString saved = QDir(m_files.path()).filePath(QStringLiteral("udp-v4.json"));
    QVERIFY2(QFile::exists(saved), "the IPv4 UDP trace wrote no file");
    const CliRun show =
        runCli(m_lab->client(), QStringLiteral("show"), {QStringLiteral("--no-asn"), saved});
    QVERIFY2(show.exitCode == 0, show.err.constData());
    const QStringList lines = linesOf(show.out);
    for (const QString &expected : expectedLines(false))
        QVERIFY2(lines.contains(expected),
                 qPrintable(expected + QStringLiteral("\nin:\n") + QString::fromUtf8(show.out)));

    const QString csv = QDir(m_files.path()).filePath(QStringLiteral("mtu.csv"));
    const CliRun report = runCli(m_lab->client(), QStringLiteral("report"),
                                 {QStringLiteral("--no-asn"), QStringLiteral("-o"), csv, saved});
    QVERIFY2(report.exitCode == 0, report.err.constData());
    QCOMPARE(csvColumn(csv, QStringLiteral("mtu")).join(QLatin1Char(' ')),
             QStringLiteral("1500 1500 1400 1280 1280"));
}

// As installed: an ordinary user, the helper holding CAP_NET_RAW. The request crosses to the
// helper and the finding comes back in its `done` event.
void MtuLabTest::helperFindsItForAnOrdinaryUser()
{
    QVERIFY2(setHelperCapability(true), "setcap " HOPSCOPE_HELPER_CAPABILITIES " on the helper");
    const CliRun run =
        runTrace(m_lab->client(),
                 {QStringLiteral("--mtu"), QStringLiteral("--no-dns"), QStringLiteral("--no-asn"),
                  QStringLiteral("--protocol"), QStringLiteral("udp"), QStringLiteral("--max-ttl"),
                  QString::number(kMaxTtl), NamespaceLab::serverV4(kRouters)},
                 asNobody());
    setHelperCapability(false);
    QVERIFY2(run.exitCode == 0, run.err.constData());
    const QStringList lines = linesOf(run.out);
    for (const QString &expected : expectedLines(false))
        QVERIFY2(lines.contains(expected),
                 qPrintable(expected + QStringLiteral("\nin:\n") + QString::fromUtf8(run.out)));
}

// Without raw sockets or a helper, ordinary sockets cannot send a packet of a chosen size
// unfragmented: the trace says so rather than finding nothing.
void MtuLabTest::withoutRawSocketsItIsRefused()
{
    const CliRun run =
        runTrace(m_lab->client(),
                 {QStringLiteral("--mtu"), QStringLiteral("--no-dns"), QStringLiteral("--no-asn"),
                  QStringLiteral("--unprivileged"), NamespaceLab::serverV4(kRouters)});
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains("finding the path MTU needs raw sockets"), run.err.constData());
}

QTEST_GUILESS_MAIN(MtuLabTest)
#include "tst_mtulab.moc"
