#include "ui/pathhopsmodel.h"

#include <QBrush>
#include <QColor>

namespace hopscope {

PathHopsModel::PathHopsModel(QObject *parent) : QAbstractTableModel(parent) {}

void PathHopsModel::setPath(const NetworkPath &path)
{
    beginResetModel();
    m_path = path;
    endResetModel();
}

int PathHopsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_path.hops.size());
}

int PathHopsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant PathHopsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const PathHop &hop = m_path.hops[static_cast<std::size_t>(index.row())];
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Ttl:
            return hop.ttl;
        case Address:
            return hop.reachable ? QString::fromStdString(hop.ipAddress) : tr("no reply");
        case Hostname:
            return hop.reachable ? QString::fromStdString(hop.hostname) : QString();
        case Rtt:
            return hop.rttMs ? tr("%1 ms").arg(*hop.rttMs, 0, 'f', 3) : QStringLiteral("*");
        case Reachable:
            return hop.reachable ? tr("yes") : tr("no");
        default:
            return {};
        }
    }
    if (role == Qt::TextAlignmentRole && (index.column() == Ttl || index.column() == Rtt))
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ForegroundRole && !hop.reachable)
        return QBrush(QColor(0x80, 0x80, 0x80));
    return {};
}

QVariant PathHopsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Ttl:
        return tr("TTL");
    case Address:
        return tr("Address");
    case Hostname:
        return tr("Hostname");
    case Rtt:
        return tr("RTT");
    case Reachable:
        return tr("Reachable");
    default:
        return {};
    }
}

} // namespace hopscope
