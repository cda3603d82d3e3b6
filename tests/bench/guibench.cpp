// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

// How smooth the live window stays under a heavy monitoring feed: the hop graph, the hop table
// (sorted, with sparklines) and the RTT chart over time, refreshed on a trace tab's own timers
// (100 ms for the graph and table, 250 ms for the chart; a tab behind another waits until it is
// shown) while synthetic rounds of 30 hops x 3 probes arrive, probe by probe: by default one tab
// at 20 rounds a second. Prints how long the GUI thread took over each event it handled (timers,
// updates, painting); its longest stall, and how much of that the thread ran rather than waited
// for a core; how long bringing a tab to the front took, and the busiest event right after it;
// the rounds it kept up with; what each view cost per refresh (its update, its painting, and its
// other events such as layouts and its scene's queued updates); and resident memory every
// minute.
//
// --tabs N --rate R: N tabs, each monitoring at R rounds a second (8 and 1: eight sessions at
// once, one of them in front).
// --preload-rounds N gives the tab in front a past first: N rounds of 30 hops x 1 probe, one a
// second, ending now (86400: a day; 604800: a week at one round a second, as a monitoring
// session in the window would have), so that the figures and the memory are those of the views
// over a long session.
// --targets N runs live sessions instead, as the window does: N trace tabs, each monitoring its
// own loopback address through the helper at one round a second, and the sessions panel that
// sums them all up. It needs the helper's privileges (root, or the helper's capabilities).
// --switch-seconds S brings another tab to the front every S seconds (20 by default).
//
//   QT_QPA_PLATFORM=offscreen hopscope-guibench [--minutes N] [--skip graph|table|chart]
//                                               [--tabs N] [--rate R] [--preload-rounds N]
//                                               [--targets N] [--switch-seconds S]

#include "path/pathmodel.h"
#include "probe/tracerequest.h"
#include "ui/hopgraphview.h"
#include "ui/hoptablemodel.h"
#include "ui/hoptableview.h"
#include "ui/rttchartview.h"
#include "ui/sessionspanel.h"
#include "ui/sessionsummarymodel.h"
#include "ui/tracesession.h"
#include "ui/tracetab.h"

#include <QApplication>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QHBoxLayout>
#include <QMainWindow>
#include <QSplitter>
#include <QStringList>
#include <QTabWidget>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <functional>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include <time.h>

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

// The CPU time this thread has had: what it ran, not what it waited for a core.
double threadCpuMs()
{
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return static_cast<double>(now.tv_sec) * 1e3 + static_cast<double>(now.tv_nsec) / 1e6;
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

// What one view cost: the time of its updates, and of the paint events of its widgets.
struct ViewCost
{
    const char *name;
    std::vector<const QWidget *> widgets; // the view in each tab
    std::uint64_t updates = 0;
    double updateMs = 0;
    double worstUpdateMs = 0;
    std::uint64_t paints = 0;
    double paintMs = 0;
    double worstPaintMs = 0;
    double otherMs = 0; // its own events besides painting: layouts, its scene's queued updates
    double paintedWithin = 0; // its painting within the event being handled

    bool owns(const QObject *object) const
    {
        for (const QObject *at = object; at; at = at->parent())
            if (std::find(widgets.begin(), widgets.end(), at) != widgets.end())
                return true;
        return false;
    }
    template <typename Update> void timeUpdate(Update &&update)
    {
        QElapsedTimer timer;
        timer.start();
        update();
        const double ms = static_cast<double>(timer.nsecsElapsed()) / 1e6;
        ++updates;
        updateMs += ms;
        worstUpdateMs = std::max(worstUpdateMs, ms);
    }
};

// Times every event the GUI thread handles (timers, the views' updates, painting): the busy
// time of one delivery, nested deliveries counted in their outer one. The benchmark's own
// report is left out. Paint events, nested in the window's update, are also counted to the view
// they paint.
class TimedApplication : public QApplication
{
public:
    using QApplication::QApplication;
    bool notify(QObject *receiver, QEvent *event) override
    {
        // Only the GUI thread's events: the sessions' workers deliver theirs on their own
        // threads, through here too.
        if (QThread::currentThread() != thread())
            return QApplication::notify(receiver, event);
        if (event->type() == QEvent::Paint && !m_painting) {
            for (ViewCost *view : views) {
                if (!view->owns(receiver))
                    continue;
                m_painting = true;
                QElapsedTimer timer;
                timer.start();
                const bool handled = deliver(receiver, event);
                const double ms = static_cast<double>(timer.nsecsElapsed()) / 1e6;
                m_painting = false;
                m_paintedWithin += ms;
                view->paintedWithin += ms;
                ++view->paints;
                view->paintMs += ms;
                view->worstPaintMs = std::max(view->worstPaintMs, ms);
                return handled;
            }
        }
        return deliver(receiver, event);
    }
    // An event over the frame budget: when, what it was and whom it was for.
    struct SlowEvent
    {
        double atS; // seconds into the run
        double ms;
        const char *receiverClass;
        QEvent::Type type;
        std::string painting; // what each view painted within it
    };
    static constexpr std::size_t kOverBudgetListed = 20;

    FrameTimes frames;
    // The busiest event begun in the half second from `watchFromMs` (into the run): what follows
    // a tab coming to the front, its first paint above all.
    double watchFromMs = -1;
    double watchWorstMs = 0;
    QObject *untimed = nullptr;
    std::vector<ViewCost *> views;
    std::vector<SlowEvent> overBudget; // the first ones
    QElapsedTimer running;             // since the run began

private:
    bool deliver(QObject *receiver, QEvent *event)
    {
        if (m_depth++ > 0 || receiver == untimed) {
            const bool handled = QApplication::notify(receiver, event);
            --m_depth;
            return handled;
        }
        // Whose it is, asked before the event may delete it.
        ViewCost *owner = nullptr;
        for (ViewCost *view : views)
            if (view->owns(receiver))
                owner = view;
        const char *receiverClass = receiver->metaObject()->className();
        const QEvent::Type type = event->type();
        m_paintedWithin = 0;
        for (ViewCost *view : views)
            view->paintedWithin = 0;
        QElapsedTimer timer;
        timer.start();
        const bool handled = QApplication::notify(receiver, event);
        --m_depth;
        const double ms = static_cast<double>(timer.nsecsElapsed()) / 1e6;
        frames.add(ms);
        if (const double beganMs = static_cast<double>(running.elapsed()) - ms;
            watchFromMs >= 0 && beganMs >= watchFromMs && beganMs < watchFromMs + 500)
            watchWorstMs = std::max(watchWorstMs, ms);
        if (ms > kFrameBudgetMs && overBudget.size() < kOverBudgetListed) {
            SlowEvent slow{
                static_cast<double>(running.elapsed()) / 1000.0, ms, receiverClass, type, {}};
            for (const ViewCost *view : views)
                if (view->paintedWithin > 0)
                    slow.painting += " " + std::string(view->name) + " " +
                                     QString::number(view->paintedWithin, 'f', 2).toStdString() +
                                     " ms";
            overBudget.push_back(std::move(slow));
        }
        if (owner) // its painting within it is counted as painting
            owner->otherMs += std::max(0.0, ms - m_paintedWithin);
        return handled;
    }
    int m_depth = 0;
    bool m_painting = false;
    double m_paintedWithin = 0; // paint events timed within the outermost event
};

std::int64_t nowUs()
{
    return std::chrono::duration_cast<std::chrono::microseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

// The views of a trace tab, as it lays them out, and the session they show.
struct Tab
{
    QWidget *page = nullptr;
    HopGraphView *graph = nullptr;
    HopTableModel *model = nullptr;
    HopTableView *table = nullptr;
    RttChartView *chart = nullptr;
    PathModel session;
    bool dirty = false;
    bool chartDirty = false;
    int round = 0;
    int slice = 0;
    QElapsedTimer clock; // since the feed began
    long delivered = 0;  // slices of rounds

    explicit Tab(QWidget *parent)
        : page(new QWidget(parent)), graph(new HopGraphView()), model(new HopTableModel(page)),
          table(new HopTableView(model)), chart(new RttChartView())
    {
        chart->setMode(RttChartView::Mode::OverTime);
        chart->setWindowSeconds(300);
        auto *bottom = new QSplitter(Qt::Horizontal);
        bottom->addWidget(table);
        bottom->addWidget(chart);
        auto *split = new QSplitter(Qt::Vertical);
        split->addWidget(graph);
        split->addWidget(bottom);
        auto *layout = new QHBoxLayout(page);
        layout->setContentsMargins(0, 0, 0, 0);
        layout->addWidget(split);
    }
};

struct Options
{
    double minutes = 10;
    std::string skip; // "graph", "table" or "chart": leave that view out, to see what it costs
    int preload = 0;
    int tabCount = 1;
    double rate = 20;
    int targets = 0;           // live sessions on loopback instead of the synthetic feed
    double switchSeconds = 20; // another tab to the front this often
};

// What a run measures besides the events: the rounds, and a way to bring the next tab forward.
struct Run
{
    std::string title;    // the first line printed
    std::string scenario; // the first cell of the README's row
    std::function<long()> roundsTaken;
    std::function<long()> roundsDue;
    std::function<long()> worstBacklog; // slices that waited; null when the feed is real
    std::function<void()> nextTab;      // null with one tab
    bool perRefresh = true;             // the views' updates are timed (the synthetic feed)
};

// Runs the event loop for the run's minutes and prints what it measured.
void measure(TimedApplication &app, const Options &options, const Run &run)
{
    // Another tab in front every 20 seconds, as a user looks from one session to the next. The
    // switch is timed on its own, and so is the busiest event in the half second after it.
    QTimer switchTabs;
    switchTabs.setInterval(static_cast<int>(options.switchSeconds * 1000));
    std::vector<double> switchMs;
    std::vector<double> afterSwitchMs;
    const auto closeWatch = [&app, &afterSwitchMs] {
        if (app.watchFromMs >= 0)
            afterSwitchMs.push_back(app.watchWorstMs);
        app.watchFromMs = -1;
    };
    if (run.nextTab)
        QObject::connect(&switchTabs, &QTimer::timeout, [&] {
            closeWatch();
            QElapsedTimer timer;
            timer.start();
            run.nextTab();
            switchMs.push_back(static_cast<double>(timer.nsecsElapsed()) / 1e6);
            app.watchFromMs = static_cast<double>(app.running.elapsed());
            app.watchWorstMs = 0;
        });

    // Stalls: a timer due every millisecond that comes late by more than a frame means the thread
    // was busy for that long, or waited for a core while other threads and processes ran: the
    // thread's own CPU time over the stall tells which.
    QElapsedTimer sinceBeat;
    double cpuAtBeatMs = 0;
    double worstStallMs = 0;
    double worstStallRanMs = 0; // of it, the GUI thread on a core
    double worstStallAtS = 0;   // seconds into the run
    QElapsedTimer &running = app.running;
    running.start();
    QTimer heartbeat;
    heartbeat.setTimerType(Qt::PreciseTimer);
    heartbeat.setInterval(1);
    QObject::connect(&heartbeat, &QTimer::timeout, [&] {
        const double cpuMs = threadCpuMs();
        if (sinceBeat.isValid()) {
            const double stallMs = static_cast<double>(sinceBeat.nsecsElapsed()) / 1e6 - 1.0;
            if (stallMs > worstStallMs) {
                worstStallMs = stallMs;
                worstStallRanMs = cpuMs - cpuAtBeatMs;
                worstStallAtS = static_cast<double>(running.elapsed()) / 1000.0;
            }
        }
        cpuAtBeatMs = cpuMs;
        sinceBeat.start();
    });
    const FrameTimes &frames = app.frames;

    const long startKiB = residentKiB();
    std::printf("%s\n", run.title.c_str());
    std::printf("  resident at start %.1f MiB\n", startKiB / 1024.0);
    std::fflush(stdout);
    int minute = 0;
    QTimer report;
    report.setInterval(60'000);
    app.untimed = &report;
    QObject::connect(&report, &QTimer::timeout, [&] {
        ++minute;
        std::printf("  minute %d: %ld rounds, %llu events, worst %.2f ms, p99 %.2f ms, longest "
                    "stall %.2f ms, resident %.1f MiB\n",
                    minute, run.roundsTaken(), static_cast<unsigned long long>(frames.total()),
                    frames.worst(), frames.quantile(0.99), worstStallMs, residentKiB() / 1024.0);
        std::fflush(stdout);
    });
    QTimer::singleShot(static_cast<int>(options.minutes * 60'000), &app, &QCoreApplication::quit);
    if (run.nextTab)
        switchTabs.start();
    report.start();
    heartbeat.start();
    app.exec();
    closeWatch();

    const long taken = run.roundsTaken();
    const long due = run.roundsDue();
    std::printf("  rounds taken: %ld of %ld due (%.1f %%)", taken, due,
                100.0 * static_cast<double>(taken) / static_cast<double>(std::max(1L, due)));
    if (run.worstBacklog)
        std::printf("; at worst %ld slices of a round waited for the next tick",
                    run.worstBacklog());
    std::printf("\n");
    std::printf("  %llu events handled: median %.2f ms, p99 %.2f ms, p99.9 %.2f ms, worst %.2f ms; "
                "%llu over %.0f ms\n",
                static_cast<unsigned long long>(frames.total()), frames.quantile(0.5),
                frames.quantile(0.99), frames.quantile(0.999), frames.worst(),
                static_cast<unsigned long long>(frames.over()), kFrameBudgetMs);
    std::printf("  longest stall of the event loop (a 1 ms timer running late): %.2f ms, %.1f s "
                "into the run, the GUI thread running %.2f ms of it%s\n",
                worstStallMs, worstStallAtS, worstStallRanMs,
                run.nextTab ? " (another tab comes to the front every 20 s)" : "");
    if (!switchMs.empty()) {
        const auto median = [](std::vector<double> times) {
            std::sort(times.begin(), times.end());
            return times[times.size() / 2];
        };
        std::printf("  %zu tabs brought to the front: the switch median %.2f ms, worst %.2f ms; "
                    "the busiest event in the half second after it median %.2f ms, worst %.2f "
                    "ms\n",
                    switchMs.size(), median(switchMs),
                    *std::max_element(switchMs.begin(), switchMs.end()), median(afterSwitchMs),
                    *std::max_element(afterSwitchMs.begin(), afterSwitchMs.end()));
    }
    for (const auto &slow : app.overBudget)
        std::printf("  over %.0f ms at %.1f s: %.2f ms, event %d for a %s;%s\n", kFrameBudgetMs,
                    slow.atS, slow.ms, static_cast<int>(slow.type), slow.receiverClass,
                    slow.painting.empty() ? " no view painted"
                                          : (slow.painting + " painting").c_str());
    for (const ViewCost *view : app.views) {
        if (!run.perRefresh) {
            // The tabs refresh on their own timers: only the painting is the view's alone.
            std::printf("  %s: %llu paints, %.3f ms each (worst %.2f) + %.1f ms its other "
                        "events in all\n",
                        view->name, static_cast<unsigned long long>(view->paints),
                        view->paints == 0 ? 0.0 : view->paintMs / static_cast<double>(view->paints),
                        view->worstPaintMs, view->otherMs);
            continue;
        }
        if (view->updates == 0) {
            std::printf("  %s: left out\n", view->name);
            continue;
        }
        const auto updates = static_cast<double>(view->updates);
        std::printf("  %s: %llu refreshes, per refresh %.3f ms updating (worst %.2f) + %.3f ms "
                    "painting (%llu paints, worst %.2f) + %.3f ms its other events\n",
                    view->name, static_cast<unsigned long long>(view->updates),
                    view->updateMs / updates, view->worstUpdateMs, view->paintMs / updates,
                    static_cast<unsigned long long>(view->paints), view->worstPaintMs,
                    view->otherMs / updates);
    }
    std::printf("  resident %.1f MiB at the end (%.1f MiB more than at start)\n",
                residentKiB() / 1024.0, (residentKiB() - startKiB) / 1024.0);

    // The row of the README's table, as measured: each view's cost per refresh, or per paint
    // when the tabs refresh themselves.
    QStringList costs;
    for (const ViewCost *view : app.views) {
        const auto count = static_cast<double>(run.perRefresh ? view->updates : view->paints);
        const double ms =
            run.perRefresh ? view->updateMs + view->paintMs + view->otherMs : view->paintMs;
        costs << QString::number(count == 0 ? 0.0 : ms / count, 'f', 2);
    }
    std::printf("| %s, %g min | %ld of %ld | %.2f ms | %.2f ms | %.2f ms | %llu | %.2f ms | %s ms "
                "| %.1f → %.1f MiB |\n",
                run.scenario.c_str(), options.minutes, taken, due, frames.quantile(0.99),
                frames.quantile(0.999), frames.worst(),
                static_cast<unsigned long long>(frames.over()), worstStallMs,
                qPrintable(costs.join(QStringLiteral(" / "))), startKiB / 1024.0,
                residentKiB() / 1024.0);
}

// The synthetic feed: rounds of 30 hops x 3 probes into tabs laid out as a trace tab's, each
// refreshed by the tab's rules.
void runSynthetic(TimedApplication &app, const Options &options)
{
    // The tabs of a window, at 1280 x 800, the first in front.
    QTabWidget window;
    window.setDocumentMode(true); // as the window's tabs are
    std::vector<std::unique_ptr<Tab>> tabs;
    ViewCost tableCost{"table", {}};
    ViewCost graphCost{"graph", {}};
    ViewCost chartCost{"chart", {}};
    for (int i = 0; i < options.tabCount; ++i) {
        tabs.push_back(std::make_unique<Tab>(&window));
        window.addTab(tabs.back()->page, QStringLiteral("198.18.%1.2").arg(i));
        tableCost.widgets.push_back(tabs.back()->table);
        graphCost.widgets.push_back(tabs.back()->graph);
        chartCost.widgets.push_back(tabs.back()->chart);
    }
    app.views = {&tableCost, &graphCost, &chartCost};
    window.resize(1280, 800);
    window.show();

    const long emptyKiB = residentKiB();
    std::mt19937 random(20261125);
    std::uniform_real_distribution<double> noise(0.0, 1.0);
    if (options.preload > 0) {
        QElapsedTimer loading;
        loading.start();
        const std::int64_t startUs = nowUs();
        Tab &front = *tabs.front();
        for (int round = 1; round <= options.preload; ++round) {
            MonitorRound past;
            past.number = round;
            past.startedUs = startUs - std::int64_t{options.preload - round + 1} * 1'000'000;
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
            front.session.addRound(past);
        }
        front.round = options.preload;
        front.dirty = front.chartDirty = true;
        std::printf("  a past of %d rounds fed in %.1f s: resident %.1f MiB (%.1f MiB more)\n",
                    options.preload, static_cast<double>(loading.elapsed()) / 1000.0,
                    residentKiB() / 1024.0, (residentKiB() - emptyKiB) / 1024.0);
    }
    const int firstRound = tabs.front()->round;

    // Probes arrive one by one, as the worker delivers them: a round's 90 in five slices over
    // the round's interval. Each tab has its own feed, as each session has its own worker.
    std::vector<std::unique_ptr<QTimer>> feeds;
    long worstBacklog = 0; // slices due that had to wait for the next tick
    for (std::size_t i = 0; i < tabs.size(); ++i) {
        Tab &tab = *tabs[i];
        auto feed = std::make_unique<QTimer>();
        feed->setInterval(std::max(1, static_cast<int>(1000.0 / options.rate / 5)));
        const auto deliverSlice = [&tab, &random, &noise] {
            if (tab.slice == 0) {
                ++tab.round;
                tab.session.beginRound(tab.round, nowUs(), address(kHops, 0));
            }
            for (int ttl = tab.slice * kHops / 5 + 1; ttl <= (tab.slice + 1) * kHops / 5; ++ttl) {
                for (int query = 0; query < kQueries; ++query) {
                    ProbeSample probe;
                    probe.ttl = ttl;
                    probe.sentAtUs = nowUs();
                    if (noise(random) >= 0.02 && !(ttl == 7 && noise(random) < 0.5)) {
                        probe.responder = ttl == kHops ? address(kHops, 0)
                                                       : address(ttl, ttl == 12 ? query % 2 : 0);
                        probe.rttMs = 0.8 * ttl + 4.0 * noise(random) * noise(random);
                    }
                    tab.session.addProbe(probe);
                }
            }
            tab.dirty = tab.chartDirty = true;
            if (++tab.slice == 5) {
                tab.slice = 0;
                tab.session.endRound();
            }
        };
        // A worker's results wait in the queue while the thread is busy; none is lost. So the
        // feed delivers every slice due by now, and a late tick delivers several.
        QObject::connect(
            feed.get(), &QTimer::timeout, [&tab, deliverSlice, &options, &worstBacklog] {
                if (!tab.clock.isValid())
                    tab.clock.start();
                const auto due = static_cast<long>(static_cast<double>(tab.clock.elapsed()) *
                                                   options.rate * 5.0 / 1000.0) +
                                 1;
                worstBacklog = std::max(worstBacklog, due - tab.delivered - 1);
                for (; tab.delivered < due; ++tab.delivered)
                    deliverSlice();
            });
        // Sessions started one after another, not in step.
        QTimer::singleShot(
            static_cast<int>(i * 1000.0 / options.rate / static_cast<double>(tabs.size())),
            feed.get(), qOverload<>(&QTimer::start));
        feeds.push_back(std::move(feed));
    }

    // As a trace tab refreshes: only when something came in, and only while it is in front.
    const auto refreshViews = [&](Tab &tab) {
        if (!tab.dirty || tab.page->isHidden())
            return;
        tab.dirty = false;
        if (options.skip != "table")
            tableCost.timeUpdate([&] {
                tab.model->update(tab.session);
                tab.table->showColumnsWithContent();
            });
        if (options.skip != "graph")
            graphCost.timeUpdate([&] { tab.graph->refresh(tab.session); });
    };
    const auto refreshChart = [&](Tab &tab) {
        if (!tab.chartDirty || tab.page->isHidden())
            return;
        tab.chartDirty = false;
        if (options.skip != "chart")
            chartCost.timeUpdate([&] { tab.chart->refresh(tab.session); });
    };
    QTimer refresh;
    refresh.setInterval(100);
    QObject::connect(&refresh, &QTimer::timeout, [&] {
        for (auto &tab : tabs)
            refreshViews(*tab);
    });
    QTimer chartRefresh;
    chartRefresh.setInterval(250);
    QObject::connect(&chartRefresh, &QTimer::timeout, [&] {
        for (auto &tab : tabs)
            refreshChart(*tab);
    });
    refresh.start();
    chartRefresh.start();

    Run run;
    run.title = "GUI feed: " + std::to_string(options.tabCount) + " tab(s), each " +
                std::to_string(kHops) + " hops x " + std::to_string(kQueries) + " probes at " +
                QString::number(options.rate, 'f', 1).toStdString() + " rounds/s, for " +
                QString::number(options.minutes, 'f', 1).toStdString() +
                " min, offscreen, 1280x800";
    run.scenario =
        std::to_string(options.tabCount) + (options.tabCount == 1 ? " tab" : " tabs") + " at " +
        QString::number(options.rate).toStdString() + " rounds/s" +
        (options.preload > 0 ? ", with " + std::to_string(options.preload) + " rounds before"
                             : std::string());
    run.roundsTaken = [&] {
        long taken = 0;
        for (const auto &tab : tabs)
            taken += tab->round;
        return taken - firstRound;
    };
    run.roundsDue = [&] {
        long due = 0; // whole rounds by each feed's clock
        for (const auto &tab : tabs)
            due += static_cast<long>(static_cast<double>(tab->clock.elapsed()) * options.rate /
                                     1000.0);
        return due;
    };
    run.worstBacklog = [&] { return worstBacklog; };
    if (options.tabCount > 1)
        run.nextTab = [&] {
            window.setCurrentIndex((window.currentIndex() + 1) % window.count());
            refreshViews(*tabs[static_cast<std::size_t>(window.currentIndex())]);
        };
    measure(app, options, run);
}

// Live sessions, as the window runs them: a trace tab each monitoring an address of its own on
// loopback through the helper, one round a second, and the sessions panel summing them all up
// below, as the window's dock does.
void runLive(TimedApplication &app, const Options &options)
{
    QMainWindow window;
    auto *tabs = new QTabWidget(&window);
    tabs->setDocumentMode(true); // as the window's tabs are
    window.setCentralWidget(tabs);
    auto *panel = new SessionsPanel(&window);
    auto *dock = new QDockWidget(QStringLiteral("Sessions"), &window);
    dock->setWidget(panel);
    window.addDockWidget(Qt::BottomDockWidgetArea, dock);
    ViewCost tableCost{"table", {}};
    ViewCost graphCost{"graph", {}};
    ViewCost chartCost{"chart", {}};
    ViewCost summaryCost{"summary", {panel->table()}};
    std::vector<TraceTab *> sessions;
    long settled = 0;
    QElapsedTimer since;
    since.start();
    const QString helper = QStringLiteral(HOPSCOPE_BINARY_DIR "/hopscope-probe");
    for (int i = 0; i < options.targets; ++i) {
        auto *tab = new TraceTab(helper, tabs);
        const QString target = QStringLiteral("127.0.%1.%2").arg(1 + i / 250).arg(1 + i % 250);
        tabs->addTab(tab, target);
        panel->summary()->follow(tab->session());
        QObject::connect(tab->session(), &TraceSession::roundSettled, [&settled] { ++settled; });
        tableCost.widgets.push_back(tab->table());
        graphCost.widgets.push_back(tab->graph());
        chartCost.widgets.push_back(tab->chart());
        TraceRequest request;
        request.target = target.toStdString();
        request.protocol = Protocol::Icmp;
        tab->start(request, TraceSession::Mode::Monitor, 1000);
        sessions.push_back(tab);
    }
    app.views = {&tableCost, &graphCost, &chartCost, &summaryCost};
    window.resize(1280, 900);
    window.show();

    Run run;
    run.title = "Live sessions: " + std::to_string(options.targets) +
                " targets on loopback, one tab each, through the helper, one round a second; the "
                "sessions panel shows them all; for " +
                QString::number(options.minutes, 'f', 1).toStdString() +
                " min, offscreen, 1280x900";
    run.scenario =
        std::to_string(options.targets) + " live sessions at 1 round/s with the sessions panel";
    run.perRefresh = false;
    run.roundsTaken = [&] { return settled; };
    run.roundsDue = [&] {
        return static_cast<long>(since.elapsed() / 1000) * static_cast<long>(sessions.size());
    };
    run.nextTab = [tabs] { tabs->setCurrentIndex((tabs->currentIndex() + 1) % tabs->count()); };
    measure(app, options, run);
    for (TraceTab *tab : sessions)
        tab->session()->stop();
}

} // namespace

int main(int argc, char **argv)
{
    Options options;
    for (int i = 1; i + 1 < argc; ++i) {
        if (std::strcmp(argv[i], "--minutes") == 0)
            options.minutes = std::atof(argv[i + 1]);
        if (std::strcmp(argv[i], "--skip") == 0)
            options.skip = argv[i + 1];
        if (std::strcmp(argv[i], "--preload-rounds") == 0)
            options.preload = std::max(0, std::atoi(argv[i + 1]));
        if (std::strcmp(argv[i], "--tabs") == 0)
            options.tabCount = std::clamp(std::atoi(argv[i + 1]), 1, 64);
        if (std::strcmp(argv[i], "--rate") == 0)
            options.rate = std::clamp(std::atof(argv[i + 1]), 0.1, 50.0);
        if (std::strcmp(argv[i], "--targets") == 0)
            options.targets = std::clamp(std::atoi(argv[i + 1]), 1, 500);
        if (std::strcmp(argv[i], "--switch-seconds") == 0)
            options.switchSeconds = std::clamp(std::atof(argv[i + 1]), 1.0, 600.0);
    }
    TimedApplication app(argc, argv);
    if (options.targets > 0)
        runLive(app, options);
    else
        runSynthetic(app, options);
    return 0;
}
