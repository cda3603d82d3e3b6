// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "path/sessionglance.h"

#include <QAbstractTableModel>
#include <QList>
#include <QPointer>
#include <QStringList>

#include <vector>

namespace hopscope {

class TraceSession;

// Every monitoring session of the window on one line each: target, state, the destination's
// loss and round trips, its latest probes, the last route change. A session joins when it starts
// monitoring and leaves when its tab is closed. A row is worked out again only when its session
// settles a round or changes state, and only that row is said to have changed.
class SessionSummaryModel final : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Target, State, Alerts, Loss, Avg, Last, Recent, Rounds, LastChange, ColumnCount };

    explicit SessionSummaryModel(QObject *parent = nullptr);

    // Follows `session` from its next monitoring run on (and the one under way).
    void follow(TraceSession *session);
    TraceSession *sessionAt(int row) const;
    int rowOf(const TraceSession *session) const;
    // The alert rules whose condition holds now in `session`.
    void setActiveAlerts(const TraceSession *session, const QStringList &rules);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    struct Row
    {
        QPointer<TraceSession> session;
        SessionGlance glance;
        QStringList alerts;
    };
    void onStateChanged(TraceSession *session);
    void refresh(const TraceSession *session);
    void forget(const QObject *session);
    QString stateText(const TraceSession &session, const SessionGlance &glance) const;

    std::vector<Row> m_rows;
};

} // namespace hopscope
