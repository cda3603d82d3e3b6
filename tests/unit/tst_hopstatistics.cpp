// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "stats/hopstatistics.h"

#include <QTest>

#include <cmath>
#include <vector>

using namespace hopscope;

namespace {

constexpr double kLost = -1.0; // marks a probe without a reply in the data rows
constexpr double kNone = std::numeric_limits<double>::quiet_NaN(); // an empty figure

std::vector<std::optional<double>> samples(const QList<double> &values)
{
    std::vector<std::optional<double>> result;
    for (const double value : values)
        result.push_back(value == kLost ? std::nullopt : std::optional<double>(value));
    return result;
}

void compareFigure(const std::optional<double> &actual, double expected, const char *name)
{
    if (std::isnan(expected)) {
        QVERIFY2(!actual.has_value(), name);
        return;
    }
    QVERIFY2(actual.has_value(), name);
    QVERIFY2(std::abs(*actual - expected) < 1e-9, qPrintable(QStringLiteral("%1: %2, expected %3")
                                                                 .arg(QLatin1String(name))
                                                                 .arg(*actual, 0, 'g', 12)
                                                                 .arg(expected, 0, 'g', 12)));
}

} // namespace

class HopStatisticsTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void figures_data();
    void figures();
};

void HopStatisticsTest::figures_data()
{
    QTest::addColumn<QList<double>>("rtts");
    QTest::addColumn<int>("received");
    QTest::addColumn<double>("loss");
    QTest::addColumn<double>("last");
    QTest::addColumn<double>("min");
    QTest::addColumn<double>("avg");
    QTest::addColumn<double>("max");
    QTest::addColumn<double>("stdDev");
    QTest::addColumn<double>("jitter");
    QTest::addColumn<double>("median");
    QTest::addColumn<double>("p95");

    QTest::newRow("no probes") << QList<double>{} << 0 << 0.0 << kNone << kNone << kNone << kNone
                               << kNone << kNone << kNone << kNone;
    QTest::newRow("all lost") << QList<double>{kLost, kLost, kLost} << 0 << 100.0 << kNone << kNone
                              << kNone << kNone << kNone << kNone << kNone << kNone;
    QTest::newRow("one reply") << QList<double>{5.0} << 1 << 0.0 << 5.0 << 5.0 << 5.0 << 5.0 << 0.0
                               << 0.0 << 5.0 << 5.0;
    // mean 2.5; squares 2.25+0.25+0.25+2.25 = 5 over n-1 = 3; jitter (1+1+1)/3.
    QTest::newRow("1 2 3 4") << QList<double>{1, 2, 3, 4} << 4 << 0.0 << 4.0 << 1.0 << 2.5 << 4.0
                             << std::sqrt(5.0 / 3.0) << 1.0 << 2.5 << 4.0;
    // replies 10 20 30 12: mean 18; squares 64+4+144+36 = 248 over 3; jitter (10+10+18)/3;
    // sorted 10 12 20 30: median 16, p95 rank ceil(3.8) = 4.
    QTest::newRow("losses between replies")
        << QList<double>{10, kLost, 20, kLost, 30, 12} << 4 << 100.0 * 2.0 / 6.0 << 12.0 << 10.0
        << 18.0 << 30.0 << std::sqrt(248.0 / 3.0) << 38.0 / 3.0 << 16.0 << 30.0;
    // 1..20 in reverse: p95 rank ceil(19) = 19 -> 19; median (10+11)/2; jitter 1.
    QList<double> twenty;
    for (int i = 20; i >= 1; --i)
        twenty << i;
    double squares = 0;
    for (int i = 1; i <= 20; ++i)
        squares += (i - 10.5) * (i - 10.5);
    QTest::newRow("twenty descending") << twenty << 20 << 0.0 << 1.0 << 1.0 << 10.5 << 20.0
                                       << std::sqrt(squares / 19.0) << 1.0 << 10.5 << 19.0;
    // A single outlier moves p95 only when it is in the top 5 %.
    QList<double> spike(39, 2.0);
    spike << 200.0;
    QTest::newRow("one spike in forty")
        << spike << 40 << 0.0 << 200.0 << 2.0 << (39 * 2.0 + 200) / 40 << 200.0
        << std::sqrt((39 * std::pow(2.0 - 6.95, 2) + std::pow(200 - 6.95, 2)) / 39) << 198.0 / 39.0
        << 2.0 << 2.0;
}

void HopStatisticsTest::figures()
{
    QFETCH(QList<double>, rtts);
    const auto input = samples(rtts);
    const HopStatistics stats = computeHopStatistics(input);

    QCOMPARE(stats.sent, int(rtts.size()));
    QTEST(stats.received, "received");
    QFETCH(double, loss);
    QVERIFY(std::abs(stats.lossPercent - loss) < 1e-9);
    QFETCH(double, last);
    compareFigure(stats.lastMs, last, "last");
    QFETCH(double, min);
    compareFigure(stats.minMs, min, "min");
    QFETCH(double, avg);
    compareFigure(stats.avgMs, avg, "avg");
    QFETCH(double, max);
    compareFigure(stats.maxMs, max, "max");
    QFETCH(double, stdDev);
    compareFigure(stats.stdDevMs, stdDev, "stdDev");
    QFETCH(double, jitter);
    compareFigure(stats.jitterMs, jitter, "jitter");
    QFETCH(double, median);
    compareFigure(stats.medianMs, median, "median");
    QFETCH(double, p95);
    compareFigure(stats.p95Ms, p95, "p95");
}

QTEST_GUILESS_MAIN(HopStatisticsTest)
#include "tst_hopstatistics.moc"
