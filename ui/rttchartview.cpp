// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "ui/rttchartview.h"

#include "path/sessionperiod.h"

#include <QAreaSeries>
#include <QChart>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QGraphicsScene>
#include <QLegendMarker>
#include <QLineSeries>
#include <QMouseEvent>
#include <QScatterSeries>
#include <QValueAxis>

#include <algorithm>
#include <cmath>
#include <tuple>

namespace hopscope {

namespace {

// A series given the points it already has would still be laid out and drawn again.
void replaceIfMoved(QXYSeries *series, const QList<QPointF> &points)
{
    if (series->points() != points)
        series->replace(points);
}

const QColor kAverage(0x1f, 0x5f, 0xd6);
const QColor kLoss(0xd3, 0x2f, 0x2f);
const QList<QColor> kHopColors{QColor(0x1f, 0x5f, 0xd6), QColor(0xe6, 0x6a, 0x1f),
                               QColor(0x2e, 0x9d, 0x5b), QColor(0x8e, 0x44, 0xad),
                               QColor(0x00, 0x83, 0x8f), QColor(0xc2, 0x18, 0x5b)};

// More points than a chart is pixels wide only cost painting: a line has at most one point for
// each of this many slices of the time shown, the slice's mean.
constexpr int kSlicesPerLine = 600;
constexpr int kFewestSlices = 200; // however narrow the chart

// A round value above `value` for an axis end.
double niceCeiling(double value)
{
    if (value <= 0)
        return 1;
    const double magnitude = std::pow(10.0, std::floor(std::log10(value)));
    for (const double step : {1.0, 2.0, 2.5, 5.0, 10.0})
        if (value <= step * magnitude)
            return step * magnitude;
    return 10 * magnitude;
}

QString hopName(const PathModel &session, const RttChartView::HopKey &key)
{
    const auto atTtl = session.series().find(key.first);
    QString name = QString::fromStdString(key.second);
    if (atTtl != session.series().end())
        for (const PathModel::Series &series : atTtl->second)
            if (series.responder == key.second && !series.hostname.empty())
                name = QString::fromStdString(series.hostname);
    return QObject::tr("TTL %1 %2").arg(key.first).arg(name);
}

} // namespace

RttChartView::RttChartView(QWidget *parent) : QChartView(parent)
{
    setRenderHint(QPainter::Antialiasing);
    chart()->setMargins(QMargins(4, 4, 4, 4));
    chart()->setBackgroundRoundness(0);
    chart()->legend()->setAlignment(Qt::AlignBottom);
    chart()->setAnimationOptions(QChart::NoAnimation);
    // Every refresh moves the lines' items: a spatial index would be rebuilt each time for nothing.
    scene()->setItemIndexMethod(QGraphicsScene::NoIndex);
    buildPerTtl();
}

void RttChartView::clear()
{
    chart()->removeAllSeries();
    for (QAbstractAxis *axis : chart()->axes()) {
        chart()->removeAxis(axis);
        delete axis;
    }
    m_bandLow = m_bandHigh = nullptr;
    m_band = nullptr;
    m_average = nullptr;
    m_samples = nullptr;
    m_loss = nullptr;
    m_ttlAxis = m_lossAxis = m_rttAxis = nullptr;
    m_timeAxis = nullptr;
    m_hopLines.clear();
    m_changes = nullptr;
    m_lossDots = nullptr;
    m_raised = m_cleared = nullptr;
    m_shown.clear();
    m_held.reset();
    if (m_mode == Mode::PerTtl)
        buildPerTtl();
    else
        buildOverTime();
}

void RttChartView::setMode(Mode mode)
{
    if (mode == m_mode)
        return;
    m_mode = mode;
    clear();
}

void RttChartView::setWindowSeconds(int seconds)
{
    m_windowSeconds = std::max(0, seconds);
}

void RttChartView::setChosenHops(const std::vector<HopKey> &hops)
{
    m_chosen = hops;
}

void RttChartView::buildPerTtl()
{
    setRubberBand(QChartView::NoRubberBand);
    setToolTip(QString());
    chart()->setTitle(tr("Round-trip time per TTL"));
    m_bandLow = new QLineSeries(this);
    m_bandHigh = new QLineSeries(this);
    m_band = new QAreaSeries(m_bandHigh, m_bandLow);
    m_band->setName(tr("best \u2013 worst"));
    m_band->setColor(QColor(0x1f, 0x5f, 0xd6, 40));
    m_band->setBorderColor(QColor(0x1f, 0x5f, 0xd6, 90));
    m_average = new QLineSeries();
    m_average->setName(tr("average"));
    m_average->setColor(kAverage);
    m_average->setPointsVisible(true);
    QPen averagePen(kAverage, 2.2);
    m_average->setPen(averagePen);
    m_samples = new QScatterSeries();
    m_samples->setName(tr("replies"));
    m_samples->setMarkerSize(5);
    m_samples->setColor(QColor(0x1d, 0x25, 0x2d, 110));
    m_samples->setBorderColor(Qt::transparent);
    m_loss = new QLineSeries();
    m_loss->setName(tr("loss %"));
    QPen lossPen(kLoss, 1.6, Qt::DashLine);
    m_loss->setPen(lossPen);
    m_loss->setPointsVisible(true);
    for (QAbstractSeries *series :
         {static_cast<QAbstractSeries *>(m_band), static_cast<QAbstractSeries *>(m_average),
          static_cast<QAbstractSeries *>(m_samples), static_cast<QAbstractSeries *>(m_loss)})
        chart()->addSeries(series);

    m_ttlAxis = new QValueAxis();
    m_ttlAxis->setTitleText(tr("TTL"));
    m_ttlAxis->setLabelFormat(QStringLiteral("%d"));
    m_rttAxis = new QValueAxis();
    m_rttAxis->setTitleText(tr("ms"));
    m_lossAxis = new QValueAxis();
    m_lossAxis->setRange(0, 100);
    m_lossAxis->setTitleText(tr("loss %"));
    m_lossAxis->setLabelFormat(QStringLiteral("%d"));
    m_lossAxis->setLabelsColor(kLoss);
    chart()->addAxis(m_ttlAxis, Qt::AlignBottom);
    chart()->addAxis(m_rttAxis, Qt::AlignLeft);
    chart()->addAxis(m_lossAxis, Qt::AlignRight);
    for (QAbstractSeries *series :
         {static_cast<QAbstractSeries *>(m_band), static_cast<QAbstractSeries *>(m_average),
          static_cast<QAbstractSeries *>(m_samples)}) {
        series->attachAxis(m_ttlAxis);
        series->attachAxis(m_rttAxis);
    }
    m_loss->attachAxis(m_ttlAxis);
    m_loss->attachAxis(m_lossAxis);
    m_ttlAxis->setRange(0, 2);
    m_ttlAxis->setTickCount(3);
    m_rttAxis->setRange(0, 1);
}

void RttChartView::buildOverTime()
{
    setRubberBand(QChartView::HorizontalRubberBand);
    chart()->setTitle(tr("Round-trip time over time"));
    m_timeAxis = new QDateTimeAxis();
    m_timeAxis->setFormat(QStringLiteral("HH:mm:ss"));
    m_timeAxis->setTickCount(4);
    m_timeAxis->setTitleText(tr("time"));
    m_rttAxis = new QValueAxis();
    m_rttAxis->setTitleText(tr("ms"));
    chart()->addAxis(m_timeAxis, Qt::AlignBottom);
    chart()->addAxis(m_rttAxis, Qt::AlignLeft);
    m_changes = new QLineSeries();
    m_changes->setName(tr("route change"));
    m_changes->setPen(QPen(QColor(0x5f, 0x6b, 0x78), 1.4, Qt::DashLine));
    chart()->addSeries(m_changes);
    m_changes->attachAxis(m_timeAxis);
    m_changes->attachAxis(m_rttAxis);
    m_lossAxis = new QValueAxis();
    m_lossAxis->setRange(0, 100);
    m_lossAxis->setTitleText(tr("loss %"));
    m_lossAxis->setLabelFormat(QStringLiteral("%d"));
    m_lossAxis->setLabelsColor(kLoss);
    chart()->addAxis(m_lossAxis, Qt::AlignRight);
    m_lossDots = new QScatterSeries();
    m_lossDots->setName(tr("loss %"));
    m_lossDots->setMarkerSize(6);
    m_lossDots->setColor(kLoss);
    m_lossDots->setBorderColor(Qt::transparent);
    chart()->addSeries(m_lossDots);
    m_lossDots->attachAxis(m_timeAxis);
    m_lossDots->attachAxis(m_lossAxis);
    m_raised = new QScatterSeries();
    m_raised->setName(tr("alert raised"));
    m_cleared = new QScatterSeries();
    m_cleared->setName(tr("alert cleared"));
    for (auto [marks, color] : {std::pair(m_raised, QColor(0xd3, 0x2f, 0x2f)),
                                std::pair(m_cleared, QColor(0x2e, 0x9d, 0x5b))}) {
        marks->setMarkerShape(QScatterSeries::MarkerShapeTriangle);
        marks->setMarkerSize(11);
        marks->setColor(color);
        marks->setBorderColor(Qt::transparent);
        chart()->addSeries(marks);
        marks->attachAxis(m_timeAxis);
        marks->attachAxis(m_lossAxis);
    }
    // The legend has no room for every kind of mark: the tooltip names the dots and triangles.
    for (QAbstractSeries *marks :
         {static_cast<QAbstractSeries *>(m_lossDots), static_cast<QAbstractSeries *>(m_raised),
          static_cast<QAbstractSeries *>(m_cleared)}) {
        const auto markers = chart()->legend()->markers(marks);
        for (QLegendMarker *marker : markers)
            marker->setVisible(false);
    }
    setToolTip(tr("Red dots: loss at the first line's hop, on the right axis. Triangles at the "
                  "top: alerts raised (red) and cleared (green). Drag across the chart to focus "
                  "on a period; right-click to see the whole session again."));
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    setTimeRange(now - 60'000, now);
    m_rttAxis->setRange(0, 1);
    // A drag across the chart zooms its time axis: that is a period chosen.
    connect(m_timeAxis, &QDateTimeAxis::rangeChanged, this,
            [this](const QDateTime &from, const QDateTime &to) {
                if (m_settingRange)
                    return;
                m_held.emplace(from.toMSecsSinceEpoch(), to.toMSecsSinceEpoch());
                Q_EMIT periodHeld(m_held->first, m_held->second);
            });
}

void RttChartView::setTimeRange(qint64 fromMs, qint64 toMs)
{
    if (m_timeAxis->min().toMSecsSinceEpoch() == fromMs &&
        m_timeAxis->max().toMSecsSinceEpoch() == toMs)
        return;
    const qint64 span = toMs - fromMs;
    m_timeAxis->setFormat(span > 2 * 86'400'000  ? QStringLiteral("MM-dd HH:mm")
                          : span > 2 * 3'600'000 ? QStringLiteral("HH:mm")
                                                 : QStringLiteral("HH:mm:ss"));
    m_settingRange = true;
    m_timeAxis->setRange(QDateTime::fromMSecsSinceEpoch(fromMs),
                         QDateTime::fromMSecsSinceEpoch(toMs));
    m_settingRange = false;
}

void RttChartView::holdPeriod(qint64 fromMs, qint64 toMs)
{
    if (m_mode != Mode::OverTime || toMs <= fromMs)
        return;
    m_held.emplace(fromMs, toMs);
    setTimeRange(fromMs, toMs);
    Q_EMIT periodHeld(fromMs, toMs);
}

void RttChartView::followLatest()
{
    if (!m_held)
        return;
    m_held.reset();
    Q_EMIT periodReleased();
}

void RttChartView::mouseReleaseEvent(QMouseEvent *event)
{
    // A right click would zoom out by a step; here it lets go of the period instead.
    if (m_mode == Mode::OverTime && event->button() == Qt::RightButton) {
        followLatest();
        event->accept();
        return;
    }
    QChartView::mouseReleaseEvent(event);
}

void RttChartView::refresh(const PathModel &session)
{
    if (m_mode == Mode::PerTtl)
        refreshPerTtl(session);
    else
        refreshOverTime(session);
}

void RttChartView::refreshPerTtl(const PathModel &session)
{
    QList<QPointF> low, high, average, samples, loss;
    double top = 0;
    const int lastTtl = session.lastTtl();
    // The figures are the model's, TTL by TTL; the dots are the replies it keeps one by one.
    for (const auto &[ttl, at] : session.latestTtlFigures()) {
        if (session.counted() && at.sent > 0)
            loss << QPointF(ttl, at.lossPercent());
        if (at.avgMs && at.bestMs && at.worstMs) {
            low << QPointF(ttl, *at.bestMs);
            high << QPointF(ttl, *at.worstMs);
            average << QPointF(ttl, *at.avgMs);
            top = std::max(top, *at.worstMs);
        }
    }
    for (const auto &[ttl, atTtl] : session.series()) {
        std::size_t index = 0;
        for (const PathModel::Series &series : atTtl) {
            // Responders at one TTL spread a little apart so their dots do not hide each other.
            const double offset =
                atTtl.size() > 1 ? (static_cast<double>(index) / (atTtl.size() - 1) - 0.5) * 0.3
                                 : 0.0;
            series.history.recent().forEach([&](const MonitorSample &sample) {
                if (!sample.lost()) {
                    samples << QPointF(ttl + offset, sample.rttMs);
                    top = std::max(top, sample.rttMs);
                }
            });
            ++index;
        }
    }
    replaceIfMoved(m_bandLow, low);
    replaceIfMoved(m_bandHigh, high);
    replaceIfMoved(m_average, average);
    replaceIfMoved(m_samples, samples);
    replaceIfMoved(m_loss, loss);
    // Whole TTLs on the ticks, with room on both sides of the first and last.
    const int span = std::max(1, lastTtl) + 1;
    m_ttlAxis->setRange(0, span);
    m_ttlAxis->setTickCount(span <= 15 ? span + 1 : 2);
    if (span > 15)
        m_ttlAxis->applyNiceNumbers();
    m_rttAxis->setRange(0, niceCeiling(top * 1.1));
}

std::vector<RttChartView::HopKey> RttChartView::defaultHops(const PathModel &session) const
{
    std::vector<HopKey> hops;
    std::optional<HopKey> slowest;
    double slowestAvg = -1;
    for (const MonitorHop &hop : session.hops()) {
        if (!hop.onRoute(session.routeRound()) || hop.responder.empty() ||
            hop.responder == kOtherResponders)
            continue;
        if (hop.destination) {
            hops.emplace_back(hop.ttl, hop.responder);
        } else if (hop.stats.avgMs && *hop.stats.avgMs > slowestAvg) {
            slowestAvg = *hop.stats.avgMs;
            slowest = HopKey{hop.ttl, hop.responder};
        }
    }
    if (slowest)
        hops.push_back(*slowest);
    return hops;
}

void RttChartView::refreshOverTime(const PathModel &session)
{
    const std::vector<HopKey> wanted = m_chosen.empty() ? defaultHops(session) : m_chosen;
    if (wanted != m_shown) {
        for (QLineSeries *line : m_hopLines) {
            chart()->removeSeries(line);
            delete line;
        }
        m_hopLines.clear();
        for (std::size_t i = 0; i < wanted.size(); ++i) {
            auto *line = new QLineSeries();
            line->setName(hopName(session, wanted[i]));
            line->setPen(
                QPen(kHopColors[static_cast<int>(i % static_cast<std::size_t>(kHopColors.size()))],
                     1.8));
            chart()->addSeries(line);
            line->attachAxis(m_timeAxis);
            line->attachAxis(m_rttAxis);
            m_hopLines.push_back(line);
        }
        m_shown = wanted;
    }
    qint64 latestMs = session.latestRoundUs() / 1000 + 1000;
    // The time axis moves in steps of a 120th of what it shows: each move lays out its labels
    // and every point again, which costs more than the rest of a refresh.
    const qint64 shownMs =
        m_windowSeconds > 0 ? qint64{m_windowSeconds} * 1000
                            : latestMs - std::min<qint64>(latestMs, session.firstRoundUs() / 1000);
    const qint64 stepMs = std::max<qint64>(1000, shownMs / 120);
    latestMs = (latestMs + stepMs - 1) / stepMs * stepMs;
    qint64 earliestMs = m_windowSeconds > 0 ? latestMs - qint64{m_windowSeconds} * 1000
                                            : session.firstRoundUs() / 1000;
    earliestMs = std::max<qint64>(earliestMs, session.firstRoundUs() / 1000);
    if (m_held)
        std::tie(earliestMs, latestMs) = *m_held;
    // No more points than the plot has pixels across: more would be drawn over each other.
    const int slices =
        std::clamp(static_cast<int>(chart()->plotArea().width()), kFewestSlices, kSlicesPerLine);
    double top = 0;
    QList<QPointF> loss;
    for (std::size_t i = 0; i < m_shown.size(); ++i) {
        QList<QPointF> points;
        const auto atTtl = session.series().find(m_shown[i].first);
        if (atTtl != session.series().end()) {
            for (const PathModel::Series &series : atTtl->second) {
                if (series.responder != m_shown[i].second)
                    continue;
                for (const SampleBucket &slice :
                     timeSlices(series.history, earliestMs * 1000, latestMs * 1000 + 999, slices,
                                fileBucketsOf(session, series.ttl, series.responder))) {
                    // A slice of one probe at its own time; of several, their mean in between.
                    const auto x =
                        static_cast<qreal>((slice.firstSentUs / 2 + slice.lastSentUs / 2) / 1000);
                    if (const auto avg = slice.avgMs()) {
                        points << QPointF(x, *avg);
                        top = std::max(top, *avg);
                    }
                    if (i == 0 && slice.received < slice.sent)
                        loss << QPointF(x, 100.0 * (slice.sent - slice.received) / slice.sent);
                }
            }
        }
        replaceIfMoved(m_hopLines[i], points);
    }
    replaceIfMoved(m_lossDots, loss);
    const double ceiling = niceCeiling(top * 1.1);
    QList<QPointF> changes;
    for (const RouteChange &change : session.routeChanges()) {
        const qint64 ms = change.timeUs / 1000;
        if (ms < earliestMs || ms > latestMs)
            continue;
        // A vertical stroke, then back down along the axis to the next one.
        changes << QPointF(ms, 0) << QPointF(ms, ceiling) << QPointF(ms, 0);
    }
    replaceIfMoved(m_changes, changes);
    // Alerts at the top, on the loss axis's 100 %, where no line runs.
    QList<QPointF> raised, cleared;
    for (const AlertEvent &event : session.alerts())
        if (const qint64 ms = event.timeUs / 1000; ms >= earliestMs && ms <= latestMs)
            (event.raised ? raised : cleared) << QPointF(static_cast<qreal>(ms), 97.0);
    replaceIfMoved(m_raised, raised);
    replaceIfMoved(m_cleared, cleared);
    const auto markers = chart()->legend()->markers(m_changes);
    for (QLegendMarker *marker : markers)
        marker->setVisible(!changes.isEmpty());
    setTimeRange(earliestMs, latestMs);
    m_rttAxis->setRange(0, ceiling);
}

} // namespace hopscope
