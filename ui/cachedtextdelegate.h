// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <QGlyphRun>
#include <QHash>
#include <QRawFont>
#include <QStaticText>
#include <QStyledItemDelegate>

namespace hopscope {

// Draws a cell's text from a cache of laid-out texts. The standard delegate lays each cell's
// text out again (shaping it glyph by glyph) at every paint; a live table repaints its figures
// ten times a second, and the same few hundred texts come back again and again. A text of
// figures only is not shaped at all: its glyphs are set side by side.
//
// Cells with a check box, or a mark anywhere but before their text, are drawn by the standard
// delegate.
class CachedTextDelegate final : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;
    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;

    // How many texts are kept laid out at most; the cache starts again beyond it.
    static constexpr qsizetype kCachedTexts = 4096;

private:
    // A cell's text ready to draw: its glyphs placed, or its layout.
    struct LaidOut
    {
        QGlyphRun figures; // a text of figures only
        QStaticText words; // any other
        QSizeF size;
        qreal ascent = 0;
    };
    const LaidOut &laidOut(const QString &text, const QFont &font) const;
    LaidOut layOut(const QString &text, const QFont &font) const;

    struct Key
    {
        QString text;
        bool bold;
        bool italic;
        bool operator==(const Key &) const = default;
    };
    friend size_t qHash(const Key &key, size_t seed) noexcept
    {
        return qHashMulti(seed, key.text, key.bold, key.italic);
    }
    mutable QHash<Key, LaidOut> m_laidOut;
    mutable QHash<int, QRawFont> m_rawFonts; // the view's font, by bold and italic
    // The view's font the cache was laid out in, bold and italic aside.
    mutable QString m_family;
    mutable double m_pointSize = 0;
    mutable int m_pixelSize = 0;
};

} // namespace hopscope
