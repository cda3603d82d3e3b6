// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "path/monitorsummary.h"

#include <QFont>
#include <QGraphicsObject>
#include <QStaticText>

namespace hopscope {

// One responder at one TTL in the hop graph (or the TTL's silence, or the source): address,
// host name and latest/average round trip, filled by latency, edged by loss.
class HopNodeItem : public QGraphicsObject
{
    Q_OBJECT

public:
    static constexpr qreal kWidth = 172;
    static constexpr qreal kHeight = 60;
    // Below this height on screen a line of the node's smaller text is drawn as a bar.
    static constexpr qreal kLegibleLinePx = 6;

    // The source of the path: this computer.
    explicit HopNodeItem(const QString &sourceLabel, QGraphicsItem *parent = nullptr);
    explicit HopNodeItem(const MonitorHop &hop, QGraphicsItem *parent = nullptr);

    void setHop(const MonitorHop &hop, bool onPath);
    // The TOS byte the probes left with, against which a router's quote shows a rewrite.
    void setSentTrafficClass(std::uint8_t trafficClass);
    // The MTU of the link after this hop, when path MTU discovery found the MTU drops there.
    void setMtuDropsTo(std::optional<int> mtu);
    const MonitorHop &hop() const { return m_hop; }
    // A mark for a comparison: an outline in the comparison's colour; empty clears it.
    void setEmphasis(const QString &note);
    QString emphasis() const { return m_emphasis; }
    bool isSource() const { return m_source; }
    bool isSilent() const { return !m_source && m_hop.responder.empty(); }

    QRectF boundingRect() const override;
    void paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *widget) override;

private:
    // Everything the node draws but the selection and the hover.
    struct Face
    {
        QString title;
        QString subtitle;
        QString figures;
        QStringList tags;
        QColor accent;
        QColor border;
        qreal borderWidth = 1.2;
        bool emphasised = false;
        bool onPath = true;
        bool rateLimited = false;
        bool destination = false;
        bool operator==(const Face &) const = default;
    };
    // Where and in what the node's lines of text are drawn.
    struct Lines
    {
        QRectF area; // the title's top left to the figures' bottom right
        QFont font;  // the node's, and the two drawn from it
        QFont bold;
        QFont small;
        qreal titleHeight = 0;
        qreal lineHeight = 0; // of the subtitle and the figures
        QRectF chips;         // the row the tags sit in, from the right
        QColor ink;
        QColor muted{0x5f, 0x6b, 0x78};
        QColor figuresInk;
        qreal second() const { return area.top() + titleHeight; }
        qreal third() const { return second() + lineHeight; }
    };
    void paintLinesAsBars(QPainter *painter, const Lines &lines, qreal charWidth) const;
    void paintLinesAsWords(QPainter *painter, const Lines &lines);
    Face faceNow() const;
    void updateFace();
    void updateToolTip();

    MonitorHop m_hop;
    QString m_sourceLabel;
    bool m_source = false;
    bool m_onPath = true;
    QString m_emphasis;
    std::uint8_t m_sentTrafficClass = 0;
    std::optional<int> m_mtuDropsTo;
    Face m_face;
    // The title, subtitle and figures as last drawn, elided for the font they were drawn in.
    QFont m_elidedFor;
    bool m_wordsStale = true;
    bool m_figuresStale = true;
    QStaticText m_title;
    QStaticText m_subtitle;
    QStaticText m_figures;
};

} // namespace hopscope
