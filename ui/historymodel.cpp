// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "ui/historymodel.h"

#include <QDateTime>

namespace hopscope {

HistoryModel::HistoryModel(QObject *parent) : QAbstractTableModel(parent) {}

void HistoryModel::setEntries(std::vector<HistoryEntry> entries)
{
    beginResetModel();
    m_entries = std::move(entries);
    endResetModel();
}

const HistoryEntry *HistoryModel::entryAt(int row) const
{
    return row >= 0 && row < static_cast<int>(m_entries.size())
               ? &m_entries[static_cast<std::size_t>(row)]
               : nullptr;
}

int HistoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_entries.size());
}

int HistoryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant HistoryModel::data(const QModelIndex &index, int role) const
{
    const HistoryEntry *entry = entryAt(index.row());
    if (!entry)
        return {};
    if (role == IdRole)
        return QVariant::fromValue<qint64>(entry->id);
    if (role == Qt::ToolTipRole)
        return QString::fromStdString(entry->destination);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Traced:
        return QDateTime::fromMSecsSinceEpoch(entry->tracedAtMs)
            .toString(QStringLiteral("yyyy-MM-dd HH:mm"));
    case Target:
        return QString::fromStdString(entry->target);
    case Protocol:
        return QString::fromLatin1(protocolName(entry->protocol));
    case Result: {
        const QString result =
            entry->reached ? tr("reached at TTL %1").arg(entry->hops) : tr("not reached");
        if (entry->rounds == 0)
            return result;
        const QString rounds = entry->rounds == 1
                                   ? tr("%1, 1 round").arg(result)
                                   : tr("%1, %2 rounds").arg(result).arg(entry->rounds);
        // A session kept as it runs (hopscope-cli monitor --record).
        if (entry->recording)
            return tr("%1, recording").arg(rounds);
        if (entry->interrupted)
            return tr("%1, interrupted").arg(rounds);
        return rounds;
    }
    case Name:
        return QString::fromStdString(entry->name);
    case Tags: {
        QStringList tags;
        for (const std::string &tag : entry->tags)
            tags << QString::fromStdString(tag);
        return tags.join(QStringLiteral(", "));
    }
    default:
        return {};
    }
}

QVariant HistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Traced:
        return tr("Traced");
    case Target:
        return tr("Target");
    case Protocol:
        return tr("Protocol");
    case Result:
        return tr("Result");
    case Name:
        return tr("Name");
    case Tags:
        return tr("Tags");
    default:
        return {};
    }
}

} // namespace hopscope
