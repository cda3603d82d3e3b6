// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <QHash>
#include <QStaticText>
#include <QStyledItemDelegate>

namespace hopscope {

// Draws a cell's text from a cache of laid-out texts. The standard delegate lays each cell's
// text out again (shaping it glyph by glyph) at every paint; a live table repaints its figures
// ten times a second, and the same few hundred texts come back again and again.
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
    const QStaticText &laidOut(const QString &text, const QFont &font) const;

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
    mutable QHash<Key, QStaticText> m_laidOut;
    // The view's font the cache was laid out in, bold and italic aside.
    mutable QString m_family;
    mutable double m_pointSize = 0;
    mutable int m_pixelSize = 0;
};

} // namespace hopscope
