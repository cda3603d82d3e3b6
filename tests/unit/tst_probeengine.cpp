// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "fakenetwork.h"
#include "packet/tcpsyn.h"
#include "probe/cancelsignal.h"
#include "probe/probeengine.h"
#include "probe/tcpsynmethod.h"

#include <QTest>

#include <algorithm>
#include <cmath>
#include <netinet/in.h>

using namespace hopscope;
using namespace hopscope::testing;

namespace {

const IpAddress kSource = v4("198.51.100.10");
const IpAddress kTarget = v4("203.0.113.5");
constexpr std::uint16_t kFlowPort = 40001;
constexpr std::uint32_t kSequenceBase = 1000;

FakeNetwork::Hop router(const char *address, double rttMs)
{
    FakeNetwork::Hop hop;
    hop.address = v4(address);
    hop.rttMs = rttMs;
    return hop;
}

std::vector<FakeNetwork::Hop> fourRouters()
{
    return {router("192.0.2.1", 1.0), router("192.0.2.2", 2.0), router("192.0.2.3", 3.0),
            router("192.0.2.4", 4.0)};
}

RawMethodConfig methodConfigFor(const EngineConfig &config)
{
    RawMethodConfig method;
    method.source = kSource;
    method.destination = kTarget;
    method.destinationPort = 443;
    for (int flow = 0; flow < config.flows; ++flow)
        method.flowPorts.push_back(static_cast<std::uint16_t>(kFlowPort + flow));
    method.identityBase = kSequenceBase;
    method.ipIdBase = 500;
    method.maxTtl = config.maxTtl;
    method.flows = config.flows;
    method.queries = engineQueries(config.queries);
    return method;
}

struct Recorder : ProbeObserver
{
    std::vector<ProbeEvent> events;
    std::vector<int> settled;
    void probeFinished(const ProbeEvent &event) override { events.push_back(event); }
    void hopSettled(int ttl) override { settled.push_back(ttl); }
};

// "ttl responder" per probe in probe order, "*" for timeouts.
QString describe(const EngineOutcome &outcome)
{
    QStringList parts;
    for (const ProbeEvent &event : outcome.events)
        parts << QStringLiteral("%1 %2")
                     .arg(event.slot.ttl)
                     .arg(event.reply ? QString::fromStdString(event.reply->responder.toString())
                                      : QStringLiteral("*"));
    return parts.join(QStringLiteral(", "));
}

EngineConfig config(TraceMode mode = TraceMode::Parallel, int queries = 1)
{
    EngineConfig c;
    c.maxTtl = 8;
    c.queries = queries;
    c.timeoutNs = 1'000'000'000;
    c.mode = mode;
    return c;
}

// Runs one trace of `c` over `net` with a method for the test's source, target and ports.
Expected<EngineOutcome> runOn(FakeNetwork &net, const EngineConfig &c, Recorder *recorder = nullptr,
                              const CancelSignal *cancel = nullptr)
{
    TcpSynMethod method(methodConfigFor(c));
    Recorder ignored;
    CancelSignal never;
    return runProbeEngine(c, method, net, recorder ? *recorder : ignored, cancel ? *cancel : never);
}

} // namespace

class ProbeEngineTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void reachesOpenDestination();
    void everyReplyMatchesItsProbe();
    void silentHopSettlesEarlyInParallel();
    void filteredDestinationEndsAfterTimeout();
    void fewProbesGoPastTheDestination();
    void silentStretchLongerThanTheWindow();
    void roundsSendNothingPastTheKnownDestination();
    void duplicatesCountOnce();
    void lateReplyAfterTimeoutIsDropped();
    void repliesForOtherTracesAreIgnored();
    void closedPortAndBareResetReachDestination_data();
    void closedPortAndBareResetReachDestination();
    void routerUnreachableEndsPath();
    void sequentialSendsOneAtATime();
    void hopsSettleInOrderOnce();
    void cancelStopsAtOnce();
    void reorderedRepliesGiveSameResult();
    void ipv6QuoteMustCarryTheFlowLabel();
    void replyQueuedInTimeCountsWhenReadLate();
    void traceAsksAgainWhereTheRouterAnswers();
    void silentRouterIsNotAskedAgain();
    void slowFirstAnswerCountsWhileAskedAgain();
    void monitorCountsLossOnTheWay();
    void monitorAsksASpentRouterAfterItsBudgetRefills();
    void monitorAsksOnlyRoutersThatAnsweredBefore();
    void slowFirstLinkPacesTheProbes_data();
    void slowFirstLinkPacesTheProbes();
    void sessionRoundsKeepAGapBetweenProbes();
    void pathMtuShrinksWhereRoutersSayTooBig_data();
    void pathMtuShrinksWhereRoutersSayTooBig();
    void pathMtuTooSmallEndsThePath();
};

void ProbeEngineTest::reachesOpenDestination()
{
    FakeNetwork net(kSource, kTarget, fourRouters(), 5.0, FakeNetwork::Destination::Open);
    const auto outcome = runOn(net, config());
    QVERIFY(outcome.hasValue());
    QCOMPARE(describe(*outcome),
             QStringLiteral("1 192.0.2.1, 2 192.0.2.2, 3 192.0.2.3, 4 192.0.2.4, 5 203.0.113.5"));
    QCOMPARE(outcome->end, PathEnd::Destination);
    QCOMPARE(outcome->lastTtl, 5);
    // The first probe's and the pace probe's answers (1 ms) show that the path takes probes
    // back to back; the rest leave then. The answer is complete once the destination has
    // answered: no waiting for anything else.
    QCOMPARE(net.elapsedMs(), 1.0 + 5.0);
    QCOMPARE(net.sent(), kFirstTtlWindow + 1); // and the pace probe
    QCOMPARE(*outcome->events.back().rttMs(), 5.0);
    QCOMPARE(int(outcome->events.back().reply->tcpFlags), int(kTcpFlagSyn | kTcpFlagAck));
}

void ProbeEngineTest::everyReplyMatchesItsProbe()
{
    FakeNetwork net(kSource, kTarget, fourRouters(), 5.0, FakeNetwork::Destination::Open);
    const auto outcome = runOn(net, config(TraceMode::Parallel, 3));
    QVERIFY(outcome.hasValue());
    QCOMPARE(int(outcome->events.size()), 15);
    for (const ProbeEvent &event : outcome->events) {
        QVERIFY(event.reply.has_value());
        const double expected = event.slot.ttl == 5 ? 5.0 : double(event.slot.ttl);
        QCOMPARE(*event.rttMs(), expected);
        QCOMPARE(event.slot.query, event.slot.index % 3);
    }
}

void ProbeEngineTest::silentHopSettlesEarlyInParallel()
{
    auto routers = fourRouters();
    routers[1].silent = true;
    FakeNetwork net(kSource, kTarget, routers, 5.0, FakeNetwork::Destination::Open);
    const auto outcome = runOn(net, config());
    QVERIFY(outcome.hasValue());
    QCOMPARE(describe(*outcome),
             QStringLiteral("1 192.0.2.1, 2 *, 3 192.0.2.3, 4 192.0.2.4, 5 203.0.113.5"));
    // TTL 2 (sent after the pace answer, 1 ms in) waits the adaptive multiple of the next
    // answering hop's reply (TTL 3, 3 ms), not the slower destination's (5 ms) nor the 1 s
    // timeout.
    const double expected = 1.0 + kAdaptiveWaitMultiple * 3.0 + kAdaptiveWaitMarginNs / 1e6;
    QCOMPARE(net.elapsedMs(), expected);
}

void ProbeEngineTest::filteredDestinationEndsAfterTimeout()
{
    FakeNetwork net(kSource, kTarget, fourRouters(), 5.0, FakeNetwork::Destination::Filtered);
    EngineConfig c = config(TraceMode::Parallel, 3);
    c.maxTtl = 30;
    const auto outcome = runOn(net, c);
    QVERIFY(outcome.hasValue());
    QCOMPARE(outcome->end, PathEnd::NotReached);
    QCOMPARE(outcome->lastTtl, 30);
    QCOMPARE(int(outcome->events.size()), 90);
    // One timeout for the whole trace, not one per TTL.
    QCOMPARE(net.elapsedMs(), 1000.0);
}

// A 30-TTL trace to a destination 5 hops away sends the first window and stops there: the probes
// past the destination would only spend its ICMP budget.
void ProbeEngineTest::fewProbesGoPastTheDestination()
{
    FakeNetwork net(kSource, kTarget, fourRouters(), 5.0, FakeNetwork::Destination::Open);
    EngineConfig c = config(TraceMode::Parallel, 3);
    c.maxTtl = 30;
    const auto outcome = runOn(net, c);
    QVERIFY(outcome.hasValue());
    QCOMPARE(outcome->lastTtl, 5);
    QCOMPARE(net.sent(), 3 * kFirstTtlWindow + 1); // and the pace probe
    // The first probe's and the pace probe's answers (1 ms) show the path takes probes back to
    // back; the rest leave then, and the destination answers 5 ms later.
    QCOMPARE(net.elapsedMs(), 1.0 + 5.0);
}

// Nine silent TTLs, more than a window holds: the window grows once its TTLs have had as long as
// the answers so far took, so the destination behind them is found long before the timeout, and
// the silent TTLs settle from its round trip.
void ProbeEngineTest::silentStretchLongerThanTheWindow()
{
    std::vector<FakeNetwork::Hop> routers;
    for (int i = 1; i <= 11; ++i) {
        const QByteArray address = QByteArrayLiteral("192.0.2.") + QByteArray::number(i);
        routers.push_back(router(address.constData(), 2.0));
        routers.back().silent = i >= 3;
    }
    FakeNetwork net(kSource, kTarget, routers, 4.0, FakeNetwork::Destination::Open);
    EngineConfig c = config(TraceMode::Parallel, 1);
    c.maxTtl = 30;
    const auto outcome = runOn(net, c);
    QVERIFY(outcome.hasValue());
    QCOMPARE(outcome->end, PathEnd::Destination);
    QCOMPARE(outcome->lastTtl, 12);
    QVERIFY2(net.elapsedMs() < 100.0, qPrintable(QString::number(net.elapsedMs())));
    QVERIFY(net.sent() <= 12 + kTtlsAheadOfAnswers + kFirstTtlWindow);
}

// A session's later round is told where the last one found the destination: nothing goes past
// it; and when the path has grown since, the window follows the answers to the new end.
void ProbeEngineTest::roundsSendNothingPastTheKnownDestination()
{
    FakeNetwork net(kSource, kTarget, fourRouters(), 5.0, FakeNetwork::Destination::Open);
    EngineConfig c = config(TraceMode::Parallel, 1);
    c.maxTtl = 30;
    c.expectedEndTtl = 5;
    const auto outcome = runOn(net, c);
    QVERIFY(outcome.hasValue());
    QCOMPARE(outcome->lastTtl, 5);
    QCOMPARE(net.sent(), 5 + 1); // and the pace probe

    FakeNetwork longer(kSource, kTarget, fourRouters(), 5.0, FakeNetwork::Destination::Open);
    c.expectedEndTtl = 3;
    const auto grown = runOn(longer, c);
    QVERIFY(grown.hasValue());
    QCOMPARE(grown->end, PathEnd::Destination);
    QCOMPARE(grown->lastTtl, 5);
    QCOMPARE(describe(*grown),
             QStringLiteral("1 192.0.2.1, 2 192.0.2.2, 3 192.0.2.3, 4 192.0.2.4, 5 203.0.113.5"));
}

void ProbeEngineTest::duplicatesCountOnce()
{
    FakeNetwork net(kSource, kTarget, fourRouters(), 5.0, FakeNetwork::Destination::Open);
    net.setCopies(3);
    Recorder recorder;
    const auto outcome = runOn(net, config(TraceMode::Parallel, 2), &recorder);
    QVERIFY(outcome.hasValue());
    QCOMPARE(int(outcome->events.size()), 10);
    QCOMPARE(int(recorder.events.size()), 10); // each probe reported once, whatever the copies
}

void ProbeEngineTest::lateReplyAfterTimeoutIsDropped()
{
    FakeNetwork net(kSource, kTarget, fourRouters(), 5.0, FakeNetwork::Destination::Open);
    net.delayTtl(3, 2000.0);
    const auto outcome = runOn(net, config(TraceMode::Sequential));
    QVERIFY(outcome.hasValue());
    QCOMPARE(describe(*outcome),
             QStringLiteral("1 192.0.2.1, 2 192.0.2.2, 3 *, 4 192.0.2.4, 5 203.0.113.5"));
}

void ProbeEngineTest::repliesForOtherTracesAreIgnored()
{
    auto routers = fourRouters();
    routers[1].silent = true;
    FakeNetwork net(kSource, kTarget, routers, 5.0, FakeNetwork::Destination::Open);
    // Another trace's probe for TTL 2 (other sequence numbers), an ICMP about a UDP packet, a
    // SYN-ACK for another port, and a reply quoting another destination: none may fill TTL 2.
    TcpSynProbe foreign;
    foreign.source = kSource;
    foreign.destination = kTarget;
    foreign.sourcePort = kFlowPort;
    foreign.destinationPort = 443;
    foreign.sequence = 900000;
    foreign.ttl = 2;
    foreign.ipId = 501;
    net.inject(icmpV4Error(v4("192.0.2.66"), kSource, 11, 0, buildIpv4TcpSyn(foreign)),
               PacketChannel::IcmpV4, 0.5);
    TcpSynProbe otherPort = foreign;
    otherPort.sequence = kSequenceBase + 1;
    otherPort.sourcePort = 50000;
    net.inject(icmpV4Error(v4("192.0.2.67"), kSource, 11, 0, buildIpv4TcpSyn(otherPort)),
               PacketChannel::IcmpV4, 0.6);
    TcpSynProbe otherTarget = foreign;
    otherTarget.sequence = kSequenceBase + 1;
    otherTarget.destination = v4("203.0.113.99");
    net.inject(icmpV4Error(v4("192.0.2.68"), kSource, 11, 0, buildIpv4TcpSyn(otherTarget)),
               PacketChannel::IcmpV4, 0.7);
    TcpSynProbe wrongId = foreign;
    wrongId.sequence = kSequenceBase + 1;
    wrongId.ipId = 7;
    net.inject(icmpV4Error(v4("192.0.2.69"), kSource, 11, 0, buildIpv4TcpSyn(wrongId)),
               PacketChannel::IcmpV4, 0.8);
    net.inject(ipv4Packet(kTarget, kSource, IPPROTO_TCP,
                          tcpSegment(kTarget, kSource, 80, kFlowPort, 1, kSequenceBase + 2,
                                     kTcpFlagSyn | kTcpFlagAck)),
               PacketChannel::TcpV4, 0.9);
    const auto outcome = runOn(net, config());
    QVERIFY(outcome.hasValue());
    QCOMPARE(describe(*outcome),
             QStringLiteral("1 192.0.2.1, 2 *, 3 192.0.2.3, 4 192.0.2.4, 5 203.0.113.5"));
}

void ProbeEngineTest::closedPortAndBareResetReachDestination_data()
{
    QTest::addColumn<int>("behaviour");
    QTest::addColumn<int>("flags");
    QTest::newRow("RST-ACK from a closed port")
        << int(FakeNetwork::Destination::Closed) << int(kTcpFlagRst | kTcpFlagAck);
    QTest::newRow("bare RST (ack 0)")
        << int(FakeNetwork::Destination::BareReset) << int(kTcpFlagRst);
}

void ProbeEngineTest::closedPortAndBareResetReachDestination()
{
    QFETCH(int, behaviour);
    FakeNetwork net(kSource, kTarget, fourRouters(), 5.0, FakeNetwork::Destination(behaviour));
    const auto outcome = runOn(net, config(TraceMode::Parallel, 3));
    QVERIFY(outcome.hasValue());
    QCOMPARE(outcome->end, PathEnd::Destination);
    QCOMPARE(outcome->lastTtl, 5);
    int atDestination = 0;
    for (const ProbeEvent &event : outcome->events) {
        if (event.slot.ttl != 5)
            continue;
        QVERIFY(event.reply.has_value());
        QTEST(int(event.reply->tcpFlags), "flags");
        ++atDestination;
    }
    QCOMPARE(atDestination, 3);
}

void ProbeEngineTest::routerUnreachableEndsPath()
{
    auto routers = fourRouters();
    routers[2].unreachableCode = 1; // host unreachable from the third router
    FakeNetwork net(kSource, kTarget, routers, 5.0, FakeNetwork::Destination::Open);
    const auto outcome = runOn(net, config(TraceMode::Parallel, 2));
    QVERIFY(outcome.hasValue());
    QCOMPARE(outcome->end, PathEnd::Unreachable);
    QCOMPARE(outcome->lastTtl, 3);
    const ProbeEvent &last = outcome->events.back();
    QCOMPARE(last.reply->kind, ReplyKind::Unreachable);
    QCOMPARE(last.reply->unreachable.value(), UnreachableKind::Host);
    QCOMPARE(last.reply->icmpCode.value(), 1);
}

void ProbeEngineTest::sequentialSendsOneAtATime()
{
    auto routers = fourRouters();
    routers[1].silent = true;
    FakeNetwork net(kSource, kTarget, routers, 5.0, FakeNetwork::Destination::Open);
    const auto outcome = runOn(net, config(TraceMode::Sequential));
    QVERIFY(outcome.hasValue());
    QCOMPARE(describe(*outcome),
             QStringLiteral("1 192.0.2.1, 2 *, 3 192.0.2.3, 4 192.0.2.4, 5 203.0.113.5"));
    QCOMPARE(net.mostInFlight(), 1);
    QCOMPARE(net.sent(), 5); // nothing beyond the destination
    // The sum of the answered round trips plus one whole timeout for the silent TTL.
    QCOMPARE(net.elapsedMs(), 1.0 + 1000.0 + 3.0 + 4.0 + 5.0);
}

void ProbeEngineTest::hopsSettleInOrderOnce()
{
    auto routers = fourRouters();
    routers[0].rttMs = 9.0; // the first hop answers last
    FakeNetwork net(kSource, kTarget, routers, 5.0, FakeNetwork::Destination::Open);
    Recorder recorder;
    QVERIFY(runOn(net, config(TraceMode::Parallel, 2), &recorder).hasValue());
    QCOMPARE(recorder.settled, (std::vector<int>{1, 2, 3, 4, 5}));
}

void ProbeEngineTest::cancelStopsAtOnce()
{
    FakeNetwork net(kSource, kTarget, fourRouters(), 5.0, FakeNetwork::Destination::Filtered);
    CancelSignal cancel;
    net.onSend([&cancel](int sent) {
        if (sent == 2)
            cancel.cancel();
    });
    const auto outcome = runOn(net, config(TraceMode::Parallel, 3), nullptr, &cancel);
    QVERIFY(outcome.hasValue());
    QVERIFY(outcome->cancelled);
    QCOMPARE(net.sent(), 2);
    QCOMPARE(net.elapsedMs(), 0.0);
}

void ProbeEngineTest::reorderedRepliesGiveSameResult()
{
    // Later hops answer first: every reply must still land on its own TTL.
    std::vector<FakeNetwork::Hop> routers{router("192.0.2.1", 8.0), router("192.0.2.2", 6.0),
                                          router("192.0.2.3", 4.0), router("192.0.2.4", 2.0)};
    FakeNetwork net(kSource, kTarget, routers, 1.0, FakeNetwork::Destination::Open);
    const auto outcome = runOn(net, config(TraceMode::Parallel, 3));
    QVERIFY(outcome.hasValue());
    for (const ProbeEvent &event : outcome->events)
        QCOMPARE(*event.rttMs(), event.slot.ttl == 5 ? 1.0 : 10.0 - 2.0 * event.slot.ttl);
    QCOMPARE(outcome->lastTtl, 5);
}

void ProbeEngineTest::ipv6QuoteMustCarryTheFlowLabel()
{
    RawMethodConfig config;
    config.source = v6("2001:db8::10");
    config.destination = v6("2001:db8:1::5");
    config.destinationPort = 443;
    config.flowPorts = {kFlowPort};
    config.flowLabels = {0xabcde};
    config.identityBase = kSequenceBase;
    config.maxTtl = 10;
    config.queries = 3;
    TcpSynMethod method(config);
    const OutgoingPacket probe = method.build({4, 5, 0, 0});
    const Bytes segment(probe.bytes.begin() + 40, probe.bytes.end());
    const auto quoting = [&](std::uint32_t label) {
        ReceivedPacket packet;
        packet.channel = PacketChannel::IcmpV6;
        packet.from = v6("2001:db8:ff::1");
        packet.bytes =
            icmpV6Error(3, 0, config.source, config.destination, IPPROTO_TCP, segment, label);
        return method.match(packet);
    };
    const auto match = quoting(0xabcde);
    QVERIFY(match.has_value());
    QCOMPARE(match->probeIndex.value_or(-1), 4);
    QVERIFY(!quoting(0xabcdf).has_value()); // the same probe under another flow label is not ours
}

void ProbeEngineTest::replyQueuedInTimeCountsWhenReadLate()
{
    // TTL 2 answers first (2 ms), which gives TTL 1 until 2 x 2 + 5 = 9 ms. TTL 1's answer is
    // in at 3 ms, but behind sixty packets of another program, each taking 1 ms to read: it is
    // read long after 9 ms and must count all the same.
    auto routers = fourRouters();
    routers[0].rttMs = 3.0;
    FakeNetwork net(kSource, kTarget, routers, 5.0, FakeNetwork::Destination::Open);
    TcpSynProbe foreign;
    foreign.source = kSource;
    foreign.destination = v4("203.0.113.77");
    foreign.sourcePort = 1234;
    foreign.destinationPort = 80;
    for (int i = 0; i < 60; ++i)
        net.inject(icmpV4Error(v4("192.0.2.9"), kSource, 11, 0, buildIpv4TcpSyn(foreign)),
                   PacketChannel::IcmpV4, 2.0);
    net.setReadCost(1.0);
    const auto outcome = runOn(net, config());
    QVERIFY(outcome.hasValue());
    QCOMPARE(describe(*outcome),
             QStringLiteral("1 192.0.2.1, 2 192.0.2.2, 3 192.0.2.3, 4 192.0.2.4, 5 203.0.113.5"));
    QVERIFY(net.elapsedMs() > 60.0);
}

// TTL 2's second probe is lost on the way; its other probes answered, so the miss is asked
// again at once, and in a single trace that answer counts.
void ProbeEngineTest::traceAsksAgainWhereTheRouterAnswers()
{
    FakeNetwork net(kSource, kTarget, fourRouters(), 5.0, FakeNetwork::Destination::Open);
    net.loseSends({5}); // TTL 1 is sends 1-3, TTL 2 starts at 4
    const auto outcome = runOn(net, config(TraceMode::Parallel, 3));
    QVERIFY(outcome.hasValue());
    QVERIFY(!describe(*outcome).contains(QLatin1Char('*')));
    QCOMPARE(net.sent(), 3 * kFirstTtlWindow + 2); // the first window, the pace probe, the ask
    const ProbeEvent &asked = outcome->events[4];
    QCOMPARE(asked.slot.ttl, 2);
    QCOMPARE(asked.slot.query, 1);
    QCOMPARE(*asked.rttMs(), 2.0); // timed from the ask that was answered
    // Sent after the first TTL's answers (1 ms), given up after 2 x 2 + 5 ms, asked again,
    // answered 2 ms later.
    QCOMPARE(net.elapsedMs(), 1.0 + 2 * 2.0 + 5.0 + 2.0);
}

// A router that never answers gives no reason to ask again: the trace sends and waits as much
// as without second chances.
void ProbeEngineTest::silentRouterIsNotAskedAgain()
{
    auto routers = fourRouters();
    routers[1].silent = true;
    FakeNetwork net(kSource, kTarget, routers, 5.0, FakeNetwork::Destination::Open);
    const auto outcome = runOn(net, config(TraceMode::Parallel, 3));
    QVERIFY(outcome.hasValue());
    QCOMPARE(net.sent(), 3 * kFirstTtlWindow + 1); // and the pace probe
    QCOMPARE(describe(*outcome).count(QStringLiteral("2 *")), 3);
    // Sent after the first TTL's answers (1 ms), given up after twice TTL 3's 3 ms + 5 ms.
    QCOMPARE(net.elapsedMs(), 1.0 + 2 * 3.0 + 5.0);
}

// After a first answer in 1 ms the router slows down to 13 ms, past the 2 x 1 + 5 ms its TTL was
// given: the answers to the first asks still count, with their own round trips, while the
// probes are being asked again.
void ProbeEngineTest::slowFirstAnswerCountsWhileAskedAgain()
{
    FakeNetwork net(kSource, kTarget, fourRouters(), 50.0, FakeNetwork::Destination::Open);
    net.onSend([&net](int sent) {
        if (sent == 1)
            net.delayTtl(1, 12.0);
    });
    const auto outcome = runOn(net, config(TraceMode::Parallel, 3));
    QVERIFY(outcome.hasValue());
    QVERIFY(!describe(*outcome).contains(QLatin1Char('*')));
    QCOMPARE(*outcome->events[1].rttMs(), 13.0);
    QCOMPARE(*outcome->events[2].rttMs(), 13.0);
}

namespace {

// A session's round with one probe per TTL, told that TTLs 1 to `answeredUpTo` answered before.
EngineConfig monitorRound(int answeredUpTo)
{
    EngineConfig c = config(TraceMode::Parallel, 1);
    c.expectedEndTtl = 5;
    c.budgetRefillNs = std::int64_t{kRouterBudgetRefillMs} * 1'000'000;
    for (int ttl = 1; ttl <= answeredUpTo; ++ttl)
        c.answeredBefore.push_back(ttl);
    return c;
}

} // namespace

// In a session, a miss is asked again at once; an answer then shows the router had budget, so
// the first probe was lost on the way and counts as lost, without waiting for a refill.
void ProbeEngineTest::monitorCountsLossOnTheWay()
{
    FakeNetwork net(kSource, kTarget, fourRouters(), 5.0, FakeNetwork::Destination::Open);
    net.loseSends({2});
    const auto outcome = runOn(net, monitorRound(5));
    QVERIFY(outcome.hasValue());
    QCOMPARE(describe(*outcome),
             QStringLiteral("1 192.0.2.1, 2 *, 3 192.0.2.3, 4 192.0.2.4, 5 203.0.113.5"));
    QCOMPARE(net.sent(), 6);
    QVERIFY2(net.elapsedMs() < 20.0, qPrintable(QString::number(net.elapsedMs())));
}

// The router at TTL 2 has spent its budget: it refuses the probe and the ask at once, and
// answers the last ask, sent once a token has come back; that answer counts, so the round shows
// no loss that the path does not have.
void ProbeEngineTest::monitorAsksASpentRouterAfterItsBudgetRefills()
{
    auto routers = fourRouters();
    routers[1].budgetBurst = 6;
    routers[1].budgetTokens = 0;
    FakeNetwork net(kSource, kTarget, routers, 5.0, FakeNetwork::Destination::Open);
    const auto outcome = runOn(net, monitorRound(5));
    QVERIFY(outcome.hasValue());
    QCOMPARE(describe(*outcome),
             QStringLiteral("1 192.0.2.1, 2 192.0.2.2, 3 192.0.2.3, 4 192.0.2.4, 5 203.0.113.5"));
    QCOMPARE(net.sent(), 7);
    QCOMPARE(*outcome->events[1].rttMs(), 2.0);
    QVERIFY(net.elapsedMs() > double(kRouterBudgetRefillMs));
    QVERIFY(net.elapsedMs() < kRouterBudgetRefillMs + 20.0);

    // Without a refill in time the miss is loss, after the last ask's wait.
    routers[1].budgetBurst = 1;
    routers[1].budgetRefillMs = 5000.0;
    FakeNetwork spent(kSource, kTarget, routers, 5.0, FakeNetwork::Destination::Open);
    const auto lost = runOn(spent, monitorRound(5));
    QVERIFY(lost.hasValue());
    QCOMPARE(describe(*lost),
             QStringLiteral("1 192.0.2.1, 2 *, 3 192.0.2.3, 4 192.0.2.4, 5 203.0.113.5"));
    QCOMPARE(spent.sent(), 7);
}

// A router that did not answer last round, or a miss with nothing answering beyond it, is not
// asked again: a silent router costs a session no extra probe and no extra wait.
void ProbeEngineTest::monitorAsksOnlyRoutersThatAnsweredBefore()
{
    auto routers = fourRouters();
    routers[1].silent = true;
    FakeNetwork net(kSource, kTarget, routers, 5.0, FakeNetwork::Destination::Open);
    EngineConfig c = monitorRound(1);
    c.answeredBefore.insert(c.answeredBefore.end(), {3, 4, 5});
    const auto outcome = runOn(net, c);
    QVERIFY(outcome.hasValue());
    QCOMPARE(net.sent(), 5);
    QCOMPARE(net.elapsedMs(), 2 * 3.0 + 5.0); // TTL 2 waits for twice TTL 3's 3 ms

    // Filtered destination: its TTL answered last round but nothing beyond it answers now. It
    // costs what it costs a round told of no earlier answers.
    FakeNetwork filtered(kSource, kTarget, fourRouters(), 5.0, FakeNetwork::Destination::Filtered);
    const auto unanswered = runOn(filtered, monitorRound(5));
    FakeNetwork control(kSource, kTarget, fourRouters(), 5.0, FakeNetwork::Destination::Filtered);
    const auto untold = runOn(control, monitorRound(0));
    QVERIFY(unanswered.hasValue() && untold.hasValue());
    QCOMPARE(filtered.sent(), control.sent());
    QCOMPARE(filtered.elapsedMs(), control.elapsedMs());
}

// A first link that takes 0.6 ms per probe: sent together, 24 probes would queue for up to 14 ms
// and the far hops' round trips with them. The first probe's answer and the pace probe's come
// back 0.6 ms apart, so every later probe leaves 0.6 ms after the one before: none waits, and
// every hop's round trips are its own plus the link's 0.6 ms, as ping would see them. Sends that
// take time of their own (a slow machine, a socket per probe) leave the pair closer than the
// link carries it, and the gap is still the link's.
void ProbeEngineTest::slowFirstLinkPacesTheProbes_data()
{
    QTest::addColumn<double>("sendCostMs");
    QTest::newRow("instant sends") << 0.0;
    QTest::newRow("sends of 0.2 ms") << 0.2;
}

void ProbeEngineTest::slowFirstLinkPacesTheProbes()
{
    QFETCH(double, sendCostMs);
    constexpr double kPerProbeMs = 0.6;
    const auto routers = fourRouters();
    FakeNetwork net(kSource, kTarget, routers, 5.0, FakeNetwork::Destination::Open);
    net.setFirstLinkTimePerProbe(kPerProbeMs);
    net.setSendCost(sendCostMs);
    const auto outcome = runOn(net, config(TraceMode::Parallel, 3));
    QVERIFY(outcome.hasValue());
    QVERIFY(!describe(*outcome).contains(QLatin1Char('*')));
    for (const ProbeEvent &event : outcome->events) {
        const double own =
            event.slot.ttl <= 4 ? routers[std::size_t(event.slot.ttl - 1)].rttMs : 5.0;
        const double waited = *event.rttMs() - own - kPerProbeMs;
        QVERIFY2(std::abs(waited) < 1e-6,
                 qPrintable(QStringLiteral("probe %1 waited %2 ms for the link")
                                .arg(event.slot.index)
                                .arg(waited)));
    }
    // Sent together, the probes queue for the link: the error the gap avoids.
    FakeNetwork burst(kSource, kTarget, routers, 5.0, FakeNetwork::Destination::Open);
    burst.setFirstLinkTimePerProbe(kPerProbeMs);
    EngineConfig unpaced = config(TraceMode::Parallel, 3);
    unpaced.probeGapNs = 1; // a gap given, so none is learnt: next to none
    const auto queued = runOn(burst, unpaced);
    QVERIFY(queued.hasValue());
    QVERIFY(*queued->events.back().rttMs() > 5.0 + 10 * kPerProbeMs);
}

// A session's round has a whole interval to send in: its probes always leave 1 ms apart.
void ProbeEngineTest::sessionRoundsKeepAGapBetweenProbes()
{
    FakeNetwork net(kSource, kTarget, fourRouters(), 5.0, FakeNetwork::Destination::Open);
    net.setFirstLinkTimePerProbe(0.6);
    EngineConfig c = monitorRound(5);
    c.probeGapNs = kPacedProbeGapNs;
    const auto outcome = runOn(net, c);
    QVERIFY(outcome.hasValue());
    std::vector<std::int64_t> sent;
    for (const ProbeEvent &event : outcome->events) {
        sent.push_back(event.sentNs);
        const double own = event.slot.ttl <= 4 ? event.slot.ttl * 1.0 : 5.0;
        QCOMPARE(*event.rttMs(), own + 0.6); // none waited for the link
    }
    std::sort(sent.begin(), sent.end());
    for (std::size_t i = 1; i < sent.size(); ++i)
        QVERIFY(sent[i] - sent[i - 1] >= kPacedProbeGapNs);
    QCOMPARE(net.elapsedMs(), 4 * 1.0 + 0.6 + 5.0); // the destination's probe left 4 ms in
}

void ProbeEngineTest::pathMtuShrinksWhereRoutersSayTooBig_data()
{
    QTest::addColumn<int>("mode");
    QTest::addColumn<int>("namedMtu"); // what the second router names; 0: nothing (RFC 792)
    QTest::addColumn<int>("size");
    QTest::addColumn<QString>("drops");
    // Of the probes' sends in sending order, "count x bytes" per run of one size.
    QTest::addColumn<QString>("sizes");
    const QString twoDrops = QStringLiteral("3 192.0.2.2 1400, 4 192.0.2.3 1300");
    // The first window (TTL 1-8, two probes each, and the pace probe) at 1500 bytes; TTL 3-8
    // again at 1400 after r2's word, TTL 4-8 again at 1300 after r3's.
    QTest::newRow("parallel") << int(TraceMode::Parallel) << 1400 << 1300 << twoDrops
                              << QStringLiteral("17x1500 12x1400 10x1300");
    // One probe at a time: each leaves at the size the last one learnt.
    QTest::newRow("sequential") << int(TraceMode::Sequential) << 1400 << 1300 << twoDrops
                                << QStringLiteral("5x1500 3x1400 4x1300");
    // A router from before RFC 1191 names no MTU: the next common one below is tried (1492),
    // then the one below that (1280), which passes every link; that is its drop.
    QTest::newRow("no MTU named") << int(TraceMode::Parallel) << 0 << 1280
                                  << QStringLiteral("3 192.0.2.2 1280")
                                  << QStringLiteral("17x1500 12x1492 12x1280");
}

// client - r1 - r2 =1400= r3 =1300= r4 - destination, probes starting at 1500 bytes: every probe
// past r2 is told too big and goes again smaller; none of those answers is a hop of the path.
void ProbeEngineTest::pathMtuShrinksWhereRoutersSayTooBig()
{
    QFETCH(int, mode);
    QFETCH(int, namedMtu);
    QFETCH(int, size);
    QFETCH(QString, drops);
    QFETCH(QString, sizes);
    auto routers = fourRouters();
    routers[1].nextLinkMtu = 1400;
    routers[1].namedMtu = namedMtu;
    routers[2].nextLinkMtu = 1300;
    FakeNetwork net(kSource, kTarget, routers, 5.0, FakeNetwork::Destination::Open);
    EngineConfig c = config(static_cast<TraceMode>(mode), 2);
    c.probeSize = 1500;
    const auto outcome = runOn(net, c);
    QVERIFY(outcome.hasValue());
    QCOMPARE(describe(*outcome),
             QStringLiteral("1 192.0.2.1, 1 192.0.2.1, 2 192.0.2.2, 2 192.0.2.2, 3 192.0.2.3, "
                            "3 192.0.2.3, 4 192.0.2.4, 4 192.0.2.4, 5 203.0.113.5, 5 203.0.113.5"));
    QCOMPARE(outcome->end, PathEnd::Destination);
    QVERIFY(outcome->pathMtu.has_value());
    QCOMPARE(outcome->pathMtu->firstSize, 1500);
    QCOMPARE(outcome->pathMtu->size, size);
    QStringList told;
    for (const MtuDrop &drop : outcome->pathMtu->drops)
        told << QStringLiteral("%1 %2 %3")
                    .arg(drop.ttl)
                    .arg(QString::fromStdString(drop.router.toString()))
                    .arg(drop.mtu);
    QCOMPARE(told.join(QStringLiteral(", ")), drops);
    QStringList runs;
    const std::vector<int> &sent = net.sentSizes();
    for (std::size_t i = 0; i < sent.size();) {
        std::size_t end = i;
        while (end < sent.size() && sent[end] == sent[i])
            ++end;
        runs << QStringLiteral("%1x%2").arg(end - i).arg(sent[i]);
        i = end;
    }
    QCOMPARE(runs.join(QLatin1Char(' ')), sizes);
}

// A router that names an MTU below the least a path may have (68 bytes for IPv4) leaves nothing
// to shrink to: its answer ends the path as an unreachable would.
void ProbeEngineTest::pathMtuTooSmallEndsThePath()
{
    auto routers = fourRouters();
    routers[1].nextLinkMtu = 60;
    FakeNetwork net(kSource, kTarget, routers, 5.0, FakeNetwork::Destination::Open);
    EngineConfig c = config();
    c.probeSize = 1500;
    const auto outcome = runOn(net, c);
    QVERIFY(outcome.hasValue());
    QCOMPARE(outcome->end, PathEnd::Unreachable);
    QCOMPARE(outcome->lastTtl, 3);
    QCOMPARE(outcome->pathMtu->size, 1500);
    QVERIFY(outcome->pathMtu->drops.empty());
}

QTEST_GUILESS_MAIN(ProbeEngineTest)
#include "tst_probeengine.moc"
