// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "ui/comparetab.h"

#include "report/comparisonformat.h"
#include "ui/comparisonmodel.h"
#include "ui/hopgraphview.h"
#include "ui/hopnodeitem.h"

#include <QChart>
#include <QChartView>
#include <QHeaderView>
#include <QLabel>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QScatterSeries>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>
#include <QValueAxis>

namespace hopscope {

namespace {

// One side's median RTT per TTL on the chart, in that side's colour.
void addSide(QChart *chart, const PathComparison &comparison, bool first, const QString &name,
             const QColor &color, QValueAxis *x, QValueAxis *y, double &top)
{
    auto *line = new QLineSeries(chart);
    line->setName(name);
    line->setPen(QPen(color, 2.2));
    auto *dots = new QScatterSeries(chart);
    dots->setMarkerSize(7);
    dots->setColor(color);
    dots->setBorderColor(color);
    for (const TtlComparison &row : comparison.ttls) {
        const auto &side = first ? row.first : row.second;
        if (!side || !side->medianRttMs)
            continue;
        line->append(row.ttl, *side->medianRttMs);
        dots->append(row.ttl, *side->medianRttMs);
        top = std::max(top, *side->medianRttMs);
    }
    chart->addSeries(line);
    chart->addSeries(dots);
    for (QAbstractSeries *series :
         {static_cast<QAbstractSeries *>(line), static_cast<QAbstractSeries *>(dots)}) {
        series->attachAxis(x);
        series->attachAxis(y);
    }
    chart->legend()->markers(dots).constFirst()->setVisible(false);
}

} // namespace

CompareTab::CompareTab(const NetworkPath &first, const QString &firstLabel,
                       const NetworkPath &second, const QString &secondLabel, QWidget *parent)
    : QWidget(parent), m_first(PathModel::fromPath(first)), m_second(PathModel::fromPath(second)),
      m_firstGraph(new HopGraphView(this)), m_secondGraph(new HopGraphView(this)),
      m_model(new ComparisonModel(this)), m_table(new QTableView(this)),
      m_chart(new QChartView(this)), m_verdict(new QLabel(this)),
      m_title(tr("%1 \u2194 %2").arg(firstLabel, secondLabel))
{
    m_firstGraph->setSourceLabel(firstLabel);
    m_secondGraph->setSourceLabel(secondLabel);
    m_firstGraph->refresh(m_first);
    m_secondGraph->refresh(m_second);
    const PathComparison comparison = comparePaths(m_first, m_second);
    m_model->setComparison(comparison);

    showVerdict(m_verdict,
                QStringLiteral("<b>%1</b><br>%2<br>%3")
                    .arg(QString::fromStdString(comparisonVerdict(comparison)).toHtmlEscaped(),
                         tr("First: %1").arg(firstLabel).toHtmlEscaped(),
                         tr("Second: %1").arg(secondLabel).toHtmlEscaped()));

    m_table->setModel(m_model);
    m_table->verticalHeader()->hide();
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->resizeColumnsToContents();
    m_table->horizontalHeader()->setStretchLastSection(true);

    auto *chart = new QChart;
    chart->setTitle(tr("Median RTT per TTL"));
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->setMargins(QMargins(4, 4, 4, 4));
    auto *x = new QValueAxis(chart);
    x->setTitleText(tr("TTL"));
    x->setLabelFormat(QStringLiteral("%d"));
    auto *y = new QValueAxis(chart);
    y->setTitleText(tr("ms"));
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    double top = 0.0;
    addSide(chart, comparison, true, firstLabel, QColor(0x1f, 0x5f, 0xd6), x, y, top);
    addSide(chart, comparison, false, secondLabel, QColor(0xe6, 0x6a, 0x1f), x, y, top);
    x->setRange(0, std::max<double>(1.0, static_cast<double>(comparison.ttls.size())) + 1);
    x->setTickCount(std::min<int>(static_cast<int>(comparison.ttls.size()) + 2, 12));
    y->setRange(0, top > 0 ? top * 1.15 : 1.0);
    y->applyNiceNumbers();
    m_chart->setChart(chart);
    m_chart->setRenderHint(QPainter::Antialiasing);
    m_chart->setMinimumWidth(360);

    // One graph above the other: each gets the window's width, as paths run left to right.
    auto *graphs = new QSplitter(Qt::Vertical, this);
    graphs->addWidget(m_firstGraph);
    graphs->addWidget(m_secondGraph);
    auto *bottom = new QSplitter(Qt::Horizontal, this);
    bottom->addWidget(m_table);
    bottom->addWidget(m_chart);
    bottom->setStretchFactor(0, 3);
    bottom->setStretchFactor(1, 2);
    auto *main = new QSplitter(Qt::Vertical, this);
    main->addWidget(graphs);
    main->addWidget(bottom);
    // The graphs are what a comparison is looked at for: they get the larger part.
    main->setSizes({520, 280});
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_verdict);
    layout->addWidget(main, 1);
    markDifferences();
}

const PathComparison &CompareTab::comparison() const
{
    return m_model->comparison();
}

QString CompareTab::verdict() const
{
    return QString::fromStdString(comparisonVerdict(comparison()));
}

void CompareTab::markDifferences()
{
    for (const TtlComparison &row : comparison().ttls) {
        if (!row.differs())
            continue;
        const QString note = describeTtlChange(row);
        const auto mark = [&](HopGraphView *graph, const std::optional<TtlObservation> &side) {
            if (!side)
                return;
            if (side->responders.empty()) {
                if (HopNodeItem *node = graph->node(row.ttl, std::string()))
                    node->setEmphasis(note);
                return;
            }
            for (const std::string &responder : side->responders)
                if (HopNodeItem *node = graph->node(row.ttl, responder))
                    node->setEmphasis(note);
        };
        mark(m_firstGraph, row.first);
        mark(m_secondGraph, row.second);
    }
}

} // namespace hopscope
