// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "compare/pathcomparison.h"
#include "compare/pathtimeline.h"
#include "report/comparisonformat.h"
#include "stats/mannwhitney.h"

#include <QTest>

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <vector>

using namespace hopscope;

namespace {

const std::string kDestination = "10.9.9.9";

// "a" is 10.0.0.1, "b" 10.0.0.2, ...; "D" is the destination.
std::string address(QChar letter)
{
    if (letter == QLatin1Char('D'))
        return kDestination;
    return "10.0.0." + std::to_string(letter.unicode() - 'a' + 1);
}

// A path from a line such as "a b,c * D": one word per TTL from 1, "*" for a silent TTL,
// several responders at one TTL separated by commas. Each responder answers `queries` probes
// with an RTT of ttl milliseconds (plus a little spread); a silent TTL loses its probes.
PathModel modelOf(const NetworkPath &path)
{
    return PathModel::fromPath(path);
}

std::vector<PathModel> modelsOf(const std::vector<NetworkPath> &paths)
{
    std::vector<PathModel> models;
    for (const NetworkPath &path : paths)
        models.push_back(PathModel::fromPath(path));
    return models;
}

NetworkPath pathFrom(const QString &spec, int queries = 3)
{
    NetworkPath path;
    path.timestampMs = 1'764'000'000'000;
    path.destination.ipAddress = kDestination;
    path.destination.port = 443;
    path.hopscope = HopscopeExtension{};
    const QStringList words = spec.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    for (int i = 0; i < words.size(); ++i) {
        const int ttl = i + 1;
        if (words[i] == QLatin1String("*")) {
            path.hops.push_back(
                {ttl, unknownHopName(ttl), unknownHopName(ttl), std::nullopt, false});
            for (int q = 0; q < queries; ++q)
                path.hopscope->probes.push_back({ttl, 0, {}, std::nullopt, {}, {}, 0, 0});
            continue;
        }
        for (const QString &name : words[i].split(QLatin1Char(','))) {
            const std::string responder = address(name.at(0));
            path.hops.push_back({ttl, responder, {}, double(ttl), true});
            for (int q = 0; q < queries; ++q)
                path.hopscope->probes.push_back({ttl, 0, responder, ttl + 0.01 * q, {}, {}, 0, 0});
        }
    }
    return path;
}

// Replaces the probes at `ttl` with replies of the given RTTs from `responder`.
void setSamples(NetworkPath &path, int ttl, const std::string &responder,
                const std::vector<double> &rtts)
{
    std::erase_if(path.hopscope->probes, [ttl](const ProbeSample &p) { return p.ttl == ttl; });
    for (const double rtt : rtts)
        path.hopscope->probes.push_back({ttl, 0, responder, rtt, {}, {}, 0, 0});
}

QString changeList(const PathComparison &comparison)
{
    QStringList names;
    for (const TtlComparison &row : comparison.ttls)
        names << QString::fromLatin1(hopChangeName(row.change));
    return names.join(QLatin1Char(' '));
}

std::vector<double> spread(double from, double step, int count)
{
    std::vector<double> values;
    for (int i = 0; i < count; ++i)
        values.push_back(from + step * i);
    return values;
}

} // namespace

class PathCompareTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void mannWhitneyExact_data()
    {
        QTest::addColumn<QList<double>>("a");
        QTest::addColumn<QList<double>>("b");
        QTest::addColumn<double>("u");
        QTest::addColumn<double>("p");
        // Two-sided exact p = 2 * (orderings with U <= u) / C(n1 + n2, n1).
        QTest::newRow("5v5 separated")
            << QList<double>{1, 2, 3, 4, 5} << QList<double>{6, 7, 8, 9, 10} << 0.0 << 2.0 / 252.0;
        // The 5% two-sided critical value for 5 and 5 is U = 2: 4 orderings of 252 have U <= 2.
        QTest::newRow("5v5 U=2") << QList<double>{1, 2, 3, 4, 7} << QList<double>{5, 6, 8, 9, 10}
                                 << 2.0 << 8.0 / 252.0;
        QTest::newRow("5v5 U=3") << QList<double>{1, 2, 3, 4, 8} << QList<double>{5, 6, 7, 9, 10}
                                 << 3.0 << 14.0 / 252.0;
        QTest::newRow("order does not matter")
            << QList<double>{10, 9, 8, 7, 6} << QList<double>{5, 4, 3, 2, 1} << 25.0 << 2.0 / 252.0;
        QTest::newRow("1v1") << QList<double>{1} << QList<double>{2} << 0.0 << 1.0;
        QTest::newRow("interleaved")
            << QList<double>{1, 3, 5, 7} << QList<double>{2, 4, 6, 8} << 6.0
            << 2.0 * 24.0 / 70.0; // 24 of the 70 orderings have U <= 6
    }
    void mannWhitneyExact()
    {
        QFETCH(QList<double>, a);
        QFETCH(QList<double>, b);
        QFETCH(double, u);
        QFETCH(double, p);
        const std::vector<double> x(a.begin(), a.end());
        const std::vector<double> y(b.begin(), b.end());
        const MannWhitneyResult result = mannWhitneyU(x, y);
        QVERIFY(result.exact);
        QCOMPARE(result.u, u);
        QVERIFY2(std::abs(result.pValue - p) < 1e-12,
                 qPrintable(QString::number(result.pValue, 'g', 12)));
    }

    // Published critical values for 10 and 10 at 5 % two-sided: U = 23 is significant, 24 is not.
    void mannWhitneyCriticalValue()
    {
        // The first sample takes the given ranks of 1..20, the second the rest: U = rank sum - 55.
        const auto ranksToSamples = [](const std::vector<int> &ranksOfA, std::vector<double> &x,
                                       std::vector<double> &y) {
            x.clear();
            y.clear();
            for (int r = 1; r <= 20; ++r)
                (std::find(ranksOfA.begin(), ranksOfA.end(), r) != ranksOfA.end() ? x : y)
                    .push_back(r);
        };
        std::vector<double> x, y;
        ranksToSamples({1, 2, 3, 4, 5, 6, 7, 15, 17, 18}, x, y);
        MannWhitneyResult r23 = mannWhitneyU(x, y);
        QCOMPARE(r23.u, 23.0);
        QVERIFY2(r23.pValue < 0.05, qPrintable(QString::number(r23.pValue)));
        ranksToSamples({1, 2, 3, 4, 5, 6, 7, 16, 17, 18}, x, y);
        MannWhitneyResult r24 = mannWhitneyU(x, y);
        QCOMPARE(r24.u, 24.0);
        QVERIFY2(r24.pValue > 0.05, qPrintable(QString::number(r24.pValue)));
    }

    void mannWhitneyApproximation()
    {
        // Ties send the test to the normal approximation.
        const std::vector<double> a{1, 2, 2, 3, 4, 5};
        const std::vector<double> b{6, 7, 7, 8, 9, 10};
        const MannWhitneyResult tied = mannWhitneyU(a, b);
        QVERIFY(!tied.exact);
        QCOMPARE(tied.u, 0.0);
        // z = (18 - 0.5) / sqrt(36 / 12 * (13 - 12 / 132)) = 17.5 / 6.2158..., p = erfc(z / sqrt 2)
        const double sigma = std::sqrt(36.0 / 12.0 * (13.0 - 12.0 / 132.0));
        QVERIFY(std::abs(tied.pValue - std::erfc(17.5 / sigma / std::sqrt(2.0))) < 1e-12);

        // At the exact limit the exact distribution and the normal curve agree closely; one
        // more value switches to the approximation.
        const std::vector<double> x = spread(0, 2, 25);
        const std::vector<double> y = spread(9, 2, 25);
        const MannWhitneyResult exact = mannWhitneyU(x, y);
        QVERIFY(exact.exact);
        const double z = (std::abs(exact.u - 312.5) - 0.5) / std::sqrt(625.0 * 51.0 / 12.0);
        QVERIFY2(std::abs(exact.pValue - std::erfc(z / std::sqrt(2.0))) < 0.005,
                 qPrintable(QString::number(exact.pValue)));
        QVERIFY(!mannWhitneyU(spread(0, 2, 26), y).exact);

        const std::vector<double> same(8, 4.0);
        QCOMPARE(mannWhitneyU(same, same).pValue, 1.0);
        QCOMPARE(mannWhitneyU({}, same).pValue, 1.0);
    }

    void routes_data()
    {
        QTest::addColumn<QString>("first");
        QTest::addColumn<QString>("second");
        QTest::addColumn<QString>("changes");
        QTest::addColumn<bool>("differ");
        QTest::addColumn<bool>("reachabilityChanged");
        QTest::addColumn<QString>("verdict");

        QTest::newRow("same path")
            << "a b c D"
            << "a b c D"
            << "same same same same" << false << false << "The routes are the same.";
        QTest::newRow("changed hop")
            << "a b c D"
            << "a x c D"
            << "same changed same same" << true << false << "The routes differ: 1 hop changed.";
        QTest::newRow("added hop")
            << "a b D"
            << "a b c D"
            << "same same changed added" << true << false
            << "The routes differ: 1 hop changed, 1 hop added, path length 3 -> 4.";
        QTest::newRow("removed hop")
            << "a b c D"
            << "a b D"
            << "same same changed removed" << true << false
            << "The routes differ: 1 hop changed, 1 hop removed, path length 4 -> 3.";
        QTest::newRow("ECMP set change") << "a b,c d D"
                                         << "a b,e d D"
                                         << "same ecmp-changed same same" << true << false
                                         << "The routes differ: 1 hop with a different ECMP set.";
        QTest::newRow("ECMP set grows") << "a b d D"
                                        << "a b,c d D"
                                        << "same ecmp-changed same same" << true << false
                                        << "The routes differ: 1 hop with a different ECMP set.";
        QTest::newRow("ECMP same set")
            << "a c,b d D"
            << "a b,c d D"
            << "same same same same" << false << false << "The routes are the same.";
        QTest::newRow("whole ECMP set replaced")
            << "a b,c D"
            << "a x,y D"
            << "same changed same" << true << false << "The routes differ: 1 hop changed.";
        QTest::newRow("destination lost")
            << "a b c D"
            << "a b * * * * * *"
            << "same same removed removed" << true << true
            << "The routes differ: the destination is no longer reached, 2 hops "
               "removed, path length 4 -> 2.";
        QTest::newRow("destination back")
            << "a b * * * *"
            << "a b c D"
            << "same same added added" << true << true
            << "The routes differ: the destination is now reached, 2 hops added, "
               "path length 2 -> 4.";
        QTest::newRow("router goes silent")
            << "a b c D"
            << "a * c D"
            << "same now-silent same same" << false << false << "The routes are the same.";
        QTest::newRow("router answers again")
            << "a * c D"
            << "a b c D"
            << "same now-answering same same" << false << false << "The routes are the same.";
        QTest::newRow("both unreached, same")
            << "a b * *"
            << "a b * * * *"
            << "same same" << false << false << "The routes are the same.";
        QTest::newRow("nothing answered") << "* * *"
                                          << "* *"
                                          << "" << false << false << "The routes are the same.";
    }
    void routes()
    {
        QFETCH(QString, first);
        QFETCH(QString, second);
        QFETCH(QString, changes);
        QFETCH(bool, differ);
        QFETCH(bool, reachabilityChanged);
        QFETCH(QString, verdict);
        const PathComparison comparison =
            comparePaths(modelOf(pathFrom(first)), modelOf(pathFrom(second)));
        QCOMPARE(changeList(comparison), changes);
        QCOMPARE(comparison.routesDiffer(), differ);
        QCOMPARE(comparison.reachabilityChanged(), reachabilityChanged);
        QCOMPARE(QString::fromStdString(comparisonVerdict(comparison)), verdict);
    }

    // Owners known on both sides: the verdict names the ASes of the hops that moved, and of
    // the ASes a path no longer or newly crosses.
    void asChanges_data()
    {
        QTest::addColumn<QString>("first");
        QTest::addColumn<QString>("second");
        QTest::addColumn<QString>("verdict");
        QTest::newRow("a hop moves to another AS")
            << "a b c D"
            << "a b x D"
            << "The routes differ: 1 hop changed. At TTL 3 the path now crosses AS64502 THIRD "
               "instead of AS64501 OTHER.";
        QTest::newRow("an AS is added further on")
            << "a b D"
            << "a b c x D"
            << "The routes differ: 1 hop changed, 2 hops added, path length 3 -> 5. The path now "
               "also crosses "
               "AS64502 THIRD.";
        QTest::newRow("the same ASes, reordered")
            << "a b c D"
            << "a c b D"
            << "The routes differ: 2 hops changed. At TTL 2 the path now crosses AS64501 OTHER "
               "instead of AS64500 FIRST. At TTL 3 the path now crosses AS64500 FIRST instead of "
               "AS64501 OTHER.";
        QTest::newRow("no AS changes") << "a b c D"
                                       << "j b c D"
                                       << "The routes differ: 1 hop changed.";
    }

    void asChanges()
    {
        QFETCH(QString, first);
        QFETCH(QString, second);
        QFETCH(QString, verdict);
        // a: private, no owner; b: AS64500; c and D: AS64501; x: AS64502.
        const auto own = [](NetworkPath path) {
            const auto owner = [](std::uint32_t asn, const char *name) {
                return AddressOwner{asn, name, {}, {}, kOwnerSourceCymru, 1};
            };
            path.hopscope->owners[address(QLatin1Char('b'))] = owner(64500, "FIRST");
            path.hopscope->owners[address(QLatin1Char('c'))] = owner(64501, "OTHER");
            path.hopscope->owners[address(QLatin1Char('D'))] = owner(64501, "OTHER");
            path.hopscope->owners[address(QLatin1Char('x'))] = owner(64502, "THIRD");
            return path;
        };
        const PathComparison comparison =
            comparePaths(modelOf(own(pathFrom(first))), modelOf(own(pathFrom(second))));
        QCOMPARE(QString::fromStdString(comparisonVerdict(comparison)), verdict);
    }

    void responderDetails()
    {
        const PathComparison comparison = comparePaths(modelOf(pathFrom(QStringLiteral("a j,b D"))),
                                                       modelOf(pathFrom(QStringLiteral("a b D"))));
        const TtlComparison &ttl2 = comparison.ttls.at(1);
        // Addresses in address order, not string order.
        QCOMPARE(ttl2.first->responders, (std::vector<std::string>{"10.0.0.2", "10.0.0.10"}));
        QCOMPARE(ttl2.second->responders, (std::vector<std::string>{"10.0.0.2"}));
        QCOMPARE(comparison.first.destinationTtl, std::optional<int>(3));
        QVERIFY(comparison.ttls.at(2).first->destination);
        QCOMPARE(*ttl2.first->lossPercent, 0.0);
        QCOMPARE(ttl2.first->probesSent, 6);
    }

    // A monitoring session's probes include routes it left; its hops are the latest round's.
    void sessionRespondersComeFromHops()
    {
        NetworkPath session = pathFrom(QStringLiteral("a c D"));
        for (ProbeSample &probe : session.hopscope->probes)
            probe.round = 2;
        session.hopscope->probes.push_back({2, 0, address(QLatin1Char('b')), 2.0, {}, {}, 0, 1});
        const PathComparison comparison =
            comparePaths(modelOf(session), modelOf(pathFrom(QStringLiteral("a c D"))));
        QCOMPARE(changeList(comparison), QStringLiteral("same same same"));
        QCOMPARE(comparison.ttls.at(1).first->responders, std::vector<std::string>{"10.0.0.3"});
        QCOMPARE(comparison.ttls.at(1).first->rttsMs.size(),
                 std::size_t(4)); // every reply still counts
    }

    void rttShift_data()
    {
        QTest::addColumn<QList<double>>("before");
        QTest::addColumn<QList<double>>("after");
        QTest::addColumn<bool>("tested");
        QTest::addColumn<bool>("significant");
        QTest::addColumn<double>("medianDelta");

        QTest::newRow("10 ms slower, 10 probes each")
            << QList<double>{5.1, 5.3, 4.9, 5.0, 5.2, 5.4, 4.8, 5.05, 5.15, 5.25}
            << QList<double>{15.1, 15.3, 14.9, 15.0, 15.2, 15.4, 14.8, 15.05, 15.15, 15.25} << true
            << true << 10.0;
        QTest::newRow("same spread, shuffled")
            << QList<double>{5.1, 5.3, 4.9, 5.0, 5.2, 5.4, 4.8, 5.05, 5.15, 5.25}
            << QList<double>{5.25, 4.85, 5.35, 5.02, 5.12, 4.95, 5.22, 5.06, 5.31, 5.17} << true
            << false << 0.0;
        // One slow reply moves the mean by 9 ms but the distributions overlap: not significant.
        QTest::newRow("one outlier")
            << QList<double>{5.1, 5.3, 4.9, 5.0, 5.2, 5.4, 4.8, 5.05, 5.15, 5.25}
            << QList<double>{5.12, 5.28, 4.93, 5.01, 5.18, 5.37, 4.82, 5.07, 5.16, 95.0} << true
            << false << 0.0;
        QTest::newRow("3 probes each cannot be tested")
            << QList<double>{5.0, 5.1, 5.2} << QList<double>{15.0, 15.1, 15.2} << false << false
            << 10.0;
        QTest::newRow("faster") << QList<double>{20, 21, 22, 23, 24, 25}
                                << QList<double>{10, 11, 12, 13, 14, 15} << true << true << -10.0;
        // Every reply 20 microseconds slower: p is small, but the change is noise, not a slower
        // hop.
        QTest::newRow("consistent but tiny")
            << QList<double>{0.010, 0.011, 0.012, 0.013, 0.014, 0.015}
            << QList<double>{0.030, 0.031, 0.032, 0.033, 0.034, 0.035} << true << false << 0.02;
    }
    void rttShift()
    {
        QFETCH(QList<double>, before);
        QFETCH(QList<double>, after);
        QFETCH(bool, tested);
        QFETCH(bool, significant);
        QFETCH(double, medianDelta);
        NetworkPath first = pathFrom(QStringLiteral("a b D"));
        NetworkPath second = first;
        setSamples(first, 3, kDestination, {before.begin(), before.end()});
        setSamples(second, 3, kDestination, {after.begin(), after.end()});
        const PathComparison comparison = comparePaths(modelOf(first), modelOf(second));
        const TtlComparison &row = comparison.ttls.at(2);
        QCOMPARE(row.change, HopChange::Same);
        QVERIFY(row.medianDeltaMs);
        QVERIFY2(std::abs(*row.medianDeltaMs - medianDelta) < 0.06,
                 qPrintable(QString::number(*row.medianDeltaMs)));
        QCOMPARE(row.shift.has_value(), tested);
        if (tested)
            QCOMPARE(row.shift->significant, significant);
        if (tested && medianDelta > 0.0 &&
            medianDelta < kNoticeableShiftMs) { // the test alone would call it
            QVERIFY(row.shift->test.pValue < kSignificanceLevel);
            QVERIFY(
                formatRttTest(row).ends_with(", under 0.1 ms")); // and the table says why it is not
        }
        QVERIFY(!comparison.routesDiffer());

        const std::string text = formatComparison(comparison, modelOf(first), modelOf(second));
        QCOMPARE(text.find("slower at TTL 3") != std::string::npos, significant && medianDelta > 0);
        QCOMPARE(text.find("faster at TTL 3") != std::string::npos, significant && medianDelta < 0);
    }

    void lossDelta()
    {
        NetworkPath first = pathFrom(QStringLiteral("a b D"), 4);
        NetworkPath second = first;
        // Two of the four probes to TTL 2 lost.
        int dropped = 0;
        for (ProbeSample &probe : second.hopscope->probes)
            if (probe.ttl == 2 && dropped < 2) {
                probe.responder.clear();
                probe.rttMs.reset();
                ++dropped;
            }
        const PathComparison comparison = comparePaths(modelOf(first), modelOf(second));
        QCOMPARE(*comparison.ttls.at(1).lossDeltaPercent, 50.0);
        QCOMPARE(comparison.ttls.at(1).change, HopChange::Same);
    }

    // Files without per-probe samples (Datadog payloads) compare by their hops alone.
    void withoutSamples()
    {
        NetworkPath first = pathFrom(QStringLiteral("a b D"));
        NetworkPath second = pathFrom(QStringLiteral("a c D"));
        first.hopscope.reset();
        second.hopscope.reset();
        const PathComparison comparison = comparePaths(modelOf(first), modelOf(second));
        QCOMPARE(changeList(comparison), QStringLiteral("same changed same"));
        QVERIFY(!comparison.ttls.at(0).shift);
        QVERIFY(!comparison.ttls.at(0).first->lossPercent);
        QCOMPARE(*comparison.ttls.at(0).medianDeltaMs, 0.0);
        const std::string text = formatComparison(comparison, modelOf(first), modelOf(second));
        QVERIFY(text.find("not tested: a file without per-probe samples") != std::string::npos);
    }

    void json()
    {
        NetworkPath first = pathFrom(QStringLiteral("a b D"));
        NetworkPath second = pathFrom(QStringLiteral("a c D"));
        setSamples(first, 3, kDestination, spread(5, 0.1, 8));
        setSamples(second, 3, kDestination, spread(25, 0.1, 8));
        const auto document = comparisonToJson(comparePaths(modelOf(first), modelOf(second)),
                                               modelOf(first), modelOf(second));
        QCOMPARE(document["routes_differ"].get<bool>(), true);
        QCOMPARE(document["ttls"].size(), std::size_t(3));
        QCOMPARE(document["ttls"][1]["change"].get<std::string>(), std::string("changed"));
        QCOMPARE(document["ttls"][1]["first"]["responders"][0].get<std::string>(),
                 std::string("10.0.0.2"));
        QCOMPARE(document["ttls"][2]["rtt_test"]["significant"].get<bool>(), true);
        QCOMPARE(document["ttls"][2]["rtt_test"]["u"].get<double>(), 0.0);
        QVERIFY(document["ttls"][2]["rtt_test"]["p_value"].get<double>() < 0.001);
        QCOMPARE(document["second"]["destination_ttl"].get<int>(), 3);
    }

    // Four traces given out of order: the timeline sorts them and compares each with the one
    // before.
    void timelineSaysHowTheAsesChanged()
    {
        NetworkPath monday = pathFrom(QStringLiteral("a b D"));
        NetworkPath tuesday = pathFrom(QStringLiteral("a c D"));
        NetworkPath wednesday = tuesday;
        for (NetworkPath *path : {&monday, &tuesday, &wednesday}) {
            path->hopscope->owners[address(QLatin1Char('b'))] = {64500u, "FIRST", {},
                                                                 {},     "cymru", 1};
            path->hopscope->owners[address(QLatin1Char('c'))] = {64502u, "THIRD", {},
                                                                 {},     "cymru", 1};
        }
        monday.timestampMs = 1'000;
        tuesday.timestampMs = 2'000;
        wednesday.timestampMs = 3'000;
        const PathTimeline timeline = buildTimeline(modelsOf({monday, tuesday, wednesday}));
        QCOMPARE(timeline.entries[0].asChange, std::string());
        QCOMPARE(
            timeline.entries[1].asChange,
            std::string("At TTL 2 the path now crosses AS64502 THIRD instead of AS64500 FIRST."));
        QCOMPARE(timeline.entries[2].asChange, std::string()); // the same route as the day before
    }

    void timeline()
    {
        NetworkPath monday = pathFrom(QStringLiteral("a b D"), 6);
        NetworkPath tuesday = pathFrom(QStringLiteral("a c D"), 6); // TTL 2 moved
        NetworkPath wednesday = tuesday; // the same route, 20 ms slower at the end
        setSamples(wednesday, 3, kDestination, spread(23.0, 0.1, 6));
        NetworkPath thursday = pathFrom(QStringLiteral("a c e D"), 6); // one hop longer
        monday.timestampMs = 1'000;
        tuesday.timestampMs = 2'000;
        wednesday.timestampMs = 3'000;
        thursday.timestampMs = 4'000;
        const PathTimeline timeline =
            buildTimeline(modelsOf({wednesday, monday, thursday, tuesday}));

        QCOMPARE(timeline.entries.size(), std::size_t(4));
        QList<qint64> times;
        for (const TimelineEntry &entry : timeline.entries)
            times << entry.timestampMs;
        QCOMPARE(times, (QList<qint64>{1'000, 2'000, 3'000, 4'000}));
        QCOMPARE(timeline.entries[0].source, std::size_t(1)); // Monday was given second
        QCOMPARE(timeline.routeChanges, 2);                   // Tuesday and Thursday
        QCOMPARE(timeline.ttlCount(), 4);
        QVERIFY(!timeline.entries[0].routeChanged);
        QVERIFY(timeline.entries[0].changedTtls.empty());
        QCOMPARE(timeline.entries[1].changedTtls, std::vector<int>{2});
        QVERIFY(!timeline.entries[2].routeChanged);
        QCOMPARE(timeline.entries[2].changedTtls, std::vector<int>{3}); // slower, not moved
        QVERIFY(timeline.entries[3].routeChanged);

        // TTL 2 across the week: b, then c three times.
        const auto &ttl2 = timeline.cells[1];
        QCOMPARE(ttl2[0].observation->responders, std::vector<std::string>{"10.0.0.2"});
        QCOMPARE(ttl2[1].change, HopChange::Changed);
        QCOMPARE(ttl2[2].change, HopChange::Same);
        QCOMPARE(ttl2[3].observation->responders, std::vector<std::string>{"10.0.0.3"});
        // The destination answered at TTL 3, then at TTL 4 on Thursday; its median follows.
        QCOMPARE(timeline.entries[0].overview.destinationTtl, std::optional<int>(3));
        QCOMPARE(timeline.entries[3].overview.destinationTtl, std::optional<int>(4));
        QVERIFY(std::abs(*timeline.entries[2].destinationMedianMs - 23.25) < 1e-9);
        QVERIFY(timeline.cells[2][2].shift && timeline.cells[2][2].shift->significant);
        QVERIFY(!timeline.cells[3][0].observation); // Monday never reached TTL 4
        QCOMPARE(timeline.cells[3][3].change, HopChange::Added);
    }

    void timelineOfOne()
    {
        const PathTimeline timeline = buildTimeline(modelsOf({pathFrom(QStringLiteral("a * D"))}));
        QCOMPARE(timeline.entries.size(), std::size_t(1));
        QCOMPARE(timeline.routeChanges, 0);
        QCOMPARE(timeline.cells[1][0].observation->responders.size(), std::size_t(0)); // silent
        QVERIFY(buildTimeline({}).entries.empty());
    }

    // The same routers, but the labels they quote and the path MTU found changed: the verdict
    // says so even though the routes are the same; a new router's labels are the route change's.
    void labelAndMtuChanges_data()
    {
        QTest::addColumn<QString>("secondRoute");
        QTest::addColumn<QString>("verdict");
        QTest::newRow("same routers")
            << QStringLiteral("a b c D")
            << QStringLiteral(
                   "The routes are the same. At TTL 2 the MPLS labels are now 24001/17 (were "
                   "24000/17). At TTL 3 the MPLS labels are gone (were 300). The path MTU is now "
                   "1400 bytes (was 1500). The path MTU now drops after TTL 2 (it did not drop "
                   "before).");
        QTest::newRow("another router at TTL 2")
            << QStringLiteral("a x c D")
            << QStringLiteral("The routes differ: 1 hop changed. At TTL 3 the MPLS labels are gone "
                              "(were 300). The path MTU is now 1400 bytes (was 1500). The path "
                              "MTU now drops after TTL 2 (it did not drop before).");
    }
    void labelAndMtuChanges()
    {
        QFETCH(QString, secondRoute);
        QFETCH(QString, verdict);
        NetworkPath first = pathFrom(QStringLiteral("a b c D"));
        NetworkPath second = pathFrom(secondRoute);
        first.hops[1].mpls = {{24000, 0, false, 1}, {17, 0, true, 1}};
        first.hops[2].mpls = {{300, 0, true, 1}};
        second.hops[1].mpls = {{24001, 0, false, 1}, {17, 0, true, 1}};
        first.hopscope->pathMtu = PathMtu{1500, 1500, {}};
        second.hopscope->pathMtu =
            PathMtu{1500, 1400, {{3, *IpAddress::parse(address(QLatin1Char('b'))), 1400}}};
        const PathComparison comparison = comparePaths(modelOf(first), modelOf(second));
        QCOMPARE(QString::fromStdString(comparisonVerdict(comparison)), verdict);
        const auto json = comparisonToJson(comparison, modelOf(first), modelOf(second));
        QCOMPARE(json["first"]["path_mtu"].get<int>(), 1500);
        QCOMPARE(json["second"]["path_mtu"].get<int>(), 1400);
        QCOMPARE(json["ttls"][1]["first"]["mpls"].get<std::string>(), std::string("24000/17"));
    }
};

QTEST_GUILESS_MAIN(PathCompareTest)
#include "tst_pathcompare.moc"
