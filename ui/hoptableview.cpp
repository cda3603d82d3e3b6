// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "ui/hoptableview.h"

#include "ui/cachedtextdelegate.h"
#include "ui/sparklinedelegate.h"

#include <QHeaderView>
#include <QSortFilterProxyModel>

#include <algorithm>

namespace hopscope {

namespace {

// The sparkline takes the room the figures leave; every other column follows its content.
bool fitsContent(int column)
{
    return column != HopTableModel::Recent;
}

// A host name longer than this is elided (its tooltip has it whole), so that one long reverse
// name cannot push the figures out of sight.
constexpr int kHostCharacters = 40;

} // namespace

HopTableView::HopTableView(HopTableModel *model, QWidget *parent)
    : QTableView(parent), m_model(model), m_sorted(new QSortFilterProxyModel(this))
{
    m_sorted->setSourceModel(m_model);
    m_sorted->setSortRole(HopTableModel::SortRole);
    setModel(m_sorted);
    setSortingEnabled(true);
    sortByColumn(HopTableModel::Ttl, Qt::AscendingOrder);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setSelectionMode(QAbstractItemView::ExtendedSelection);
    setAlternatingRowColors(true);
    setWordWrap(false);
    verticalHeader()->hide();
    verticalHeader()->setDefaultSectionSize(22);
    QHeaderView *header = horizontalHeader();
    header->setStretchLastSection(false);
    header->setMinimumSectionSize(36);
    header->setSectionResizeMode(HopTableModel::Recent, QHeaderView::Stretch);
    setItemDelegate(new CachedTextDelegate(this));
    setItemDelegateForColumn(HopTableModel::Recent, new SparklineDelegate(this));

    connect(m_model, &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex &topLeft, const QModelIndex &bottomRight) {
                noteChanged(topLeft.row(), bottomRight.row(), topLeft.column(),
                            bottomRight.column());
            });
    connect(m_model, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex &, int first, int last) {
                noteChanged(first, last, 0, HopTableModel::ColumnCount - 1);
            });
    connect(m_model, &QAbstractItemModel::modelReset, this, &HopTableView::measureAll);
    measureAll();
}

void HopTableView::showColumnsWithContent()
{
    for (const int column : HopTableModel::kOptionalColumns) {
        const bool hide = !m_model->hasContent(column);
        if (hide == isColumnHidden(column))
            continue;
        setColumnHidden(column, hide);
        if (!hide && m_toFit[static_cast<std::size_t>(column)])
            scheduleFit();
    }
}

void HopTableView::selectHop(int ttl, const QString &responder)
{
    for (int row = 0; row < m_sorted->rowCount(); ++row) {
        const QModelIndex index = m_sorted->index(row, 0);
        if (index.data(HopTableModel::TtlRole).toInt() == ttl &&
            index.data(HopTableModel::ResponderRole).toString() == responder) {
            selectRow(row);
            scrollTo(index);
        }
    }
}

int HopTableView::extentOf(int row, int column) const
{
    const QModelIndex index = m_model->index(row, column);
    const auto length = static_cast<int>(index.data(Qt::DisplayRole).toString().size());
    return index.data(Qt::DecorationRole).isValid() ? length + 3 : length;
}

void HopTableView::noteChanged(int firstRow, int lastRow, int firstColumn, int lastColumn)
{
    bool grew = false;
    for (int column = firstColumn; column <= lastColumn; ++column) {
        const auto at = static_cast<std::size_t>(column);
        if (!fitsContent(column) || m_toFit[at])
            continue;
        for (int row = firstRow; row <= lastRow && !m_toFit[at]; ++row)
            m_toFit[at] = extentOf(row, column) > m_widest[at];
        grew = grew || m_toFit[at];
    }
    if (grew)
        scheduleFit();
}

void HopTableView::measureAll()
{
    // A new path: columns may narrow again.
    m_widest.fill(0);
    for (int column = 0; column < HopTableModel::ColumnCount; ++column)
        m_toFit[static_cast<std::size_t>(column)] = fitsContent(column);
    scheduleFit();
}

void HopTableView::scheduleFit()
{
    // Measured once the model has told everything that changed in this refresh.
    if (m_fitPending)
        return;
    m_fitPending = true;
    QMetaObject::invokeMethod(this, &HopTableView::fitColumns, Qt::QueuedConnection);
}

void HopTableView::fitColumns()
{
    m_fitPending = false;
    for (int column = 0; column < HopTableModel::ColumnCount; ++column) {
        const auto at = static_cast<std::size_t>(column);
        // A hidden column is measured when it is shown.
        if (!m_toFit[at] || isColumnHidden(column))
            continue;
        resizeColumnToContents(column);
        if (column == HopTableModel::Host)
            setColumnWidth(column, std::min(columnWidth(column),
                                            fontMetrics().averageCharWidth() * kHostCharacters));
        int widest = 0;
        for (int row = 0; row < m_model->rowCount(); ++row)
            widest = std::max(widest, extentOf(row, column));
        m_widest[at] = widest;
        m_toFit[at] = false;
    }
}

} // namespace hopscope
