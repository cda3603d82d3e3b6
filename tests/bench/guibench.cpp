// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

// How smooth the live window stays under a heavy monitoring feed: the hop graph, the hop table
// (with sparklines) and the RTT chart over time, refreshed on the window's own timers (100 ms for
// the graph and table, 250 ms for the chart) while synthetic rounds of 30 hops x 3 probes arrive
// at 20 rounds a second, probe by probe. Prints how long the GUI thread took over each event it
// handled (timers, updates, painting), its longest stall, and resident memory every minute.
//
// --preload-rounds N gives the session a past first: N rounds of 30 hops x 1 probe, one a
// second, ending now (604800: a week at one round a second, as a monitoring session in the
// window would have), so that the figures and the memory are those of the views over a long
// session.
//
//   QT_QPA_PLATFORM=offscreen hopscope-guibench [--minutes N] [--skip graph|table|chart]
//                                               [--preload-rounds N]

#include "path/pathmodel.h"
#include "ui/hopgraphview.h"
#include "ui/hoptablemodel.h"
#include "ui/rttchartview.h"
#include "ui/sparklinedelegate.h"
#include "ui/tracesession.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QHBoxLayout>
#include <QSplitter>
#include <QTableView>
#include <QTimer>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <random>
#include <string>
#include <vector>

using namespace hopscope;

namespace {

constexpr int kHops = 30;
constexpr int kQueries = 3;
constexpr int kRoundsPerSecond = 20;
constexpr double kFrameBudgetMs = 16.0;

long residentKiB()
{
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line))
        if (line.rfind("VmRSS:", 0) == 0)
            return std::atol(line.c_str() + 6);
    return -1;
}

std::string address(int ttl, int variant)
{
    return "198.18." + std::to_string(ttl) + "." + std::to_string(2 + variant);
}

// Busy times in 10 µs steps up to a second: a histogram, so that keeping the figures costs the
// same at the first event and at the millionth.
class FrameTimes
{
public:
    void add(double ms)
    {
        const auto bucket = static_cast<std::size_t>(
            std::min(ms * 100.0, static_cast<double>(m_counts.size() - 1)));
        ++m_counts[bucket];
        ++m_total;
        m_worst = std::max(m_worst, ms);
        if (ms > kFrameBudgetMs)
            ++m_over;
    }
    // The smallest time at least `share` of the events took no longer than.
    double quantile(double share) const
    {
        const auto rank = static_cast<std::uint64_t>(share * static_cast<double>(m_total));
        std::uint64_t seen = 0;
        for (std::size_t i = 0; i < m_counts.size(); ++i) {
            seen += m_counts[i];
            if (seen > rank)
                return static_cast<double>(i + 1) / 100.0;
        }
        return m_worst;
    }
    std::uint64_t total() const { return m_total; }
    std::uint64_t over() const { return m_over; }
    double worst() const { return m_worst; }

private:
    std::vector<std::uint64_t> m_counts = std::vector<std::uint64_t>(100'001, 0);
    std::uint64_t m_total = 0;
    std::uint64_t m_over = 0;
    double m_worst = 0;
};

// Times every event the GUI thread handles (timers, the views' updates, painting): the busy
// time of one delivery, nested deliveries counted in their outer one. The benchmark's own
// report is left out.
class TimedApplication : public QApplication
{
public:
    using QApplication::QApplication;
    bool notify(QObject *receiver, QEvent *event) override
    {
        if (m_depth++ > 0 || receiver == untimed) {
            const bool handled = QApplication::notify(receiver, event);
            --m_depth;
            return handled;
        }
        QElapsedTimer timer;
        timer.start();
        const bool handled = QApplication::notify(receiver, event);
        --m_depth;
        frames.add(static_cast<double>(timer.nsecsElapsed()) / 1e6);
        return handled;
    }
    FrameTimes frames;
    QObject *untimed = nullptr;

private:
    int m_depth = 0;
};

} // namespace

int main(int argc, char **argv)
{
    double minutes = 10;
    std::string skip; // "graph", "table" or "chart": leave that view out, to see what it costs
    int preload = 0;
    for (int i = 1; i + 1 < argc; ++i) {
        if (std::strcmp(argv[i], "--minutes") == 0)
            minutes = std::atof(argv[i + 1]);
        if (std::strcmp(argv[i], "--skip") == 0)
            skip = argv[i + 1];
        if (std::strcmp(argv[i], "--preload-rounds") == 0)
            preload = std::max(0, std::atoi(argv[i + 1]));
    }
    TimedApplication app(argc, argv);

    // The views of a trace tab, laid out as it lays them out, at 1280 x 800.
    QWidget window;
    auto *graph = new HopGraphView();
    auto *model = new HopTableModel(&window);
    auto *table = new QTableView();
    table->setModel(model);
    table->setItemDelegateForColumn(HopTableModel::Recent, new SparklineDelegate(table));
    auto *chart = new RttChartView();
    chart->setMode(RttChartView::Mode::OverTime);
    chart->setWindowSeconds(300);
    auto *bottom = new QSplitter(Qt::Horizontal);
    bottom->addWidget(table);
    bottom->addWidget(chart);
    auto *split = new QSplitter(Qt::Vertical);
    split->addWidget(graph);
    split->addWidget(bottom);
    auto *layout = new QHBoxLayout(&window);
    layout->addWidget(split);
    window.resize(1280, 800);
    window.show();

    const long emptyKiB = residentKiB();
    PathModel session;
    std::mt19937 random(20261125);
    std::uniform_real_distribution<double> noise(0.0, 1.0);
    int round = 0;
    if (preload > 0) {
        QElapsedTimer loading;
        loading.start();
        const std::int64_t nowUs = std::chrono::duration_cast<std::chrono::microseconds>(
                                       std::chrono::system_clock::now().time_since_epoch())
                                       .count();
        for (round = 1; round <= preload; ++round) {
            MonitorRound past;
            past.number = round;
            past.startedUs = nowUs - std::int64_t{preload - round + 1} * 1'000'000;
            past.destination = address(kHops, 0);
            for (int ttl = 1; ttl <= kHops; ++ttl) {
                ProbeSample probe;
                probe.ttl = ttl;
                probe.sentAtUs = past.startedUs + ttl * 100;
                if (noise(random) >= 0.02 && !(ttl == 7 && noise(random) < 0.5)) {
                    probe.responder =
                        ttl == kHops ? address(kHops, 0) : address(ttl, ttl == 12 ? round % 2 : 0);
                    probe.rttMs = 0.8 * ttl + 4.0 * noise(random) * noise(random);
                }
                past.probes.push_back(probe);
            }
            session.addRound(past);
        }
        round = preload;
        std::printf("  a past of %d rounds fed in %.1f s: resident %.1f MiB (%.1f MiB more)\n",
                    preload, static_cast<double>(loading.elapsed()) / 1000.0,
                    residentKiB() / 1024.0, (residentKiB() - emptyKiB) / 1024.0);
    }
    bool dirty = false;
    bool chartDirty = false;

    // Probes arrive one by one, as the worker delivers them: a round's 90 spread over its 50 ms.
    QTimer feed;
    feed.setInterval(1000 / kRoundsPerSecond / 5);
    int slice = 0;
    QObject::connect(&feed, &QTimer::timeout, [&] {
        if (slice == 0) {
            ++round;
            const auto now = std::chrono::system_clock::now().time_since_epoch();
            session.beginRound(round,
                               std::chrono::duration_cast<std::chrono::microseconds>(now).count(),
                               address(kHops, 0));
        }
        for (int ttl = slice * kHops / 5 + 1; ttl <= (slice + 1) * kHops / 5; ++ttl) {
            for (int query = 0; query < kQueries; ++query) {
                ProbeSample probe;
                probe.ttl = ttl;
                probe.sentAtUs = std::chrono::duration_cast<std::chrono::microseconds>(
                                     std::chrono::system_clock::now().time_since_epoch())
                                     .count();
                if (noise(random) >= 0.02 && !(ttl == 7 && noise(random) < 0.5)) {
                    probe.responder =
                        ttl == kHops ? address(kHops, 0) : address(ttl, ttl == 12 ? query % 2 : 0);
                    probe.rttMs = 0.8 * ttl + 4.0 * noise(random) * noise(random);
                }
                session.addProbe(probe);
            }
        }
        dirty = chartDirty = true;
        if (++slice == 5) {
            slice = 0;
            session.endRound();
        }
    });

    QTimer refresh;
    refresh.setInterval(100);
    QObject::connect(&refresh, &QTimer::timeout, [&] {
        if (!dirty)
            return;
        dirty = false;
        if (skip != "table")
            model->update(session);
        if (skip != "graph")
            graph->refresh(session);
    });
    QTimer chartRefresh;
    chartRefresh.setInterval(250);
    QObject::connect(&chartRefresh, &QTimer::timeout, [&] {
        if (!chartDirty)
            return;
        chartDirty = false;
        if (skip != "chart")
            chart->refresh(session);
    });

    // Stalls: a timer due every millisecond that comes late by more than a frame means the thread
    // was busy for that long, whatever kept it so.
    QElapsedTimer sinceBeat;
    double worstStallMs = 0;
    QTimer heartbeat;
    heartbeat.setTimerType(Qt::PreciseTimer);
    heartbeat.setInterval(1);
    QObject::connect(&heartbeat, &QTimer::timeout, [&] {
        if (sinceBeat.isValid())
            worstStallMs =
                std::max(worstStallMs, static_cast<double>(sinceBeat.nsecsElapsed()) / 1e6 - 1.0);
        sinceBeat.start();
    });
    const FrameTimes &frames = app.frames;

    const long startKiB = residentKiB();
    std::printf("GUI feed: %d hops x %d probes at %d rounds/s for %.1f min, offscreen, 1280x800\n",
                kHops, kQueries, kRoundsPerSecond, minutes);
    std::fflush(stdout);
    std::printf("  resident at start %.1f MiB\n", startKiB / 1024.0);
    int minute = 0;
    QTimer report;
    report.setInterval(60'000);
    app.untimed = &report;
    QObject::connect(&report, &QTimer::timeout, [&] {
        ++minute;
        std::printf("  minute %d: round %d, %llu events, worst %.2f ms, p99 %.2f ms, longest stall "
                    "%.2f ms, "
                    "resident %.1f MiB\n",
                    minute, round, static_cast<unsigned long long>(frames.total()), frames.worst(),
                    frames.quantile(0.99), worstStallMs, residentKiB() / 1024.0);
        std::fflush(stdout);
    });
    QTimer::singleShot(static_cast<int>(minutes * 60'000), &app, &QCoreApplication::quit);
    feed.start();
    refresh.start();
    chartRefresh.start();
    report.start();
    heartbeat.start();
    app.exec();

    std::printf("  %d rounds, %llu events handled: median %.2f ms, p99 %.2f ms, p99.9 %.2f ms, "
                "worst %.2f ms; "
                "%llu over %.0f ms\n",
                round, static_cast<unsigned long long>(frames.total()), frames.quantile(0.5),
                frames.quantile(0.99), frames.quantile(0.999), frames.worst(),
                static_cast<unsigned long long>(frames.over()), kFrameBudgetMs);
    std::printf("  longest stall of the event loop (a 1 ms timer running late): %.2f ms\n",
                worstStallMs);
    std::printf("  resident %.1f MiB at the end (%.1f MiB more than at start)\n",
                residentKiB() / 1024.0, (residentKiB() - startKiB) / 1024.0);
    return 0;
}
