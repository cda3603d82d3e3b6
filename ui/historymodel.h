// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "store/historystore.h"

#include <QAbstractTableModel>

#include <vector>

namespace hopscope {

// The history's entries as the panel lists them, newest first.
class HistoryModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Traced, Target, Protocol, Result, Name, Tags, ColumnCount };
    static constexpr int IdRole = Qt::UserRole + 1;

    explicit HistoryModel(QObject *parent = nullptr);

    void setEntries(std::vector<HistoryEntry> entries);
    const HistoryEntry *entryAt(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    std::vector<HistoryEntry> m_entries;
};

} // namespace hopscope
