// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "ui/comparisonmodel.h"

#include "report/comparisonformat.h"

#include <QBrush>
#include <QColor>
#include <QLabel>

namespace hopscope {

namespace {

QString pText(double p)
{
    return QString::fromStdString(formatPValue(p));
}

QVariant ms(const std::optional<double> &value, bool sign = false)
{
    if (!value)
        return {};
    return sign ? QStringLiteral("%1%2")
                      .arg(*value >= 0 ? QStringLiteral("+") : QString())
                      .arg(*value, 0, 'f', 2)
                : QString::number(*value, 'f', 2);
}

QVariant loss(const std::optional<TtlObservation> &side)
{
    if (!side || !side->lossPercent)
        return {};
    return QStringLiteral("%1%").arg(*side->lossPercent, 0, 'f', 1);
}

} // namespace

QString respondersText(const std::optional<TtlObservation> &side)
{
    if (!side)
        return QStringLiteral("\u2013");
    if (side->responders.empty())
        return QStringLiteral("*");
    QStringList list;
    for (const std::string &responder : side->responders)
        list << QString::fromStdString(responder);
    return list.join(QStringLiteral(", "));
}

QColor routeChangeTint()
{
    return QColor(0xf3, 0xe5, 0xf5);
}

QColor rttShiftTint()
{
    return QColor(0xff, 0xf3, 0xe0);
}

void showVerdict(QLabel *label, const QString &richText)
{
    label->setText(richText);
    label->setTextFormat(Qt::RichText);
    label->setWordWrap(true);
    label->setStyleSheet(QStringLiteral("QLabel { padding: 6px 10px; background: #f5f7fa; }"));
}

QString describeChange(int ttl, HopChange change, const std::optional<RttShift> &shift)
{
    QString text =
        QObject::tr("TTL %1: %2").arg(ttl).arg(QString::fromLatin1(hopChangeName(change)));
    if (shift && shift->significant)
        text += QObject::tr("; %1 by %2 ms (%3)")
                    .arg(shift->medianDeltaMs > 0 ? QObject::tr("slower") : QObject::tr("faster"))
                    .arg(std::abs(shift->medianDeltaMs), 0, 'f', 2)
                    .arg(pText(shift->test.pValue));
    return text;
}

QString describeTtlChange(const TtlComparison &row)
{
    return describeChange(row.ttl, row.change, row.shift);
}

ComparisonModel::ComparisonModel(QObject *parent) : QAbstractTableModel(parent) {}

void ComparisonModel::setComparison(const PathComparison &comparison)
{
    beginResetModel();
    m_comparison = comparison;
    endResetModel();
}

int ComparisonModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_comparison.ttls.size());
}

int ComparisonModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ComparisonModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const TtlComparison &row = m_comparison.ttls[static_cast<std::size_t>(index.row())];
    const bool shifted = row.shift && row.shift->significant;
    if (role == Qt::BackgroundRole) {
        if (isRouteChange(row.change))
            return QBrush(routeChangeTint());
        if (shifted && (index.column() == Delta || index.column() == Test))
            return QBrush(rttShiftTint());
        return {};
    }
    if (role == Qt::TextAlignmentRole)
        return index.column() >= FirstMedian ? QVariant(Qt::AlignRight | Qt::AlignVCenter)
                                             : QVariant();
    if (role == Qt::ToolTipRole)
        return describeTtlChange(row);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Ttl:
        return row.ttl;
    case First:
        return respondersText(row.first);
    case Second:
        return respondersText(row.second);
    case Change:
        return QString::fromLatin1(hopChangeName(row.change));
    case FirstMedian:
        return ms(row.first ? row.first->medianRttMs : std::nullopt);
    case SecondMedian:
        return ms(row.second ? row.second->medianRttMs : std::nullopt);
    case Delta:
        return ms(row.medianDeltaMs, true);
    case Test:
        return row.shift ? QVariant(QString::fromStdString(formatRttTest(row))) : QVariant();
    case FirstLoss:
        return loss(row.first);
    case SecondLoss:
        return loss(row.second);
    default:
        return {};
    }
}

QVariant ComparisonModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Ttl:
        return tr("TTL");
    case First:
        return tr("First");
    case Second:
        return tr("Second");
    case Change:
        return tr("Change");
    case FirstMedian:
        return tr("Median 1");
    case SecondMedian:
        return tr("Median 2");
    case Delta:
        return tr("\u0394 ms");
    case Test:
        return tr("RTT test");
    case FirstLoss:
        return tr("Loss 1");
    case SecondLoss:
        return tr("Loss 2");
    default:
        return {};
    }
}

} // namespace hopscope
