// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "labtrace.h"
#include "namespacelab.h"

#include "path/networkpathjson.h"

#include <QProcess>
#include <QRegularExpression>
#include <QTest>
#include <QThread>

#include <algorithm>
#include <cmath>
#include <map>
#include <memory>
#include <vector>

using namespace hopscope;
using namespace labtrace;

namespace {

// client =(2 Mbit/s)= r1 - r2 - r3 - r4 - server: a slow first link, as an uplink of DSL or a
// weak wireless link is, where probes sent together queue behind each other.
constexpr int kRouters = 4;
constexpr int kOpenPort = 8080;
constexpr double kFirstLinkKbps = 2000.0;
constexpr double kFirstLinkOneWayMs = 1.0;
constexpr int kTraces = 5;
// A router's budget has room for one trace's probes after this long (one a second): three, and
// at the first TTL the pace probe too.
constexpr int kBudgetRefillMs = 4500;
constexpr double kLargestErrorMs = 0.3;
const QString kDelayLink = QStringLiteral(HOPSCOPE_BINARY_DIR "/tests/bench/hopscope-delaylink");

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    const std::size_t n = values.size();
    return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

} // namespace

// On a path whose first link is slow, every hop's round trip is what ping measures: the probes
// leave no closer together than the link carries them, so none waits behind another.
class SlowLinkLabTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void roundTripsMatchPing_data();
    void roundTripsMatchPing();

private:
    // ping's median round trip to `address`, its packets the size of a probe (16 bytes of data).
    double pingMs(const QString &address);

    std::unique_ptr<NamespaceLab> m_lab;
};

void SlowLinkLabTest::initTestCase()
{
    if (const QString reason = NamespaceLab::unavailableReason(); !reason.isEmpty())
        QSKIP(qPrintable(reason));
    m_lab = std::make_unique<NamespaceLab>(kRouters, NamespaceLab::IcmpBudget::LinuxDefault);
    m_lab->setLinkDelay(0, kFirstLinkOneWayMs, kDelayLink, kFirstLinkKbps);
    QVERIFY2(m_lab->build(), qPrintable(m_lab->error()));
    QVERIFY2(m_lab->listenOnServer(kOpenPort), qPrintable(m_lab->error()));
    // Ping sockets (unprivileged ICMP) are for the groups in net.ipv4.ping_group_range.
    QVERIFY2(m_lab->exec(m_lab->client(),
                         {QStringLiteral("sysctl"), QStringLiteral("-q"), QStringLiteral("-w"),
                          QStringLiteral("net.ipv4.ping_group_range=0 2147483647")}),
             qPrintable(m_lab->error()));
    // Neighbour tables and the cable warm, as on any network in use: the test is about queues,
    // not address resolution.
    QVERIFY(pingMs(NamespaceLab::serverV4(kRouters)) > 0);
    const CliRun warm =
        runTrace(m_lab->client(), {QStringLiteral("--no-dns"), NamespaceLab::serverV4(kRouters)});
    QVERIFY2(warm.exitCode == 0, warm.err.constData());
}

void SlowLinkLabTest::cleanupTestCase()
{
    m_lab.reset();
}

double SlowLinkLabTest::pingMs(const QString &address)
{
    QProcess ping;
    ping.start(QStringLiteral("ip"),
               {QStringLiteral("netns"), QStringLiteral("exec"), m_lab->client(),
                QStringLiteral("ping"), QStringLiteral("-n"), QStringLiteral("-c"),
                QStringLiteral("10"), QStringLiteral("-i"), QStringLiteral("0.1"),
                QStringLiteral("-s"), QStringLiteral("16"), address});
    ping.waitForFinished(20000);
    std::vector<double> times;
    static const QRegularExpression time(QStringLiteral("time=([0-9.]+) ms"));
    auto it = time.globalMatch(QString::fromLatin1(ping.readAllStandardOutput()));
    while (it.hasNext())
        times.push_back(it.next().captured(1).toDouble());
    return times.empty() ? -1.0 : median(times);
}

void SlowLinkLabTest::roundTripsMatchPing_data()
{
    QTest::addColumn<QString>("protocol");
    QTest::addColumn<bool>("unprivileged");
    QTest::newRow("tcp") << QStringLiteral("tcp") << false;
    QTest::newRow("udp") << QStringLiteral("udp") << false;
    QTest::newRow("icmp") << QStringLiteral("icmp") << false;
    QTest::newRow("udp unprivileged") << QStringLiteral("udp") << true;
    QTest::newRow("icmp unprivileged") << QStringLiteral("icmp") << true;
}

void SlowLinkLabTest::roundTripsMatchPing()
{
    QFETCH(QString, protocol);
    QFETCH(bool, unprivileged);
    std::map<int, std::pair<QString, std::vector<double>>> byTtl;
    for (int run = 0; run < kTraces; ++run) {
        QThread::msleep(kBudgetRefillMs);
        QStringList arguments{QStringLiteral("--json"), QStringLiteral("--no-dns"),
                              QStringLiteral("--protocol"), protocol};
        if (protocol == QLatin1String("tcp"))
            arguments << QStringLiteral("--port") << QString::number(kOpenPort);
        if (unprivileged)
            arguments << QStringLiteral("--unprivileged");
        const CliRun trace =
            runTrace(m_lab->client(), arguments << NamespaceLab::serverV4(kRouters));
        QVERIFY2(trace.exitCode == 0, trace.err.constData());
        const auto path = networkPathFromJson(trace.out.toStdString());
        QVERIFY2(path.hasValue(), path ? "" : path.error().message.c_str());
        QVERIFY(path->destinationReached());
        for (const ProbeSample &probe : path->hopscope->probes) {
            if (!probe.rttMs)
                continue;
            byTtl[probe.ttl].first = QString::fromStdString(probe.responder);
            byTtl[probe.ttl].second.push_back(*probe.rttMs);
        }
    }
    QCOMPARE(int(byTtl.size()), kRouters + 1);
    for (const auto &[ttl, samples] : byTtl) {
        const double ours = median(samples.second);
        const double ping = pingMs(samples.first);

        QVERIFY2(ping > 0, qPrintable(samples.first));
        qInfo("TTL %d (%s): %.3f ms over %d samples [%.3f..%.3f], ping %.3f ms", ttl,
              qPrintable(samples.first), ours, int(samples.second.size()),
              *std::min_element(samples.second.begin(), samples.second.end()),
              *std::max_element(samples.second.begin(), samples.second.end()), ping);
        QVERIFY2(std::abs(ours - ping) <= kLargestErrorMs,
                 qPrintable(QStringLiteral("TTL %1 (%2): %3 ms, ping %4 ms")
                                .arg(ttl)
                                .arg(samples.first)
                                .arg(ours, 0, 'f', 3)
                                .arg(ping, 0, 'f', 3)));
    }
}

QTEST_GUILESS_MAIN(SlowLinkLabTest)
#include "tst_slowlinklab.moc"
