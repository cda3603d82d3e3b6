// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "compare/pathtimeline.h"

#include <QAbstractTableModel>

namespace hopscope {

// A timeline as a grid: a row per TTL, a column per path in time order. Each cell names who
// answered and their median RTT; a route change from the path before is tinted purple, a
// significant RTT shift amber.
class TimelineModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    explicit TimelineModel(QObject *parent = nullptr);

    void setTimeline(const PathTimeline &timeline);
    const PathTimeline &timeline() const { return m_timeline; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    PathTimeline m_timeline;
};

// "11-24 09:14" for a path of this year, with the year otherwise.
QString timelineTime(qint64 timestampMs);

} // namespace hopscope
