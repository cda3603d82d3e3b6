// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "ui/cachedtextdelegate.h"

#include <QApplication>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace hopscope {

namespace {

// Whether the style draws nothing of a cell but its text: no selection, focus, hover or brush
// behind it, nothing beside it, and no style sheet that could give items a look of their own. The
// view has drawn the row's background already; asking the style to lay the cell out again and
// draw nothing was a sixth of the table's first paint after a tab came to the front.
bool onlyText(const QStyleOptionViewItem &cell, const QStyle *style)
{
    return !(cell.state &
             (QStyle::State_Selected | QStyle::State_HasFocus | QStyle::State_MouseOver)) &&
           cell.backgroundBrush.style() == Qt::NoBrush &&
           !(cell.features &
             (QStyleOptionViewItem::HasDecoration | QStyleOptionViewItem::HasCheckIndicator)) &&
           !style->inherits("QStyleSheetStyle");
}

} // namespace

void CachedTextDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                               const QModelIndex &index) const
{
    QStyleOptionViewItem cell = option;
    initStyleOption(&cell, index);
    const QWidget *widget = cell.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    // A mark on the left is the style's to draw, and the text goes right of it; a check box or
    // a mark elsewhere is laid out by the standard delegate.
    const bool markOnLeft = cell.features & QStyleOptionViewItem::HasDecoration &&
                            cell.decorationPosition == QStyleOptionViewItem::Left &&
                            cell.direction == Qt::LeftToRight;
    if (cell.features & QStyleOptionViewItem::HasCheckIndicator ||
        (cell.features & QStyleOptionViewItem::HasDecoration && !markOnLeft)) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    const QString text = cell.text;
    // The style draws the background, selection, mark and focus; the text is ours.
    cell.text.clear();
    if (!onlyText(cell, style))
        style->drawControl(QStyle::CE_ItemViewItem, &cell, painter, widget);
    if (text.isEmpty())
        return;

    // The margins the style leaves around an item's text, and around its mark.
    const int margin = style->pixelMetric(QStyle::PM_FocusFrameHMargin, nullptr, widget) + 1;
    const int markWidth = markOnLeft ? cell.decorationSize.width() + 2 * margin : 0;
    const QRect area = cell.rect.adjusted(markWidth + margin, 0, -margin, 0);
    const QPalette::ColorGroup group = !(cell.state & QStyle::State_Enabled) ? QPalette::Disabled
                                       : (cell.state & QStyle::State_Active) ? QPalette::Normal
                                                                             : QPalette::Inactive;
    painter->save();
    painter->setPen(cell.palette.color(
        group, cell.state & QStyle::State_Selected ? QPalette::HighlightedText : QPalette::Text));
    const LaidOut &laid = laidOut(text, cell.font);
    const QSizeF size = laid.size;
    if (size.width() > area.width()) {
        // Too wide for its column: elided as the standard delegate would.
        painter->setFont(cell.font);
        painter->drawText(area, static_cast<int>(cell.displayAlignment) | Qt::TextSingleLine,
                          cell.fontMetrics.elidedText(text, cell.textElideMode, area.width()));
        painter->restore();
        return;
    }
    const Qt::Alignment horizontal =
        QStyle::visualAlignment(cell.direction, cell.displayAlignment) & Qt::AlignHorizontal_Mask;
    const double x = horizontal & Qt::AlignRight ? area.right() + 1 - size.width()
                     : horizontal & Qt::AlignHCenter
                         ? area.left() + (area.width() - size.width()) / 2
                         : area.left();
    const double y = area.top() + (area.height() - size.height()) / 2;
    const QPointF at(std::round(x), std::round(y));
    if (laid.figures.isEmpty()) {
        painter->setFont(cell.font);
        painter->drawStaticText(at, laid.words);
    } else {
        painter->drawGlyphRun(at + QPointF(0, laid.ascent), laid.figures);
    }
    painter->restore();
}

const CachedTextDelegate::LaidOut &CachedTextDelegate::laidOut(const QString &text,
                                                               const QFont &font) const
{
    // The view's font changed (a new style, a zoom): everything is laid out again.
    if (font.family() != m_family || font.pointSizeF() != m_pointSize ||
        font.pixelSize() != m_pixelSize || m_laidOut.size() >= kCachedTexts) {
        m_laidOut.clear();
        m_rawFonts.clear();
        m_family = font.family();
        m_pointSize = font.pointSizeF();
        m_pixelSize = font.pixelSize();
    }
    const Key key{text, font.bold(), font.italic()};
    auto found = m_laidOut.find(key);
    if (found == m_laidOut.end())
        found = m_laidOut.insert(key, layOut(text, font));
    return found.value();
}

CachedTextDelegate::LaidOut CachedTextDelegate::layOut(const QString &text, const QFont &font) const
{
    LaidOut laid;
    const QFontMetricsF metrics(font);
    // Figures, addresses and the marks between them need no shaping: their glyphs are set side
    // by side at the font's own advances (kerned). A live table's figures are new texts at every
    // refresh, and all of a tab's are when it comes to the front.
    static const QString kFigureCharacters = QStringLiteral("0123456789.,:%+-*/ \u2013");
    const bool figures = std::all_of(text.begin(), text.end(),
                                     [](QChar c) { return kFigureCharacters.contains(c); });
    if (figures) {
        const int style = (font.bold() ? 1 : 0) + (font.italic() ? 2 : 0);
        auto raw = m_rawFonts.find(style);
        if (raw == m_rawFonts.end())
            raw = m_rawFonts.insert(style, QRawFont::fromFont(font));
        const QList<quint32> glyphs = raw->glyphIndexesForString(text);
        if (raw->isValid() && !glyphs.contains(0u)) {
            const QList<QPointF> advances =
                raw->advancesForGlyphIndexes(glyphs, QRawFont::KernedAdvances);
            QList<QPointF> positions;
            positions.reserve(glyphs.size());
            QPointF pen;
            for (const QPointF &advance : advances) {
                positions.append(pen);
                pen += advance;
            }
            laid.figures.setRawFont(*raw);
            laid.figures.setGlyphIndexes(glyphs);
            laid.figures.setPositions(positions);
            laid.size = QSizeF(pen.x(), metrics.height());
            laid.ascent = metrics.ascent();
            return laid;
        }
    }
    laid.words.setText(text);
    laid.words.setTextFormat(Qt::PlainText);
    laid.words.setPerformanceHint(QStaticText::AggressiveCaching);
    laid.words.prepare(QTransform(), font);
    laid.size = laid.words.size();
    return laid;
}

} // namespace hopscope
