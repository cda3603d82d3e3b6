// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "ui/hopgraphview.h"

#include "common/safetext.h"
#include "file/outputfile.h"
#include "report/quotefindings.h"
#include "ui/hopnodeitem.h"
#include "ui/latencycolors.h"

#include <QBuffer>
#include <QFile>
#include <QGraphicsPathItem>
#include <QGraphicsRectItem>
#include <QGraphicsScene>
#include <QGraphicsSimpleTextItem>
#include <QImage>
#include <QPainter>
#include <QSvgGenerator>
#include <QWheelEvent>

#include <algorithm>
#include <cmath>

namespace hopscope {

namespace {

constexpr qreal kColumnGap = 64; // between TTLs
constexpr qreal kRowGap = 16;    // between responders at one TTL
constexpr qreal kMargin = 40;
constexpr qreal kGroupPadding = 8;

// A tint of its own for each AS, the same in every window and every run.
QColor asTint(std::uint32_t asn)
{
    const double hue = std::fmod(asn * 0.618033988749895, 1.0);
    return QColor::fromHslF(static_cast<float>(hue), 0.55f, 0.55f);
}

} // namespace

HopGraphView::HopGraphView(QWidget *parent)
    : QGraphicsView(parent), m_source(new HopNodeItem(QString()))
{
    setScene(new QGraphicsScene(this));
    // A few dozen items whose pens and figures change with every refresh: keeping a BSP index
    // of them up to date costs more than looking through them all.
    scene()->setItemIndexMethod(QGraphicsScene::NoIndex);
    setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing |
                   QPainter::SmoothPixmapTransform);
    setDragMode(ScrollHandDrag);
    setViewportUpdateMode(SmartViewportUpdate);
    setTransformationAnchor(AnchorUnderMouse);
    setBackgroundBrush(QColor(0xf6, 0xf8, 0xfa));
    setFrameShape(QFrame::NoFrame);
    scene()->addItem(m_source);
    m_source->setZValue(2);
    connect(scene(), &QGraphicsScene::selectionChanged, this, [this] {
        const auto items = scene()->selectedItems();
        if (items.isEmpty())
            return;
        if (const auto *node = dynamic_cast<HopNodeItem *>(items.constFirst());
            node && !node->isSource())
            Q_EMIT hopSelected(node->hop().ttl, QString::fromStdString(node->hop().responder));
    });
    layoutNodes();
}

void HopGraphView::setSourceLabel(const QString &label)
{
    scene()->removeItem(m_source);
    delete m_source;
    m_source = new HopNodeItem(label);
    m_source->setZValue(2);
    scene()->addItem(m_source);
    layoutNodes();
}

void HopGraphView::clear()
{
    for (auto &[key, item] : m_nodes)
        delete item;
    for (auto &[edge, item] : m_edges)
        delete item;
    for (QGraphicsRectItem *group : m_asGroups)
        delete group;
    m_nodes.clear();
    m_edges.clear();
    m_shownEdges.clear();
    m_owners.clear();
    m_asGroups.clear();
    m_userZoomed = false;
    layoutNodes();
}

HopNodeItem *HopGraphView::node(int ttl, const std::string &responder) const
{
    const auto it = m_nodes.find({ttl, responder});
    return it == m_nodes.end() ? nullptr : it->second;
}

void HopGraphView::selectHop(int ttl, const QString &responder)
{
    HopNodeItem *item = node(ttl, responder.toStdString());
    if (!item || item->isSelected())
        return;
    const QSignalBlocker blocker(scene());
    scene()->clearSelection();
    item->setSelected(true);
    ensureVisible(item);
}

void HopGraphView::refresh(const PathModel &session)
{
    const std::map<HopEdge, int> edges = session.linksToDraw();
    const std::vector<MonitorHop> &hops = session.hops();
    bool added = false;
    bool ownersChanged = false;
    const std::uint8_t sent = sentTrafficClassOf(session.header());
    const auto &extension = session.header().hopscope;
    const std::vector<MtuDrop> noDrops;
    const std::vector<MtuDrop> &drops =
        extension && extension->pathMtu ? extension->pathMtu->drops : noDrops;
    const auto mtuDropAfter = [&drops](const MonitorHop &hop) -> std::optional<int> {
        for (const MtuDrop &drop : drops)
            if (drop.routerTtl() == hop.ttl && drop.router.toString() == hop.responder)
                return drop.mtu;
        return std::nullopt;
    };
    for (const MonitorHop &hop : hops) {
        if (hop.responder == kOtherResponders)
            continue;
        const bool onPath = hop.onRoute(session.routeRound());
        const Key key{hop.ttl, hop.responder};
        if (const auto owner =
                hop.responder.empty() ? std::nullopt : ownerOf(session.header(), hop.responder);
            owner && owner->asn && !(m_owners.count(key) && m_owners[key] == *owner)) {
            m_owners[key] = *owner;
            ownersChanged = true;
        }
        if (const auto it = m_nodes.find(key); it != m_nodes.end()) {
            it->second->setSentTrafficClass(sent);
            it->second->setMtuDropsTo(mtuDropAfter(hop));
            it->second->setHop(hop, onPath);
            continue;
        }
        auto *item = new HopNodeItem(hop);
        item->setSentTrafficClass(sent);
        item->setMtuDropsTo(mtuDropAfter(hop));
        item->setZValue(2);
        scene()->addItem(item);
        m_nodes.emplace(key, item);
        added = true;
    }
    if (added)
        layoutNodes();
    else if (ownersChanged)
        updateAsGroups();
    updateEdges(edges);
}

void HopGraphView::updateAsGroups()
{
    for (QGraphicsRectItem *group : m_asGroups)
        delete group;
    m_asGroups.clear();
    // Stretches of TTLs whose known owners are one AS; unknown ones (silent, private) join the
    // stretch they sit in without ending it.
    struct Stretch
    {
        AddressOwner owner;
        QRectF bounds;
    };
    std::vector<Stretch> stretches;
    std::map<int, std::vector<std::pair<const Key *, HopNodeItem *>>> columns;
    for (const auto &[key, item] : m_nodes)
        columns[key.first].push_back({&key, item});
    for (const auto &[ttl, items] : columns) {
        for (const auto &[key, item] : items) {
            const auto owner = m_owners.find(*key);
            if (owner == m_owners.end())
                continue;
            if (stretches.empty() || stretches.back().owner.asn != owner->second.asn)
                stretches.push_back({owner->second, item->sceneBoundingRect()});
            else
                stretches.back().bounds |= item->sceneBoundingRect();
        }
    }
    for (const Stretch &stretch : stretches) {
        const QColor tint = asTint(*stretch.owner.asn);
        QColor fill = tint;
        fill.setAlphaF(0.12f);
        auto *box = new QGraphicsRectItem(stretch.bounds.adjusted(
            -kGroupPadding, -kGroupPadding - 16, kGroupPadding, kGroupPadding));
        box->setBrush(fill);
        box->setPen(QPen(tint.darker(130), 1, Qt::DashLine));
        box->setZValue(0);
        const QString label = QString::fromStdString(printable(asLabel(stretch.owner)));
        box->setToolTip(QString::fromStdString(
            printable("AS" + std::to_string(*stretch.owner.asn) +
                      (stretch.owner.asName.empty() ? "" : " " + stretch.owner.asName))));
        box->setData(0, label);
        auto *text = new QGraphicsSimpleTextItem(label, box);
        QFont font = text->font();
        font.setBold(true);
        text->setFont(font);
        text->setBrush(tint.darker(170));
        text->setPos(box->rect().topLeft() + QPointF(6, 2));
        scene()->addItem(box);
        m_asGroups.push_back(box);
    }
}

QStringList HopGraphView::asGroupLabels() const
{
    QStringList labels;
    for (const QGraphicsRectItem *group : m_asGroups)
        labels << group->data(0).toString();
    return labels;
}

void HopGraphView::layoutNodes()
{
    std::map<int, std::vector<HopNodeItem *>> columns;
    for (const auto &[key, item] : m_nodes)
        columns[key.first].push_back(item);
    // Within a TTL: the silent node last, answering ones in order of address.
    for (auto &[ttl, items] : columns)
        std::stable_sort(items.begin(), items.end(),
                         [](const HopNodeItem *a, const HopNodeItem *b) {
                             return a->isSilent() < b->isSilent();
                         });

    const qreal along = (m_vertical ? HopNodeItem::kHeight : HopNodeItem::kWidth) + kColumnGap;
    const qreal across = (m_vertical ? HopNodeItem::kWidth : HopNodeItem::kHeight) + kRowGap;
    const auto place = [this](QGraphicsItem *item, qreal a, qreal b) {
        item->setPos(m_vertical ? QPointF(b, a) : QPointF(a, b));
    };
    place(m_source, 0, 0);
    int lastTtl = 0;
    for (const auto &[ttl, items] : columns) {
        lastTtl = std::max(lastTtl, ttl);
        const qreal first = -(static_cast<qreal>(items.size()) - 1) * across / 2;
        for (std::size_t i = 0; i < items.size(); ++i)
            place(items[i], ttl * along, first + static_cast<qreal>(i) * across);
    }
    updateAsGroups();
    QRectF bounds = scene()->itemsBoundingRect().adjusted(-kMargin, -kMargin, kMargin, kMargin);
    if (lastTtl == 0)
        bounds = QRectF(-HopNodeItem::kWidth, -HopNodeItem::kHeight, 2 * HopNodeItem::kWidth,
                        2 * HopNodeItem::kHeight);
    scene()->setSceneRect(bounds);
    updateEdges(m_shownEdges);
    if (!m_userZoomed)
        fitAll();
}

QPointF HopGraphView::anchor(const HopNodeItem *item, bool outgoing) const
{
    const qreal sign = outgoing ? 1 : -1;
    return item->pos() + (m_vertical ? QPointF(0, sign * HopNodeItem::kHeight / 2)
                                     : QPointF(sign * HopNodeItem::kWidth / 2, 0));
}

void HopGraphView::updateEdges(const std::map<HopEdge, int> &edges)
{
    if (&edges != &m_shownEdges)
        m_shownEdges = edges;
    // Each TTL's links, the busiest drawn widest; from the source to every first-hop node.
    std::map<HopEdge, int> all = edges;
    for (const auto &[key, item] : m_nodes)
        if (key.first == 1)
            all.try_emplace(HopEdge{0, std::string(), key.second}, 1);
    std::map<int, int> busiest;
    for (const auto &[edge, count] : all)
        busiest[edge.ttl] = std::max(busiest[edge.ttl], count);

    for (const auto &[edge, count] : all) {
        const HopNodeItem *from = edge.ttl == 0 ? m_source : node(edge.ttl, edge.from);
        const HopNodeItem *to = node(edge.ttl + 1, edge.to);
        if (!from || !to)
            continue;
        QGraphicsPathItem *&item = m_edges[edge];
        if (!item) {
            item = scene()->addPath(QPainterPath());
            item->setZValue(1);
        }
        const QPointF start = anchor(from, true);
        const QPointF end = anchor(to, false);
        QPainterPath path(start);
        const QPointF bend = m_vertical ? QPointF(0, (end.y() - start.y()) / 2)
                                        : QPointF((end.x() - start.x()) / 2, 0);
        path.cubicTo(start + bend, end - bend, end);
        if (item->path() != path)
            item->setPath(path);
        const MonitorHop &target = to->hop();
        const bool lossy =
            !to->isSilent() && target.stats.lossPercent > 0 && !target.likelyRateLimited;
        QPen pen(lossy ? lossColor(target.stats.lossPercent) : QColor(0x9a, 0xa5, 0xb1),
                 1.4 + 2.4 * count / std::max(1, busiest[edge.ttl]));
        if (to->isSilent() || from->isSilent())
            pen.setStyle(Qt::DashLine);
        if (item->pen() != pen)
            item->setPen(pen);
        if (item->data(0).toInt() != count) {
            item->setData(0, count);
            item->setToolTip(count == 1 ? tr("1 probe went this way")
                                        : tr("%1 probes went this way").arg(count));
        }
    }
}

void HopGraphView::fitAll()
{
    fitInView(sceneRect(), Qt::KeepAspectRatio);
    // Never blow a short path up beyond its natural size.
    if (transform().m11() > 1.0)
        setTransform(QTransform());
    m_userZoomed = false;
}

void HopGraphView::zoomIn()
{
    scale(1.2, 1.2);
    m_userZoomed = true;
}

void HopGraphView::zoomOut()
{
    scale(1 / 1.2, 1 / 1.2);
    m_userZoomed = true;
}

void HopGraphView::wheelEvent(QWheelEvent *event)
{
    const double steps = event->angleDelta().y() / 120.0;
    if (steps == 0)
        return;
    const double factor = std::pow(1.15, steps);
    scale(factor, factor);
    m_userZoomed = true;
    event->accept();
}

void HopGraphView::resizeEvent(QResizeEvent *event)
{
    QGraphicsView::resizeEvent(event);
    // Narrow views lay the path out from top to bottom.
    const bool vertical = width() < height() * 0.8;
    if (vertical != m_vertical) {
        m_vertical = vertical;
        m_userZoomed = false;
        layoutNodes();
    }
    if (!m_userZoomed)
        fitAll();
}

void HopGraphView::drawForeground(QPainter *painter, const QRectF &)
{
    // The legend stays put in the corner whatever the zoom. It is drawn once and kept: the
    // foreground is painted again whenever any node is, and laying its words out each time cost
    // as much as the nodes that changed.
    const QFont font = viewport()->font();
    const qreal ratio = viewport()->devicePixelRatioF();
    if (m_legend.isNull() || m_legendFont != font || m_legend.devicePixelRatio() != ratio) {
        m_legend = drawLegend(font, ratio, renderHints());
        m_legendFont = font;
    }
    painter->save();
    painter->resetTransform();
    const QSizeF size = m_legend.deviceIndependentSize();
    painter->drawPixmap(
        QPointF(kLegendInset - 1, viewport()->height() - kLegendInset - size.height() + 1),
        m_legend);
    painter->restore();
}

QPixmap HopGraphView::drawLegend(QFont font, qreal ratio, QPainter::RenderHints hints)
{
    font.setPointSizeF(font.pointSizeF() * 0.85);
    const QFontMetrics metrics(font);
    const auto &bands = latencyBands();
    const int chip = 10;
    int width = 8;
    for (const LatencyBand &band : bands)
        width += chip + 4 + metrics.horizontalAdvance(band.label) + 10;
    const QString lossText = tr("red edge: loss");
    const QString silentText = tr("dashed: no reply");
    width += metrics.horizontalAdvance(lossText) + metrics.horizontalAdvance(silentText) + 28;
    // A pixel around the box for the half of its outline that falls outside it.
    const QRect box(1, 1, width, metrics.height() + 8);
    QPixmap legend((box.size() + QSize(2, 2)) * ratio);
    legend.setDevicePixelRatio(ratio);
    legend.fill(Qt::transparent);
    QPainter painter(&legend);
    painter.setRenderHints(hints);
    painter.setFont(font);
    painter.setPen(QColor(0xd7, 0xdd, 0xe3));
    painter.setBrush(QColor(255, 255, 255, 230));
    painter.drawRoundedRect(box, 6, 6);
    int x = box.left() + 8;
    const int y = box.center().y();
    for (const LatencyBand &band : bands) {
        painter.setPen(Qt::NoPen);
        painter.setBrush(band.color);
        painter.drawRoundedRect(QRect(x, y - chip / 2, chip, chip), 2, 2);
        x += chip + 4;
        painter.setPen(QColor(0x3c, 0x46, 0x50));
        painter.drawText(QPoint(x, y + metrics.ascent() / 2 - 1), band.label);
        x += metrics.horizontalAdvance(band.label) + 10;
    }
    painter.setPen(lossColor(50));
    painter.drawText(QPoint(x, y + metrics.ascent() / 2 - 1), lossText);
    x += metrics.horizontalAdvance(lossText) + 14;
    painter.setPen(QColor(0x5f, 0x6b, 0x78));
    painter.drawText(QPoint(x, y + metrics.ascent() / 2 - 1), silentText);
    return legend;
}

QByteArray HopGraphView::drawing(bool svg) const
{
    const QRectF source =
        scene()->itemsBoundingRect().adjusted(-kMargin, -kMargin, kMargin, kMargin);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    if (svg) {
        QSvgGenerator generator;
        generator.setOutputDevice(&buffer);
        generator.setSize(source.size().toSize());
        generator.setViewBox(QRectF(QPointF(0, 0), source.size()));
        generator.setTitle(tr("Hopscope path"));
        QPainter painter;
        if (!painter.begin(&generator))
            return {};
        painter.fillRect(QRectF(QPointF(0, 0), source.size()), backgroundBrush());
        scene()->render(&painter, QRectF(QPointF(0, 0), source.size()), source);
        return painter.end() ? bytes : QByteArray();
    }
    QImage image((source.size() * 2).toSize(), QImage::Format_ARGB32_Premultiplied);
    image.fill(backgroundBrush().color());
    QPainter painter(&image);
    painter.setRenderHints(QPainter::Antialiasing | QPainter::TextAntialiasing);
    scene()->render(&painter, QRectF(QPointF(0, 0), image.size()), source);
    painter.end();
    return image.save(&buffer, "PNG") ? bytes : QByteArray();
}

Status HopGraphView::exportTo(const QString &fileName) const
{
    const QByteArray bytes = drawing(fileName.endsWith(QLatin1String(".svg"), Qt::CaseInsensitive));
    if (bytes.isEmpty())
        return Error{ErrorCode::CannotDraw, "the graph could not be drawn"};
    // Written as every other file is: links followed, devices in place, never half a file.
    return writeOutputFile(QFile::encodeName(fileName).toStdString(),
                           std::string_view(bytes.constData(), bytes.size()));
}

} // namespace hopscope
