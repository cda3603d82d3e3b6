// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "ui/hopnodeitem.h"

#include "common/safetext.h"
#include "report/monitortexttable.h"
#include "report/quotefindings.h"
#include "ui/figureformat.h"
#include "ui/latencycolors.h"

#include <QPainter>
#include <QStyleOptionGraphicsItem>

namespace hopscope {

namespace {

QString unreachableFlagOf(const MonitorHop &hop)
{
    const auto kind = routerUnreachable(hop);
    return kind ? QString::fromUtf8(unreachableFlag(*kind).data()) : QString();
}

QColor tagColour(const QString &tag)
{
    return tag == HopNodeItem::tr("MPLS") ? QColor(0x00, 0x79, 0x6b) : QColor(0xc2, 0x5e, 0x00);
}

} // namespace

HopNodeItem::HopNodeItem(const QString &sourceLabel, QGraphicsItem *parent)
    : QGraphicsObject(parent), m_sourceLabel(sourceLabel), m_source(true)
{
    setToolTip(tr("This computer: where the probes leave from"));
    updateFace();
}

HopNodeItem::HopNodeItem(const MonitorHop &hop, QGraphicsItem *parent) : QGraphicsObject(parent)
{
    setFlag(ItemIsSelectable);
    setAcceptHoverEvents(true);
    setCursor(Qt::PointingHandCursor);
    m_hop = hop;
    updateToolTip();
    updateFace();
}

void HopNodeItem::setHop(const MonitorHop &hop, bool onPath)
{
    if (hop == m_hop && onPath == m_onPath)
        return;
    m_hop = hop;
    m_onPath = onPath;
    updateToolTip();
    updateFace();
}

void HopNodeItem::setSentTrafficClass(std::uint8_t trafficClass)
{
    if (trafficClass == m_sentTrafficClass)
        return;
    m_sentTrafficClass = trafficClass;
    updateToolTip();
    updateFace();
}

void HopNodeItem::setMtuDropsTo(std::optional<int> mtu)
{
    if (mtu == m_mtuDropsTo)
        return;
    m_mtuDropsTo = mtu;
    updateToolTip();
    updateFace();
}

void HopNodeItem::updateToolTip()
{
    const HopStatistics &s = m_hop.stats;
    QString tip = tr("<b>TTL %1</b> %2")
                      .arg(m_hop.ttl)
                      .arg(isSilent() ? tr("no reply")
                                      : QString::fromStdString(m_hop.responder).toHtmlEscaped());
    if (!m_hop.hostname.empty())
        tip += QStringLiteral("<br>") + QString::fromStdString(m_hop.hostname).toHtmlEscaped();
    tip += tr("<br>Loss %1% (%2 of %3 lost)")
               .arg(s.lossPercent, 0, 'f', 1)
               .arg(s.sent - s.received)
               .arg(s.sent);
    if (s.received > 0)
        tip += tr("<br>Last %1 \u00b7 Avg %2 \u00b7 Best %3 \u00b7 Worst %4 ms<br>StDev %5 \u00b7 "
                  "Jitter %6 \u00b7 p95 %7 ms")
                   .arg(formatMilliseconds(s.lastMs), formatMilliseconds(s.avgMs),
                        formatMilliseconds(s.minMs), formatMilliseconds(s.maxMs),
                        formatMilliseconds(s.stdDevMs), formatMilliseconds(s.jitterMs),
                        formatMilliseconds(s.p95Ms));
    if (m_hop.likelyRateLimited)
        tip +=
            tr("<br><i>Loss here does not continue to later hops: likely ICMP rate limiting.</i>");
    if (m_hop.quote)
        for (const std::string &line :
             quoteFindingLines(quoteFindings(*m_hop.quote, m_sentTrafficClass), m_sentTrafficClass))
            tip += QStringLiteral("<br>") + QString::fromStdString(printable(line)).toHtmlEscaped();
    if (m_hop.destination && m_hop.replyTtl)
        tip += QStringLiteral("<br>") +
               QString::fromStdString(replyTtlLine(*m_hop.replyTtl)).toHtmlEscaped();
    if (m_mtuDropsTo)
        tip += tr("<br>The path MTU drops to %1 bytes after this hop").arg(*m_mtuDropsTo);
    if (m_hop.destination)
        tip += tr("<br>The destination");
    if (!m_onPath)
        tip += tr("<br>Not on the path since round %1").arg(m_hop.lastRound + 1);
    if (!m_emphasis.isEmpty())
        tip += QStringLiteral("<br><b>") + m_emphasis.toHtmlEscaped() + QStringLiteral("</b>");
    setToolTip(tip);
}

QRectF HopNodeItem::boundingRect() const
{
    return QRectF(-kWidth / 2 - 3, -kHeight / 2 - 3, kWidth + 6, kHeight + 6);
}

void HopNodeItem::setEmphasis(const QString &note)
{
    if (note == m_emphasis)
        return;
    m_emphasis = note;
    updateToolTip();
    updateFace();
}

HopNodeItem::Face HopNodeItem::faceNow() const
{
    Face face;
    face.accent = m_source     ? QColor(0x3b, 0x6e, 0xd8)
                  : isSilent() ? silentColor()
                               : latencyColor(m_hop.stats.avgMs);
    if (!m_onPath)
        face.accent.setAlphaF(0.45f);
    face.border = m_hop.stats.lossPercent > 0 && !isSilent() && !m_hop.likelyRateLimited
                      ? lossColor(m_hop.stats.lossPercent)
                      : QColor(0xc9, 0xd0, 0xd8);
    face.borderWidth = m_hop.destination ? 2.2 : 1.2;
    face.emphasised = !m_emphasis.isEmpty();
    face.onPath = m_onPath;
    face.rateLimited = m_hop.likelyRateLimited;
    face.destination = m_hop.destination;
    if (m_source) {
        face.title = tr("This computer");
        face.subtitle = m_sourceLabel;
    } else if (isSilent()) {
        face.title = tr("TTL %1 \u00b7 no reply").arg(m_hop.ttl);
        face.subtitle = m_hop.stats.sent == 1 ? tr("1 probe unanswered")
                                              : tr("%1 probes unanswered").arg(m_hop.stats.sent);
    } else {
        face.title = QString::fromStdString(m_hop.responder);
        face.subtitle = QString::fromStdString(m_hop.hostname);
        if (face.subtitle.isEmpty())
            face.subtitle = m_hop.destination ? tr("destination") : tr("TTL %1").arg(m_hop.ttl);
        face.figures =
            tr("%1 ms \u00b7 avg %2")
                .arg(formatMilliseconds(m_hop.stats.lastMs), formatMilliseconds(m_hop.stats.avgMs));
        if (m_hop.stats.lossPercent > 0)
            face.figures += tr(" \u00b7 %1% loss").arg(m_hop.stats.lossPercent, 0, 'f', 0);
        if (const QString flag = unreachableFlagOf(m_hop); !flag.isEmpty())
            face.figures += QLatin1Char(' ') + flag;
    }
    // Tags along the bottom edge: inside an MPLS tunnel, behind a NAT, DSCP/ECN rewritten.
    if (m_hop.quote) {
        const QuoteFindings seen = quoteFindings(*m_hop.quote, m_sentTrafficClass);
        if (!seen.mpls.empty())
            face.tags << tr("MPLS");
        if (!seen.natSource.empty())
            face.tags << tr("NAT");
        if (seen.trafficClassRewritten)
            face.tags << tr("DSCP");
    }
    if (m_mtuDropsTo)
        face.tags << tr("MTU %1").arg(*m_mtuDropsTo);
    return face;
}

void HopNodeItem::updateFace()
{
    // A hop's statistics move with every probe, but the node is repainted only when what it
    // shows does: a live graph of many hops redraws the few whose figures changed.
    Face face = faceNow();
    if (face == m_face)
        return;
    if (face.title != m_face.title || face.subtitle != m_face.subtitle)
        m_wordsStale = true;
    if (face.figures != m_face.figures)
        m_figuresStale = true;
    m_face = std::move(face);
    update();
}

void HopNodeItem::paint(QPainter *painter, const QStyleOptionGraphicsItem *option, QWidget *)
{
    painter->setRenderHint(QPainter::Antialiasing);
    const QRectF box(-kWidth / 2, -kHeight / 2, kWidth, kHeight);
    const bool selected = option->state & QStyle::State_Selected;
    const bool hovered = option->state & QStyle::State_MouseOver;

    const QColor fill = m_source ? QColor(0xee, 0xf3, 0xfd) : QColor(0xff, 0xff, 0xff);
    QPen border(m_face.border, selected ? 2.6 : m_face.borderWidth);
    if (m_face.emphasised)
        border = QPen(QColor(0x8e, 0x24, 0xaa), 3.0);
    if (selected)
        border.setColor(QColor(0x1f, 0x5f, 0xd6));
    if (isSilent())
        border.setStyle(Qt::DashLine);
    painter->setPen(border);
    painter->setBrush(hovered ? fill.darker(104) : fill);
    painter->drawRoundedRect(box, 9, 9);

    // The latency stripe on the left: the box's rounded left edge, 7 pixels wide.
    static const QPainterPath stripe = [&box] {
        QPainterPath rounded;
        rounded.addRoundedRect(QRectF(box.left(), box.top(), 10, box.height()), 9, 9);
        QPainterPath clip;
        clip.addRect(QRectF(box.left(), box.top(), 7, box.height()));
        return rounded.intersected(clip);
    }();
    painter->setPen(Qt::NoPen);
    painter->setBrush(m_face.accent);
    painter->drawPath(stripe);

    // Where the lines go: the title, the subtitle and the figures, and the tags along the
    // bottom edge.
    Lines lines;
    lines.area = box.adjusted(14, 5, -8, -5);
    lines.font = painter->font();
    lines.bold = lines.font;
    lines.bold.setBold(true);
    lines.bold.setPointSizeF(lines.bold.pointSizeF() * 0.95);
    lines.small = lines.font;
    lines.small.setPointSizeF(lines.small.pointSizeF() * 0.82);
    const QFontMetricsF boldMetrics(lines.bold);
    const QFontMetricsF smallMetrics(lines.small);
    lines.titleHeight = boldMetrics.height();
    lines.lineHeight = smallMetrics.height();
    lines.chips = QRectF(box.left(), box.bottom() - lines.lineHeight - 4, box.width() - 6,
                         lines.lineHeight + 2);
    lines.ink = m_face.onPath ? QColor(0x1d, 0x25, 0x2d) : QColor(0x8a, 0x8f, 0x98);
    lines.figuresInk = m_face.rateLimited ? QColor(0xb2, 0x6b, 0x00) : lines.ink;
    const qreal scale =
        QStyleOptionGraphicsItem::levelOfDetailFromTransform(painter->worldTransform());
    if (scale * lines.lineHeight < kLegibleLinePx)
        paintLinesAsBars(painter, lines, smallMetrics.averageCharWidth());
    else
        paintLinesAsWords(painter, lines);

    if (m_face.destination) {
        // A small flag in the corner marks the destination.
        painter->setPen(QPen(QColor(0x1f, 0x5f, 0xd6), 1.4));
        const QPointF corner(box.right() - 14, box.top() + 8);
        painter->drawLine(corner, corner + QPointF(0, 12));
        painter->setBrush(QColor(0x1f, 0x5f, 0xd6));
        painter->drawPolygon(QPolygonF({corner, corner + QPointF(8, 3), corner + QPointF(0, 6)}));
    }
}

void HopNodeItem::paintLinesAsBars(QPainter *painter, const Lines &lines, qreal charWidth) const
{
    // Zoomed out so far that the words would be a few pixels tall: each line is drawn as a bar as
    // long as its text, in its colour, and the tooltip and the table give the words. Laying out
    // and drawing words nobody can read was more than half of the nodes' painting when a long
    // path's tab came to the front.
    const auto bar = [&](const QString &line, qreal top, qreal height, QColor colour) {
        if (line.isEmpty())
            return;
        colour.setAlphaF(0.55f);
        painter->fillRect(QRectF(lines.area.left(), top + height * 0.3,
                                 std::min(lines.area.width(), charWidth * line.size()),
                                 height * 0.4),
                          colour);
    };
    bar(m_face.title, lines.area.top(), lines.titleHeight, lines.ink);
    bar(m_face.subtitle, lines.second(), lines.lineHeight, lines.muted);
    bar(m_face.figures, lines.third(), lines.lineHeight, lines.figuresInk);
    qreal tagRight = lines.chips.right();
    for (const QString &tag : m_face.tags) {
        const qreal width = charWidth * tag.size() + 8;
        painter->fillRect(QRectF(tagRight - width, lines.chips.top(), width, lines.chips.height()),
                          tagColour(tag));
        tagRight -= width + 3;
    }
}

void HopNodeItem::paintLinesAsWords(QPainter *painter, const Lines &lines)
{
    const qreal width = lines.area.width();
    if (m_elidedFor != lines.font) {
        m_wordsStale = m_figuresStale = true;
        m_elidedFor = lines.font;
    }
    // Laid out when what they say changes, drawn from the layout after: a node is repainted far
    // more often than its words change, and its figures change once a round.
    if (m_wordsStale) {
        m_title.setText(QFontMetricsF(lines.bold).elidedText(m_face.title, Qt::ElideMiddle, width));
        m_title.prepare(QTransform(), lines.bold);
        m_subtitle.setText(
            QFontMetricsF(lines.small).elidedText(m_face.subtitle, Qt::ElideRight, width));
        m_subtitle.prepare(QTransform(), lines.small);
        m_wordsStale = false;
    }
    if (m_figuresStale) {
        m_figures.setText(
            QFontMetricsF(lines.small).elidedText(m_face.figures, Qt::ElideRight, width));
        m_figures.prepare(QTransform(), lines.small);
        m_figuresStale = false;
    }
    const auto line = [painter, &lines](const QStaticText &laid, qreal top, qreal height) {
        painter->drawStaticText(
            QPointF(lines.area.left(), top + (height - laid.size().height()) / 2), laid);
    };
    painter->setFont(lines.bold);
    painter->setPen(lines.ink);
    line(m_title, lines.area.top(), lines.titleHeight);
    painter->setFont(lines.small);
    painter->setPen(lines.muted);
    line(m_subtitle, lines.second(), lines.lineHeight);
    if (!m_face.figures.isEmpty()) {
        painter->setPen(lines.figuresInk);
        line(m_figures, lines.third(), lines.lineHeight);
    }
    const QFontMetricsF smallMetrics(lines.small);
    qreal tagRight = lines.chips.right();
    for (const QString &tag : m_face.tags) {
        const qreal chipWidth = smallMetrics.horizontalAdvance(tag) + 8;
        const QRectF chip(tagRight - chipWidth, lines.chips.top(), chipWidth, lines.chips.height());
        painter->setPen(Qt::NoPen);
        painter->setBrush(tagColour(tag));
        painter->drawRoundedRect(chip, 4, 4);
        painter->setPen(Qt::white);
        painter->drawText(chip, Qt::AlignCenter, tag);
        tagRight = chip.left() - 3;
    }
}

} // namespace hopscope
