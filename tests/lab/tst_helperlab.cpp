// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "labtrace.h"
#include "namespacelab.h"

#include "client/traceworker.h"
#include "path/networkpathjson.h"

#include <QFile>
#include <QProcess>
#include <QTest>
#include <QThread>

#include <csignal>
#include <memory>

using namespace hopscope;
using namespace labtrace;

namespace {

constexpr int kRouters = 3; // client - r1 - r2 - r3 - server
constexpr int kOpenPort = 8080;
constexpr int kFilteredPort = 9090;
const QString kHelper = QStringLiteral(HOPSCOPE_BINARY_DIR "/hopscope-probe");

QString expectedHops(bool v6, int silentAfter = 0)
{
    QStringList hops;
    for (int ttl = 1; ttl <= kRouters; ++ttl)
        hops << routerHop(ttl, v6);
    if (silentAfter == 0)
        hops << QStringLiteral("%1 %2")
                    .arg(kRouters + 1)
                    .arg(canonical(v6 ? NamespaceLab::serverV6(kRouters)
                                      : NamespaceLab::serverV4(kRouters)));
    for (int ttl = kRouters + 1; ttl <= silentAfter; ++ttl)
        hops << QStringLiteral("%1 *").arg(ttl);
    return hops.join(QLatin1Char('\n'));
}

// A TraceWorker on a thread of its own, as the GUI runs it, with everything it says recorded
// on this thread, and its rounds made into a path by the TraceRun both front ends share.
class WorkerHarness
{
public:
    explicit WorkerHarness(const QString &helperProgram)
    {
        m_worker = new TraceWorker(helperProgram);
        m_worker->moveToThread(&m_thread);
        QObject::connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
        QObject::connect(m_worker, &TraceWorker::probeReceived, &m_receiver,
                         [this](const ProbeEvent &event) {
                             ++probes;
                             m_run->probe(event);
                         });
        QObject::connect(m_worker, &TraceWorker::restarted, &m_receiver,
                         [this] { m_run->restartRound(1); });
        QObject::connect(m_worker, &TraceWorker::hopSettled, &m_receiver,
                         [this](int ttl) { settled << ttl; });
        QObject::connect(m_worker, &TraceWorker::routeChosen, &m_receiver,
                         [this](TraceWorker::Route route) { routes << route; });
        QObject::connect(m_worker, &TraceWorker::helperStarted, &m_receiver,
                         [this](qint64 pid) { helperPid = pid; });
        QObject::connect(m_worker, &TraceWorker::degraded, &m_receiver,
                         [this](const QString &reason, TraceWorker::HelperProblem problem) {
                             degraded << reason;
                             problems << problem;
                         });
        QObject::connect(m_worker, &TraceWorker::finished, &m_receiver,
                         [this](const RoundOutcome &outcome) {
                             m_run->finishRound(outcome);
                             path = m_run->result();
                             ended = true;
                         });
        QObject::connect(m_worker, &TraceWorker::failed, &m_receiver, [this](const Error &error) {
            failure = QString::fromStdString(error.codeName());
            ended = true;
        });
        m_thread.start();
    }

    ~WorkerHarness()
    {
        QMetaObject::invokeMethod(m_worker, &TraceWorker::stopHelper, Qt::BlockingQueuedConnection);
        m_thread.quit();
        m_thread.wait();
    }

    void start(const TraceRequest &request)
    {
        ended = false;
        path.reset();
        failure.clear();
        settled.clear();
        probes = 0;
        ProbeObserver notices;
        const auto prepared = prepareTrace(request, RunKind::Trace, notices);
        QVERIFY(prepared);
        m_run.emplace(*prepared, RunKind::Trace);
        m_run->beginRound(1);
        QMetaObject::invokeMethod(m_worker,
                                  [worker = m_worker, trace = *prepared] { worker->start(trace); });
    }
    TraceWorker &worker() { return *m_worker; }

    std::optional<NetworkPath> path;
    QString failure;
    bool ended = false;
    int probes = 0;
    QList<int> settled;
    QList<TraceWorker::Route> routes;
    QStringList degraded;
    QList<TraceWorker::HelperProblem> problems;
    qint64 helperPid = 0;

private:
    QThread m_thread;
    TraceWorker *m_worker = nullptr;
    QObject m_receiver;
    std::optional<TraceRun> m_run;
};

TraceRequest labRequest(int port, int timeoutMs = 500, int maxTtl = 6)
{
    TraceRequest request;
    request.target = NamespaceLab::serverV4(kRouters).toStdString();
    request.port = static_cast<std::uint16_t>(port);
    request.maxTtl = maxTtl;
    request.timeoutMs = timeoutMs;
    request.resolveHostnames = false;
    return request;
}

} // namespace

// The helper as it is installed: a file capability (cap_net_raw) and a client without any
// privilege. And the TraceWorker that the GUI and the CLI use: through the helper, cancelled,
// with the helper killed under it, and with no helper at all.
class HelperLabTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void grantedHelperGivesEverythingUp();
    void unprivilegedCliTracesThroughCapableHelper_data();
    void unprivilegedCliTracesThroughCapableHelper();
    void workerTracesThroughHelper();
    void workerCancelsMidTrace();
    void workerRecoversWhenHelperIsKilled();
    void workerFallsBackWithoutHelper();

private:
    std::unique_ptr<NamespaceLab> m_lab;
};

void HelperLabTest::initTestCase()
{
    if (const QString reason = NamespaceLab::unavailableReason(); !reason.isEmpty())
        QSKIP(qPrintable(reason));
    // Unlimited: these cases run dozens of traces a second through the same routers, far past the
    // one ICMP error a second a Linux router sends each peer; they test matching and paths, and
    // tst_ratelimitlab tests tracing through routers that keep their budgets.
    m_lab = std::make_unique<NamespaceLab>(kRouters, NamespaceLab::IcmpBudget::Unlimited);
    QVERIFY2(m_lab->build(), qPrintable(m_lab->error()));
    QVERIFY2(m_lab->listenOnServer(kOpenPort), qPrintable(m_lab->error()));
    QVERIFY2(m_lab->filterServerPort(kFilteredPort), qPrintable(m_lab->error()));
    // The workers below run in the client namespace: this thread and the threads it starts.
    QVERIFY2(m_lab->enter(m_lab->client()), qPrintable(m_lab->error()));
}

void HelperLabTest::cleanupTestCase()
{
    setHelperCapability(false);
    m_lab.reset();
}

// Granted as the package grants it and started by an ordinary user, the helper keeps nothing:
// no capability, an empty bounding set, no way back (no_new_privs), a system-call filter.
void HelperLabTest::grantedHelperGivesEverythingUp()
{
    QVERIFY2(setHelperCapability(true), "setcap " HOPSCOPE_HELPER_CAPABILITIES " on the helper");
    QProcess helper;
    const QStringList command = asNobody() + QStringList{kHelper};
    helper.start(command.constFirst(), command.mid(1));
    QVERIFY(helper.waitForStarted());
    QVERIFY(helper.waitForReadyRead(5000));
    const QByteArray hello = helper.readLine();
    QVERIFY2(hello.contains("\"capabilities\":[\"raw-ipv4\",\"raw-ipv6\"]"), hello.constData());
    QVERIFY2(hello.contains("\"empty-bounding-set\""), hello.constData());
    QFile status(QStringLiteral("/proc/%1/status").arg(helper.processId()));
    QVERIFY(status.open(QIODevice::ReadOnly));
    const QByteArray text = status.readAll();
    for (const char *field :
         {"Uid:\t65534", "CapEff:\t0000000000000000", "CapPrm:\t0000000000000000",
          "CapBnd:\t0000000000000000", "NoNewPrivs:\t1", "Seccomp:\t2"})
        QVERIFY2(text.contains(field), field);
    helper.closeWriteChannel();
    QVERIFY(helper.waitForFinished(5000));
    QCOMPARE(helper.exitCode(), 0);
}

void HelperLabTest::unprivilegedCliTracesThroughCapableHelper_data()
{
    QTest::addColumn<QString>("protocol");
    QTest::addColumn<bool>("v6");
    for (const QString &protocol :
         {QStringLiteral("tcp"), QStringLiteral("udp"), QStringLiteral("icmp")})
        for (const bool v6 : {false, true})
            QTest::addRow("%s %s", qPrintable(protocol), v6 ? "IPv6" : "IPv4") << protocol << v6;
}

void HelperLabTest::unprivilegedCliTracesThroughCapableHelper()
{
    QFETCH(QString, protocol);
    QFETCH(bool, v6);
    QVERIFY2(setHelperCapability(true), "setcap " HOPSCOPE_HELPER_CAPABILITIES " on the helper");
    const QString target = v6 ? NamespaceLab::serverV6(kRouters) : NamespaceLab::serverV4(kRouters);
    QStringList arguments{QStringLiteral("--json"),     QStringLiteral("--no-dns"),
                          QStringLiteral("--protocol"), protocol,
                          QStringLiteral("--max-ttl"),  QStringLiteral("8")};
    if (protocol == QLatin1String("tcp"))
        arguments << QStringLiteral("--port") << QString::number(kOpenPort);
    const CliRun run = runTrace(m_lab->client(), arguments << target, asNobody());
    QVERIFY2(run.exitCode == 0, run.err.constData());
    QVERIFY2(run.err.isEmpty(), run.err.constData()); // no fallback, nothing degraded
    const auto path = networkPathFromJson(run.out.toStdString());
    QVERIFY2(path.hasValue(), path ? "" : path.error().message.c_str());
    QCOMPARE(hopsOf(*path), expectedHops(v6));
    QVERIFY(path->destinationReached());
    QCOMPARE(QString::fromStdString(std::string(probingName(path->hopscope->probing))),
             QStringLiteral("raw"));
    QCOMPARE(QString::fromStdString(path->destination.hostname), target);
    QCOMPARE(int(path->hopscope->probes.size()), (kRouters + 1) * 3);
}

void HelperLabTest::workerTracesThroughHelper()
{
    WorkerHarness harness(kHelper);
    harness.start(labRequest(kOpenPort));
    QTRY_VERIFY_WITH_TIMEOUT(harness.ended, 20000);
    QVERIFY2(harness.path.has_value(), qPrintable(harness.failure));
    QCOMPARE(hopsOf(*harness.path), expectedHops(false));
    QCOMPARE(harness.routes, (QList<TraceWorker::Route>{TraceWorker::Route::Helper}));
    QVERIFY2(harness.degraded.isEmpty(), qPrintable(harness.degraded.join(QLatin1Char('\n'))));
    QCOMPARE(harness.settled, (QList<int>{1, 2, 3, 4}));
    QCOMPARE(harness.probes, 12);
    QVERIFY(harness.helperPid > 0);
    // The same helper serves the next trace.
    const qint64 firstHelper = harness.helperPid;
    harness.start(labRequest(kOpenPort));
    QTRY_VERIFY_WITH_TIMEOUT(harness.ended, 20000);
    QVERIFY(harness.path.has_value());
    QCOMPARE(harness.helperPid, firstHelper);
}

void HelperLabTest::workerCancelsMidTrace()
{
    WorkerHarness harness(kHelper);
    harness.start(labRequest(kFilteredPort, 30000));
    QTRY_VERIFY_WITH_TIMEOUT(harness.settled.contains(kRouters), 20000);
    harness.worker().cancel(); // from this thread, as a Stop button would
    QTRY_VERIFY_WITH_TIMEOUT(harness.ended, 5000);
    QCOMPARE(harness.failure, QStringLiteral("cancelled"));
    QVERIFY(!harness.path);
}

void HelperLabTest::workerRecoversWhenHelperIsKilled()
{
    WorkerHarness harness(kHelper);
    harness.start(labRequest(kFilteredPort, 3000));
    QTRY_VERIFY_WITH_TIMEOUT(harness.settled.contains(kRouters) && harness.helperPid > 0, 20000);
    QCOMPARE(::kill(static_cast<pid_t>(harness.helperPid), SIGKILL), 0);
    QTRY_VERIFY_WITH_TIMEOUT(harness.ended, 30000);
    QCOMPARE(harness.degraded.size(), 1);
    QVERIFY2(harness.degraded.constFirst().contains(QStringLiteral("stopped unexpectedly")),
             qPrintable(harness.degraded.constFirst()));
    QCOMPARE(harness.problems,
             (QList<TraceWorker::HelperProblem>{TraceWorker::HelperProblem::Unavailable}));
    QVERIFY2(harness.path.has_value(), qPrintable(harness.failure));
    QCOMPARE(hopsOf(*harness.path), expectedHops(false, 6)); // the filtered server stays silent
    QCOMPARE(harness.routes, (QList<TraceWorker::Route>{TraceWorker::Route::Helper,
                                                        TraceWorker::Route::InProcess}));
    QCOMPARE(QString::fromStdString(std::string(probingName(harness.path->hopscope->probing))),
             QStringLiteral("raw"));
}

void HelperLabTest::workerFallsBackWithoutHelper()
{
    WorkerHarness harness(QStringLiteral("/nonexistent/hopscope-probe"));
    for (int round = 0; round < 2; ++round) {
        harness.start(labRequest(kOpenPort));
        QTRY_VERIFY_WITH_TIMEOUT(harness.ended, 20000);
        QVERIFY2(harness.path.has_value(), qPrintable(harness.failure));
        QCOMPARE(hopsOf(*harness.path), expectedHops(false));
    }
    QCOMPARE(harness.degraded.size(), 1); // said once, not once per trace
    QVERIFY2(harness.degraded.constFirst().contains(QStringLiteral("could not be started")),
             qPrintable(harness.degraded.constFirst()));
    QCOMPARE(harness.problems,
             (QList<TraceWorker::HelperProblem>{TraceWorker::HelperProblem::Unavailable}));
}

QTEST_GUILESS_MAIN(HelperLabTest)
#include "tst_helperlab.moc"
