// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "ui/hoptablemodel.h"

#include <QTableView>

#include <array>

class QSortFilterProxyModel;

namespace hopscope {

// The hop table of a trace tab: sorted by TTL, a sparkline of the latest replies, the columns
// only some paths fill hidden until a router fills them, and columns as wide as their content.
//
// Columns are measured only when something in them may have grown. QHeaderView's
// ResizeToContents measures every cell of every column at each cell that changes, which for a
// path of 30 hops refreshed ten times a second took 300 ms per refresh.
class HopTableView final : public QTableView
{
    Q_OBJECT

public:
    explicit HopTableView(HopTableModel *model, QWidget *parent = nullptr);

    // Hides AS, Country, MPLS, DSCP/ECN, NAT and MTU while no row has anything for them (a
    // private path, owner look-ups turned off); call after updating the model.
    void showColumnsWithContent();
    // Selects the row of that responder at that TTL, if there is one, and scrolls to it.
    void selectHop(int ttl, const QString &responder);

private:
    // How wide a cell's content is, in characters: the figures' digits are all as wide, and an
    // icon counts as a few.
    int extentOf(int row, int column) const;
    void noteChanged(int firstRow, int lastRow, int firstColumn, int lastColumn);
    void measureAll();
    void scheduleFit();
    void fitColumns();

    HopTableModel *m_model;
    QSortFilterProxyModel *m_sorted;
    std::array<int, HopTableModel::ColumnCount> m_widest{}; // the extent each column was fitted to
    std::array<bool, HopTableModel::ColumnCount> m_toFit{}; // columns waiting to be measured
    bool m_fitPending = false;
};

} // namespace hopscope
