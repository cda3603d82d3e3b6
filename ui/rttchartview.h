// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "path/pathmodel.h"

#include <QChartView>
#include <QList>
#include <QPair>

#include <deque>
#include <optional>
#include <string>
#include <utility>
#include <vector>

class QAreaSeries;
class QDateTimeAxis;
class QLineSeries;
class QScatterSeries;
class QValueAxis;

namespace hopscope {

// Round-trip times as a chart. Per TTL (a trace): the best-to-worst band, the average line, every
// reply as a dot, and loss on a second axis. Over time (monitoring): one line per chosen hop
// (by default the destination and the slowest other hop) across a sliding window, with route
// changes marked and the first hop's loss as red dots. Over time the chart is the session's
// timeline: dragging across it holds that period (from the whole session down to a second), and a
// right click or followLatest() lets go. Points are replaced in batches when refresh() is called,
// never appended, and thinned to slices of time about as many as the chart has pixels.
class RttChartView : public QChartView
{
    Q_OBJECT

public:
    enum class Mode { PerTtl, OverTime };
    using HopKey = std::pair<int, std::string>;

    explicit RttChartView(QWidget *parent = nullptr);

    void setMode(Mode mode);
    Mode mode() const { return m_mode; }
    // Over time: how far back the chart reaches; 0 shows the whole session.
    void setWindowSeconds(int seconds);
    // Over time: the hops drawn; empty chooses the destination and the slowest other hop.
    void setChosenHops(const std::vector<HopKey> &hops);
    const std::vector<HopKey> &shownHops() const { return m_shown; }

    void refresh(const PathModel &session);
    void clear();

    // Over time: holds the chart on a period, as a drag across it does, and says so.
    void holdPeriod(qint64 fromMs, qint64 toMs);
    // Over time: the period held, Unix milliseconds, if any.
    std::optional<std::pair<qint64, qint64>> heldPeriod() const { return m_held; }

public Q_SLOTS:
    // Over time: lets go of a held period and follows the latest rounds again.
    void followLatest();

Q_SIGNALS:
    void periodHeld(qint64 fromMs, qint64 toMs);
    void periodReleased();

protected:
    void mouseReleaseEvent(QMouseEvent *event) override;

private:
    void buildPerTtl();
    void buildOverTime();
    void refreshPerTtl(const PathModel &session);
    void refreshOverTime(const PathModel &session);
    std::vector<HopKey> defaultHops(const PathModel &session) const;
    void setTimeRange(qint64 fromMs, qint64 toMs);

    Mode m_mode = Mode::PerTtl;
    int m_windowSeconds = 300;
    std::vector<HopKey> m_chosen;
    std::vector<HopKey> m_shown;
    // Per TTL
    QLineSeries *m_bandLow = nullptr;
    QLineSeries *m_bandHigh = nullptr;
    QAreaSeries *m_band = nullptr;
    QLineSeries *m_average = nullptr;
    QScatterSeries *m_samples = nullptr;
    QLineSeries *m_loss = nullptr;
    QValueAxis *m_ttlAxis = nullptr;
    QValueAxis *m_lossAxis = nullptr;
    // Over time
    QDateTimeAxis *m_timeAxis = nullptr;
    std::vector<QLineSeries *> m_hopLines;
    QLineSeries *m_changes = nullptr;
    QScatterSeries *m_lossDots = nullptr;
    QScatterSeries *m_raised = nullptr;
    QScatterSeries *m_cleared = nullptr;
    QValueAxis *m_rttAxis = nullptr;
    std::optional<std::pair<qint64, qint64>> m_held;
    bool m_settingRange = false; // the chart moves its own axis: no period is chosen
};

} // namespace hopscope
