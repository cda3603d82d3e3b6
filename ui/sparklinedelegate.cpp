// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "ui/sparklinedelegate.h"

#include "ui/hoptablemodel.h"
#include "ui/latencycolors.h"

#include <QApplication>
#include <QPainter>
#include <QPainterPath>

#include <cmath>

namespace hopscope {

void SparklineDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                              const QModelIndex &index) const
{
    QStyleOptionViewItem base = option;
    initStyleOption(&base, index);
    base.text.clear();
    QApplication::style()->drawControl(QStyle::CE_ItemViewItem, &base, painter);

    const auto rtts = index.data(HopTableModel::RecentRttsRole).value<QList<double>>();
    if (rtts.isEmpty())
        return;
    double top = 0;
    for (const double rtt : rtts)
        if (!std::isnan(rtt))
            top = std::max(top, rtt);
    const QRectF area = QRectF(option.rect).adjusted(4, 4, -4, -4);
    const double step = area.width() / std::max<qsizetype>(1, HopTableModel::kRecentProbes - 1);
    const double left = area.right() - step * static_cast<double>(rtts.size() - 1);
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    QPainterPath line;
    bool drawing = false;
    double sum = 0;
    int replies = 0;
    for (qsizetype i = 0; i < rtts.size(); ++i) {
        const double x = left + step * static_cast<double>(i);
        if (std::isnan(rtts[i])) {
            painter->fillRect(QRectF(x - 0.7, area.bottom() - 4, 1.4, 4), QColor(0xd3, 0x2f, 0x2f));
            drawing = false;
            continue;
        }
        sum += rtts[i];
        ++replies;
        const double y = area.bottom() - (top > 0 ? rtts[i] / top : 0.5) * area.height();
        if (drawing)
            line.lineTo(x, y);
        else
            line.moveTo(x, y);
        drawing = true;
    }
    const QColor color = replies > 0 ? latencyColor(sum / replies) : silentColor();
    // A pen one pixel wide takes the rasteriser's fast path; a wider one is stroked as an
    // outline and filled, which cost more than the rest of the table's painting together.
    painter->setPen(QPen(
        option.state & QStyle::State_Selected ? option.palette.highlightedText().color() : color,
        1.0));
    painter->drawPath(line);
    painter->restore();
}

QSize SparklineDelegate::sizeHint(const QStyleOptionViewItem &option,
                                  const QModelIndex &index) const
{
    return QStyledItemDelegate::sizeHint(option, index).expandedTo(QSize(110, 20));
}

} // namespace hopscope
