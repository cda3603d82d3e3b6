// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "ui/sessionsummarymodel.h"

#include "ui/figureformat.h"
#include "ui/hoptablemodel.h"
#include "ui/latencycolors.h"
#include "ui/tracesession.h"

#include <QBrush>
#include <QDateTime>

#include <limits>

namespace hopscope {

SessionSummaryModel::SessionSummaryModel(QObject *parent) : QAbstractTableModel(parent) {}

void SessionSummaryModel::follow(TraceSession *session)
{
    connect(session, &TraceSession::stateChanged, this,
            [this, session] { onStateChanged(session); });
    connect(session, &TraceSession::roundSettled, this, [this, session] { refresh(session); });
    connect(session, &QObject::destroyed, this, &SessionSummaryModel::forget);
    onStateChanged(session);
}

void SessionSummaryModel::onStateChanged(TraceSession *session)
{
    if (session->isLoaded() || session->mode() != TraceSession::Mode::Monitor ||
        session->state() == TraceSession::State::Idle)
        return;
    if (rowOf(session) < 0) {
        const int row = static_cast<int>(m_rows.size());
        beginInsertRows({}, row, row);
        m_rows.push_back({session, glanceAt(session->model(), HopTableModel::kRecentProbes), {}});
        endInsertRows();
        return;
    }
    refresh(session);
}

void SessionSummaryModel::refresh(const TraceSession *session)
{
    const int row = rowOf(session);
    if (row < 0)
        return;
    m_rows[static_cast<std::size_t>(row)].glance =
        glanceAt(session->model(), HopTableModel::kRecentProbes);
    Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void SessionSummaryModel::setActiveAlerts(const TraceSession *session, const QStringList &rules)
{
    const int row = rowOf(session);
    if (row < 0)
        return;
    m_rows[static_cast<std::size_t>(row)].alerts = rules;
    Q_EMIT dataChanged(index(row, Alerts), index(row, Alerts));
}

void SessionSummaryModel::forget(const QObject *session)
{
    for (std::size_t row = 0; row < m_rows.size(); ++row) {
        // The pointer is already cleared when the session is gone: the stale rows are those.
        if (m_rows[row].session && m_rows[row].session != session)
            continue;
        beginRemoveRows({}, static_cast<int>(row), static_cast<int>(row));
        m_rows.erase(m_rows.begin() + static_cast<std::ptrdiff_t>(row));
        endRemoveRows();
        return;
    }
}

TraceSession *SessionSummaryModel::sessionAt(int row) const
{
    return row >= 0 && row < rowCount() ? m_rows[static_cast<std::size_t>(row)].session.data()
                                        : nullptr;
}

int SessionSummaryModel::rowOf(const TraceSession *session) const
{
    for (std::size_t row = 0; row < m_rows.size(); ++row)
        if (m_rows[row].session == session)
            return static_cast<int>(row);
    return -1;
}

int SessionSummaryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int SessionSummaryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString SessionSummaryModel::stateText(const TraceSession &session,
                                       const SessionGlance &glance) const
{
    using S = TraceSession::State;
    switch (session.state()) {
    case S::Preparing:
        return tr("resolving");
    case S::Running:
    case S::Waiting:
        return glance.rounds > 0 && !glance.reachedLatest ? tr("monitoring, destination silent")
                                                          : tr("monitoring");
    case S::Stopped:
    case S::Finished:
        return tr("stopped");
    case S::Failed:
        return tr("failed: %1").arg(session.errorMessage());
    case S::Idle:
        break;
    }
    return {};
}

QVariant SessionSummaryModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const Row &row = m_rows[static_cast<std::size_t>(index.row())];
    if (!row.session)
        return {};
    const TraceSession &session = *row.session;
    const SessionGlance &glance = row.glance;
    const int column = index.column();
    if (role == Qt::DisplayRole) {
        switch (column) {
        case Target:
            return QString::fromStdString(session.request().target);
        case State:
            return stateText(session, glance);
        case Alerts:
            return row.alerts.join(QStringLiteral(", "));
        case Loss:
            return glance.lossPercent ? QStringLiteral("%1 %").arg(*glance.lossPercent, 0, 'f', 1)
                                      : QStringLiteral("\u2013");
        case Avg:
            return formatMilliseconds(glance.avgMs);
        case Last:
            return formatMilliseconds(glance.reachedLatest ? glance.lastMs : std::nullopt);
        case Rounds:
            return glance.rounds;
        case LastChange:
            if (!glance.lastRouteChange)
                return tr("none");
            return tr("%1, round %2: %3")
                .arg(QDateTime::fromMSecsSinceEpoch(glance.lastRouteChange->timeUs / 1000)
                         .toString(QStringLiteral("HH:mm:ss")))
                .arg(glance.lastRouteChange->round)
                .arg(QString::fromStdString(describeRouteChange(*glance.lastRouteChange)));
        default:
            return {};
        }
    }
    if (role == HopTableModel::RecentRttsRole && column == Recent) {
        QList<double> rtts;
        for (const std::optional<double> &rtt : glance.recentMs)
            rtts << rtt.value_or(std::numeric_limits<double>::quiet_NaN());
        return QVariant::fromValue(rtts);
    }
    if (role == Qt::ForegroundRole) {
        if (column == Loss && glance.lossPercent && *glance.lossPercent > 0)
            return QBrush(QColor(0xd3, 0x2f, 0x2f));
        if (column == Alerts || (column == State && glance.rounds > 0 && !glance.reachedLatest))
            return QBrush(QColor(0xd3, 0x2f, 0x2f));
        if ((column == Avg || column == Last) && glance.avgMs)
            return QBrush(latencyColor(column == Avg ? glance.avgMs : glance.lastMs));
    }
    if (role == Qt::ToolTipRole && column == LastChange && glance.routeChanges > 0)
        return glance.routeChanges == 1
                   ? tr("1 route change in this session")
                   : tr("%1 route changes in this session").arg(glance.routeChanges);
    if (role == Qt::TextAlignmentRole)
        return column == Target || column == State || column == Alerts || column == LastChange
                   ? QVariant(Qt::AlignLeft | Qt::AlignVCenter)
                   : QVariant(Qt::AlignRight | Qt::AlignVCenter);
    return {};
}

QVariant SessionSummaryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Target:
        return tr("Target");
    case State:
        return tr("State");
    case Alerts:
        return tr("Alerts");
    case Loss:
        return tr("Loss");
    case Avg:
        return tr("Avg ms");
    case Last:
        return tr("Last ms");
    case Recent:
        return tr("Recent");
    case Rounds:
        return tr("Rounds");
    case LastChange:
        return tr("Last route change");
    default:
        return {};
    }
}

} // namespace hopscope
