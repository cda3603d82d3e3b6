// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "path/pathmodel.h"

#include <QChartView>
#include <QList>
#include <QPair>

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
// changes marked. Points are replaced in batches when refresh() is called, never appended.
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

private:
    void buildPerTtl();
    void buildOverTime();
    void refreshPerTtl(const PathModel &session);
    void refreshOverTime(const PathModel &session);
    std::vector<HopKey> defaultHops(const PathModel &session) const;

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
    QValueAxis *m_rttAxis = nullptr;
};

} // namespace hopscope
