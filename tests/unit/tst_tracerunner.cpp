// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "network/route.h"
#include "probe/pacedtransport.h"
#include "trace/resolve.h"
#include "trace/reversedns.h"
#include "trace/tracerun.h"

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
    void sessionRoundsCarryWhatTheLastRoundFound();
    void requestLimits_data();
    void requestLimits();
    void defaultsThePortByProtocol();
    void refusesUnsafeTargets_data();
    void refusesUnsafeTargets();
    void checksAddressesInTheirIpv4Form_data();
    void checksAddressesInTheirIpv4Form();
    void bucketsSharingAStateKeepOneRate();
    void reverseLookupIsBoundedAndCached();
};

void TraceRunnerTest::buildsHopsFromProbes()
{
    // A round as a front end runs it: probes as they settle, then how the run ended.
    TraceRun run(PreparedTrace{*normaliseTraceRequest(tcpRequest()), *IpAddress::parse("10.9.0.2")},
                 RunKind::Trace);
    run.beginRound(1764000000000000);
    const std::vector<ProbeEvent> events{answered(0, 1, "10.0.1.1", 1.0),
                                         answered(1, 1, "10.0.1.1", 3.0),
                                         answered(2, 1, "10.0.1.1", 2.0),
                                         silent(3, 2),
                                         silent(4, 2),
                                         silent(5, 2),
                                         answered(6, 3, "10.9.0.2", 9.0),
                                         answered(7, 3, "10.9.0.3", 7.0, 1),
                                         answered(8, 3, "10.9.0.2", 8.0)};
    for (const ProbeEvent &event : events)
        run.probe(event);
    QCOMPARE(addressesToName(events, *IpAddress::parse("10.9.0.2")).size(),
             std::size_t(3)); // destination, 10.0.1.1, 10.9.0.3
    RoundOutcome outcome;
    outcome.summary.route.source = *IpAddress::parse("10.0.0.1");
    outcome.summary.route.interfaceName = "eth0";
    outcome.summary.route.hardwareAddress = "02:00:00:00:00:01";
    outcome.summary.lastTtl = 3;
    outcome.summary.end = PathEnd::Destination;
    outcome.summary.startedNs = 1764000000000000000;
    outcome.hostnames = {{"10.0.1.1", "r1.lab.test"}};
    run.finishRound(outcome);
    const NetworkPath path = run.result();
    QCOMPARE(path.hops.size(), std::size_t(4));
    QCOMPARE(path.hops[0], (PathHop{1, "10.0.1.1", "r1.lab.test", 2.0, true})); // mean of 1 3 2
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

// A session's next round is told where the destination was and which TTLs answered (their
// misses get second chances); a round whose last probe waited for a router's budget to refill
// is followed an interval after that probe, not after the round's start.
void TraceRunnerTest::sessionRoundsCarryWhatTheLastRoundFound()
{
    const PreparedTrace prepared{*normaliseTraceRequest(tcpRequest()),
                                 *IpAddress::parse("10.9.0.2")};
    MonitorSettings settings;
    settings.intervalMs = 1000;
    TraceRun run(prepared, RunKind::Monitor, settings);
    QVERIFY(run.roundTrace().request.answeredTtls.empty());
    QCOMPARE(run.roundTrace().request.budgetRefillMs, kRouterBudgetRefillMs);
    RoundOutcome outcome;
    outcome.summary.lastTtl = 3;
    outcome.summary.end = PathEnd::Destination;

    run.beginRound(1'000'000); // the events are sent at 1 s (Unix time, microseconds)
    for (const ProbeEvent &event :
         {answered(0, 1, "10.0.1.1", 1.0), silent(1, 2), answered(2, 3, "10.9.0.2", 3.0)})
        run.probe(event);
    run.finishRound(outcome);
    QCOMPARE(run.roundTrace().request.answeredTtls, (std::vector<int>{1, 3}));
    QCOMPARE(run.roundTrace().request.expectedHops, 3);
    QCOMPARE(run.nextRoundAfterMs(), std::int64_t{1000});

    run.beginRound(2'000'000);
    ProbeEvent askedLate = answered(1, 2, "10.0.2.1", 2.0);
    askedLate.sentNs = 3'020'000'000; // asked again 1.02 s into the round
    for (const ProbeEvent &event :
         {answered(0, 1, "10.0.1.1", 1.0), askedLate, answered(2, 3, "10.9.0.2", 3.0)})
        run.probe(event);
    run.finishRound(outcome);
    QCOMPARE(run.roundTrace().request.answeredTtls, (std::vector<int>{1, 2, 3}));
    QCOMPARE(run.nextRoundAfterMs(), std::int64_t{1000 + 1020});

    // A single trace gives no second chances for budgets: one more ask at once is all.
    TraceRun single(prepared, RunKind::Trace);
    QCOMPARE(single.roundTrace().request.budgetRefillMs, 0);
    QVERIFY(single.roundTrace().request.answeredTtls.empty());
}

void TraceRunnerTest::requestLimits_data()
{
    QTest::addColumn<int>("maxTtl");
    QTest::addColumn<int>("queries");
    QTest::addColumn<int>("timeoutMs");
    QTest::addColumn<int>("flows");
    QTest::addColumn<QString>("error");
    QTest::newRow("defaults") << 30 << 3 << 1000 << 1 << "";
    QTest::newRow("max TTL 0") << 0 << 3 << 1000 << 1
                               << "max TTL must be between 1 and 255 (got 0)";
    QTest::newRow("max TTL 256") << 256 << 3 << 1000 << 1
                                 << "max TTL must be between 1 and 255 (got 256)";
    QTest::newRow("max TTL 255") << 255 << 3 << 1000 << 1 << "";
    QTest::newRow("queries 0") << 30 << 0 << 1000 << 1
                               << "queries must be between 1 and 10 (got 0)";
    QTest::newRow("queries 11") << 30 << 11 << 1000 << 1
                                << "queries must be between 1 and 10 (got 11)";
    QTest::newRow("timeout 9 ms") << 30 << 3 << 9 << 1
                                  << "timeout must be between 10 and 60000 ms (got 9)";
    QTest::newRow("timeout 60001 ms")
        << 30 << 3 << 60001 << 1 << "timeout must be between 10 and 60000 ms (got 60001)";
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
        QCOMPARE(checked.error().codeName(), std::string("invalid-request"));
}

void TraceRunnerTest::refusesUnsafeTargets_data()
{
    QTest::addColumn<QByteArray>("target");
    QTest::addColumn<QString>("error");
    QTest::newRow("NUL and markup")
        << QByteArray("127.0.0.1\0<script>", 18) << "the target contains a control character";
    QTest::newRow("escape") << QByteArray("\x1b[2Jhost")
                            << "the target contains a control character";
    QTest::newRow("newline") << QByteArray("host\nname")
                             << "the target contains a control character";
    QTest::newRow("C1 control") << QByteArray("host\xc2\x9bname")
                                << "the target contains a control character";
    QTest::newRow("too long") << QByteArray(256, 'a')
                              << "the target is longer than a host name can be (255 characters)";
    QTest::newRow("253 characters") << QByteArray(253, 'a') << "";
    QTest::newRow("an accented name") << QByteArray("b\xc3\xbc"
                                                    "cher.example")
                                      << "";
}

void TraceRunnerTest::refusesUnsafeTargets()
{
    QFETCH(QByteArray, target);
    QFETCH(QString, error);
    TraceRequest request = tcpRequest();
    request.target = target.toStdString();
    const auto checked = normaliseTraceRequest(request);
    QCOMPARE(checked ? QString() : QString::fromStdString(checked.error().message), error);
}

void TraceRunnerTest::checksAddressesInTheirIpv4Form_data()
{
    QTest::addColumn<QString>("address");
    QTest::addColumn<int>("family");     // AddressFamily
    QTest::addColumn<QString>("probed"); // empty: refused
    const int any = int(AddressFamily::Any), v4 = int(AddressFamily::IPv4),
              v6 = int(AddressFamily::IPv6);
    QTest::newRow("IPv4") << "198.18.0.1" << any << "198.18.0.1";
    QTest::newRow("IPv6") << "2001:db8::1" << any << "2001:db8::1";
    QTest::newRow("IPv6 loopback") << "::1" << any << "::1";
    QTest::newRow("mapped loopback") << "::ffff:127.0.0.1" << any << "127.0.0.1";
    QTest::newRow("mapped asked as IPv4") << "::ffff:198.18.0.1" << v4 << "198.18.0.1";
    QTest::newRow("mapped asked as IPv6") << "::ffff:198.18.0.1" << v6 << "";
    QTest::newRow("compatible") << "::198.18.0.1" << any << "198.18.0.1";
    QTest::newRow("mapped multicast") << "::ffff:224.0.0.1" << any << "";
    QTest::newRow("mapped unspecified") << "::ffff:0.0.0.0" << any << "";
    QTest::newRow("mapped broadcast") << "::ffff:255.255.255.255" << any << "";
    QTest::newRow("this network") << "0.1.2.3" << any << "";
    QTest::newRow("compatible this network") << "::0.0.0.2" << any << "";
    QTest::newRow("unspecified") << "::" << any << "";
    QTest::newRow("multicast") << "ff02::1" << any << "";
    QTest::newRow("IPv4 asked as IPv6") << "198.18.0.1" << v6 << "";
}

void TraceRunnerTest::checksAddressesInTheirIpv4Form()
{
    QFETCH(QString, address);
    QFETCH(int, family);
    QFETCH(QString, probed);
    const auto parsed = IpAddress::parse(address.toStdString());
    QVERIFY(parsed);
    const auto checked = probeableAddress(*parsed, static_cast<AddressFamily>(family));
    QCOMPARE(checked ? QString::fromStdString(checked->toString()) : QString(), probed);
    if (!checked) {
        QCOMPARE(checked.error().codeName(), std::string("invalid-target"));
        QVERIFY2(checked.error().message.rfind(parsed->toString(), 0) == 0,
                 checked.error().message.c_str());
    }
    // A literal target goes through the same check.
    const auto resolved = resolveTarget(address.toStdString(), static_cast<AddressFamily>(family));
    QCOMPARE(resolved ? QString::fromStdString(resolved->toString()) : QString(), probed);
}

// The helpers of one user share one state (in memory they all map): together they keep to the
// rate one bucket allows, after one burst.
void TraceRunnerTest::bucketsSharingAStateKeepOneRate()
{
    alignas(8) TokenBucket::State shared = 0;
    TokenBucket first(1000.0, 10.0, shared);
    TokenBucket second(1000.0, 10.0, shared);
    const std::int64_t now = 5'000'000'000;
    std::int64_t lastWait = 0;
    for (int i = 0; i < 10; ++i)
        QCOMPARE((i % 2 ? first : second).takeNs(now), std::int64_t(0)); // the burst, shared
    for (int i = 0; i < 100; ++i)
        lastWait = (i % 2 ? first : second).takeNs(now);
    QCOMPARE(lastWait,
             std::int64_t(100'000'000)); // 100 more at 1,000 a second: the last waits 0.1 s
    // A state far in the future (a clock set back, or nonsense written into the shared memory)
    // does not stall every sender for ever.
    shared = now + 3'600'000'000'000;
    QCOMPARE(first.takeNs(now), std::int64_t(0));
    // An own bucket is not held back by the shared one.
    TokenBucket own(1000.0, 10.0);
    QCOMPARE(own.takeNs(now), std::int64_t(0));
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
    QCOMPARE(normaliseTraceRequest(noTarget).error().codeName(), std::string("invalid-request"));
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
    const std::vector<IpAddress> addresses{*IpAddress::parse("10.0.0.1"),
                                           *IpAddress::parse("10.0.0.9"),
                                           *IpAddress::parse("10.0.0.1")};
    QElapsedTimer clock;
    clock.start();
    auto names = reverseLookupAll(addresses, std::chrono::milliseconds(200), slowForOne);
    QVERIFY(clock.elapsed() < 1000); // the slow lookup did not hold the answer up
    QCOMPARE(names.size(), std::size_t(1));
    QCOMPARE(names["10.0.0.1"], std::string("host-10.0.0.1"));
    QCOMPARE(calls.load(), 2); // the repeated address was asked once

    // The slow answer lands in the cache when it comes; asking again does not ask the resolver.
    QTRY_VERIFY_WITH_TIMEOUT(
        reverseLookupAll({addresses[1]}, std::chrono::milliseconds(0), slowForOne)
                .count("10.0.0.9") == 1,
        5000);
    QCOMPARE(calls.load(), 2);
}

QTEST_GUILESS_MAIN(TraceRunnerTest)
#include "tst_tracerunner.moc"
