// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "ui/timelinetab.h"

#include "report/comparisonformat.h"
#include "ui/comparisonmodel.h"
#include "ui/timelinemodel.h"

#include <QChart>
#include <QChartView>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLegend>
#include <QLineSeries>
#include <QPushButton>
#include <QScatterSeries>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>

namespace hopscope {

namespace {

QString target(const NetworkPath &path)
{
    return QString::fromStdString(path.destination.hostname.empty() ? path.destination.ipAddress
                                                                    : path.destination.hostname);
}

// What moved, said once per path whose route changed: "11-24 09:14: TTL 2 changed, TTL 3 changed",
// and how the ASes crossed changed when their owners are known.
QString describeChanges(const PathTimeline &timeline)
{
    QStringList lines;
    for (std::size_t i = 1; i < timeline.entries.size(); ++i) {
        const TimelineEntry &entry = timeline.entries[i];
        if (!entry.routeChanged)
            continue;
        QStringList ttls;
        for (const int ttl : entry.changedTtls) {
            const TimelineCell &cell = timeline.cells[static_cast<std::size_t>(ttl - 1)][i];
            if (isRouteChange(cell.change))
                ttls << QStringLiteral("TTL %1 %2")
                            .arg(ttl)
                            .arg(QString::fromLatin1(hopChangeName(cell.change)));
        }
        if (!entry.overview.destinationTtl && timeline.entries[i - 1].overview.destinationTtl)
            ttls << QObject::tr("destination not reached");
        QString line = QStringLiteral("%1: %2").arg(timelineTime(entry.timestampMs),
                                                    ttls.join(QStringLiteral(", ")));
        if (!entry.asChange.empty())
            line += QStringLiteral(". ") + QString::fromStdString(entry.asChange).toHtmlEscaped();
        lines << line;
    }
    return lines.join(QStringLiteral("<br>"));
}

} // namespace

TimelineTab::TimelineTab(std::vector<NetworkPath> paths, QWidget *parent)
    : QWidget(parent), m_paths(std::move(paths)), m_model(new TimelineModel(this)),
      m_table(new QTableView(this)), m_chart(nullptr), m_summary(new QLabel(this)),
      m_compare(new QPushButton(tr("&Compare the Two Selected"), this))
{
    std::vector<PathModel> models;
    models.reserve(m_paths.size());
    for (const NetworkPath &path : m_paths)
        models.push_back(PathModel::fromPath(path));
    m_model->setTimeline(buildTimeline(models));
    showVerdict(m_summary, summary());

    m_table->setModel(m_model);
    m_table->setSelectionBehavior(QAbstractItemView::SelectColumns);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setWordWrap(true);
    m_table->resizeColumnsToContents();
    m_table->resizeRowsToContents();
    m_compare->setEnabled(false);
    m_compare->setToolTip(tr("Select two columns (Ctrl+click) to compare those two paths"));
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            [this] { m_compare->setEnabled(selectedColumns().size() == 2); });
    connect(m_compare, &QPushButton::clicked, this, &TimelineTab::compareSelected);
    connect(m_table, &QTableView::doubleClicked, this, [this] { compareSelected(); });

    m_chart = buildChart();
    auto *tableSide = new QWidget(this);
    auto *tableLayout = new QVBoxLayout(tableSide);
    tableLayout->setContentsMargins(0, 0, 0, 0);
    tableLayout->addWidget(m_table, 1);
    auto *buttons = new QHBoxLayout;
    buttons->addStretch();
    buttons->addWidget(m_compare);
    tableLayout->addLayout(buttons);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(tableSide);
    split->addWidget(m_chart);
    split->setSizes({420, 300});
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_summary);
    layout->addWidget(split, 1);
}

const PathTimeline &TimelineTab::timeline() const
{
    return m_model->timeline();
}

QString TimelineTab::title() const
{
    return m_paths.empty() ? tr("Timeline") : tr("Timeline: %1").arg(target(m_paths.front()));
}

QString TimelineTab::headline() const
{
    const PathTimeline &timeline = m_model->timeline();
    if (timeline.entries.empty())
        return tr("No paths.");
    QString text = tr("%1 paths to %2, %3 to %4: ")
                       .arg(timeline.entries.size())
                       .arg(target(m_paths[timeline.entries.front().source]),
                            timelineTime(timeline.entries.front().timestampMs),
                            timelineTime(timeline.entries.back().timestampMs));
    return text + (timeline.routeChanges == 0 ? tr("the route stayed the same.")
                   : timeline.routeChanges == 1
                       ? tr("the route changed once.")
                       : tr("the route changed %1 times.").arg(timeline.routeChanges));
}

QString TimelineTab::summary() const
{
    const PathTimeline &timeline = m_model->timeline();
    if (timeline.entries.empty())
        return headline();
    const NetworkPath &first = m_paths[timeline.entries.front().source];
    QString text = QStringLiteral("<b>") + headline().toHtmlEscaped() + QStringLiteral("</b>");
    for (const TimelineEntry &entry : timeline.entries)
        if (m_paths[entry.source].destination.ipAddress != first.destination.ipAddress) {
            text += QStringLiteral("<br>") + tr("Note: the paths lead to different addresses.");
            break;
        }
    if (const QString changes = describeChanges(timeline); !changes.isEmpty())
        text += QStringLiteral("<br>") + changes;
    return text;
}

QList<int> TimelineTab::selectedColumns() const
{
    QList<int> columns;
    for (const QModelIndex &index : m_table->selectionModel()->selectedColumns())
        columns << index.column();
    std::sort(columns.begin(), columns.end());
    return columns;
}

void TimelineTab::compareSelected()
{
    const QList<int> columns = selectedColumns();
    if (columns.size() != 2) {
        Q_EMIT message(tr("Select two paths (columns) of the timeline to compare."));
        return;
    }
    const auto &entries = m_model->timeline().entries;
    Q_EMIT compareRequested(m_paths[entries[static_cast<std::size_t>(columns[0])].source],
                            m_paths[entries[static_cast<std::size_t>(columns[1])].source]);
}

QChartView *TimelineTab::buildChart()
{
    auto *chart = new QChart;
    chart->setTitle(tr("Destination RTT (median) over time"));
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->setMargins(QMargins(4, 4, 4, 4));
    auto *x = new QDateTimeAxis(chart);
    x->setFormat(QStringLiteral("MM-dd HH:mm"));
    auto *y = new QValueAxis(chart);
    y->setTitleText(tr("ms"));
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);

    auto *line = new QLineSeries(chart);
    line->setName(tr("destination median RTT"));
    line->setPen(QPen(QColor(0x1f, 0x5f, 0xd6), 2.2));
    line->setPointsVisible(true);
    auto *moved = new QScatterSeries(chart);
    moved->setName(tr("route changed"));
    moved->setMarkerSize(12);
    moved->setColor(QColor(0x8e, 0x24, 0xaa));
    moved->setBorderColor(QColor(0x8e, 0x24, 0xaa));
    double top = 0.0;
    const auto &entries = m_model->timeline().entries;
    for (const TimelineEntry &entry : entries) {
        if (!entry.destinationMedianMs)
            continue;
        line->append(static_cast<qreal>(entry.timestampMs), *entry.destinationMedianMs);
        if (entry.routeChanged)
            moved->append(static_cast<qreal>(entry.timestampMs), *entry.destinationMedianMs);
        top = std::max(top, *entry.destinationMedianMs);
    }
    chart->addSeries(line);
    chart->addSeries(moved);
    for (QAbstractSeries *series :
         {static_cast<QAbstractSeries *>(line), static_cast<QAbstractSeries *>(moved)}) {
        series->attachAxis(x);
        series->attachAxis(y);
    }
    if (!entries.empty()) {
        // A little room either side, so that the first and last points are not on the frame.
        const qint64 span =
            std::max<qint64>(entries.back().timestampMs - entries.front().timestampMs, 60'000);
        x->setRange(QDateTime::fromMSecsSinceEpoch(entries.front().timestampMs - span / 20),
                    QDateTime::fromMSecsSinceEpoch(entries.back().timestampMs + span / 20));
    }
    x->setTickCount(std::clamp(static_cast<int>(entries.size()), 2, 6));
    y->setRange(0, top > 0 ? top * 1.15 : 1.0);
    y->applyNiceNumbers();
    auto *view = new QChartView(chart, this);
    view->setRenderHint(QPainter::Antialiasing);
    return view;
}

} // namespace hopscope
