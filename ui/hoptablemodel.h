// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "path/monitorsummary.h"
#include "path/networkpath.h"
#include "report/quotefindings.h"

#include <QAbstractTableModel>
#include <QList>

#include <array>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace hopscope {

class PathModel;

// The mtr-style table of a trace or monitoring session: one row per responder per TTL.
class HopTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        Ttl,
        Host,
        Address,
        As,           // number and short name of the AS the responder is in
        Country,      // the country its AS or database gives
        Mpls,         // the label stack the router quoted
        TrafficClass, // DSCP and ECN as the router saw them, when not as sent
        Nat,          // the source the router saw, when a NAT before it rewrote ours
        Mtu,          // the next-hop or interface MTU the router told
        Loss,
        Sent,
        Last,
        Avg,
        Best,
        Worst,
        StdDev,
        Jitter,
        P95,
        Recent,
        ColumnCount
    };
    enum Role {
        SortRole = Qt::UserRole, // numbers as numbers
        RecentRttsRole,          // QList<double> of the latest replies (NaN: lost)
        RateLimitedRole,         // bool
        TtlRole,                 // int
        ResponderRole,           // QString, "" for a silent TTL
    };

    // How many of a row's latest probes the Recent column draws.
    static constexpr int kRecentProbes = 40;

    explicit HopTableModel(QObject *parent = nullptr);

    // Takes the session's rows; rows that stay keep their place, new ones are inserted.
    void update(const PathModel &session);
    void clear();

    const std::vector<MonitorHop> &hops() const { return m_hops; }
    int latestRound() const { return m_latestRound; }
    // The rows as aligned text, as `hopscope-cli monitor` prints them.
    QString toText() const;
    // The columns only some paths fill: the table hides each while no row has anything for it.
    static constexpr std::array kOptionalColumns{As, Country, Mpls, TrafficClass, Nat, Mtu};
    // False for one of those while no row of this path has anything for it.
    bool hasContent(int column) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    QVariant display(const MonitorHop &hop, int column) const;
    // The columns whose cells show something else for `after` than for `before`, or -1 alone
    // for the whole row when more than the figures changed.
    std::vector<int> changedColumns(const MonitorHop &before, int routeBefore,
                                    const MonitorHop &after, bool recentChanged) const;
    QVariant sortValue(const MonitorHop &hop, int column) const;
    QString toolTip(const MonitorHop &hop) const;
    std::optional<AddressOwner> ownerOfRow(const MonitorHop &hop) const;
    std::vector<MplsLabel> labelsOfRow(const MonitorHop &hop) const;

    std::vector<MonitorHop> m_hops;
    std::vector<QList<double>> m_recent;
    NetworkPath m_header;    // whose network each responder is in
    FileLabels m_fileLabels; // the label stacks a file gave its hops
    int m_latestRound = 0;
    bool m_counted = true; // false: the rows give one RTT each, nothing of loss
};

} // namespace hopscope
