// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "path/networkpathjson.h"
#include "path/pathmodel.h"
#include "path/pathmodelstate.h"
#include "path/sessionglance.h"
#include "path/sessionperiod.h"
#include "stats/hopstatistics.h"

#include <QTest>

#include <cmath>

using namespace hopscope;

namespace {

const std::string kDestination = "198.18.9.2";
constexpr std::int64_t kStartUs = 1'764'000'000'000'000;

// A round written as TTLs separated by spaces, each "ttl:probe,probe,...", where a probe is
// "responder=rtt" or "*" for a lost one; "D" stands for the destination. "2:b=1.5,*" is two
// probes at TTL 2: one answered by b in 1.5 ms, one lost. A probe's flow is 0 unless written
// as "responder=rtt@flow".
MonitorRound parseRound(const QString &text, int number)
{
    MonitorRound round;
    round.number = number;
    round.startedUs = kStartUs + std::int64_t{number} * 1'000'000;
    round.destination = kDestination;
    std::int64_t sentUs = round.startedUs;
    for (const QString &hop : text.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        const int colon = hop.indexOf(QLatin1Char(':'));
        const int ttl = hop.left(colon).toInt();
        for (QString probeText : hop.mid(colon + 1).split(QLatin1Char(','))) {
            ProbeSample probe;
            probe.ttl = ttl;
            probe.sentAtUs = sentUs++;
            if (const int at = probeText.indexOf(QLatin1Char('@')); at >= 0) {
                probe.flow = probeText.mid(at + 1).toInt();
                probeText = probeText.left(at);
            }
            if (probeText != QLatin1String("*")) {
                const QStringList parts = probeText.split(QLatin1Char('='));
                probe.responder =
                    parts[0] == QLatin1String("D") ? kDestination : parts[0].toStdString();
                probe.rttMs = parts.value(1, QStringLiteral("1")).toDouble();
            }
            round.probes.push_back(probe);
        }
    }
    return round;
}

// "3 route-change 2 b->c", "4 path-length 3->4", "3 destination-lost".
QString describe(const RouteChange &change)
{
    QString text = QString::number(change.round) + QLatin1Char(' ') +
                   QString::fromStdString(routeChangeKindName(change.kind));
    const auto names = [](const std::vector<std::string> &list) {
        QStringList out;
        for (const std::string &name : list)
            out << (name == kDestination ? QStringLiteral("D") : QString::fromStdString(name));
        return out.join(QLatin1Char('+'));
    };
    if (change.kind == RouteChange::Kind::Responders)
        text += QStringLiteral(" %1 %2->%3")
                    .arg(change.ttl)
                    .arg(names(change.before), names(change.after));
    if (change.kind == RouteChange::Kind::PathLength)
        text += QStringLiteral(" %1->%2").arg(change.lengthBefore).arg(change.lengthAfter);
    return text;
}

PathModel feed(const QStringList &rounds, QStringList *changes = nullptr)
{
    PathModel session;
    int number = 0;
    for (const QString &round : rounds)
        for (const RouteChange &change : session.addRound(parseRound(round, ++number)))
            if (changes)
                *changes << describe(change);
    return session;
}

const MonitorHop *findHop(const std::vector<MonitorHop> &hops, int ttl,
                          const std::string &responder)
{
    for (const MonitorHop &hop : hops)
        if (hop.ttl == ttl && hop.responder == responder)
            return &hop;
    return nullptr;
}

// A round of a session with what a long one meets: RTTs that wander, a lost probe now and then,
// two routers taking turns at TTL 2 (per-packet load balancing), the route at TTL 3 moving every
// 300 rounds, a router that quotes the probe with its MTU, and a destination silent for a while.
MonitorRound eventfulRound(int number)
{
    MonitorRound round;
    round.number = number;
    round.startedUs = kStartUs + std::int64_t{number} * 1'000'000;
    round.destination = kDestination;
    std::int64_t sentUs = round.startedUs;
    const bool silent = number % 700 >= 690;
    for (int ttl = 1; ttl <= 4; ++ttl) {
        for (int query = 0; query < 2; ++query) {
            ProbeSample probe;
            probe.ttl = ttl;
            probe.flow = query;
            probe.sentAtUs = sentUs++;
            const int spin = (number * 7 + ttl * 13 + query * 5) % 97;
            if (spin == 0 || (ttl == 4 && silent)) {
                round.probes.push_back(probe);
                continue;
            }
            probe.rttMs = 0.5 * ttl + spin / 40.0 + (number % 11) / 100.0;
            if (ttl == 1)
                probe.responder = "a";
            else if (ttl == 2)
                probe.responder = (number + query) % 2 == 0 ? "b1" : "b2";
            else if (ttl == 3)
                probe.responder = (number / 300) % 2 == 0 ? "c" : "e";
            else
                probe.responder = kDestination;
            if (ttl == 3 && query == 1) {
                ProbeQuote quote;
                quote.ttl = 1;
                quote.nextHopMtu = number % 2 == 0 ? 1400 : 1280;
                probe.quote = quote;
                probe.icmpType = 11;
                probe.replyTtl = 62;
            }
            round.probes.push_back(probe);
        }
    }
    round.hostnames.emplace("a", "gateway.example");
    return round;
}

AlertEvent eventfulAlert(int round)
{
    AlertEvent event;
    event.rule = *parseAlertRule("loss>10%/3");
    event.raised = round % 200 == 0;
    event.round = round;
    event.timeUs = kStartUs + std::int64_t{round} * 1'000'000;
    event.value = round / 10.0;
    event.detail = "round " + std::to_string(round);
    return event;
}

} // namespace

class MonitorSessionTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void routeChanges_data();
    void routeChanges();
    void rateLimiting_data();
    void rateLimiting();
    void statisticsFollowEveryRound();
    void lostProbesCountAgainstTheFlowsRouter();
    void probeByProbeMatchesWholeRounds();
    void historyKeepsEveryProbeInBoundedMemory();
    void longSessionStaysBounded();
    void histogramQuantilesStayClose();
    void monitorPathRoundTripsThroughJson();
    void glanceFollowsTheDestination();
    void periodIsTheSessionAsItWasThen();
    void periodCountsFoldedProbes();
    void aSessionGoesOnFromItsState_data();
    void aSessionGoesOnFromItsState();
    void aStateThatDoesNotReadIsRefused();
    void aRoundUnderWayKeepsTheRoute();
};

void MonitorSessionTest::routeChanges_data()
{
    QTest::addColumn<QStringList>("rounds");
    QTest::addColumn<QStringList>("expected");

    const QString path = QStringLiteral("1:a,a,a 2:b,b,b 3:D,D,D");
    QTest::newRow("stable") << QStringList(5, path) << QStringList{};
    QTest::newRow("per-packet ECMP alternation")
        << QStringList{QStringLiteral("1:a 2:b,c,b 3:D"), QStringLiteral("1:a 2:c,c,b 3:D"),
                       QStringLiteral("1:a 2:c,c,c 3:D"), QStringLiteral("1:a 2:b,b,b 3:D"),
                       QStringLiteral("1:a 2:c,c,c 3:D"), QStringLiteral("1:a 2:c,b,c 3:D")}
        << QStringList{};
    QTest::newRow("ECMP member first seen alone")
        << QStringList{QStringLiteral("1:a 2:b 3:D"),   QStringLiteral("1:a 2:c 3:D"),
                       QStringLiteral("1:a 2:b 3:D"),   QStringLiteral("1:a 2:c 3:D"),
                       QStringLiteral("1:a 2:b,c 3:D"), QStringLiteral("1:a 2:c 3:D")}
        << QStringList{};
    QTest::newRow("new ECMP member joins known ones")
        << QStringList{QStringLiteral("1:a 2:b 3:D"), QStringLiteral("1:a 2:b 3:D"),
                       QStringLiteral("1:a 2:b,e 3:D"), QStringLiteral("1:a 2:e 3:D"),
                       QStringLiteral("1:a 2:b 3:D")}
        << QStringList{};
    QTest::newRow("flows on two branches")
        << QStringList(4, QStringLiteral("1:a@0,a@1 2:b@0,c@1 3:D@0,D@1")) << QStringList{};
    QTest::newRow("real change at round 3")
        << QStringList{path, path, QStringLiteral("1:a 2:c 3:D"), QStringLiteral("1:a 2:c 3:D"),
                       QStringLiteral("1:a 2:c 3:D")}
        << QStringList{QStringLiteral("3 route-change 2 b->c")};
    QTest::newRow("change of an ECMP set")
        << QStringList{QStringLiteral("2:b,c"), QStringLiteral("2:c,b"), QStringLiteral("2:e,f"),
                       QStringLiteral("2:f,e")}
        << QStringList{QStringLiteral("3 route-change 2 b+c->e+f")};
    QTest::newRow("lost probes do not confirm")
        << QStringList{path, QStringLiteral("1:a 2:c 3:D"), QStringLiteral("1:a 2:* 3:D"),
                       QStringLiteral("1:a 2:b 3:D")}
        << QStringList{};
    QTest::newRow("one-round flap is not a change")
        << QStringList{path, path, QStringLiteral("1:a 2:c 3:D"), path, path} << QStringList{};
    QTest::newRow("longer path") << QStringList{path, path, QStringLiteral("1:a 2:b 3:x 4:D"),
                                                QStringLiteral("1:a 2:b 3:x 4:D")}
                                 << QStringList{QStringLiteral("3 route-change 3 D->x"),
                                                QStringLiteral("3 path-length 3->4")};
    QTest::newRow("destination stops and starts answering")
        << QStringList{path,
                       path,
                       QStringLiteral("1:a 2:b 3:*"),
                       QStringLiteral("1:a 2:b 3:*"),
                       QStringLiteral("1:a 2:b 3:*"),
                       path,
                       path}
        << QStringList{QStringLiteral("3 destination-lost"),
                       QStringLiteral("6 destination-answering")};
    QTest::newRow("destination silent for one round")
        << QStringList{path, QStringLiteral("1:a 2:b 3:*"), path, path} << QStringList{};
    QTest::newRow("destination first silent, then answering")
        << QStringList{QStringLiteral("1:a 2:b 3:*"), QStringLiteral("1:a 2:b 3:D"),
                       QStringLiteral("1:a 2:b 3:D")}
        << QStringList{QStringLiteral("2 destination-answering")};
}

void MonitorSessionTest::routeChanges()
{
    QFETCH(QStringList, rounds);
    QStringList changes;
    const PathModel session = feed(rounds, &changes);
    QTEST(changes, "expected");
    QCOMPARE(int(session.routeChanges().size()), changes.size());
}

void MonitorSessionTest::rateLimiting_data()
{
    QTest::addColumn<QStringList>("rounds");
    QTest::addColumn<int>("ttl");
    QTest::addColumn<QString>("responder");
    QTest::addColumn<bool>("flagged");

    const QStringList limited{QStringLiteral("1:a,a 2:b,* 3:D,D"),
                              QStringLiteral("1:a,a 2:*,b 3:D,D")};
    QTest::newRow("loss that does not continue") << limited << 2 << QStringLiteral("b") << true;
    const QStringList pathLoss{QStringLiteral("1:a,a 2:b,* 3:D,*"),
                               QStringLiteral("1:a,a 2:*,b 3:*,D")};
    QTest::newRow("loss that continues") << pathLoss << 2 << QStringLiteral("b") << false;
    const QStringList silent{QStringLiteral("1:a 2:* 3:D"), QStringLiteral("1:a 2:* 3:D")};
    QTest::newRow("silent router, destination answers") << silent << 2 << QString() << true;
    QTest::newRow("destination's own loss") << pathLoss << 3 << QStringLiteral("D") << false;
    // 6 % at TTL 2 and 4 % later: the later loss is more than half of it, so it is path loss.
    QStringList partly;
    for (int i = 0; i < 10; ++i)
        partly << (i == 0 ? QStringLiteral("1:a,a,a,a,a 2:b,b,*,*,* 3:D,D,*,*,D")
                          : QStringLiteral("1:a,a,a,a,a 2:b,b,b,b,b 3:D,D,D,D,D"));
    QTest::newRow("later loss more than half") << partly << 2 << QStringLiteral("b") << false;
}

void MonitorSessionTest::rateLimiting()
{
    QFETCH(QStringList, rounds);
    QFETCH(int, ttl);
    QFETCH(QString, responder);
    const PathModel session = feed(rounds);
    const std::vector<MonitorHop> hops = session.hops();
    const std::string address =
        responder == QLatin1String("D") ? kDestination : responder.toStdString();
    const MonitorHop *hop = findHop(hops, ttl, address);
    QVERIFY(hop);
    QTEST(hop->likelyRateLimited, "flagged");
}

void MonitorSessionTest::statisticsFollowEveryRound()
{
    // TTL 1's replies over three rounds, in sending order: 1, lost, 3 | 2, 8 | lost, 4.
    const PathModel session = feed(
        {QStringLiteral("1:a=1,*,a=3"), QStringLiteral("1:a=2,a=8"), QStringLiteral("1:*,a=4")});
    const std::vector<MonitorHop> hops = session.hops();
    QCOMPARE(hops.size(), std::size_t(1));
    const std::vector<std::optional<double>> sequence{1, std::nullopt, 3, 2, 8, std::nullopt, 4};
    QCOMPARE(hops[0].stats, computeHopStatistics(sequence));
    QCOMPARE(hops[0].stats.sent, 7);
    QCOMPARE(hops[0].stats.received, 5);
    QCOMPARE(*hops[0].stats.lastMs, 4.0);
    QCOMPARE(*hops[0].stats.minMs, 1.0);
    QCOMPARE(*hops[0].stats.maxMs, 8.0);
    QCOMPARE(*hops[0].stats.avgMs, 3.6);
    QCOMPARE(*hops[0].stats.medianMs, 3.0);
    QCOMPARE(*hops[0].stats.p95Ms, 8.0);
    // |3-1| + |2-3| + |8-2| + |4-8| = 13 over 4 steps.
    QCOMPARE(*hops[0].stats.jitterMs, 13.0 / 4.0);
    QCOMPARE(hops[0].firstRound, 1);
    QCOMPARE(hops[0].lastRound, 3);
}

void MonitorSessionTest::lostProbesCountAgainstTheFlowsRouter()
{
    const PathModel session = feed(
        {QStringLiteral("2:b@0,c@1"), QStringLiteral("2:*@0,*@1"), QStringLiteral("2:*@0,c@1")});
    const std::vector<MonitorHop> hops = session.hops();
    QCOMPARE(hops.size(), std::size_t(2)); // no silent row: every lost probe has its router
    QCOMPARE(findHop(hops, 2, "b")->stats.sent, 3);
    QCOMPARE(findHop(hops, 2, "b")->stats.received, 1);
    QCOMPARE(findHop(hops, 2, "c")->stats.sent, 3);
    QCOMPARE(findHop(hops, 2, "c")->stats.received, 2);
}

void MonitorSessionTest::probeByProbeMatchesWholeRounds()
{
    const QStringList rounds{QStringLiteral("1:a=1,*,a=3 2:b=2@0,c=4@1 3:D=5,D=6"),
                             QStringLiteral("1:a=2 2:*@0,c=3@1 3:D=4,*"),
                             QStringLiteral("1:a=2 2:e=3@0,e=3@1 3:D=4,D=5"),
                             QStringLiteral("1:a=2 2:e=3@0,e=4@1 3:D=4,D=5")};
    PathModel whole;
    PathModel live;
    QStringList wholeChanges;
    QStringList liveChanges;
    int number = 0;
    for (const QString &text : rounds) {
        const MonitorRound round = parseRound(text, ++number);
        for (const RouteChange &change : whole.addRound(round))
            wholeChanges << describe(change);
        live.beginRound(round.number, round.startedUs, round.destination);
        for (const ProbeSample &probe : round.probes)
            live.addProbe(probe);
        QCOMPARE(live.hops().back().stats.sent, whole.hops().back().stats.sent); // counted at once
        for (const RouteChange &change : live.endRound())
            liveChanges << describe(change);
    }
    QCOMPARE(liveChanges, wholeChanges);
    QCOMPARE(liveChanges, QStringList{QStringLiteral("3 route-change 2 b+c->e")});
    QCOMPARE(live.hops(), whole.hops());
}

void MonitorSessionTest::historyKeepsEveryProbeInBoundedMemory()
{
    SampleHistory history(SampleHistoryLimits{10, 4, 2});
    for (int i = 1; i <= 100; ++i) {
        MonitorSample sample;
        sample.round = i;
        sample.sentAtUs = i;
        sample.rttMs = i % 7 == 0 ? std::nanf("") : static_cast<float>(i);
        history.add(sample);
    }
    QCOMPARE(history.recent().size(), std::size_t(10));
    QCOMPARE(history.recent()[0].round, 91);
    QCOMPARE(history.recent().newest().round, 100);
    std::vector<SampleBucket> buckets;
    history.forEachBucket([&buckets](const SampleBucket &bucket) { buckets.push_back(bucket); });
    QVERIFY(buckets.size() <= 5); // four closed and one filling
    int sent = 0;
    int received = 0;
    int expectedFirst = 1;
    for (const SampleBucket &bucket : buckets) {
        QCOMPARE(bucket.firstRound, expectedFirst); // no gaps, no overlaps
        expectedFirst = bucket.lastRound + 1;
        sent += bucket.sent;
        received += bucket.received;
    }
    QCOMPARE(expectedFirst, 91);
    QCOMPARE(sent, 90);
    QCOMPARE(received, 90 - 12); // 7, 14, ..., 84 were lost
    QCOMPARE(buckets.front().minMs, 1.0);
    QVERIFY(history.samplesPerBucket() > 2);
    QCOMPARE(history.totalSamples(), std::int64_t(100));
}

void MonitorSessionTest::longSessionStaysBounded()
{
    MonitorLimits limits;
    limits.history = SampleHistoryLimits{50, 8, 4};
    PathModel session(limits);
    for (int round = 1; round <= 2000; ++round)
        session.addRound(
            parseRound(QStringLiteral("1:a=1,a=2 2:D=%1,*").arg(round % 10 + 1), round));
    const PathModel::Series &destination = session.series().at(2).front();
    QCOMPARE(destination.history.recent().size(), std::size_t(50));
    std::size_t buckets = 0;
    destination.history.forEachBucket([&buckets](const SampleBucket &) { ++buckets; });
    QVERIFY(buckets <= 9);
    const HopStatistics stats = destination.statistics.statistics();
    QCOMPARE(stats.sent, 4000);
    QCOMPARE(stats.received, 2000);
    QCOMPARE(*stats.minMs, 1.0);
    QCOMPARE(*stats.maxMs, 10.0);
    QCOMPARE(*stats.avgMs, 5.5);
}

void MonitorSessionTest::histogramQuantilesStayClose()
{
    RunningStatistics running(100); // exact for 100 replies, then the histogram
    for (int i = 1000; i >= 1; --i)
        running.add(i * 0.1);
    QVERIFY(!running.quantilesExact());
    const HopStatistics stats = running.statistics();
    QCOMPARE(*stats.minMs, 0.1);
    QCOMPARE(*stats.maxMs, 100.0);
    QVERIFY(std::abs(*stats.avgMs - 50.05) < 1e-9);
    QVERIFY2(std::abs(*stats.medianMs / 50.05 - 1) < 0.005,
             qPrintable(QString::number(*stats.medianMs)));
    QVERIFY2(std::abs(*stats.p95Ms / 95.0 - 1) < 0.005, qPrintable(QString::number(*stats.p95Ms)));
}

void MonitorSessionTest::monitorPathRoundTripsThroughJson()
{
    MonitorLimits limits;
    limits.history = SampleHistoryLimits{6, 8, 2}; // so that the file also holds folded history
    PathModel session(limits);
    const QString path = QStringLiteral("1:a=1,a=2 2:b=3,* 3:D=5,D=6");
    for (int round = 1; round <= 3; ++round)
        session.addRound(parseRound(path, round));
    for (int round = 4; round <= 6; ++round)
        session.addRound(parseRound(QStringLiteral("1:a=1,a=2 2:c=3,c=4 3:D=5,D=6"), round));
    NetworkPath latest;
    latest.timestampMs = kStartUs / 1000;
    latest.destination.hostname = "server";
    latest.destination.ipAddress = kDestination;
    latest.hopscope = HopscopeExtension{};
    session.setHeader(latest);
    session.setMonitoring(1000);
    const NetworkPath monitored = session.toNetworkPath();

    QCOMPARE(monitored.hops.size(), std::size_t(3)); // the latest route only
    QCOMPARE(monitored.hops[1].ipAddress, std::string("c"));
    QCOMPARE(*monitored.hops[1].rttMs, 3.5);
    const MonitorSummary &summary = *monitored.hopscope->monitor;
    QCOMPARE(summary.rounds, 6);
    QCOMPARE(summary.routeChanges.size(), std::size_t(1));
    QCOMPARE(summary.routeChanges[0].round, 4);
    QVERIFY(!summary.history.empty());
    QCOMPARE(monitored.hopscope->probes.front().round, 1);

    const auto reread = networkPathFromJson(networkPathToJson(monitored));
    QVERIFY2(reread, reread ? "" : reread.error().message.c_str());
    QCOMPARE(reread->hopscope->monitor->hops, summary.hops);
    QCOMPARE(reread->hopscope->monitor->routeChanges, summary.routeChanges);
    QCOMPARE(reread->hopscope->monitor->history, summary.history);
    QCOMPARE(reread->hopscope->probes, monitored.hopscope->probes);
}

// The summary of many sessions sees each by its destination: the row at the TTL it answers at,
// its lost replies counted, its latest probes in order, the last route change.
void MonitorSessionTest::glanceFollowsTheDestination()
{
    QVERIFY(!glanceAt(PathModel(), 5).destinationTtl);
    QStringList changes;
    const PathModel session =
        feed({QStringLiteral("1:a=1 2:D=10"), QStringLiteral("1:a=1 2:D=12"),
              QStringLiteral("1:a=1 2:*"), QStringLiteral("1:a=1 2:D=14"),
              QStringLiteral("1:a=1 2:b=2 3:D=20"), QStringLiteral("1:a=1 2:b=2 3:D=22")},
             &changes);
    const SessionGlance glance = glanceAt(session, 3);
    QCOMPARE(glance.rounds, 6);
    QVERIFY(glance.reachedLatest);
    QCOMPARE(glance.destinationTtl, std::optional<int>(3));
    QCOMPARE(glance.sent, 2);
    QCOMPARE(glance.received, 2);
    QCOMPARE(glance.lossPercent, std::optional<double>(0.0));
    QCOMPARE(glance.avgMs, std::optional<double>(21.0));
    QCOMPARE(glance.lastMs, std::optional<double>(22.0));
    QCOMPARE(glance.recentMs, (std::vector<std::optional<double>>{20.0, 22.0}));
    QCOMPARE(glance.routeChanges, std::size_t(changes.size()));
    QVERIFY(glance.lastRouteChange);
    QCOMPARE(describe(*glance.lastRouteChange), changes.last());

    // Before the path grew: TTL 2's destination row, with the round it did not answer.
    const SessionGlance earlier =
        glanceAt(feed({QStringLiteral("1:a=1 2:D=10"), QStringLiteral("1:a=1 2:D=12"),
                       QStringLiteral("1:a=1 2:*"), QStringLiteral("1:a=1 2:D=14")}),
                 3);
    QCOMPARE(earlier.destinationTtl, std::optional<int>(2));
    QCOMPARE(earlier.sent, 4);
    QCOMPARE(earlier.received, 3);
    QCOMPARE(earlier.lossPercent, std::optional<double>(25.0));
    QCOMPARE(earlier.recentMs, (std::vector<std::optional<double>>{12.0, std::nullopt, 14.0}));
    QVERIFY(!earlier.lastRouteChange);
}

namespace {

// A period of a session as a file has it.
std::optional<NetworkPath> periodPath(const PathModel &session, std::int64_t fromUs,
                                      std::int64_t toUs)
{
    const auto period = sessionPeriod(session, fromUs, toUs);
    return period ? std::optional<NetworkPath>(period->toNetworkPath()) : std::nullopt;
}

} // namespace

// A period of a session: its own rows, rounds and route changes, as if it had run only then.
void MonitorSessionTest::periodIsTheSessionAsItWasThen()
{
    QStringList changes;
    PathModel session =
        feed({QStringLiteral("1:a=1,a=1 2:D=10,D=12"), QStringLiteral("1:a=1,a=1 2:D=10,D=12"),
              QStringLiteral("1:a=1,a=1 2:D=10,D=12"), QStringLiteral("1:a=2,* 2:b=5,b=5 3:D=30"),
              QStringLiteral("1:a=2,* 2:b=5,b=5 3:D=30"), QStringLiteral("1:a=2,* 2:b=5 3:D=34")},
             &changes);
    QVERIFY(!changes.isEmpty());
    const auto roundStart = [](int number) { return kStartUs + std::int64_t{number} * 1'000'000; };
    QVERIFY(!sessionPeriod(session, roundStart(8), roundStart(9)));
    // An alert raised in round 2 and cleared in round 5: each period lists its own.
    for (const auto &[round, raised] : {std::pair{2, true}, std::pair{5, false}}) {
        AlertEvent event;
        event.rule = *parseAlertRule("jitter>1ms/2");
        event.raised = raised;
        event.round = round;
        event.timeUs = roundStart(round);
        session.addAlert(event);
    }

    const auto before = periodPath(session, roundStart(1), roundStart(4) - 1);
    QVERIFY(before && before->hopscope && before->hopscope->monitor);
    const MonitorSummary &early = *before->hopscope->monitor;
    QCOMPARE(early.rounds, 3);
    QVERIFY(early.routeChanges.empty());
    QCOMPARE(early.startedUs, roundStart(1));
    const MonitorHop *destination = findHop(early.hops, 2, kDestination);
    QVERIFY(destination);
    QCOMPARE(destination->stats.sent, 6);
    QCOMPARE(destination->stats.avgMs, std::optional<double>(11.0));
    QCOMPARE(destination->stats.medianMs, std::optional<double>(11.0));
    QVERIFY(!findHop(early.hops, 3, kDestination));
    QCOMPARE(before->timestampMs, roundStart(1) / 1000);
    QCOMPARE(early.alerts.size(), std::size_t(1));
    QVERIFY(early.alerts.front().raised && early.alerts.front().round == 2);

    const auto after = periodPath(session, roundStart(4), roundStart(7));
    QVERIFY(after);
    const MonitorSummary &late = *after->hopscope->monitor;
    QCOMPARE(late.rounds, 3);
    const MonitorHop *first = findHop(late.hops, 1, "a");
    QVERIFY(first);
    QCOMPARE(first->stats.sent, 6);
    QCOMPARE(first->stats.received, 3);
    QCOMPARE(first->stats.lossPercent, 50.0);
    QCOMPARE(first->stats.avgMs, std::optional<double>(2.0));
    QCOMPARE(findHop(late.hops, 3, kDestination)->stats.maxMs, std::optional<double>(34.0));
    QVERIFY(!findHop(late.hops, 2, kDestination));
    // The session's own changes of those rounds, not what a session of three rounds would see.
    QCOMPARE(late.routeChanges.size(), session.routeChanges().size());
    QCOMPARE(late.alerts.size(), std::size_t(1));
    QVERIFY(!late.alerts.front().raised && late.alerts.front().round == 5);
    // Shown as a saved path: the period's rows, the destination where it answered then.
    const PathModel shown = PathModel::fromPath(*after);
    QCOMPARE(shown.destinationTtl(), std::optional<int>(3));
    QCOMPARE(shown.hops(), late.hops);
    const auto model = sessionPeriod(session, roundStart(4), roundStart(7));
    QCOMPARE(model->hops(), late.hops);
    QCOMPARE(model->destinationTtl(), std::optional<int>(3));
    QCOMPARE(model->rounds(), 3);
}

// Probes too old to be kept one by one still count in a period, from their folded buckets.
void MonitorSessionTest::periodCountsFoldedProbes()
{
    MonitorLimits limits;
    limits.history = SampleHistoryLimits{4, 8, 2};
    limits.maxAlerts = 2;
    PathModel session(limits);
    session.setMonitoring(1000);
    for (int number = 1; number <= 10; ++number)
        session.addRound(parseRound(QStringLiteral("1:a=1 2:D=%1").arg(number), number));
    // Alerts are bounded like route changes: the oldest are counted, not kept.
    for (int number = 1; number <= 3; ++number)
        session.addAlert(AlertEvent{*parseAlertRule("route"), true, number, 0, 0, {}});
    QCOMPARE(session.alerts().size(), std::size_t(2));
    QCOMPARE(session.alertsAdded(), std::size_t(3));
    QCOMPARE(session.alerts().front().round, 2);
    QCOMPARE(session.summary().forgottenAlerts, std::int64_t(1));
    const auto roundStart = [](int number) { return kStartUs + std::int64_t{number} * 1'000'000; };

    // Rounds 1 to 4 are folded two by two: their sums are known, their median is not.
    const auto folded = periodPath(session, roundStart(1), roundStart(5) - 1);
    QVERIFY(folded);
    const MonitorHop *old = findHop(folded->hopscope->monitor->hops, 2, kDestination);
    QVERIFY(old);
    QCOMPARE(old->stats.sent, 4);
    QCOMPARE(old->stats.received, 4);
    QCOMPARE(old->stats.avgMs, std::optional<double>(2.5));
    QCOMPARE(old->stats.minMs, std::optional<double>(1.0));
    QCOMPARE(old->stats.maxMs, std::optional<double>(4.0));
    QVERIFY(!old->stats.medianMs);
    QCOMPARE(folded->hopscope->monitor->rounds, 4);
    QCOMPARE(folded->hopscope->monitor->history.size(), std::size_t(4)); // two buckets a row

    // Rounds 5 to 8: one bucket (5 and 6) and two rounds kept one by one.
    const auto mixed = periodPath(session, roundStart(5), roundStart(9) - 1);
    QVERIFY(mixed);
    const MonitorHop *both = findHop(mixed->hopscope->monitor->hops, 2, kDestination);
    QCOMPARE(both->stats.sent, 4);
    QCOMPARE(both->stats.avgMs, std::optional<double>(6.5));
    QCOMPARE(both->stats.maxMs, std::optional<double>(8.0));
    QCOMPARE(both->firstRound, 5);
    QCOMPARE(both->lastRound, 8);
    QCOMPARE(mixed->hopscope->monitor->rounds, 4);

    // A timeline of the row: every probe once, in slices of the time asked.
    const PathModel::Series &row = session.series().at(2).front();
    const std::vector<SampleBucket> slices =
        timeSlices(row.history, roundStart(1), roundStart(11) - 1, 5);
    int sent = 0;
    double sum = 0;
    for (const SampleBucket &slice : slices) {
        sent += slice.sent;
        sum += slice.sumMs;
    }
    QCOMPARE(sent, 10);
    QCOMPARE(sum, 55.0);
    QCOMPARE(slices.size(), std::size_t(5));
    QCOMPARE(slices.back().maxMs, 10.0);
    QVERIFY(timeSlices(row.history, roundStart(20), roundStart(30), 5).empty());

    // Saved and read again: the file's buckets stand for the probes folded, in a period and on a
    // timeline alike.
    const PathModel saved = PathModel::fromPath(session.toNetworkPath(), limits);
    const auto reread = periodPath(saved, roundStart(1), roundStart(5) - 1);
    QVERIFY(reread);
    QCOMPARE(reread->hopscope->monitor->hops, folded->hopscope->monitor->hops);
    const PathModel::Series &savedRow = saved.series().at(2).front();
    const std::vector<SampleBucket> older = fileBucketsOf(saved, 2, kDestination);
    QCOMPARE(older.size(), std::size_t(3));
    QVERIFY(fileBucketsOf(session, 2, kDestination).empty());
    sent = 0;
    sum = 0;
    for (const SampleBucket &slice :
         timeSlices(savedRow.history, roundStart(1), roundStart(11) - 1, 5, older)) {
        sent += slice.sent;
        sum += slice.sumMs;
    }
    QCOMPARE(sent, 10);
    QCOMPARE(sum, 55.0);
}

void MonitorSessionTest::aSessionGoesOnFromItsState_data()
{
    QTest::addColumn<int>("savedAt");
    QTest::addColumn<int>("rounds");
    QTest::newRow("after the first round") << 1 << 40;
    QTest::newRow("while a route change waits to be confirmed") << 300 << 420;
    QTest::newRow("with folded buckets, quantiles from the histogram") << 2300 << 2500;
}

// A model saved as its state and read back goes on exactly as the one that never stopped: the
// same rows to the last bit, the same links, route changes and alerts, the same file.
void MonitorSessionTest::aSessionGoesOnFromItsState()
{
    QFETCH(int, savedAt);
    QFETCH(int, rounds);
    MonitorLimits limits;
    limits.history = SampleHistoryLimits{50, 8, 4};
    limits.maxRouteChanges = 3;
    limits.maxAlerts = 2;
    NetworkPath header;
    header.timestampMs = kStartUs / 1000;
    header.destination.hostname = "server";
    header.destination.ipAddress = kDestination;
    header.hopscope = HopscopeExtension{};

    PathModel unbroken(limits);
    unbroken.setHeader(header);
    unbroken.setMonitoring(1000);
    std::optional<PathModel> resumed;
    for (int round = 1; round <= rounds; ++round) {
        const std::vector<RouteChange> changes = unbroken.addRound(eventfulRound(round));
        if (round % 50 == 0)
            unbroken.addAlert(eventfulAlert(round));
        if (resumed) {
            QCOMPARE(resumed->addRound(eventfulRound(round)), changes);
            if (round % 50 == 0)
                resumed->addAlert(eventfulAlert(round));
        }
        if (round == savedAt) {
            auto read = restorePathModelState(savePathModelState(unbroken), limits);
            QVERIFY2(read, read ? "" : read.error().message.c_str());
            resumed = std::move(*read);
            QCOMPARE(resumed->hops(), unbroken.hops());
        }
    }
    QVERIFY(resumed);
    if (savedAt > 2000) { // what the row makes of its replies is no longer exact
        QVERIFY(!unbroken.series().at(1).front().statistics.quantilesExact());
        QVERIFY(unbroken.series().at(1).front().history.samplesPerBucket() > 4);
    }
    QCOMPARE(resumed->hops(), unbroken.hops());
    QCOMPARE(resumed->edges(), unbroken.edges());
    QCOMPARE(resumed->linksToDraw(), unbroken.linksToDraw());
    QCOMPARE(resumed->routeChanges(), unbroken.routeChanges());
    QCOMPARE(resumed->forgottenRouteChanges(), unbroken.forgottenRouteChanges());
    QCOMPARE(resumed->alerts(), unbroken.alerts());
    QCOMPARE(resumed->alertsAdded(), unbroken.alertsAdded());
    QCOMPARE(resumed->summary(), unbroken.summary());
    QCOMPARE(networkPathToJson(resumed->toNetworkPath()),
             networkPathToJson(unbroken.toNetworkPath()));
    QCOMPARE(resumed->header().destination.hostname, std::string("server"));
    if (rounds > 300)
        QVERIFY(!unbroken.routeChanges().empty());
    if (rounds > 2000)
        QVERIFY(unbroken.forgottenRouteChanges() > 0 && unbroken.alertsAdded() > 2);
}

// A state cut short, from another version or damaged is refused with where it stopped reading,
// and nothing in it is believed: a byte changed anywhere either reads or is refused.
void MonitorSessionTest::aStateThatDoesNotReadIsRefused()
{
    PathModel session;
    for (int round = 1; round <= 30; ++round)
        session.addRound(eventfulRound(round));
    session.addAlert(eventfulAlert(30));
    const std::string state = savePathModelState(session);
    QVERIFY(restorePathModelState(state));

    const auto notState = restorePathModelState("{\"probes\": []}");
    QVERIFY(!notState);
    QCOMPARE(notState.error().message, std::string("it is not a session's state"));
    std::string newer = state;
    newer[4] = 2;
    QCOMPARE(restorePathModelState(newer).error().message,
             std::string("it was written as version 2 of a session's state; this build reads "
                         "version 1"));
    for (const std::size_t cut :
         {std::size_t(8), std::size_t(40), state.size() / 2, state.size() - 1}) {
        const auto read = restorePathModelState(state.substr(0, cut));
        QVERIFY(!read);
        QVERIFY2(read.error().message.find("at byte") != std::string::npos,
                 read.error().message.c_str());
    }
    QVERIFY(!restorePathModelState(state + "x"));
    int refused = 0;
    for (std::size_t at = 8; at < state.size(); at += 7) {
        std::string damaged = state;
        damaged[at] = static_cast<char>(0xff);
        if (!restorePathModelState(damaged))
            ++refused;
    }
    QVERIFY(refused > 0);
}

// While a round is under way, the rows it has not reached yet stay on the route, and the TTL
// figures and the hops a file lists with them: a live view does not drop them until their probes
// come back. A new responder joins the route at once; the old one leaves when the round ends.
void MonitorSessionTest::aRoundUnderWayKeepsTheRoute()
{
    PathModel session =
        feed({QStringLiteral("1:a=1 2:b=2 3:D=3"), QStringLiteral("1:a=1 2:b=2 3:D=3")});
    const auto onRoute = [&session] {
        QStringList rows;
        for (const MonitorHop &hop : session.hops())
            if (hop.onRoute(session.routeRound()))
                rows << QStringLiteral("%1:%2").arg(hop.ttl).arg(
                    hop.responder == kDestination ? QStringLiteral("D")
                                                  : QString::fromStdString(hop.responder));
        return rows.join(QLatin1Char(' '));
    };
    QCOMPARE(session.routeRound(), 2);
    const MonitorRound third = parseRound(QStringLiteral("1:a=1 2:c=2 3:D=3"), 3);
    session.beginRound(3, third.startedUs, third.destination);
    QCOMPARE(session.latestRound(), 3);
    QCOMPARE(session.routeRound(), 2);
    QCOMPARE(onRoute(), QStringLiteral("1:a 2:b 3:D"));
    session.addProbe(third.probes[0]);
    QCOMPARE(onRoute(), QStringLiteral("1:a 2:b 3:D"));
    QCOMPARE(session.latestTtlFigures().size(), std::size_t(3));
    QCOMPARE(session.latestHops().size(), std::size_t(3));
    session.addProbe(third.probes[1]);
    QCOMPARE(onRoute(), QStringLiteral("1:a 2:b 2:c 3:D"));
    session.addProbe(third.probes[2]);
    session.endRound();
    QCOMPARE(session.routeRound(), 3);
    QCOMPARE(onRoute(), QStringLiteral("1:a 2:c 3:D"));
}

QTEST_GUILESS_MAIN(MonitorSessionTest)
#include "tst_monitorsession.moc"
