// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "namespacelab.h"

#include "chartpoints.h"
#include "path/networkpathjson.h"
#include "store/historystore.h"
#include "ui/degradedbanner.h"
#include "ui/historymodel.h"
#include "ui/historypanel.h"
#include "ui/hopgraphview.h"
#include "ui/hopnodeitem.h"
#include "ui/hoptablemodel.h"
#include "ui/mainwindow.h"
#include "ui/rttchartview.h"
#include "ui/targetbar.h"
#include "ui/tracetab.h"
#include "windowsave.h"

#include <QAbstractSeries>
#include <QApplication>
#include <QChart>
#include <QClipboard>
#include <QComboBox>
#include <QDir>
#include <QGuiApplication>
#include <QLabel>
#include <QLineEdit>
#include <QLineSeries>
#include <QProcess>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QXYSeries>

#include <memory>

using namespace hopscope;
using hopscope::testing::seriesPoints;

namespace {

// client - r1 - {r2, r2b} - r3 (silent) - r4 - server, with delay on two links so that the
// hops have round trips worth drawing.
constexpr int kRouters = 4;
const QString kHelper = QStringLiteral(HOPSCOPE_BINARY_DIR "/hopscope-probe");
const QString kDelayLink = QStringLiteral(HOPSCOPE_BINARY_DIR "/tests/bench/hopscope-delaylink");

// Saves what the window looks like when HOPSCOPE_SCREENSHOT_DIR names a folder: the X screen
// with ImageMagick's `import` under a real (or virtual) X server, the window's own rendering
// otherwise.
void screenshot(QWidget &window, const char *name)
{
    const QString folder = qEnvironmentVariable("HOPSCOPE_SCREENSHOT_DIR");
    if (folder.isEmpty())
        return;
    QDir().mkpath(folder);
    const QString file = folder + QLatin1Char('/') + QLatin1String(name) + QStringLiteral(".png");
    QTest::qWait(300); // let the last refresh paint
    if (QGuiApplication::platformName() == QLatin1String("xcb") &&
        QProcess::execute(QStringLiteral("import"),
                          {QStringLiteral("-window"), QStringLiteral("root"), file}) == 0)
        return;
    window.grab().save(file);
}

// Shown and active, so that its shortcuts work, with or without a window manager.
bool showActive(QWidget &window)
{
    window.show();
    if (!QTest::qWaitForWindowExposed(&window))
        return false;
    window.activateWindow();
    QApplication::setActiveWindow(&window);
    return QTest::qWaitForWindowActive(&window);
}

} // namespace

// The live window through the namespace lab and the real helper: what a user sees after pressing
// Enter, in trace and in monitor mode, several tabs at once, and the keyboard.
class TraceWindowTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanupTestCase();
    void traceFillsTableGraphAndChart();
    void monitorRunsUntilEscape();
    void tabsTraceAtOnce();
    void badTargetIsSaidInStatusBar();
    void missingHelperShowsBannerAndStillTraces();

private:
    void type(MainWindow &window, const QString &host);
    std::unique_ptr<NamespaceLab> m_lab;
};

void TraceWindowTest::initTestCase()
{
    if (const QString reason = NamespaceLab::unavailableReason(); !reason.isEmpty())
        QSKIP(qPrintable(reason));
    QStandardPaths::setTestModeEnabled(true);
    QFile::remove(HistoryStore::defaultFileName());
    // Unlimited: these cases run dozens of traces a second through the same routers, far past the
    // one ICMP error a second a Linux router sends each peer; they test matching and paths, and
    // tst_ratelimitlab tests tracing through routers that keep their budgets.
    m_lab = std::make_unique<NamespaceLab>(kRouters, NamespaceLab::IcmpBudget::Unlimited);
    m_lab->setLinkDelay(0, 4.0, kDelayLink);
    m_lab->setLinkDelay(3, 12.0, kDelayLink);
    QVERIFY2(m_lab->build(), qPrintable(m_lab->error()));
    QVERIFY2(m_lab->addEqualCostTwin(2), qPrintable(m_lab->error()));
    QVERIFY2(m_lab->silenceRouter(3), qPrintable(m_lab->error()));
    // The window's threads and the helper it starts all live in the client namespace.
    QVERIFY2(m_lab->enter(m_lab->client()), qPrintable(m_lab->error()));
}

void TraceWindowTest::init()
{
    QSettings settings;
    settings.clear();
    // Eight flows from fixed ports: r1 (hashing ports with a fixed seed) sends some each way.
    settings.setValue(QStringLiteral("trace/flows"), 8);
    settings.setValue(QStringLiteral("trace/sourcePort"), 40000);
    settings.setValue(QStringLiteral("trace/timeoutMs"), 400);
    settings.setValue(QStringLiteral("trace/maxTtl"), 8);
}

void TraceWindowTest::cleanupTestCase()
{
    m_lab.reset();
}

void TraceWindowTest::type(MainWindow &window, const QString &host)
{
    QLineEdit *edit = window.targetBar()->targetBox()->lineEdit();
    edit->setFocus();
    edit->clear();
    QTest::keyClicks(edit, host);
    QTest::keyClick(edit, Qt::Key_Return);
}

void TraceWindowTest::traceFillsTableGraphAndChart()
{
    MainWindow window;
    window.setHelperProgram(kHelper);
    window.resize(1280, 800);
    QVERIFY(showActive(window));
    type(window, NamespaceLab::serverV4(kRouters));
    TraceTab *tab = window.currentTraceTab();
    QVERIFY(tab);
    QTRY_VERIFY_WITH_TIMEOUT(tab->session()->state() == TraceSession::State::Finished, 20000);
    QTRY_COMPARE(tab->hopModel()->rowCount(), 6);

    // TTL 1 r1, TTL 2 r2 and its twin, TTL 3 silent, TTL 4 r4, TTL 5 the server.
    QStringList rows;
    for (int row = 0; row < tab->hopModel()->rowCount(); ++row)
        rows << tab->hopModel()->index(row, HopTableModel::Ttl).data().toString() +
                    QLatin1Char(' ') +
                    tab->hopModel()->index(row, HopTableModel::Address).data().toString();
    rows.sort(); // responders at one TTL are listed in the order they first answered
    QCOMPARE(rows, (QStringList{QStringLiteral("1 198.18.0.2"), QStringLiteral("2 198.18.1.2"),
                                QStringLiteral("2 198.18.10.2"), QStringLiteral("3 *"),
                                QStringLiteral("4 198.18.3.2"), QStringLiteral("5 198.18.4.2")}));
    const QString serverLoss = tab->hopModel()->index(5, HopTableModel::Loss).data().toString();
    QCOMPARE(serverLoss, QStringLiteral("0.0%"));
    const double serverAvg = tab->hopModel()->index(5, HopTableModel::Avg).data().toDouble();
    // 32 ms of cable delay; the first probes also wait for neighbour discovery on the way.
    QVERIFY2(serverAvg > 31.5 && serverAvg < 100, qPrintable(QString::number(serverAvg)));
    QVERIFY(tab->hopModel()
                ->index(3, HopTableModel::Loss)
                .data(HopTableModel::RateLimitedRole)
                .toBool());

    QTRY_COMPARE(tab->graph()->nodeCount(), 6);
    QVERIFY(tab->graph()->node(3, std::string())->isSilent());
    QVERIFY(tab->graph()->node(5, "198.18.4.2")->hop().destination);
    // Source to r1; r1 to both branches; both branches to the silent TTL; it to r4; r4 to the
    // server.
    QVERIFY2(tab->graph()->edgeCount() >= 7,
             qPrintable(QString::number(tab->graph()->edgeCount())));
    QTRY_VERIFY(seriesPoints(tab->chart()) > 20);
    QCOMPARE(tab->chart()->mode(), RttChartView::Mode::PerTtl);
    QStringList statusTexts;
    for (const QLabel *label : window.statusBar()->findChildren<QLabel *>())
        statusTexts << label->text();
    QVERIFY2(statusTexts.join(QLatin1Char('\n'))
                 .contains(QStringLiteral("destination reached at TTL 5")),
             qPrintable(statusTexts.join(QLatin1Char('\n'))));
    QVERIFY2(tab->statusText().contains(QStringLiteral("destination reached at TTL 5")),
             qPrintable(tab->statusText()));
    QVERIFY2(tab->statusText().contains(QStringLiteral("through the helper")),
             qPrintable(tab->statusText()));
    QVERIFY(tab->banner()->isHidden());
    screenshot(window, "trace");

    // Clicking a node selects its row.
    tab->graph()->selectHop(4, QStringLiteral("198.18.3.2"));
    Q_EMIT tab->graph()->hopSelected(4, QStringLiteral("198.18.3.2"));
    const QModelIndexList selected = tab->table()->selectionModel()->selectedRows();
    QCOMPARE(selected.size(), 1);
    QCOMPARE(selected.first().data(HopTableModel::ResponderRole).toString(),
             QStringLiteral("198.18.3.2"));

    // The table copies as text, as the CLI prints it.
    QTest::keyClick(&window, Qt::Key_C, Qt::ControlModifier | Qt::ShiftModifier);
    const QString copied = QGuiApplication::clipboard()->text();
    QVERIFY2(copied.startsWith(QStringLiteral("TTL  Host")), qPrintable(copied));
    QVERIFY2(copied.contains(QStringLiteral("198.18.10.2")), qPrintable(copied));

    // Saved, the trace reads back as the session's result; a folder that does not exist is said.
    QTemporaryDir directory;
    const QString saved = directory.filePath(QStringLiteral("trace.json"));
    QVERIFY(saveAndWait(window, saved));
    const auto reread = readNetworkPathFile(saved.toStdString());
    QVERIFY2(reread, reread ? "" : reread.error().message.c_str());
    QCOMPARE(*reread, *tab->session()->result());
    QVERIFY(!saveAndWait(window, QStringLiteral("/nonexistent/folder/trace.json")));
    QVERIFY2(window.statusBar()->currentMessage().startsWith(QStringLiteral("Could not save")),
             qPrintable(window.statusBar()->currentMessage()));

    // The finished trace is in the history, and reopens from there into the same rows.
    HistoryPanel *panel = window.historyPanel();
    panel->search()->setText(NamespaceLab::serverV4(kRouters));
    QTRY_COMPARE(panel->model()->rowCount(), 1);
    // Not selectRow(): it reads the keyboard's modifiers, and Ctrl+Shift+C was the last keys
    // pressed.
    panel->table()->selectionModel()->select(panel->model()->index(0, 0),
                                             QItemSelectionModel::ClearAndSelect |
                                                 QItemSelectionModel::Rows);
    QCOMPARE(panel->selectedIds().size(), 1);
    panel->openSelected();
    QTRY_VERIFY2(window.tabs()->count() == 2, qPrintable(window.statusBar()->currentMessage()));
    auto *reopened = qobject_cast<TraceTab *>(window.tabs()->widget(1));
    QTRY_COMPARE(reopened->table()->model()->rowCount(), tab->table()->model()->rowCount());
    QCOMPARE(*reopened->session()->result(), *tab->session()->result());
    window.tabs()->setCurrentIndex(0);

    // The graph exports as PNG and SVG.
    QVERIFY(tab->graph()->exportTo(directory.filePath(QStringLiteral("graph.png"))));
    QVERIFY(tab->graph()->exportTo(directory.filePath(QStringLiteral("graph.svg"))));
    QFile svg(directory.filePath(QStringLiteral("graph.svg")));
    QVERIFY(svg.open(QIODevice::ReadOnly));
    QVERIFY(svg.readAll().contains("198.18.10.2"));
}

void TraceWindowTest::monitorRunsUntilEscape()
{
    QSettings().setValue(QStringLiteral("trace/intervalMs"), 300);
    QSettings().setValue(QStringLiteral("trace/monitor"), true);
    MainWindow window;
    window.setHelperProgram(kHelper);
    window.resize(1280, 800);
    QVERIFY(showActive(window));
    QCOMPARE(window.targetBar()->mode(), TraceSession::Mode::Monitor);
    // A session asks each router once a round; Trace keeps its own probes per TTL.
    QCOMPARE(window.targetBar()->request(nullptr).queries, 1);
    window.targetBar()->setMode(TraceSession::Mode::Trace);
    QCOMPARE(window.targetBar()->request(nullptr).queries, 3);
    window.targetBar()->setMode(TraceSession::Mode::Monitor);
    QCOMPARE(window.targetBar()->request(nullptr).queries, 1);
    type(window, NamespaceLab::serverV4(kRouters));
    TraceTab *tab = window.currentTraceTab();
    QTRY_VERIFY_WITH_TIMEOUT(tab->session()->round() >= 4, 20000);
    QCOMPARE(tab->chart()->mode(), RttChartView::Mode::OverTime);
    QTRY_VERIFY(seriesPoints(tab->chart()) > 4);
    QVERIFY(!tab->chart()->shownHops().empty()); // the destination and the slowest hop by default
    screenshot(window, "monitor");
    QTest::keyClick(&window, Qt::Key_Escape);
    QTRY_VERIFY_WITH_TIMEOUT(tab->session()->state() == TraceSession::State::Stopped, 5000);
    const int rounds = tab->session()->model().rounds();
    QTest::qWait(700);
    QCOMPARE(tab->session()->model().rounds(), rounds); // nothing runs after Escape
    QVERIFY(window.targetBar()->startButton()->text() == QStringLiteral("Start"));
    const auto result = tab->session()->result();
    QVERIFY(result && result->hopscope && result->hopscope->monitor);
    QCOMPARE(result->hopscope->monitor->rounds, rounds);
    // A stopped session is kept in the history too.
    window.historyPanel()->refresh();
    QTRY_VERIFY(window.historyPanel()->model()->rowCount() >= 1);
    QVERIFY(window.historyPanel()
                ->model()
                ->index(0, HistoryModel::Result)
                .data()
                .toString()
                .contains(QStringLiteral("%1 rounds").arg(rounds)));
}

void TraceWindowTest::tabsTraceAtOnce()
{
    // Two traces at once cannot both hold the same source ports: let the system choose.
    QSettings().setValue(QStringLiteral("trace/sourcePort"), 0);
    MainWindow window;
    window.setHelperProgram(kHelper);
    QVERIFY(showActive(window));
    type(window, NamespaceLab::serverV4(kRouters));
    TraceTab *first = window.currentTraceTab();
    QTest::keyClick(&window, Qt::Key_T, Qt::ControlModifier);
    QCOMPARE(window.tabs()->count(), 2);
    type(window, NamespaceLab::v4Toward(4, true));
    TraceTab *second = window.currentTraceTab();
    QVERIFY(second != first);
    QTRY_VERIFY_WITH_TIMEOUT(first->session()->state() == TraceSession::State::Finished &&
                                 second->session()->state() == TraceSession::State::Finished,
                             20000);
    QCOMPARE(*first->session()->model().destinationTtl(), 5);
    QCOMPARE(*second->session()->model().destinationTtl(), 4);
    QCOMPARE(window.tabs()->tabText(0), NamespaceLab::serverV4(kRouters));
    QTest::keyClick(&window, Qt::Key_W, Qt::ControlModifier);
    QCOMPARE(window.tabs()->count(), 1);
}

void TraceWindowTest::badTargetIsSaidInStatusBar()
{
    MainWindow window;
    window.setHelperProgram(kHelper);
    QVERIFY(showActive(window));
    type(window, QStringLiteral("no-such-host.invalid"));
    TraceTab *tab = window.currentTraceTab();
    QTRY_VERIFY_WITH_TIMEOUT(tab->session()->state() == TraceSession::State::Failed, 10000);
    QVERIFY2(tab->statusText().contains(QStringLiteral("no-such-host.invalid")),
             qPrintable(tab->statusText()));
    type(window, QString());
    QTRY_VERIFY(window.statusBar()->currentMessage().contains(QStringLiteral("no target given")));
}

void TraceWindowTest::missingHelperShowsBannerAndStillTraces()
{
    MainWindow window;
    window.setHelperProgram(QStringLiteral("/nonexistent/hopscope-probe"));
    QVERIFY(showActive(window));
    type(window, NamespaceLab::serverV4(kRouters));
    TraceTab *tab = window.currentTraceTab();
    QTRY_VERIFY_WITH_TIMEOUT(tab->session()->state() == TraceSession::State::Finished, 20000);
    QVERIFY(tab->banner()->isVisible());
    const QString bannerText = tab->banner()->label()->text();
    QVERIFY2(bannerText.contains(QStringLiteral("/nonexistent/hopscope-probe")),
             qPrintable(bannerText));
    QVERIFY(tab->banner()->grantButton()->isHidden()); // a missing helper is not mended by a grant
    QVERIFY2(tab->statusText().contains(QStringLiteral("in this process")),
             qPrintable(tab->statusText()));
    QCOMPARE(*tab->session()->model().destinationTtl(), 5);
}

QTEST_MAIN(TraceWindowTest)
#include "tst_tracewindow.moc"
