// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "ui/hoptablemodel.h"

#include "common/safetext.h"
#include "path/pathmodel.h"
#include "report/monitortexttable.h"
#include "report/quotefindings.h"
#include "ui/figureformat.h"

#include <QBrush>
#include <QColor>
#include <QDateTime>
#include <QFont>
#include <QPalette>

#include <algorithm>
#include <cmath>
#include <limits>

namespace hopscope {

namespace {

using Key = std::pair<int, std::string>;

constexpr int kWholeRow = -1;

// Equal, a lost probe (NaN) matching a lost probe.
bool sameRtts(const QList<double> &a, const QList<double> &b)
{
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](double x, double y) {
        return x == y || (std::isnan(x) && std::isnan(y));
    });
}

Key keyOf(const MonitorHop &hop)
{
    return {hop.ttl, hop.responder};
}

QList<double> recentRtts(const PathModel &session, const MonitorHop &hop)
{
    QList<double> rtts;
    const auto atTtl = session.series().find(hop.ttl);
    if (atTtl == session.series().end())
        return rtts;
    for (const PathModel::Series &series : atTtl->second) {
        if (series.responder != hop.responder)
            continue;
        const auto &recent = series.history.recent();
        const std::size_t first = recent.size() > HopTableModel::kRecentProbes
                                      ? recent.size() - HopTableModel::kRecentProbes
                                      : 0;
        for (std::size_t i = first; i < recent.size(); ++i)
            rtts << (recent[i].lost() ? std::numeric_limits<double>::quiet_NaN()
                                      : double(recent[i].rttMs));
    }
    return rtts;
}

} // namespace

HopTableModel::HopTableModel(QObject *parent) : QAbstractTableModel(parent) {}

void HopTableModel::clear()
{
    beginResetModel();
    m_hops.clear();
    m_recent.clear();
    m_latestRound = 0;
    endResetModel();
}

void HopTableModel::update(const PathModel &session)
{
    // Whose network a responder is in, and the labels and counts of a file, change every row.
    FileLabels labels = fileLabelsOf(session.fileHops()); // empty, and free, for a live path
    const bool everyRow =
        session.counted() != m_counted || !(session.header() == m_header) || labels != m_fileLabels;
    if (everyRow) {
        m_counted = session.counted();
        m_header = session.header();
        m_fileLabels = std::move(labels);
    }
    std::vector<MonitorHop> hops = session.hops(); // a copy: the model keeps it between refreshes
    // Rows are ordered by TTL and never go away, so the old rows are a subsequence of the new:
    // insert what is new where it belongs and refresh the rest in place.
    const int routeBefore = m_latestRound;
    m_latestRound = session.routeRound();
    std::size_t old = 0;
    std::vector<std::pair<int, int>> changed; // row and column of each cell that shows news
    for (std::size_t row = 0; row < hops.size(); ++row) {
        if (old < m_hops.size() && keyOf(m_hops[old]) == keyOf(hops[row])) {
            QList<double> recent = recentRtts(session, hops[row]);
            if (everyRow)
                changed.emplace_back(static_cast<int>(old), kWholeRow);
            else
                for (const int column : changedColumns(m_hops[old], routeBefore, hops[row],
                                                       !sameRtts(recent, m_recent[old])))
                    changed.emplace_back(static_cast<int>(old), column);
            m_hops[old] = hops[row];
            m_recent[old] = std::move(recent);
            ++old;
            continue;
        }
        beginInsertRows({}, static_cast<int>(old), static_cast<int>(old));
        m_hops.insert(m_hops.begin() + static_cast<std::ptrdiff_t>(old), hops[row]);
        m_recent.insert(m_recent.begin() + static_cast<std::ptrdiff_t>(old),
                        recentRtts(session, hops[row]));
        endInsertRows();
        ++old;
    }
    if (m_hops.size() != hops.size()) {
        // Not a subsequence after all (a new session): start again.
        beginResetModel();
        m_hops = std::move(hops);
        m_recent.clear();
        for (const MonitorHop &hop : m_hops)
            m_recent.push_back(recentRtts(session, hop));
        endResetModel();
        return;
    }
    // Only the cells that show something new are repainted: painting a cell's text costs far
    // more than finding out whether it changed.
    for (const auto &[row, column] : changed)
        Q_EMIT dataChanged(index(row, column == kWholeRow ? 0 : column),
                           index(row, column == kWholeRow ? ColumnCount - 1 : column));
}

std::vector<int> HopTableModel::changedColumns(const MonitorHop &before, int routeBefore,
                                               const MonitorHop &after, bool recentChanged) const
{
    MonitorHop figuresAside = after;
    figuresAside.stats = before.stats;
    figuresAside.lastRound = before.lastRound;
    figuresAside.likelyRateLimited = before.likelyRateLimited;
    if (before.onRoute(routeBefore) != after.onRoute(m_latestRound) || !(figuresAside == before))
        return {kWholeRow}; // what the row is, or whether it is on the route, changed
    std::vector<int> columns;
    for (int column = Loss; column < Recent; ++column)
        // The loss cell is amber and italic when the loss looks like rate limiting.
        if (display(before, column) != display(after, column) ||
            (column == Loss && before.likelyRateLimited != after.likelyRateLimited))
            columns.push_back(column);
    if (recentChanged)
        columns.push_back(Recent);
    return columns;
}

int HopTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_hops.size());
}

int HopTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant HopTableModel::display(const MonitorHop &hop, int column) const
{
    const HopStatistics &s = hop.stats;
    switch (column) {
    case Ttl:
        return hop.ttl;
    case Host:
        if (hop.responder.empty())
            return tr("no reply");
        return QString::fromStdString(hop.hostname.empty() ? hop.responder : hop.hostname);
    case Address:
        return hop.responder.empty() ? QStringLiteral("*") : QString::fromStdString(hop.responder);
    case As: {
        const auto owner = ownerOfRow(hop);
        return owner ? QString::fromStdString(printable(asLabel(*owner))) : QString();
    }
    case Country: {
        const auto owner = ownerOfRow(hop);
        return owner ? QString::fromStdString(printable(owner->country)) : QString();
    }
    case Mpls:
        return QString::fromStdString(mplsCell(labelsOfRow(hop)));
    case TrafficClass: {
        if (!hop.quote)
            return QString();
        const QuoteFindings seen = quoteFindings(*hop.quote, sentTrafficClassOf(m_header));
        return seen.trafficClassRewritten ? QStringLiteral("%1 / %2").arg(seen.dscp).arg(seen.ecn)
                                          : QString();
    }
    case Nat:
        return hop.quote && hop.quote->source
                   ? QString::fromStdString(hop.quote->source->toString())
                   : QString();
    case Mtu: {
        const auto mtu = rowMtu(hop, m_header);
        return mtu ? QVariant(static_cast<qulonglong>(*mtu)) : QVariant(QString());
    }
    case Loss:
        // A hop list with one RTT per hop says nothing of probes lost or sent.
        if (!m_counted)
            return QStringLiteral("\u2013");
        return QString(QString::number(s.lossPercent, 'f', 1) + QLatin1Char('%'));
    case Sent:
        if (!m_counted)
            return QStringLiteral("\u2013");
        return s.sent;
    case Last:
        return formatMilliseconds(s.lastMs);
    case Avg:
        return formatMilliseconds(s.avgMs);
    case Best:
        return formatMilliseconds(s.minMs);
    case Worst:
        return formatMilliseconds(s.maxMs);
    case StdDev:
        return formatMilliseconds(m_counted ? s.stdDevMs : std::nullopt);
    case Jitter:
        return formatMilliseconds(m_counted ? s.jitterMs : std::nullopt);
    case P95:
        return formatMilliseconds(m_counted ? s.p95Ms : std::nullopt);
    default:
        return {};
    }
}

QVariant HopTableModel::sortValue(const MonitorHop &hop, int column) const
{
    const HopStatistics &s = hop.stats;
    const auto number = [](const std::optional<double> &value) {
        return value ? *value : std::numeric_limits<double>::infinity();
    };
    switch (column) {
    case Ttl:
        return hop.ttl * 1000 + static_cast<int>(&hop - m_hops.data()); // TTL, then row order
    case As: {
        const auto owner = ownerOfRow(hop);
        return owner && owner->asn ? QVariant(qulonglong(*owner->asn)) : QVariant(qulonglong(0));
    }
    case Loss:
        return s.lossPercent;
    case Sent:
        return s.sent;
    case Last:
        return number(s.lastMs);
    case Avg:
        return number(s.avgMs);
    case Best:
        return number(s.minMs);
    case Worst:
        return number(s.maxMs);
    case StdDev:
        return number(s.stdDevMs);
    case Jitter:
        return number(s.jitterMs);
    case P95:
    case Recent:
        return number(s.p95Ms);
    default:
        return display(hop, column);
    }
}

std::optional<AddressOwner> HopTableModel::ownerOfRow(const MonitorHop &hop) const
{
    if (hop.responder.empty())
        return std::nullopt;
    return ownerOf(m_header, hop.responder);
}

namespace {

// "AS64500 EXAMPLE-NET - Example Net, NL, prefix 198.18.0.0/22, country NL; from Team Cymru's DNS
// service, 2026-12-02T14:00:00"
QString ownerToolTip(const AddressOwner &owner)
{
    QStringList facts;
    if (owner.asn)
        facts << QStringLiteral("AS%1").arg(*owner.asn) +
                     (owner.asName.empty()
                          ? QString()
                          : QLatin1Char(' ') + QString::fromStdString(printable(owner.asName)));
    if (!owner.prefix.empty())
        facts
            << HopTableModel::tr("prefix %1").arg(QString::fromStdString(printable(owner.prefix)));
    if (!owner.country.empty())
        facts << HopTableModel::tr("country %1")
                     .arg(QString::fromStdString(printable(owner.country)));
    QString source;
    if (owner.source == kOwnerSourceCymru)
        source = HopTableModel::tr("Team Cymru's DNS service");
    else if (owner.source == kOwnerSourceFile)
        source = HopTableModel::tr("the file");
    else if (owner.source.rfind(kOwnerSourceMmdbPrefix, 0) == 0)
        source = HopTableModel::tr("the database %1")
                     .arg(QString::fromStdString(printable(
                         owner.source.substr(std::string(kOwnerSourceMmdbPrefix).size()))));
    else
        source = QString::fromStdString(printable(owner.source));
    QString line = facts.join(QStringLiteral(", ")) + HopTableModel::tr("; from %1").arg(source);
    if (owner.lookedUpAtMs > 0)
        line += QStringLiteral(", ") +
                QDateTime::fromMSecsSinceEpoch(owner.lookedUpAtMs).toString(Qt::ISODate);
    return line;
}

} // namespace

std::vector<MplsLabel> HopTableModel::labelsOfRow(const MonitorHop &hop) const
{
    return rowLabels(hop, m_fileLabels);
}

bool HopTableModel::hasContent(int column) const
{
    if (std::find(kOptionalColumns.begin(), kOptionalColumns.end(), column) ==
        kOptionalColumns.end())
        return true;
    return std::any_of(m_hops.begin(), m_hops.end(), [&](const MonitorHop &hop) {
        return !display(hop, column).toString().isEmpty();
    });
}

QString HopTableModel::toolTip(const MonitorHop &hop) const
{
    QStringList lines;
    if (const auto owner = ownerOfRow(hop))
        lines << ownerToolTip(*owner);
    if (hop.quote)
        for (const std::string &line :
             quoteFindingLines(quoteFindings(*hop.quote, sentTrafficClassOf(m_header)),
                               sentTrafficClassOf(m_header)))
            lines << QString::fromStdString(printable(line));
    else if (const auto labels = labelsOfRow(hop); !labels.empty())
        lines << QString::fromStdString(mplsText(labels));
    if (hop.destination && hop.replyTtl)
        lines << QString::fromStdString(replyTtlLine(*hop.replyTtl));
    if (hop.likelyRateLimited)
        lines << (hop.stats.received == 0
                      ? tr("No replies here, but later hops answer: this router filters or "
                           "rate-limits "
                           "its ICMP answers. It is not losing your traffic.")
                      : tr("Loss here does not continue to later hops: likely ICMP rate limiting, "
                           "not loss on the path."));
    if (const auto kind = routerUnreachable(hop))
        lines << tr("Answered %1 (%2)")
                     .arg(QString::fromUtf8(unreachableName(*kind).data()),
                          QString::fromUtf8(unreachableFlag(*kind).data()));
    if (!hop.onRoute(m_latestRound))
        lines << tr("Not on the path since round %1.").arg(hop.lastRound + 1);
    return lines.join(QLatin1Char('\n'));
}

QVariant HopTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const MonitorHop &hop = m_hops[static_cast<std::size_t>(index.row())];
    switch (role) {
    case Qt::DisplayRole:
        return display(hop, index.column());
    case SortRole:
        return sortValue(hop, index.column());
    case RecentRttsRole:
        return QVariant::fromValue(m_recent[static_cast<std::size_t>(index.row())]);
    case RateLimitedRole:
        return hop.likelyRateLimited;
    case TtlRole:
        return hop.ttl;
    case ResponderRole:
        return QString::fromStdString(hop.responder);
    case Qt::ToolTipRole: {
        QString tip = toolTip(hop);
        // The name whole over its cell: a long one is cut to the column's width.
        if (index.column() == Host && !hop.hostname.empty()) {
            const QString name = display(hop, Host).toString();
            tip = tip.isEmpty() ? name : name + QLatin1Char('\n') + tip;
        }
        return tip.isEmpty() ? QVariant() : QVariant(tip);
    }
    case Qt::TextAlignmentRole:
        return index.column() == Host || index.column() == Address || index.column() == As ||
                       index.column() == Country || index.column() == Mpls || index.column() == Nat
                   ? QVariant(Qt::AlignLeft | Qt::AlignVCenter)
                   : QVariant(Qt::AlignRight | Qt::AlignVCenter);
    case Qt::ForegroundRole:
        if (!hop.onRoute(m_latestRound))
            return QBrush(QColor(0x8a, 0x8f, 0x98));
        if (index.column() == Loss && hop.stats.lossPercent > 0)
            return QBrush(hop.likelyRateLimited ? QColor(0xb2, 0x6b, 0x00)
                                                : QColor(0xc6, 0x28, 0x28));
        return {};
    case Qt::FontRole:
        if (hop.likelyRateLimited && index.column() == Loss) {
            QFont font;
            font.setItalic(true);
            return font;
        }
        if (hop.destination && index.column() == Host) {
            QFont font;
            font.setBold(true);
            return font;
        }
        return {};
    case Qt::DecorationRole:
        if (index.column() == Loss && hop.likelyRateLimited)
            return QColor(0xf0, 0xa2, 0x02);
        return {};
    default:
        return {};
    }
}

QVariant HopTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal)
        return {};
    if (role == Qt::ToolTipRole) {
        switch (section) {
        case Loss:
            return tr("Share of probes without a reply; amber and italic when later hops do not "
                      "share it");
        case Sent:
            return tr("Probes sent");
        case StdDev:
            return tr("Standard deviation of the round-trip times (ms)");
        case Jitter:
            return tr("Mean difference between consecutive round-trip times (ms)");
        case P95:
            return tr("95th percentile of the round-trip times (ms)");
        case Recent:
            return tr("The latest %1 probes; a red mark is a lost one").arg(kRecentProbes);
        case Mpls:
            return tr("The MPLS labels the router quoted (RFC 4950), outermost first");
        case TrafficClass:
            return tr("DSCP / ECN as the router saw the probe, when not as it was sent: a "
                      "rewrite before this hop");
        case Nat:
            return tr("The source address the router saw, when a NAT before it rewrote yours");
        case Mtu:
            return tr("The MTU the router told (next-hop MTU, or its interface's, RFC 5837), or "
                      "the largest probe that reached the hop when the path MTU was searched");
        default:
            return {};
        }
    }
    if (role != Qt::DisplayRole)
        return {};
    static const char *const names[ColumnCount] = {
        QT_TR_NOOP("TTL"),     QT_TR_NOOP("Host"),  QT_TR_NOOP("Address"),  QT_TR_NOOP("AS"),
        QT_TR_NOOP("Country"), QT_TR_NOOP("MPLS"),  QT_TR_NOOP("DSCP/ECN"), QT_TR_NOOP("NAT"),
        QT_TR_NOOP("MTU"),     QT_TR_NOOP("Loss%"), QT_TR_NOOP("Snt"),      QT_TR_NOOP("Last"),
        QT_TR_NOOP("Avg"),     QT_TR_NOOP("Best"),  QT_TR_NOOP("Wrst"),     QT_TR_NOOP("StDev"),
        QT_TR_NOOP("Jitter"),  QT_TR_NOOP("p95"),   QT_TR_NOOP("Recent")};
    return tr(names[section]);
}

QString HopTableModel::toText() const
{
    return QString::fromStdString(formatMonitorTable(m_header, m_hops, m_latestRound));
}

} // namespace hopscope
