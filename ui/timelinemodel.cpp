// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "ui/timelinemodel.h"

#include "ui/comparisonmodel.h"

#include <QBrush>
#include <QDateTime>

namespace hopscope {

QString timelineTime(qint64 timestampMs)
{
    if (timestampMs == 0)
        return QObject::tr("undated");
    const QDateTime when = QDateTime::fromMSecsSinceEpoch(timestampMs);
    const bool thisYear = when.date().year() == QDate::currentDate().year();
    return when.toString(thisYear ? QStringLiteral("MM-dd HH:mm")
                                  : QStringLiteral("yyyy-MM-dd HH:mm"));
}

TimelineModel::TimelineModel(QObject *parent) : QAbstractTableModel(parent) {}

void TimelineModel::setTimeline(const PathTimeline &timeline)
{
    beginResetModel();
    m_timeline = timeline;
    endResetModel();
}

int TimelineModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_timeline.ttlCount();
}

int TimelineModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_timeline.entries.size());
}

QVariant TimelineModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount() || index.column() >= columnCount())
        return {};
    const TimelineCell &cell =
        m_timeline
            .cells[static_cast<std::size_t>(index.row())][static_cast<std::size_t>(index.column())];
    const int ttl = index.row() + 1;
    const bool shifted = cell.shift && cell.shift->significant;
    switch (role) {
    case Qt::DisplayRole: {
        QString text = respondersText(cell.observation);
        if (cell.observation && cell.observation->medianRttMs)
            text += QStringLiteral("\n%1 ms").arg(*cell.observation->medianRttMs, 0, 'f', 2);
        return text;
    }
    case Qt::BackgroundRole:
        if (isRouteChange(cell.change))
            return QBrush(routeChangeTint());
        return shifted ? QVariant(QBrush(rttShiftTint())) : QVariant();
    case Qt::ToolTipRole: {
        QString tip = index.column() == 0 ? tr("TTL %1").arg(ttl)
                                          : describeChange(ttl, cell.change, cell.shift);
        if (cell.observation && cell.observation->lossPercent)
            tip += tr("; %1% loss").arg(*cell.observation->lossPercent, 0, 'f', 1);
        return tip;
    }
    default:
        return {};
    }
}

QVariant TimelineModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation == Qt::Vertical)
        return role == Qt::DisplayRole ? QVariant(tr("TTL %1").arg(section + 1)) : QVariant();
    if (section < 0 || section >= columnCount())
        return {};
    const TimelineEntry &entry = m_timeline.entries[static_cast<std::size_t>(section)];
    if (role == Qt::DisplayRole)
        return QString(timelineTime(entry.timestampMs) +
                       (entry.routeChanged ? QStringLiteral(" \u21bb") : QString()));
    if (role == Qt::ToolTipRole)
        return entry.routeChanged
                   ? QVariant(tr("The route changed since the path before.") +
                              (entry.asChange.empty()
                                   ? QString()
                                   : QLatin1Char(' ') + QString::fromStdString(entry.asChange)))
                   : QVariant();
    return {};
}

} // namespace hopscope
