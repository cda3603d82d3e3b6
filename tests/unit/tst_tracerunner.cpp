#include "trace/pathbuilder.h"
#include "trace/reversedns.h"
#include "trace/tracerunner.h"

#include <QElapsedTimer>
#include <QTest>

#include <thread>

using namespace hopscope;

namespace {

ProbeEvent answered(int index, int ttl, const char *responder, double rttMs, int flow = 0)
{
    ProbeEvent event;
    event.slot = {index, ttl, flow, 0};
    event.sentNs = 1'000'000'000;
    ProbeReply reply;
    reply.responder = *IpAddress::parse(responder);
    reply.receivedNs = event.sentNs + static_cast<std::int64_t>(rttMs * 1e6);
    reply.icmpType = 11;
    reply.icmpCode = 0;
    event.reply = reply;
    return event;
}

ProbeEvent silent(int index, int ttl)
{
    ProbeEvent event;
    event.slot = {index, ttl, 0, 0};
    event.sentNs = 1'000'000'000;
    return event;
}

TraceRequest tcpRequest()
{
    TraceRequest request;
    request.target = "web.lab.test";
    return request;
}

} // namespace

class TraceRunnerTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void buildsHopsFromProbes();
    void requestLimits_data();
    void requestLimits();
    void defaultsThePortByProtocol();
    void reverseLookupIsBoundedAndCached();
};

void TraceRunnerTest::buildsHopsFromProbes()
{
    TraceContext context;
    context.request = *normaliseTraceRequest(tcpRequest());
    context.destination = *IpAddress::parse("10.9.0.2");
    context.route.source = *IpAddress::parse("10.0.0.1");
    context.route.interfaceName = "eth0";
    context.route.hardwareAddress = "02:00:00:00:00:01";
    context.sourceHostname = "desk";
    context.startedMs = 1764000000000;
    context.pathId = "id";
    context.toolVersion = "0.1.0";
    EngineOutcome outcome;
    outcome.lastTtl = 3;
    outcome.end = PathEnd::Destination;
    outcome.events = {answered(0, 1, "10.0.1.1", 1.0), answered(1, 1, "10.0.1.1", 3.0),
                      answered(2, 1, "10.0.1.1", 2.0), silent(3, 2), silent(4, 2), silent(5, 2),
                      answered(6, 3, "10.9.0.2", 9.0), answered(7, 3, "10.9.0.3", 7.0, 1),
                      answered(8, 3, "10.9.0.2", 8.0)};
    NetworkPath path = buildNetworkPath(context, outcome);
    QCOMPARE(addressesToName(path).size(), std::size_t(3)); // destination, 10.0.1.1, 10.9.0.3
    nameNetworkPath(path, {{"10.0.1.1", "r1.lab.test"}});
    QCOMPARE(path.hops.size(), std::size_t(4));
    QCOMPARE(path.hops[0], (PathHop{1, "10.0.1.1", "r1.lab.test", 2.0, true})); // median of 1 3 2
    QCOMPARE(path.hops[1], (PathHop{2, "unknown_hop_2", "unknown_hop_2", std::nullopt, false}));
    QCOMPARE(path.hops[2], (PathHop{3, "10.9.0.2", "", 8.5, true}));
    QCOMPARE(path.hops[3], (PathHop{3, "10.9.0.3", "", 7.0, true})); // a second responder at TTL 3
    QCOMPARE(path.destination.port.value_or(0), 443);
    QCOMPARE(path.source.via->interface.name, std::string("eth0"));
    QVERIFY(path.destinationReached());
    QCOMPARE(path.hopscope->probes.size(), std::size_t(9));
    QCOMPARE(path.hopscope->probes[7].flow, 1);
    QCOMPARE(path.hopscope->probes[3].responder, std::string());
    QCOMPARE(path.hopscope->probes[0].sentAtUs, std::int64_t(1'000'000));
}

void TraceRunnerTest::requestLimits_data()
{
    QTest::addColumn<int>("maxTtl");
    QTest::addColumn<int>("queries");
    QTest::addColumn<int>("timeoutMs");
    QTest::addColumn<int>("flows");
    QTest::addColumn<QString>("error");
    QTest::newRow("defaults") << 30 << 3 << 1000 << 1 << "";
    QTest::newRow("max TTL 0") << 0 << 3 << 1000 << 1 << "max TTL must be between 1 and 255 (got 0)";
    QTest::newRow("max TTL 256") << 256 << 3 << 1000 << 1 << "max TTL must be between 1 and 255 (got 256)";
    QTest::newRow("max TTL 255") << 255 << 3 << 1000 << 1 << "";
    QTest::newRow("queries 0") << 30 << 0 << 1000 << 1 << "queries must be between 1 and 10 (got 0)";
    QTest::newRow("queries 11") << 30 << 11 << 1000 << 1 << "queries must be between 1 and 10 (got 11)";
    QTest::newRow("timeout 9 ms") << 30 << 3 << 9 << 1 << "timeout must be between 10 and 60000 ms (got 9)";
    QTest::newRow("timeout 60001 ms") << 30 << 3 << 60001 << 1 << "timeout must be between 10 and 60000 ms (got 60001)";
    QTest::newRow("flows 33") << 30 << 3 << 1000 << 33 << "flows must be between 1 and 32 (got 33)";
}

void TraceRunnerTest::requestLimits()
{
    TraceRequest request = tcpRequest();
    QFETCH(int, maxTtl);
    QFETCH(int, queries);
    QFETCH(int, timeoutMs);
    QFETCH(int, flows);
    QFETCH(QString, error);
    request.maxTtl = maxTtl;
    request.queries = queries;
    request.timeoutMs = timeoutMs;
    request.flows = flows;
    const auto checked = normaliseTraceRequest(request);
    QCOMPARE(checked ? QString() : QString::fromStdString(checked.error().message), error);
    if (!checked)
        QCOMPARE(checked.error().code, std::string("invalid-request"));
}

void TraceRunnerTest::defaultsThePortByProtocol()
{
    QCOMPARE(normaliseTraceRequest(tcpRequest())->port.value_or(0), 443);
    TraceRequest udp = tcpRequest();
    udp.protocol = Protocol::Udp;
    QCOMPARE(normaliseTraceRequest(udp)->port.value_or(0), 33434);
    TraceRequest icmp = tcpRequest();
    icmp.protocol = Protocol::Icmp;
    QVERIFY(!normaliseTraceRequest(icmp)->port.has_value());
    icmp.port = 80;
    QCOMPARE(normaliseTraceRequest(icmp).error().message, std::string("ICMP probes have no ports"));
    TraceRequest noTarget;
    QCOMPARE(normaliseTraceRequest(noTarget).error().code, std::string("invalid-request"));
}

void TraceRunnerTest::reverseLookupIsBoundedAndCached()
{
    clearReverseLookupCache();
    std::atomic<int> calls{0};
    const ReverseLookup slowForOne = [&calls](const IpAddress &address) {
        ++calls;
        if (address.toString() == "10.0.0.9")
            std::this_thread::sleep_for(std::chrono::milliseconds(1500));
        return address.toString() == "10.0.0.9" ? std::string("slow.lab.test")
                                                : "host-" + address.toString();
    };
    const std::vector<IpAddress> addresses{*IpAddress::parse("10.0.0.1"), *IpAddress::parse("10.0.0.9"),
                                           *IpAddress::parse("10.0.0.1")};
    QElapsedTimer clock;
    clock.start();
    auto names = reverseLookupAll(addresses, std::chrono::milliseconds(200), slowForOne);
    QVERIFY(clock.elapsed() < 1000); // the slow lookup did not hold the answer up
    QCOMPARE(names.size(), std::size_t(1));
    QCOMPARE(names["10.0.0.1"], std::string("host-10.0.0.1"));
    QCOMPARE(calls.load(), 2); // the repeated address was asked once

    // The slow answer lands in the cache when it comes; asking again does not ask the resolver.
    QTRY_VERIFY_WITH_TIMEOUT(reverseLookupAll({addresses[1]}, std::chrono::milliseconds(0), slowForOne)
                                     .count("10.0.0.9") == 1, 5000);
    QCOMPARE(calls.load(), 2);
}

QTEST_GUILESS_MAIN(TraceRunnerTest)
#include "tst_tracerunner.moc"
