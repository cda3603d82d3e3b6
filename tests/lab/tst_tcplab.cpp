// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "labtrace.h"
#include "namespacelab.h"

#include "packet/ipaddress.h"
#include "path/networkpathjson.h"
#include "probe/cancelsignal.h"
#include "trace/tracerun.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <signal.h>
#include <thread>

using namespace hopscope;
using namespace labtrace;

namespace {

constexpr int kRouters = 4; // client - r1 - r2 (silent) - r3 - r4 - server
constexpr int kSilentRouter = 2;
constexpr int kOpenPort = 8080;
constexpr int kFilteredPort = 8081;
constexpr int kClosedPort = 8082;
constexpr int kMaxTtl = 8;

} // namespace

// Traces through a chain of real routers made of network namespaces, with the real CLI and raw
// sockets, and requires every hop, silent TTL, destination and unreachable code to be exact.
class TcpLabTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void trace_data();
    void trace();
    void withoutRawSocketsFallsBack();
    void noRouteFailsClearly();
    void outputFileHoldsTheTrace();
    void interruptStopsTheTrace();
    void cancelLeavesNoSocketsOrThreads();

private:
    std::unique_ptr<NamespaceLab> m_lab;
};

void TcpLabTest::initTestCase()
{
    if (const QString reason = NamespaceLab::unavailableReason(); !reason.isEmpty())
        QSKIP(qPrintable(reason));
    // Unlimited: these cases run dozens of traces a second through the same routers, far past the
    // one ICMP error a second a Linux router sends each peer; they test matching and paths, and
    // tst_ratelimitlab tests tracing through routers that keep their budgets.
    m_lab = std::make_unique<NamespaceLab>(kRouters, NamespaceLab::IcmpBudget::Unlimited);
    QVERIFY2(m_lab->build(), qPrintable(m_lab->error()));
    QVERIFY2(m_lab->silenceRouter(kSilentRouter), qPrintable(m_lab->error()));
    QVERIFY2(m_lab->listenOnServer(kOpenPort), qPrintable(m_lab->error()));
    QVERIFY2(m_lab->filterServerPort(kFilteredPort), qPrintable(m_lab->error()));
    QVERIFY2(m_lab->addUnreachableRoutes(3), qPrintable(m_lab->error()));
}

void TcpLabTest::cleanupTestCase()
{
    m_lab.reset();
}

void TcpLabTest::trace_data()
{
    QTest::addColumn<QString>("mode");
    QTest::addColumn<bool>("v6");
    QTest::addColumn<QString>("target");
    QTest::addColumn<int>("port");
    QTest::addColumn<QString>("hops");
    QTest::addColumn<bool>("reached");
    QTest::addColumn<int>("lastIcmpType"); // of the last TTL's replies; -1 for TCP answers
    QTest::addColumn<int>("lastIcmpCode");

    for (const QString &mode : {QStringLiteral("parallel"), QStringLiteral("sequential")}) {
        for (const bool v6 : {false, true}) {
            const QString family = v6 ? QStringLiteral("IPv6") : QStringLiteral("IPv4");
            const QString server =
                canonical(v6 ? NamespaceLab::serverV6(kRouters) : NamespaceLab::serverV4(kRouters));
            const QString toR4 = routerHop(1, v6) + QStringLiteral("\n2 *\n") + routerHop(3, v6) +
                                 QLatin1Char('\n') + routerHop(4, v6);
            const QString reachedHops = toR4 + QStringLiteral("\n5 ") + server;
            const QByteArray name = QStringLiteral("%1 %2 ").arg(mode, family).toUtf8();
            QTest::addRow("%sopen port", name.constData())
                << mode << v6 << server << kOpenPort << reachedHops << true << -1 << -1;
            QTest::addRow("%sclosed port", name.constData())
                << mode << v6 << server << kClosedPort << reachedHops << true << -1 << -1;
            QTest::addRow("%sfiltered port", name.constData())
                << mode << v6 << server << kFilteredPort
                << toR4 + QStringLiteral("\n5 *\n6 *\n7 *\n8 *") << false << -1 << -1;
            // Linux looks the route up before it checks the TTL, so r3 answers the TTL 3 probes
            // with the unreachable, and the trace ends there, as traceroute's would.
            const QString atR3 = routerHop(1, v6) + QStringLiteral("\n2 *\n") + routerHop(3, v6);
            QTest::addRow("%shost unreachable", name.constData())
                << mode << v6 << NamespaceLab::unreachableTarget(v6) << kOpenPort << atR3 << false
                << (v6 ? 1 : 3) << (v6 ? 0 : 1);
            QTest::addRow("%sadministratively prohibited", name.constData())
                << mode << v6 << NamespaceLab::prohibitedTarget(v6) << kOpenPort << atR3 << false
                << (v6 ? 1 : 3) << (v6 ? 1 : 13);
        }
    }
}

void TcpLabTest::trace()
{
    QFETCH(QString, mode);
    QFETCH(bool, v6);
    QFETCH(QString, target);
    QFETCH(int, port);

    QProcess cli;
    cli.start(QStringLiteral("ip"),
              {QStringLiteral("netns"), QStringLiteral("exec"), m_lab->client(),
               QStringLiteral(HOPSCOPE_BINARY_DIR "/hopscope-cli"), QStringLiteral("trace"),
               QStringLiteral("--json"), QStringLiteral("--no-dns"),
               v6 ? QStringLiteral("-6") : QStringLiteral("-4"), QStringLiteral("--mode"), mode,
               QStringLiteral("--port"), QString::number(port), QStringLiteral("--max-ttl"),
               QString::number(kMaxTtl), QStringLiteral("--timeout"), QStringLiteral("300"),
               target});
    QVERIFY(cli.waitForFinished(60000));
    const QByteArray err = cli.readAllStandardError();
    QVERIFY2(cli.exitCode() == 0, err.constData());
    const QByteArray out = cli.readAllStandardOutput();
    const auto path = networkPathFromJson(out.toStdString());
    QVERIFY2(path.hasValue(), path ? "" : path.error().message.c_str());

    QTEST(hopsOf(*path), "hops");
    QTEST(path->destinationReached(), "reached");
    QCOMPARE(QString::fromStdString(path->destination.ipAddress), target);
    QCOMPARE(path->destination.port.value_or(0), port);
    QVERIFY(path->source.via.has_value());
    QCOMPARE(QString::fromStdString(path->source.via->interface.name), QStringLiteral("to1"));

    // Every probe up to the last TTL is accounted for, 3 per TTL.
    const int lastTtl = path->maxTtl();
    QCOMPARE(int(path->hopscope->probes.size()), lastTtl * 3);
    QFETCH(int, lastIcmpType);
    QFETCH(int, lastIcmpCode);
    for (const ProbeSample &probe : path->hopscope->probes) {
        if (probe.ttl != lastTtl || probe.responder.empty())
            continue;
        QCOMPARE(probe.icmpType.value_or(-1), lastIcmpType);
        QCOMPARE(probe.icmpCode.value_or(-1), lastIcmpCode);
        QVERIFY(*probe.rttMs >= 0.0 && *probe.rttMs < 300.0);
    }
}

namespace {

int countEntries(const char *directory)
{
    return int(QDir(QLatin1String(directory))
                   .entryList(QDir::NoDotAndDotDot | QDir::AllEntries | QDir::System)
                   .size());
}

} // namespace

void TcpLabTest::withoutRawSocketsFallsBack()
{
    // As a user without CAP_NET_RAW the trace still works, through ordinary sockets, and says so.
    QTemporaryDir dir;
    QVERIFY(QFile::setPermissions(dir.path(), QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                                  QFileDevice::ExeOwner | QFileDevice::ReadOther |
                                                  QFileDevice::WriteOther | QFileDevice::ExeOther));
    const QString output = dir.filePath(QStringLiteral("trace.json"));
    const CliRun run =
        runTrace(m_lab->client(),
                 {QStringLiteral("--no-dns"), QStringLiteral("--port"), QString::number(kOpenPort),
                  QStringLiteral("--output"), output, NamespaceLab::serverV4(kRouters)},
                 asNobody());
    QCOMPARE(run.exitCode, 0);
    QVERIFY2(run.err.contains(
                 "raw sockets are not allowed here (no CAP_NET_RAW): probing without privileges"),
             run.err.constData());
    const auto path = readNetworkPathFile(output.toStdString());
    QVERIFY(path.hasValue());
    QCOMPARE(QString::fromStdString(std::string(probingName(path->hopscope->probing))),
             QStringLiteral("unprivileged"));
    QVERIFY(path->destinationReached());
}

void TcpLabTest::noRouteFailsClearly()
{
    const QString isolated = m_lab->addIsolatedNamespace();
    QVERIFY2(!isolated.isEmpty(), qPrintable(m_lab->error()));
    const CliRun run =
        runTrace(isolated, {QStringLiteral("--no-dns"), NamespaceLab::serverV4(kRouters)});
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(
        run.err.contains(QByteArray("no route to " + NamespaceLab::serverV4(kRouters).toLatin1())),
        run.err.constData());
}

void TcpLabTest::outputFileHoldsTheTrace()
{
    QTemporaryDir dir;
    const QString output = dir.filePath(QStringLiteral("trace.json"));
    const CliRun run =
        runTrace(m_lab->client(),
                 {QStringLiteral("--no-dns"), QStringLiteral("--port"), QString::number(kOpenPort),
                  QStringLiteral("--output"), output, NamespaceLab::serverV4(kRouters)});
    QCOMPARE(run.exitCode, 0);
    // The live table, one line per TTL as traceroute prints it, the TTL the destination's SYN-ACK
    // came back with (four routers from Linux's 64), then the summary.
    const QList<QByteArray> lines = run.out.split('\n');
    QVERIFY2(lines.size() >= 8, run.out.constData());
    QVERIFY2(lines[0].startsWith("  1  198.18.0.2  "), run.out.constData());
    QCOMPARE(lines[1], QByteArray("  2  * * *"));
    QVERIFY2(lines[4].contains("[open]"), run.out.constData());
    QCOMPARE(lines[5].trimmed(),
             QByteArray("[reply TTL 60: 4 routers on the way back from an initial TTL of 64]"));
    QVERIFY2(lines[7].startsWith("TCP to 198.18.4.2 port 8080: reached at TTL 5"),
             run.out.constData());
    const auto path = readNetworkPathFile(output.toStdString());
    QVERIFY2(path.hasValue(), path ? "" : path.error().message.c_str());
    QVERIFY(path->destinationReached());
    QCOMPARE(QDir(dir.path()).entryList(QDir::NoDotAndDotDot | QDir::AllEntries),
             QStringList{QStringLiteral("trace.json")});
}

void TcpLabTest::interruptStopsTheTrace()
{
    QTemporaryDir dir;
    const QString output = dir.filePath(QStringLiteral("trace.json"));
    QProcess cli;
    cli.start(QStringLiteral("ip"),
              {QStringLiteral("netns"), QStringLiteral("exec"), m_lab->client(),
               QStringLiteral(HOPSCOPE_BINARY_DIR "/hopscope-cli"), QStringLiteral("trace"),
               QStringLiteral("--no-dns"), QStringLiteral("--timeout"), QStringLiteral("20000"),
               QStringLiteral("--port"), QString::number(kFilteredPort), QStringLiteral("--output"),
               output, NamespaceLab::serverV4(kRouters)});
    QVERIFY(cli.waitForStarted());
    QByteArray seen;
    QTRY_VERIFY(
        (seen += cli.readAllStandardOutput()).contains("  4  198.18.3.2")); // hops up to the filter
    QElapsedTimer clock;
    clock.start();
    ::kill(static_cast<pid_t>(cli.processId()), SIGINT); // ip netns exec execs the CLI in place
    QVERIFY(cli.waitForFinished(5000));
    QVERIFY(clock.elapsed() < 1000);
    QCOMPARE(cli.exitCode(), 130);
    QVERIFY(cli.readAllStandardError().contains("cancelled"));
    QVERIFY(!QFile::exists(output));
}

void TcpLabTest::cancelLeavesNoSocketsOrThreads()
{
    // Runs the core trace in this process, in the client's namespace, and cancels it while it
    // waits on a filtered port.
    struct CancelAfterFirstHop : ProbeObserver
    {
        CancelSignal *cancel = nullptr;
        void hopSettled(int) override { cancel->cancel(); }
    };
    int fdsBefore = 0, fdsAfter = 0, threadsBefore = 0, threadsAfter = 0;
    qint64 elapsed = 0;
    Expected<NetworkPath> result = Error{ErrorCode::Cancelled, "not run"};
    std::thread worker([&] {
        if (!m_lab->enter(m_lab->client()))
            return;
        TraceRequest request;
        request.target = NamespaceLab::serverV4(kRouters).toStdString();
        request.port = kFilteredPort;
        request.timeoutMs = 20000;
        request.resolveHostnames = false;
        CancelSignal cancel;
        CancelAfterFirstHop observer;
        observer.cancel = &cancel;
        fdsBefore = countEntries("/proc/self/fd");
        threadsBefore = countEntries("/proc/self/task");
        QElapsedTimer clock;
        clock.start();
        result = hopscope::runTrace(request, observer, cancel);
        elapsed = clock.elapsed();
        fdsAfter = countEntries("/proc/self/fd");
        threadsAfter = countEntries("/proc/self/task");
    });
    worker.join();
    QVERIFY(!result.hasValue());
    QCOMPARE(QString::fromStdString(result.error().codeName()), QStringLiteral("cancelled"));
    QVERIFY(elapsed < 1000);
    QCOMPARE(fdsAfter, fdsBefore);
    QCOMPARE(threadsAfter, threadsBefore);
}

QTEST_GUILESS_MAIN(TcpLabTest)
#include "tst_tcplab.moc"
