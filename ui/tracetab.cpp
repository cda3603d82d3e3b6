// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "ui/tracetab.h"

#include "client/helperpermission.h"
#include "path/sessionperiod.h"
#include "report/pathverdict.h"
#include "ui/degradedbanner.h"
#include "ui/hopgraphview.h"
#include "ui/hoptablemodel.h"
#include "ui/hoptableview.h"
#include "ui/rttchartview.h"

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDateTime>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace hopscope {

namespace {

// Views repaint at most this often while probes stream in.
constexpr int kViewRefreshMs = 100;
constexpr int kChartRefreshMs = 250;

QString duration(qint64 ms)
{
    if (ms < 60'000)
        return QCoreApplication::translate("TraceTab", "%1 s")
            .arg(static_cast<double>(ms) / 1000.0, 0, 'f', 1);
    const qint64 seconds = ms / 1000;
    return QStringLiteral("%1:%2:%3")
        .arg(seconds / 3600)
        .arg(seconds / 60 % 60, 2, 10, QLatin1Char('0'))
        .arg(seconds % 60, 2, 10, QLatin1Char('0'));
}

} // namespace

TraceTab::TraceTab(const QString &helperProgram, QWidget *parent)
    : QWidget(parent), m_helperProgram(helperProgram),
      m_session(new TraceSession(helperProgram, this)), m_banner(new DegradedBanner(this)),
      m_graph(new HopGraphView(this)), m_model(new HopTableModel(this)),
      m_table(new HopTableView(m_model, this)), m_chart(new RttChartView(this)),
      m_window(new QComboBox(this)), m_refresh(new QTimer(this)), m_chartRefresh(new QTimer(this)),
      m_focusBar(new QWidget(this)), m_focusText(new QLabel(m_focusBar)),
      m_openPeriod(new QPushButton(tr("Open Period in New Tab"), m_focusBar))
{
    m_window->addItem(tr("Last minute"), 60);
    m_window->addItem(tr("Last 5 minutes"), 300);
    m_window->addItem(tr("Last 15 minutes"), 900);
    m_window->addItem(tr("Last hour"), 3600);
    m_window->addItem(tr("Whole session"), 0);
    m_window->setCurrentIndex(1);
    m_window->setToolTip(tr("How far back the chart reaches"));
    m_window->hide();
    connect(m_window, &QComboBox::currentIndexChanged, this, [this] {
        m_chart->setWindowSeconds(m_window->currentData().toInt());
        // A window of the latest rounds is asked for: a period held is let go, which redraws.
        if (m_chart->heldPeriod()) {
            m_chart->followLatest();
            return;
        }
        m_chartDirty = true;
        refreshChart();
    });
    m_chart->setWindowSeconds(300);

    auto *chartPane = new QWidget(this);
    auto *chartLayout = new QVBoxLayout(chartPane);
    chartLayout->setContentsMargins(0, 0, 0, 0);
    chartLayout->setSpacing(2);
    auto *chartBar = new QHBoxLayout();
    chartBar->addStretch();
    chartBar->addWidget(m_window);
    chartLayout->addLayout(chartBar);
    chartLayout->addWidget(m_chart, 1);

    // The graph the whole width above (paths are long); the table and the chart below.
    auto *bottom = new QSplitter(Qt::Horizontal, this);
    bottom->addWidget(m_table);
    bottom->addWidget(chartPane);
    bottom->setStretchFactor(0, 5);
    bottom->setStretchFactor(1, 2);
    bottom->setSizes({900, 380});
    auto *split = new QSplitter(Qt::Vertical, this);
    split->addWidget(m_graph);
    split->addWidget(bottom);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 1);
    split->setSizes({360, 400});

    // A tint that says the table and the graph are not the whole session.
    m_focusBar->setAutoFillBackground(true);
    QPalette tint = m_focusBar->palette();
    tint.setColor(QPalette::Window, QColor(0xe3, 0xed, 0xfb));
    tint.setColor(QPalette::WindowText, QColor(0x1d, 0x25, 0x2d));
    m_focusBar->setPalette(tint);
    m_focusText->setWordWrap(true);
    m_focusText->setTextFormat(Qt::PlainText);
    auto *whole = new QPushButton(tr("Whole Session"), m_focusBar);
    whole->setToolTip(tr("Show the whole session again (or right-click the chart)"));
    m_openPeriod->setToolTip(tr("Open the period as a path of its own, to save, export or report"));
    auto *focusLayout = new QHBoxLayout(m_focusBar);
    focusLayout->setContentsMargins(8, 4, 8, 4);
    focusLayout->addWidget(m_focusText, 1);
    focusLayout->addWidget(m_openPeriod);
    focusLayout->addWidget(whole);
    m_focusBar->hide();
    connect(whole, &QPushButton::clicked, this, &TraceTab::showWholeSession);
    connect(m_openPeriod, &QPushButton::clicked, this, [this] {
        if (m_focus)
            Q_EMIT periodOpened(m_focus->toNetworkPath(), periodName());
    });
    connect(m_chart, &RttChartView::periodHeld, this, &TraceTab::focusOn);
    connect(m_chart, &RttChartView::periodReleased, this, &TraceTab::showWholeSession);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_banner);
    layout->addWidget(m_focusBar);
    layout->addWidget(split, 1);

    m_refresh->setInterval(kViewRefreshMs);
    m_chartRefresh->setInterval(kChartRefreshMs);
    connect(m_refresh, &QTimer::timeout, this, &TraceTab::refreshViews);
    connect(m_chartRefresh, &QTimer::timeout, this, &TraceTab::refreshChart);
    m_refresh->start();
    m_chartRefresh->start();

    connect(m_session, &TraceSession::dataChanged, this, [this] { m_dirty = m_chartDirty = true; });
    connect(m_session, &TraceSession::stateChanged, this, [this] {
        m_dirty = m_chartDirty = true;
        if (!m_session->isActive()) {
            refreshViews();
            refreshChart();
        }
        Q_EMIT titleChanged();
        Q_EMIT statusChanged();
    });
    connect(m_session, &TraceSession::degraded, this, &TraceTab::showDegraded);
    connect(m_session, &TraceSession::routeChanged, this, [this] { Q_EMIT statusChanged(); });
    connect(m_session, &TraceSession::noticeReceived, this, [this](const QString &message) {
        m_notice = message;
        Q_EMIT statusChanged();
    });
    connect(m_graph, &HopGraphView::hopSelected, m_table, &HopTableView::selectHop);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &TraceTab::syncSelectionFromTable);
}

QTableView *TraceTab::table() const
{
    return m_table;
}

void TraceTab::start(const TraceRequest &request, TraceSession::Mode mode, int intervalMs)
{
    clearViews(mode);
    m_session->start(request, mode, intervalMs);
    Q_EMIT titleChanged();
}

void TraceTab::resume(PathModel earlier, int intervalMs)
{
    clearViews(TraceSession::Mode::Monitor);
    m_session->resume(std::move(earlier), intervalMs);
    Q_EMIT titleChanged();
}

void TraceTab::clearViews(TraceSession::Mode mode)
{
    m_model->clear();
    m_graph->clear();
    m_graphSource.clear();
    m_graph->setSourceLabel(QString());
    m_chart->setChosenHops({});
    m_chart->setMode(mode == TraceSession::Mode::Monitor ? RttChartView::Mode::OverTime
                                                         : RttChartView::Mode::PerTtl);
    m_chart->clear();
    m_window->setVisible(mode == TraceSession::Mode::Monitor);
    m_banner->hide();
    m_notice.clear();
    m_focus.reset();
    m_focusBar->hide();
}

void TraceTab::stop()
{
    m_session->stop();
}

void TraceTab::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    // The table and graph now; the chart on its own timer's next tick, so that the work of
    // bringing a tab to the front is not done all in one go.
    refreshViews();
}

void TraceTab::refreshViews()
{
    // A tab behind another catches up when it is shown: eight tabs monitoring at once cost the
    // window what the one in front does.
    if (!m_dirty || isHidden())
        return;
    m_dirty = false;
    if (m_graphSource != m_session->sourceLabel()) {
        m_graphSource = m_session->sourceLabel();
        m_graph->setSourceLabel(m_graphSource);
    }
    m_model->update(shownModel());
    m_table->showColumnsWithContent();
    m_graph->refresh(shownModel());
    Q_EMIT statusChanged();
}

const PathModel &TraceTab::shownModel() const
{
    return m_focus ? *m_focus : m_session->model();
}

void TraceTab::focusOn(qint64 fromMs, qint64 toMs)
{
    if (!m_session->model().isMonitoring() || toMs <= fromMs)
        return;
    if (m_chart->heldPeriod() != std::make_pair(fromMs, toMs)) {
        m_chart->holdPeriod(fromMs, toMs); // which comes back here
        return;
    }
    m_focus = sessionPeriod(m_session->model(), fromMs * 1000, toMs * 1000 + 999);
    const QString span = tr("%1 (%2)").arg(periodName(), duration(toMs - fromMs));
    if (!m_focus) {
        m_focusText->setText(tr("Nothing was probed in %1.").arg(span));
    } else {
        const int rounds = m_focus->rounds();
        QStringList verdict;
        for (const std::string &line : describeVerdict(pathVerdict(*m_focus), m_focus->counted()))
            verdict << QString::fromStdString(line);
        QStringList raised;
        for (const AlertEvent &event : m_focus->alerts())
            if (const QString rule = QString::fromStdString(event.rule.text);
                event.raised && !raised.contains(rule))
                raised << rule;
        if (!raised.isEmpty())
            verdict << tr("Alerts raised: %1.").arg(raised.join(QStringLiteral(", ")));
        m_focusText->setText((rounds == 1 ? tr("Focused on %1: 1 round.").arg(span)
                                          : tr("Focused on %1: %2 rounds.").arg(span).arg(rounds)) +
                             QLatin1Char(' ') + verdict.join(QLatin1Char(' ')));
    }
    m_openPeriod->setEnabled(m_focus.has_value());
    m_focusBar->show();
    m_dirty = m_chartDirty = true;
    refreshViews();
    refreshChart();
}

void TraceTab::showWholeSession()
{
    m_chart->followLatest();
    if (m_focusBar->isHidden())
        return;
    m_focus.reset();
    m_focusBar->hide();
    m_dirty = m_chartDirty = true;
    refreshViews();
    refreshChart();
}

QString TraceTab::periodName() const
{
    const PathDestination &destination = m_session->model().header().destination;
    const QString target = QString::fromStdString(
        destination.hostname.empty() ? destination.ipAddress : destination.hostname);
    const auto [fromMs, toMs] = m_chart->heldPeriod().value_or(std::make_pair(0LL, 0LL));
    const QDateTime from = QDateTime::fromMSecsSinceEpoch(fromMs);
    const QDateTime to = QDateTime::fromMSecsSinceEpoch(toMs);
    const QString format = from.date() == to.date() ? QStringLiteral("HH:mm:ss")
                                                    : QStringLiteral("yyyy-MM-dd HH:mm:ss");
    return tr("%1, %2 to %3")
        .arg(target, from.toString(QStringLiteral("yyyy-MM-dd HH:mm:ss")), to.toString(format));
}

void TraceTab::refreshChart()
{
    if (!m_chartDirty || isHidden())
        return;
    m_chartDirty = false;
    m_chart->refresh(m_session->model());
}

void TraceTab::showDegraded(const QString &reason)
{
    const QStringList reasons = m_session->degradedReasons();
    const bool offerGrant = m_permission && m_session->helperLacksPermission();
    const QString grantUnavailable =
        offerGrant ? m_permission->unavailableReason(m_helperProgram) : QString();
    m_banner->showReasons(reasons.isEmpty() ? QStringList{reason} : reasons, offerGrant,
                          grantUnavailable);
}

void TraceTab::setHelperPermission(HelperPermission *permission)
{
    m_permission = permission;
    connect(m_banner, &DegradedBanner::grantRequested, permission, &HelperPermission::grant);
    // Every tab's button waits while any of them asks.
    connect(permission, &HelperPermission::started, this,
            [this] { m_banner->setGrantRunning(true); });
    connect(permission, &HelperPermission::finished, this,
            [this](bool granted, const QString &message) {
                m_banner->setGrantRunning(false);
                if (!m_session->helperLacksPermission())
                    return;
                if (!granted) {
                    m_banner->showGrantFailure(message);
                    return;
                }
                m_session->retryHelper();
                m_banner->hide();
            });
}

void TraceTab::syncSelectionFromTable()
{
    std::vector<RttChartView::HopKey> chosen;
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    for (const QModelIndex &index : rows)
        chosen.emplace_back(index.data(HopTableModel::TtlRole).toInt(),
                            index.data(HopTableModel::ResponderRole).toString().toStdString());
    if (chosen.size() == 1)
        m_graph->selectHop(chosen.front().first, QString::fromStdString(chosen.front().second));
    m_chart->setChosenHops(chosen);
    m_chartDirty = true;
    refreshChart();
}

void TraceTab::showSaved(const NetworkPath &path, const QString &origin)
{
    m_origin = origin;
    m_session->load(path);
    // A saved session is shown as its timeline, whole, with its route changes and alerts.
    clearViews(m_session->mode());
    if (m_session->mode() == TraceSession::Mode::Monitor)
        m_window->setCurrentIndex(m_window->findData(0));
    m_dirty = m_chartDirty = true;
    refreshViews();
    refreshChart();
    Q_EMIT titleChanged();
}

QString TraceTab::title() const
{
    if (!m_origin.isEmpty())
        return m_origin;
    const QString target = QString::fromStdString(m_session->request().target);
    if (target.isEmpty())
        return tr("New trace");
    return m_session->mode() == TraceSession::Mode::Monitor ? tr("%1 (monitor)").arg(target)
                                                            : target;
}

QString TraceTab::statusText() const
{
    const TraceSession &s = *m_session;
    QStringList parts;
    if (!s.probingDescription().isEmpty())
        parts << tr("Probing %1").arg(s.probingDescription());
    switch (s.state()) {
    case TraceSession::State::Idle:
        return tr("Enter a host and press Enter to trace.");
    case TraceSession::State::Preparing:
        parts << tr("resolving %1\u2026").arg(QString::fromStdString(s.request().target));
        break;
    case TraceSession::State::Running:
        if (s.mode() == TraceSession::Mode::Monitor)
            parts << tr("round %1").arg(s.round());
        parts << (s.settledTtls() > 0
                      ? tr("TTL %1 of %2 settled").arg(s.settledTtls()).arg(s.request().maxTtl)
                      : tr("probing\u2026"));
        break;
    case TraceSession::State::Waiting:
        parts << tr("round %1 done, one every %2 s")
                     .arg(s.round())
                     .arg(s.intervalMs() / 1000.0, 0, 'g', 3);
        break;
    case TraceSession::State::Finished:
        if (s.isLoaded() && s.result())
            parts << (s.result()->timestampMs == 0
                          ? tr("no date in the file")
                          : tr("traced %1")
                                .arg(QDateTime::fromMSecsSinceEpoch(s.result()->timestampMs)
                                         .toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))));
        parts << (s.model().destinationTtl()
                      ? tr("destination reached at TTL %1").arg(*s.model().destinationTtl())
                      : tr("destination not reached"));
        if (const auto &extension = s.model().header().hopscope; extension && extension->pathMtu) {
            QStringList drops;
            for (const MtuDrop &drop : extension->pathMtu->drops)
                drops << tr("to %1 after TTL %2").arg(drop.mtu).arg(drop.routerTtl());
            parts << (drops.isEmpty() ? tr("path MTU %1 bytes").arg(extension->pathMtu->size)
                                      : tr("path MTU %1 bytes (drops %2)")
                                            .arg(extension->pathMtu->size)
                                            .arg(drops.join(QStringLiteral(", "))));
        }
        break;
    case TraceSession::State::Stopped:
        parts << (s.model().rounds() == 1 ? tr("stopped after 1 round")
                                          : tr("stopped after %1 rounds").arg(s.model().rounds()));
        break;
    case TraceSession::State::Failed:
        parts << tr("failed: %1").arg(s.errorMessage());
        break;
    }
    parts << duration(s.elapsedMs());
    if (const std::size_t changes = s.model().routeChanges().size(); changes > 0)
        parts << (changes == 1 ? tr("1 route change") : tr("%1 route changes").arg(changes));
    if (!m_notice.isEmpty())
        parts << m_notice;
    return parts.join(QStringLiteral(" \u00b7 "));
}

void TraceTab::copyTable() const
{
    QApplication::clipboard()->setText(m_model->toText());
}

} // namespace hopscope
