// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "compare/pathcomparison.h"
#include "path/networkpath.h"
#include "path/pathmodel.h"

#include <QWidget>

class QChartView;
class QLabel;
class QTableView;

namespace hopscope {

class ComparisonModel;
class HopGraphView;

// Two saved paths side by side: the verdict, both graphs with the hops that differ outlined,
// the TTL-by-TTL table, and both paths' median RTT per TTL on one chart. Each side is the
// PathModel of its file; nothing runs in the background.
class CompareTab : public QWidget
{
    Q_OBJECT

public:
    CompareTab(const NetworkPath &first, const QString &firstLabel, const NetworkPath &second,
               const QString &secondLabel, QWidget *parent = nullptr);

    const PathComparison &comparison() const;
    // The two paths as given.
    NetworkPath first() const { return m_first.toNetworkPath(); }
    NetworkPath second() const { return m_second.toNetworkPath(); }
    QString verdict() const;
    HopGraphView *firstGraph() const { return m_firstGraph; }
    HopGraphView *secondGraph() const { return m_secondGraph; }
    QTableView *table() const { return m_table; }
    QChartView *chart() const { return m_chart; }
    QString title() const { return m_title; }

private:
    void markDifferences();

    PathModel m_first;
    PathModel m_second;
    HopGraphView *m_firstGraph;
    HopGraphView *m_secondGraph;
    ComparisonModel *m_model;
    QTableView *m_table;
    QChartView *m_chart;
    QLabel *m_verdict;
    QString m_title;
};

} // namespace hopscope
