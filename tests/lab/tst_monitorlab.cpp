// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "labtrace.h"
#include "namespacelab.h"

#include "path/networkpathjson.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <arpa/inet.h>
#include <memory>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

using namespace hopscope;
using namespace labtrace;

namespace {

// client - r1 - {r2, r2b} - r3 - server; r1 sends everything beyond it one way or the other.
constexpr int kRouters = 3;
const QString kServerV4 = QStringLiteral("198.18.3.2");
const QString kServerV6 = QStringLiteral("fd42:0:0:3::2");

// A UDP socket bound to 127.0.0.1:`port` (0: any) inside namespace `ns`; -1 on failure.
int udpListenerIn(NamespaceLab &lab, const QString &ns, int port, int *boundPort)
{
    int fd = -1;
    std::thread inside([&] {
        if (!lab.enter(ns))
            return;
        fd = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        address.sin_port = htons(static_cast<std::uint16_t>(port));
        socklen_t length = sizeof address;
        if (::bind(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0 ||
            ::getsockname(fd, reinterpret_cast<sockaddr *>(&address), &length) != 0) {
            ::close(fd);
            fd = -1;
            return;
        }
        *boundPort = ntohs(address.sin_port);
    });
    inside.join();
    return fd;
}

QStringList datagramLines(int fd)
{
    QStringList lines;
    pollfd watched{fd, POLLIN, 0};
    while (::poll(&watched, 1, 200) > 0) {
        char buffer[65536];
        const ssize_t size = ::recv(fd, buffer, sizeof buffer, 0);
        if (size <= 0)
            break;
        lines += QString::fromUtf8(buffer, static_cast<int>(size)).split(QLatin1Char('\n'));
    }
    return lines;
}

QStringList monitorCommand(const QString &ns, const QStringList &arguments)
{
    return QStringList{QStringLiteral("netns"),
                       QStringLiteral("exec"),
                       ns,
                       QStringLiteral(HOPSCOPE_BINARY_DIR "/hopscope-cli"),
                       QStringLiteral("monitor"),
                       QStringLiteral("--no-dns"),
                       QStringLiteral("--timeout"),
                       QStringLiteral("300")} +
           arguments;
}

} // namespace

// Monitoring sessions through the namespace lab: a route changed in the middle of a session is
// reported at the round it happened in, and every round sends its telemetry when asked.
class MonitorLabTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanupTestCase();
    void routeChangeIsReportedAtItsRound_data();
    void routeChangeIsReportedAtItsRound();
    void telemetryAfterEveryRound();
    void noTelemetryUnlessAsked();
    void deadStatsdIsReportedOnceAndTheSessionGoesOn();
    void malformedStatsdAddressIsReportedAndTheSessionRuns();
    void alertsFireOnceAndClear();

private:
    bool sendBeyondR1Via(bool twin);
    std::unique_ptr<NamespaceLab> m_lab;
};

void MonitorLabTest::initTestCase()
{
    if (const QString reason = NamespaceLab::unavailableReason(); !reason.isEmpty())
        QSKIP(qPrintable(reason));
    m_lab = std::make_unique<NamespaceLab>(kRouters);
    QVERIFY2(m_lab->build(), qPrintable(m_lab->error()));
    QVERIFY2(m_lab->addEqualCostTwin(2), qPrintable(m_lab->error()));
}

void MonitorLabTest::init()
{
    QVERIFY2(sendBeyondR1Via(false), qPrintable(m_lab->error()));
}

void MonitorLabTest::cleanupTestCase()
{
    m_lab.reset();
}

// r1's route to the links beyond r2: through r2, or through its twin r2b. What a routing
// protocol does when a link fails over.
bool MonitorLabTest::sendBeyondR1Via(bool twin)
{
    const QString ip = QStringLiteral("ip");
    for (int link = 2; link <= kRouters; ++link) {
        if (!m_lab->exec(
                m_lab->router(1),
                {ip, QStringLiteral("route"), QStringLiteral("replace"),
                 QStringLiteral("198.18.%1.0/24").arg(link), QStringLiteral("via"),
                 twin ? NamespaceLab::twinTowardClientV4() : NamespaceLab::v4Toward(2, true)}) ||
            !m_lab->exec(
                m_lab->router(1),
                {ip, QStringLiteral("-6"), QStringLiteral("route"), QStringLiteral("replace"),
                 QStringLiteral("fd42:0:0:%1::/64").arg(link), QStringLiteral("via"),
                 twin ? NamespaceLab::twinTowardClientV6() : NamespaceLab::v6Toward(2, true)}))
            return false;
    }
    return true;
}

void MonitorLabTest::routeChangeIsReportedAtItsRound_data()
{
    QTest::addColumn<QString>("protocol");
    QTest::addColumn<bool>("v6");
    // r3's time-exceeded leaves from the interface towards the client in IPv4, but carries the
    // address the probe came in on in IPv6: there TTL 3 changes too.
    QTest::addColumn<QString>("ttl3After");
    const QString r3 = NamespaceLab::v4Toward(3, true);
    QTest::newRow("tcp IPv4") << QStringLiteral("tcp") << false << r3;
    QTest::newRow("udp IPv4") << QStringLiteral("udp") << false << r3;
    QTest::newRow("icmp IPv4") << QStringLiteral("icmp") << false << r3;
    QTest::newRow("tcp IPv6") << QStringLiteral("tcp") << true << QStringLiteral("fd42:0:0:11::2");
}

void MonitorLabTest::routeChangeIsReportedAtItsRound()
{
    QFETCH(QString, protocol);
    QFETCH(bool, v6);
    QFETCH(QString, ttl3After);
    QTemporaryDir directory;
    const QString file = directory.filePath(QStringLiteral("session.json"));
    QProcess monitor;
    monitor.start(
        QStringLiteral("ip"),
        monitorCommand(m_lab->client(), {QStringLiteral("--count"), QStringLiteral("5"),
                                         QStringLiteral("--protocol"), protocol,
                                         QStringLiteral("-o"), file, v6 ? kServerV6 : kServerV4}));
    // Rounds start a second apart and take milliseconds here: the route changes between the
    // second round and the third.
    QByteArray output;
    while (!output.contains("round 2:") && monitor.waitForReadyRead(20000))
        output += monitor.readAllStandardOutput();
    QVERIFY2(output.contains("round 2:"), output.constData());
    QVERIFY2(sendBeyondR1Via(true), qPrintable(m_lab->error()));
    QVERIFY(monitor.waitForFinished(30000));
    output += monitor.readAllStandardOutput();
    const QByteArray errors = monitor.readAllStandardError();
    QVERIFY2(monitor.exitCode() == 0, errors.constData());

    const QString before =
        canonical(v6 ? NamespaceLab::v6Toward(2, true) : NamespaceLab::v4Toward(2, true));
    const QString after =
        canonical(v6 ? NamespaceLab::twinTowardClientV6() : NamespaceLab::twinTowardClientV4());
    const QString ttl3Before =
        canonical(v6 ? NamespaceLab::v6Toward(3, true) : NamespaceLab::v4Toward(3, true));
    const bool ttl3Changes = ttl3After != ttl3Before;
    QVERIFY2(output.contains(QStringLiteral("route change in round 3, ").toUtf8()),
             output.constData());
    QVERIFY2(output.contains(QStringLiteral("TTL 2: %1 -> %2").arg(before, after).toUtf8()),
             output.constData());
    if (ttl3Changes)
        QVERIFY2(
            output.contains(QStringLiteral("TTL 3: %1 -> %2").arg(ttl3Before, ttl3After).toUtf8()),
            output.constData());
    QVERIFY2(output.count("route change in round 3") == (ttl3Changes ? 2 : 1), output.constData());
    QVERIFY2(output.count("route change in") == output.count("route change in round 3"),
             output.constData());

    const auto session = readNetworkPathFile(file.toStdString());
    QVERIFY2(session, session ? "" : session.error().message.c_str());
    const MonitorSummary &summary = *session->hopscope->monitor;
    QCOMPARE(summary.rounds, 5);
    QCOMPARE(summary.routeChanges.size(), std::size_t(ttl3Changes ? 2 : 1));
    const RouteChange &change = summary.routeChanges.front();
    QCOMPARE(change.kind, RouteChange::Kind::Responders);
    QCOMPARE(change.round, 3);
    QCOMPARE(change.ttl, 2);
    QCOMPARE(change.before, std::vector<std::string>{before.toStdString()});
    QCOMPARE(change.after, std::vector<std::string>{after.toStdString()});
    // The path now goes through the twin; the old router keeps its two rounds of figures.
    QCOMPARE(hopsOf(*session),
             QStringList({QStringLiteral("1 ") + canonical(v6 ? NamespaceLab::v6Toward(1, true)
                                                              : NamespaceLab::v4Toward(1, true)),
                          QStringLiteral("2 ") + after, QStringLiteral("3 ") + ttl3After,
                          QStringLiteral("4 ") + canonical(v6 ? kServerV6 : kServerV4)})
                 .join(QLatin1Char('\n')));
    for (const MonitorHop &hop : summary.hops) {
        if (hop.ttl != 2)
            continue;
        const bool old = hop.responder == before.toStdString();
        QCOMPARE(hop.firstRound, old ? 1 : 3);
        QCOMPARE(hop.lastRound, old ? 2 : 5);
        // One probe per TTL a round, a monitoring session's default.
        QCOMPARE(hop.stats.sent, old ? 2 : 3);
        QCOMPARE(hop.stats.received, hop.stats.sent);
    }
    QCOMPARE(session->hopscope->probes.size(), std::size_t(5 * 4));
}

void MonitorLabTest::telemetryAfterEveryRound()
{
    int port = 0;
    const int listener = udpListenerIn(*m_lab, m_lab->client(), 0, &port);
    QVERIFY(listener >= 0);
    QProcess monitor;
    monitor.start(
        QStringLiteral("ip"),
        monitorCommand(m_lab->client(),
                       {QStringLiteral("--count"), QStringLiteral("3"),
                        QStringLiteral("--interval"), QStringLiteral("200"),
                        QStringLiteral("--statsd"), QStringLiteral("127.0.0.1:%1").arg(port),
                        QStringLiteral("--tags"), QStringLiteral("team:net,env:lab"), kServerV4}));
    QVERIFY(monitor.waitForFinished(30000));
    QVERIFY2(monitor.exitCode() == 0, monitor.readAllStandardError().constData());
    const QStringList lines = datagramLines(listener);
    ::close(listener);
    const QString tags =
        QStringLiteral(
            "|g|#collector:hopscope,destination_hostname:%1,destination_port:443,env:lab,"
            "protocol:TCP,team:net")
            .arg(kServerV4);
    QCOMPARE(lines.size(), 3 * 6);
    for (int round = 0; round < 3; ++round) {
        const QStringList of = lines.mid(round * 6, 6);
        QVERIFY2(of[0].startsWith(QLatin1String("datadog.network_path.check_duration:")) &&
                     of[0].endsWith(tags),
                 qPrintable(of[0]));
        QCOMPARE(of.mid(1),
                 (QStringList{QStringLiteral("datadog.network_path.check_interval:0.2") + tags,
                              QStringLiteral("datadog.network_path.path.monitored:1") + tags,
                              QStringLiteral("datadog.network_path.path.hops:4") + tags,
                              QStringLiteral("datadog.network_path.path.reachable:1") + tags,
                              QStringLiteral("datadog.network_path.path.unreachable:0") + tags}));
        const double seconds =
            of[0].section(QLatin1Char(':'), 1).section(QLatin1Char('|'), 0, 0).toDouble();
        QVERIFY2(seconds > 0 && seconds < 5, qPrintable(of[0]));
    }
}

void MonitorLabTest::noTelemetryUnlessAsked()
{
    // DogStatsD's usual port: a session without --statsd must send nothing there (or anywhere).
    int port = 0;
    const int listener = udpListenerIn(*m_lab, m_lab->client(), 8125, &port);
    QVERIFY(listener >= 0);
    QProcess monitor;
    monitor.start(QStringLiteral("ip"),
                  monitorCommand(m_lab->client(),
                                 {QStringLiteral("--count"), QStringLiteral("2"),
                                  QStringLiteral("--interval"), QStringLiteral("200"), kServerV4}));
    QVERIFY(monitor.waitForFinished(30000));
    QCOMPARE(monitor.exitCode(), 0);
    QCOMPARE(datagramLines(listener), QStringList{});
    ::close(listener);
}

void MonitorLabTest::deadStatsdIsReportedOnceAndTheSessionGoesOn()
{
    int port = 0;
    const int closed = udpListenerIn(*m_lab, m_lab->client(), 0, &port);
    QVERIFY(closed >= 0);
    ::close(closed); // nothing listens there now
    QProcess monitor;
    monitor.start(
        QStringLiteral("ip"),
        monitorCommand(m_lab->client(), {QStringLiteral("--count"), QStringLiteral("4"),
                                         QStringLiteral("--interval"), QStringLiteral("200"),
                                         QStringLiteral("--statsd"),
                                         QStringLiteral("127.0.0.1:%1").arg(port), kServerV4}));
    QVERIFY(monitor.waitForFinished(30000));
    const QByteArray errors = monitor.readAllStandardError();
    const QByteArray output = monitor.readAllStandardOutput();
    QCOMPARE(monitor.exitCode(), 0);
    QCOMPARE(errors.count("nothing is listening there"), 1);
    QVERIFY2(output.contains("round 4: reached at TTL 4"), output.constData());
}

void MonitorLabTest::malformedStatsdAddressIsReportedAndTheSessionRuns()
{
    QProcess monitor;
    monitor.start(QStringLiteral("ip"),
                  monitorCommand(m_lab->client(),
                                 {QStringLiteral("--count"), QStringLiteral("2"),
                                  QStringLiteral("--interval"), QStringLiteral("200"),
                                  QStringLiteral("--statsd"), QStringLiteral("8125"), kServerV4}));
    QVERIFY(monitor.waitForFinished(30000));
    const QByteArray errors = monitor.readAllStandardError();
    QCOMPARE(monitor.exitCode(), 0);
    QCOMPARE(errors.count("DogStatsD address '8125': expected HOST:PORT; no metrics will be sent"),
             1);
    QVERIFY(monitor.readAllStandardOutput().contains("round 2: reached at TTL 4"));
}

// The server starts dropping echo requests (an nft rule), stops, and then the route moves: the
// loss rule is raised once and cleared once, the route rule is raised, and the alert command
// hears of each with the alert in its environment.
void MonitorLabTest::alertsFireOnceAndClear()
{
    QTemporaryDir directory;
    const QString heard = directory.filePath(QStringLiteral("heard"));
    QProcess monitor;
    monitor.start(
        QStringLiteral("ip"),
        monitorCommand(
            m_lab->client(),
            {QStringLiteral("--protocol"), QStringLiteral("icmp"), QStringLiteral("--interval"),
             QStringLiteral("250"), QStringLiteral("--count"), QStringLiteral("400"),
             QStringLiteral("--alert"), QStringLiteral("loss>30%/5"), QStringLiteral("--alert"),
             QStringLiteral("route"), QStringLiteral("--alert-command"),
             QStringLiteral("echo \"$HOPSCOPE_ALERT $HOPSCOPE_ALERT_RULE $HOPSCOPE_DESTINATION "
                            "$HOPSCOPE_ALERT_ROUND\" >> ") +
                 heard,
             kServerV4}));
    QByteArray output;
    const auto waitFor = [&](const QByteArray &text) {
        QDeadlineTimer deadline(30000);
        while (!output.contains(text) && !deadline.hasExpired() &&
               monitor.state() == QProcess::Running) {
            monitor.waitForReadyRead(500);
            output += monitor.readAllStandardOutput();
        }
        return output.contains(text);
    };
    const QString nft = QStringLiteral("nft");
    QVERIFY(monitor.waitForStarted());
    QVERIFY2(waitFor("round 6:"), QByteArray(output + monitor.readAllStandardError()).constData());
    QVERIFY2(m_lab->exec(m_lab->server(),
                         {nft, QStringLiteral("add table inet hopscope_alert; add chain inet "
                                              "hopscope_alert input { type filter hook input "
                                              "priority 0; }; add rule inet hopscope_alert input "
                                              "icmp type echo-request drop")}),
             qPrintable(m_lab->error()));
    QVERIFY2(waitFor("alert loss>30%/5 in round"), output.constData());
    QVERIFY2(
        m_lab->exec(m_lab->server(), {nft, QStringLiteral("delete table inet hopscope_alert")}),
        qPrintable(m_lab->error()));
    QVERIFY2(waitFor("alert cleared loss>30%/5 in round"), output.constData());
    QVERIFY2(sendBeyondR1Via(true), qPrintable(m_lab->error()));
    QVERIFY2(waitFor("alert route in round"), output.constData());
    monitor.kill();
    monitor.waitForFinished(5000);
    output += monitor.readAllStandardOutput();

    for (const QByteArray &line : output.split('\n'))
        if (line.contains(" alert ") || line.contains("round "))
            qInfo("%s", line.constData());
    QCOMPARE(output.count("alert loss>30%/5 in round"), 1);
    QCOMPARE(output.count("alert cleared loss>30%/5 in round"), 1);
    QVERIFY2(output.contains(QStringLiteral("loss 40.0% at %1 (2 of 5 probes in the last 5 rounds)")
                                 .arg(kServerV4)
                                 .toUtf8()),
             output.constData());
    // The command runs in the background: give the last one a moment to write.
    QStringList lines;
    for (int wait = 0; wait < 50; ++wait) {
        QFile file(heard);
        if (file.open(QIODevice::ReadOnly))
            lines = QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        if (lines.size() >= 3)
            break;
        QThread::msleep(100);
    }
    QVERIFY2(lines.size() >= 3, qPrintable(lines.join(QLatin1Char('|'))));
    QVERIFY(lines.at(0).startsWith(QStringLiteral("raised loss>30%/5 %1 ").arg(kServerV4)));
    QVERIFY(lines.at(1).startsWith(QStringLiteral("cleared loss>30%/5 %1 ").arg(kServerV4)));
    QVERIFY(lines.at(2).startsWith(QStringLiteral("raised route %1 ").arg(kServerV4)));
    QVERIFY(lines.at(0).split(QLatin1Char(' ')).last().toInt() <
            lines.at(1).split(QLatin1Char(' ')).last().toInt());
}

QTEST_GUILESS_MAIN(MonitorLabTest)
#include "tst_monitorlab.moc"
