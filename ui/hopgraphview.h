// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "common/expected.h"
#include "path/pathmodel.h"

#include <QFont>
#include <QGraphicsView>
#include <QPixmap>

#include <map>
#include <string>
#include <utility>
#include <vector>

class QGraphicsPathItem;
class QGraphicsRectItem;

namespace hopscope {

class HopNodeItem;

// The path as a graph: this computer, then every TTL from left to right (top to bottom when
// the view is narrow), one node per responder, a dashed node for a TTL that never answered, and
// the links the probes' flows took between them, so that load-balanced branches fork and join
// as they did. Hops in one AS are grouped in a box tinted by the AS, its name on the box. Nodes
// keep their place as probes arrive; wheel zooms, dragging pans.
class HopGraphView : public QGraphicsView
{
    Q_OBJECT

public:
    explicit HopGraphView(QWidget *parent = nullptr);

    // Brings the graph up to date with the session (cheap when nothing changed).
    void refresh(const PathModel &model);
    void setSourceLabel(const QString &label);
    void clear();

    int nodeCount() const { return static_cast<int>(m_nodes.size()); }
    int edgeCount() const { return static_cast<int>(m_edges.size()); }
    // The AS boxes' labels, left to right ("AS64500 EXAMPLE-NET").
    QStringList asGroupLabels() const;
    HopNodeItem *node(int ttl, const std::string &responder) const;
    void selectHop(int ttl, const QString &responder);

    // PNG, or SVG when the name ends in .svg; false when the file could not be written.
    // The graph as an SVG drawing or a PNG image at twice its size; empty when it cannot be drawn.
    QByteArray drawing(bool svg) const;
    // Writes drawing() to `fileName`, SVG when its name ends in .svg, PNG otherwise.
    Status exportTo(const QString &fileName) const;
    // How far the legend sits from the view's left and bottom edges.
    static constexpr int kLegendInset = 8;

public Q_SLOTS:
    void zoomIn();
    void zoomOut();
    void fitAll();

Q_SIGNALS:
    void hopSelected(int ttl, const QString &responder);

protected:
    void wheelEvent(QWheelEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;
    void drawForeground(QPainter *painter, const QRectF &rect) override;

private:
    using Key = std::pair<int, std::string>;
    void layoutNodes();
    void updateEdges(const std::map<HopEdge, int> &edges);
    QPointF anchor(const HopNodeItem *item, bool outgoing) const;
    void updateAsGroups();
    // The legend's box, what each colour and line means, at the view's font and pixel ratio.
    static QPixmap drawLegend(QFont font, qreal ratio, QPainter::RenderHints hints);

    HopNodeItem *m_source;
    std::map<Key, HopNodeItem *> m_nodes;
    std::map<HopEdge, QGraphicsPathItem *> m_edges;
    std::map<HopEdge, int> m_shownEdges;  // the links last drawn, to redraw them after a relayout
    std::map<Key, AddressOwner> m_owners; // of the nodes whose AS is known
    std::vector<QGraphicsRectItem *> m_asGroups;
    bool m_vertical = false;
    bool m_userZoomed = false;
    QPixmap m_legend;
    QFont m_legendFont; // the view's font the legend was drawn in
};

} // namespace hopscope
