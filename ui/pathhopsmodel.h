#pragma once

#include "path/networkpath.h"

#include <QAbstractTableModel>

namespace hopscope {

// The hops of one NetworkPath, one row per responder (ECMP responders share a TTL).
class PathHopsModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Ttl, Address, Hostname, Rtt, Reachable, ColumnCount };

    explicit PathHopsModel(QObject *parent = nullptr);

    void setPath(const NetworkPath &path);
    const NetworkPath &path() const { return m_path; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    NetworkPath m_path;
};

} // namespace hopscope
