// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "compare/pathtimeline.h"
#include "path/networkpath.h"

#include <QWidget>

#include <vector>

class QChartView;
class QLabel;
class QPushButton;
class QTableView;

namespace hopscope {

class TimelineModel;

// Several saved paths in time order: when the route moved and how the destination's RTT went,
// as a summary, a grid of TTLs by path and a chart over time. Two paths picked from it open a
// comparison.
class TimelineTab : public QWidget
{
    Q_OBJECT

public:
    explicit TimelineTab(std::vector<NetworkPath> paths, QWidget *parent = nullptr);

    const PathTimeline &timeline() const;
    // "5 paths to example.com, 11-20 09:00 to 11-25 09:00: the route changed 2 times."
    QString headline() const;
    // The headline, and what moved when, as rich text.
    QString summary() const;
    QString title() const;
    QTableView *table() const { return m_table; }
    QChartView *chart() const { return m_chart; }
    QPushButton *compareButton() const { return m_compare; }

public Q_SLOTS:
    // Compares the two selected paths (columns), the older first.
    void compareSelected();

Q_SIGNALS:
    void compareRequested(const hopscope::NetworkPath &first, const hopscope::NetworkPath &second);
    void message(const QString &text);

private:
    QList<int> selectedColumns() const;
    QChartView *buildChart();

    std::vector<NetworkPath> m_paths;
    TimelineModel *m_model;
    QTableView *m_table;
    QChartView *m_chart;
    QLabel *m_summary;
    QPushButton *m_compare;
};

} // namespace hopscope
