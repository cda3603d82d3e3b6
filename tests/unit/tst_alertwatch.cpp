// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "monitor/alertwatch.h"

#include <QTest>

using namespace hopscope;

namespace {

const std::string kDestination = "198.18.3.2";

// One round of a path of three TTLs: the routers answer at TTLs 1 and 2, the destination at 3
// after `rttMs`, or not at all.
ProbeSample probe(int ttl, const std::string &responder, std::optional<double> rttMs)
{
    ProbeSample sample;
    sample.ttl = ttl;
    sample.responder = responder;
    sample.rttMs = rttMs;
    return sample;
}

// A round that does not reach the destination goes on probing beyond it, as the engine does.
std::vector<ProbeSample> roundOf(std::optional<double> rttMs)
{
    std::vector<ProbeSample> probes{probe(1, "198.18.1.2", 1.0), probe(2, "198.18.2.2", 2.0),
                                    probe(3, rttMs ? kDestination : std::string(), rttMs)};
    if (!rttMs)
        for (int ttl = 4; ttl <= 8; ++ttl)
            probes.push_back(probe(ttl, std::string(), std::nullopt));
    return probes;
}

// Feeds rounds with these destination RTTs (negative: no answer), from round 1.
std::vector<AlertEvent> feed(AlertWatch &watch, const std::vector<double> &rtts, int firstRound = 1)
{
    std::vector<AlertEvent> events;
    int round = firstRound;
    for (const double rtt : rtts) {
        auto more = watch.roundSettled(round, round * 1'000'000LL, kDestination,
                                       roundOf(rtt < 0 ? std::nullopt : std::optional(rtt)), {});
        events.insert(events.end(), more.begin(), more.end());
        ++round;
    }
    return events;
}

AlertRule rule(const char *text)
{
    auto parsed = parseAlertRule(text);
    return parsed ? *parsed : AlertRule{};
}

} // namespace

// The alert rules `monitor --alert` and the window take, and when each begins and ends.
class AlertWatchTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parses_data();
    void parses();
    void refuses_data();
    void refuses();
    void lossRaisesOnceAndClears();
    void routersLossIsNoAlert();
    void latencyAndJitter();
    void destinationLost();
    void routeChange();
};

void AlertWatchTest::parses_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<int>("kind");
    QTest::addColumn<double>("threshold");
    QTest::addColumn<int>("rounds");
    QTest::addColumn<QString>("normalised");
    using Kind = AlertRule::Kind;
    QTest::newRow("loss") << "loss>20%" << int(Kind::Loss) << 20.0 << 5 << "loss>20%/5";
    QTest::newRow("loss rounds") << "loss>2.5%/30" << int(Kind::Loss) << 2.5 << 30
                                 << "loss>2.5%/30";
    QTest::newRow("latency") << "latency>150ms/3" << int(Kind::Latency) << 150.0 << 3
                             << "latency>150ms/3";
    QTest::newRow("jitter") << "jitter>30ms" << int(Kind::Jitter) << 30.0 << 5 << "jitter>30ms/5";
    QTest::newRow("lost") << "lost" << int(Kind::DestinationLost) << 0.0 << 3 << "lost/3";
    QTest::newRow("lost rounds") << "lost/10" << int(Kind::DestinationLost) << 0.0 << 10
                                 << "lost/10";
    QTest::newRow("route") << "route" << int(Kind::RouteChange) << 0.0 << 1 << "route";
}

void AlertWatchTest::parses()
{
    QFETCH(QString, text);
    QFETCH(int, kind);
    QFETCH(double, threshold);
    QFETCH(int, rounds);
    QFETCH(QString, normalised);
    const auto parsed = parseAlertRule(text.toStdString());
    QVERIFY2(parsed, parsed ? "" : parsed.error().message.c_str());
    QCOMPARE(int(parsed->kind), kind);
    QCOMPARE(parsed->threshold, threshold);
    QCOMPARE(parsed->rounds, rounds);
    QCOMPARE(QString::fromStdString(parsed->text), normalised);
}

void AlertWatchTest::refuses_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("why");
    QTest::newRow("empty") << ""
                           << "unknown rule";
    QTest::newRow("unknown") << "rtt>5ms"
                             << "unknown rule \"rtt\"";
    QTest::newRow("no unit") << "loss>20"
                             << "the threshold needs its unit, %";
    QTest::newRow("wrong unit") << "latency>20%"
                                << "the threshold needs its unit, ms";
    QTest::newRow("all lost") << "loss>100%"
                              << "the loss must be a number from 0 to under 100";
    QTest::newRow("negative") << "jitter>-1ms"
                              << "a number of milliseconds, 0 or more";
    QTest::newRow("not a number") << "latency>fastms"
                                  << "a number of milliseconds, 0 or more";
    QTest::newRow("zero rounds") << "loss>5%/0"
                                 << "a whole number from 1 to 10000";
    QTest::newRow("rounds text") << "lost/x"
                                 << "a whole number from 1 to 10000";
    QTest::newRow("route rounds") << "route/3"
                                  << "judged at each round";
}

void AlertWatchTest::refuses()
{
    QFETCH(QString, text);
    QFETCH(QString, why);
    const auto parsed = parseAlertRule(text.toStdString());
    QVERIFY(!parsed);
    const QString message = QString::fromStdString(parsed.error().message);
    QVERIFY2(message.startsWith(QStringLiteral("alert rule \"%1\": ").arg(text)),
             qPrintable(message));
    QVERIFY2(message.contains(why), qPrintable(message));
}

void AlertWatchTest::lossRaisesOnceAndClears()
{
    AlertWatch watch({rule("loss>30%/5")});
    // Five good rounds, then the destination stops answering: the third lost round of five is
    // 60 %, over 30 %; the alert is raised then, and only then.
    auto events = feed(watch, {1, 1, 1, 1, 1, -1, -1, -1, -1, -1, -1});
    QCOMPARE(events.size(), std::size_t(1));
    QVERIFY(events[0].raised);
    QCOMPARE(events[0].round, 7); // rounds 3-7: 2 of 5 lost, 40 %
    QCOMPARE(events[0].value, 40.0);
    QCOMPARE(events[0].detail,
             std::string("loss 40.0% at 198.18.3.2 (2 of 5 probes in the last 5 rounds)"));
    QCOMPARE(describeAlertEvent(events[0]),
             std::string("alert loss>30%/5 in round 7: loss 40.0% at 198.18.3.2 (2 of 5 probes "
                         "in the last 5 rounds)"));
    // Answering again: cleared once the window is down to 1 lost in 5.
    events = feed(watch, {1, 1, 1, 1, 1}, 12);
    QCOMPARE(events.size(), std::size_t(1));
    QVERIFY(!events[0].raised);
    QCOMPARE(events[0].round, 15); // rounds 11-15: 1 of 5 lost
    QCOMPARE(events[0].value, 20.0);
}

void AlertWatchTest::routersLossIsNoAlert()
{
    // The routers ration their answers; only the destination's count.
    AlertWatch watch({rule("loss>0%/2")});
    std::vector<ProbeSample> probes = roundOf(5.0);
    probes[0].responder.clear();
    probes[0].rttMs.reset();
    for (int round = 1; round <= 4; ++round)
        QVERIFY(watch.roundSettled(round, 0, kDestination, probes, {}).empty());
}

void AlertWatchTest::latencyAndJitter()
{
    AlertWatch watch({rule("latency>100ms/3"), rule("jitter>40ms/3")});
    auto events = feed(watch, {10, 20, 10, 150, 160, 170, 10, 10, 10});
    std::vector<std::string> said;
    for (const AlertEvent &event : events)
        said.push_back((event.raised ? "+" : "-") + event.rule.text + "@" +
                       std::to_string(event.round));
    // Latency, the mean of three rounds: 106.7 ms at round 5 (10, 150, 160), 63.3 ms at round 8
    // (170, 10, 10). Jitter, the mean of the two differences in three rounds: 75 ms at round 4
    // (20, 10, 150), 10 at round 6 (150, 160, 170), 85 at round 7 (160, 170, 10), 0 at round 9.
    const std::vector<std::string> expected{"+jitter>40ms/3@4",   "+latency>100ms/3@5",
                                            "-jitter>40ms/3@6",   "+jitter>40ms/3@7",
                                            "-latency>100ms/3@8", "-jitter>40ms/3@9"};
    QCOMPARE(said, expected);
    QCOMPARE(events[1].detail,
             std::string("mean round-trip time 106.7 ms to 198.18.3.2 over the last 3 rounds"));
    // Below 100 ms, two decimals, as the views show them: a loopback's figures are not 0.0.
    AlertWatch fine({rule("latency>0.01ms/1")});
    const auto loopback = feed(fine, {0.04});
    QCOMPARE(loopback.size(), std::size_t(1));
    QCOMPARE(loopback[0].detail,
             std::string("mean round-trip time 0.04 ms to 198.18.3.2 over the last round"));
}

void AlertWatchTest::destinationLost()
{
    AlertWatch watch({rule("lost/3")});
    auto events = feed(watch, {5, -1, -1, -1, -1, 5});
    QCOMPARE(events.size(), std::size_t(2));
    QVERIFY(events[0].raised);
    QCOMPARE(events[0].round, 4);
    QCOMPARE(events[0].detail, std::string("no answer from 198.18.3.2 in 3 rounds in a row"));
    QVERIFY(!events[1].raised);
    QCOMPARE(events[1].round, 6);
}

void AlertWatchTest::routeChange()
{
    AlertWatch watch({rule("route")});
    RouteChange moved;
    moved.kind = RouteChange::Kind::Responders;
    moved.round = 3;
    moved.ttl = 2;
    moved.before = {"198.18.2.2"};
    moved.after = {"198.18.10.2"};
    RouteChange lost;
    lost.kind = RouteChange::Kind::DestinationLost;
    QVERIFY(watch.roundSettled(2, 0, kDestination, roundOf(1.0), {lost}).empty());
    const auto events = watch.roundSettled(3, 0, kDestination, roundOf(1.0), {moved});
    QCOMPARE(events.size(), std::size_t(1));
    QVERIFY(events[0].raised);
    QCOMPARE(events[0].detail, describeRouteChange(moved));
}

QTEST_GUILESS_MAIN(AlertWatchTest)
#include "tst_alertwatch.moc"
