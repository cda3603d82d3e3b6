// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "compare/pathcomparison.h"

#include <QAbstractTableModel>
#include <QColor>

class QLabel;

namespace hopscope {

// A comparison TTL by TTL, as the compare view lists it; rows that differ are tinted.
class ComparisonModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        Ttl,
        First,
        Second,
        Change,
        FirstMedian,
        SecondMedian,
        Delta,
        Test,
        FirstLoss,
        SecondLoss,
        ColumnCount
    };

    explicit ComparisonModel(QObject *parent = nullptr);

    void setComparison(const PathComparison &comparison);
    const PathComparison &comparison() const { return m_comparison; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    PathComparison m_comparison;
};

// "TTL 3: changed" and, for a significant shift, how much slower or faster.
QString describeChange(int ttl, HopChange change, const std::optional<RttShift> &shift);
QString describeTtlChange(const TtlComparison &row);

// "192.0.2.1, 192.0.2.2"; "*" when silent; a dash beyond the path's end.
QString respondersText(const std::optional<TtlObservation> &side);

// The tints of a route change and of a significant RTT shift, in every comparing view.
QColor routeChangeTint();
QColor rttShiftTint();

// `label` as the banner over a comparing view, showing `richText`.
void showVerdict(QLabel *label, const QString &richText);

} // namespace hopscope
