// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "chartpoints.h"
#include "import/pathformat.h"
#include "isolatedsettings.h"
#include "path/networkpathjson.h"
#include "store/historystore.h"
#include "ui/comparetab.h"
#include "ui/comparisonmodel.h"
#include "ui/historymodel.h"
#include "ui/historypanel.h"
#include "ui/historyservice.h"
#include "ui/hopgraphview.h"
#include "ui/hopnodeitem.h"
#include "ui/hoptablemodel.h"
#include "ui/mainwindow.h"
#include "ui/ownerlookupsettings.h"
#include "ui/reportexport.h"
#include "ui/rttchartview.h"
#include "ui/targetbar.h"
#include "ui/timelinetab.h"
#include "ui/tracetab.h"
#include "windowsave.h"

#include <QBrush>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDateTime>
#include <QDir>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QItemSelectionModel>
#include <QLineEdit>
#include <QMenu>
#include <QMimeData>
#include <QProcess>
#include <QPushButton>
#include <QScopeGuard>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QUrl>
#include <QXYSeries>

#include <sys/stat.h>
#include <unistd.h>

using namespace hopscope;
using hopscope::testing::seriesPoints;

namespace {

using KeptOwners = std::map<std::string, AddressOwner>;

QString fixture(const char *name)
{
    return QStringLiteral(HOPSCOPE_FIXTURES_DIR "/") + QLatin1String(name);
}

TraceTab *tabAt(MainWindow &window, int index)
{
    return qobject_cast<TraceTab *>(window.tabs()->widget(index));
}

} // namespace

class MainWindowTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_settings.isValid());
        hopscope::testing::isolateSettingsAndHistory(m_settings.path());
    }

    // A session kept as it runs says so in the history: still recording, or interrupted.
    void historySaysWhichSessionsWereInterrupted()
    {
        HistoryModel model;
        HistoryEntry ended;
        ended.reached = true;
        ended.hops = 4;
        ended.rounds = 12;
        HistoryEntry recording = ended;
        recording.recording = true;
        HistoryEntry interrupted = ended;
        interrupted.interrupted = true;
        model.setEntries({ended, recording, interrupted});
        QCOMPARE(model.index(0, HistoryModel::Result).data().toString(),
                 QStringLiteral("reached at TTL 4, 12 rounds"));
        QCOMPARE(model.index(1, HistoryModel::Result).data().toString(),
                 QStringLiteral("reached at TTL 4, 12 rounds, recording"));
        QCOMPARE(model.index(2, HistoryModel::Result).data().toString(),
                 QStringLiteral("reached at TTL 4, 12 rounds, interrupted"));
    }

    void historyPanel()
    {
        MainWindow window;
        window.show();
        HistoryPanel *panel = window.historyPanel();
        for (const char *file : {"hopscope/full-tcp-path.json", "hopscope/monitor-session.json",
                                 "datadog/v3-pathtrace-reachable.json"})
            window.history()->add(*readNetworkPathFile(fixture(file).toStdString()));
        QTRY_COMPARE(panel->model()->rowCount(), 3);
        QCOMPARE(panel->model()->index(0, HistoryModel::Target).data().toString(),
                 QStringLiteral("198.18.3.2"));
        QCOMPARE(panel->model()->index(0, HistoryModel::Result).data().toString(),
                 QStringLiteral("reached at TTL 4, 4 rounds"));

        // Search as the user types; filter by protocol.
        QTest::keyClicks(panel->search(), QStringLiteral("web.lab"));
        QTRY_COMPARE(panel->model()->rowCount(), 1);
        panel->search()->clear();
        QTRY_COMPARE(panel->model()->rowCount(), 3);
        auto *protocol = panel->findChildren<QComboBox *>().at(0);
        protocol->setCurrentIndex(protocol->findData(QStringLiteral("ICMP")));
        QTRY_COMPARE(panel->model()->rowCount(), 1);
        protocol->setCurrentIndex(0);
        QTRY_COMPARE(panel->model()->rowCount(), 3);

        // Open the session from the history: every view, as from its file.
        panel->table()->selectRow(0);
        panel->openSelected();
        QTRY_COMPARE(window.tabs()->count(), 1);
        TraceTab *tab = tabAt(window, 0);
        QTRY_COMPARE(tab->table()->model()->rowCount(), 5);
        QCOMPARE(tab->session()->mode(), TraceSession::Mode::Monitor);

        if (const QString folder = qEnvironmentVariable("HOPSCOPE_SCREENSHOT_DIR");
            !folder.isEmpty()) {
            window.resize(1280, 800);
            window.findChild<QDockWidget *>(QStringLiteral("history"))->show();
            QTest::qWait(300);
            window.grab().save(QDir(folder).filePath(QStringLiteral("history.png")));
        }

        // Rename and tag show in the list; a deleted entry comes back with Undo Delete.
        const qint64 id = panel->selectedIds().constFirst();
        window.history()->rename(id, QStringLiteral("lab uplink"));
        window.history()->setTags(id, {QStringLiteral("isp"), QStringLiteral(" before ")});
        QTRY_COMPARE(panel->model()->index(0, HistoryModel::Tags).data().toString(),
                     QStringLiteral("before, isp"));
        QCOMPARE(panel->model()->index(0, HistoryModel::Name).data().toString(),
                 QStringLiteral("lab uplink"));
        panel->table()->selectRow(0);
        panel->deleteSelected();
        QTRY_COMPARE(panel->model()->rowCount(), 2);
        panel->undoDelete();
        QTRY_COMPARE(panel->model()->rowCount(), 3);
        QCOMPARE(panel->model()->index(0, HistoryModel::Name).data().toString(),
                 QStringLiteral("lab uplink"));
        // Opening a file does not add it to the history: it is kept where it is.
        window.openFiles({fixture("datadog/v1-success.json")});
        QTRY_COMPARE(window.tabs()->count(), 2);
        QTest::qWait(300);
        panel->refresh();
        QTest::qWait(300);
        QCOMPARE(panel->model()->rowCount(), 3);
    }

    // A saved file reopens into the graph, chart and table it was saved from.
    void opensFilesIntoEveryView_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<int>("rows");
        QTest::addColumn<int>("nodes");
        QTest::addColumn<bool>("monitor");
        QTest::addColumn<QString>("status");
        QTest::newRow("trace") << fixture("hopscope/full-tcp-path.json") << 5 << 5 << false
                               << "destination reached at TTL 4";
        QTest::newRow("session") << fixture("hopscope/monitor-session.json") << 5 << 5 << true
                                 << "1 route change";
        QTest::newRow("datadog") << fixture("datadog/v3-pathtrace-reachable.json") << 5 << 5
                                 << false << "destination reached at TTL 4";
        QTest::newRow("mtr --json")
            << fixture("imports/mtr.json") << 4 << 4 << false << "destination reached at TTL 4";
        QTest::newRow("traceroute") << fixture("imports/traceroute-udp.txt") << 4 << 4 << false
                                    << "destination reached at TTL 4";
    }
    void opensFilesIntoEveryView()
    {
        QFETCH(QString, file);
        QFETCH(int, rows);
        QFETCH(int, nodes);
        QFETCH(bool, monitor);
        QFETCH(QString, status);
        MainWindow window;
        window.show();
        window.openFiles({file});
        QTRY_COMPARE(window.tabs()->count(), 1);
        TraceTab *tab = tabAt(window, 0);
        QVERIFY(tab);
        QCOMPARE(window.tabs()->tabText(0), QFileInfo(file).fileName());
        QCOMPARE(tab->session()->mode() == TraceSession::Mode::Monitor, monitor);
        QTRY_COMPARE(tab->table()->model()->rowCount(), rows);
        QTRY_COMPARE(tab->graph()->nodeCount(), nodes);
        QTRY_VERIFY(tab->graph()->edgeCount() >= nodes - 1);
        QTRY_VERIFY(seriesPoints(tab->chart()) > 0);
        QVERIFY2(tab->statusText().contains(status), qPrintable(tab->statusText()));
        // What is saved again is the file as it was read.
        QCOMPARE(*tab->session()->result(), *readAnyPathFile(file.toStdString()));
        QTemporaryDir dir;
        QVERIFY(saveAndWait(window, dir.filePath(QStringLiteral("again.json"))));
        window.openFiles({dir.filePath(QStringLiteral("again.json"))});
        QTRY_COMPARE(window.tabs()->count(), 2);
        QTRY_COMPARE(tabAt(window, 1)->table()->model()->rowCount(), rows);
    }

    void ownersShowInTableAndGraph()
    {
        MainWindow window;
        window.resize(1300, 800);
        window.show();
        window.openFiles({fixture("hopscope/owned-path.json")});
        QTRY_COMPARE(window.tabs()->count(), 1);
        TraceTab *tab = tabAt(window, 0);
        QTRY_COMPARE(tab->table()->model()->rowCount(), 5);
        const QAbstractItemModel *model = tab->table()->model();
        QStringList as;
        QStringList countries;
        for (int row = 0; row < model->rowCount(); ++row) {
            as << model->index(row, HopTableModel::As).data().toString();
            countries << model->index(row, HopTableModel::Country).data().toString();
        }
        QCOMPARE(as, (QStringList{QString(), QString(), QStringLiteral("AS64500 EXAMPLE-NET"),
                                  QStringLiteral("AS64500 EXAMPLE-NET"),
                                  QStringLiteral("AS64501 OTHER-NET")}));
        QCOMPARE(countries, (QStringList{QString(), QString(), QStringLiteral("NL"),
                                         QStringLiteral("NL"), QStringLiteral("DE")}));
        QVERIFY(!tab->table()->isColumnHidden(HopTableModel::As));
        QVERIFY(!tab->table()->isColumnHidden(HopTableModel::Country));
        const QString tip = model->index(4, HopTableModel::As).data(Qt::ToolTipRole).toString();
        QVERIFY2(tip.contains(QStringLiteral("AS64501 OTHER-NET - Other Net, DE")) &&
                     tip.contains(QStringLiteral("from the database GeoLite2-ASN.mmdb")),
                 qPrintable(tip));
        QTRY_COMPARE(tab->graph()->asGroupLabels(),
                     (QStringList{QStringLiteral("AS64500 EXAMPLE-NET"),
                                  QStringLiteral("AS64501 OTHER-NET")}));
        if (qEnvironmentVariableIsSet("HOPSCOPE_SCREENSHOTS"))
            window.grab().save(qEnvironmentVariable("HOPSCOPE_SCREENSHOTS") +
                               QStringLiteral("/owners.png"));
    }

    // macOS traceroute -a names the AS of each hop: the table and graph show it; [AS0] is none.
    void fileAsNumbersShowInTableAndGraph()
    {
        MainWindow window;
        window.show();
        window.openFiles({fixture("corpus/traceroute-text/jc-generic-traceroute7.out")});
        QTRY_COMPARE(window.tabs()->count(), 1);
        TraceTab *tab = tabAt(window, 0);
        QTRY_VERIFY(tab->table()->model()->rowCount() > 8);
        const QAbstractItemModel *model = tab->table()->model();
        QCOMPARE(model->index(0, HopTableModel::As).data().toString(), QStringLiteral("AS128742"));
        for (int row = 1; row < model->rowCount(); ++row)
            QVERIFY2(model->index(row, HopTableModel::As).data().toString().isEmpty(),
                     qPrintable(model->index(row, HopTableModel::As).data().toString()));
        QVERIFY(model->index(0, HopTableModel::As)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .contains(QStringLiteral("from the file")));
        QTRY_COMPARE(tab->graph()->asGroupLabels(), QStringList{QStringLiteral("AS128742")});
    }

    // A lab trace through a NAT (r1) to a router answering with two MPLS labels and its
    // interface (r2): the MPLS, NAT and MTU columns appear, DSCP/ECN stays hidden (nothing was
    // rewritten), tooltips name the interface, and the graph's tooltips tell the NAT.
    void routerQuotesShowInTableAndGraph()
    {
        MainWindow window;
        window.show();
        window.openFiles({fixture("hopscope/nat-mpls-trace.json")});
        QTRY_COMPARE(window.tabs()->count(), 1);
        TraceTab *tab = tabAt(window, 0);
        QTRY_COMPARE(tab->table()->model()->rowCount(), 4);
        const QAbstractItemModel *model = tab->hopModel();
        QStringList cells;
        for (int row = 0; row < 4; ++row)
            cells << QStringList{model->index(row, HopTableModel::Mpls).data().toString(),
                                 model->index(row, HopTableModel::Nat).data().toString(),
                                 model->index(row, HopTableModel::Mtu).data().toString()}
                         .join(QLatin1Char('|'));
        QCOMPARE(cells,
                 (QStringList{QStringLiteral("||"), QStringLiteral("24000/17|198.18.0.100|1500"),
                              QStringLiteral("|198.18.0.100|"), QStringLiteral("|198.18.0.100|")}));
        QVERIFY(!tab->table()->isColumnHidden(HopTableModel::Mpls));
        QVERIFY(!tab->table()->isColumnHidden(HopTableModel::Nat));
        QVERIFY(!tab->table()->isColumnHidden(HopTableModel::Mtu));
        QVERIFY(tab->table()->isColumnHidden(HopTableModel::TrafficClass));
        QVERIFY(tab->table()->isColumnHidden(HopTableModel::As)); // no owners in the lab
        const QString tip = model->index(1, HopTableModel::Mpls).data(Qt::ToolTipRole).toString();
        QVERIFY2(tip.contains(QStringLiteral("[MPLS: Lbl 17 TC 5 S 1 TTL 1]")) &&
                     tip.contains(QStringLiteral("ge-0/0/1")),
                 qPrintable(tip));
        QTRY_VERIFY(tab->graph()->node(3, "198.18.2.2"));
        QVERIFY(tab->graph()
                    ->node(3, "198.18.2.2")
                    ->toolTip()
                    .contains(QStringLiteral("NAT: the router saw source 198.18.0.100")));

        // A file whose routers told nothing of the kind: the four columns stay hidden.
        window.openFiles({fixture("datadog/v1-success.json")});
        QTRY_COMPARE(window.tabs()->count(), 2);
        TraceTab *plain = tabAt(window, 1);
        QTRY_VERIFY(plain->table()->model()->rowCount() > 0);
        for (const int column : {HopTableModel::Mpls, HopTableModel::TrafficClass,
                                 HopTableModel::Nat, HopTableModel::Mtu})
            QVERIFY(plain->table()->isColumnHidden(column));

        // Another tool's labels (Cisco IOS) fill the same MPLS column.
        window.openFiles(
            {fixture("corpus/traceroute-text/ntc-templates-cisco_ios_traceroute_5.raw")});
        QTRY_COMPARE(window.tabs()->count(), 3);
        TraceTab *cisco = tabAt(window, 2);
        QTRY_VERIFY(cisco->table()->model()->rowCount() > 12);
        QVERIFY(!cisco->table()->isColumnHidden(HopTableModel::Mpls));
        QCOMPARE(cisco->hopModel()->index(11, HopTableModel::Mpls).data().toString(),
                 QStringLiteral("577687/617891"));
    }

    // The options panel's DSCP and path MTU reach the request and are kept; path MTU discovery is
    // a single trace's. A lab trace that found the MTU drop twice shows it in the MTU column (the
    // size that reached each hop) and in the status line.
    void pathMtuAndDscpOptions()
    {
        {
            QSettings settings;
            settings.setValue(QStringLiteral("trace/dscp"), 46);
            settings.setValue(QStringLiteral("trace/pathMtu"), true);
            settings.setValue(QStringLiteral("trace/monitor"), false);
        }
        const auto reset = qScopeGuard([] {
            QSettings settings;
            settings.remove(QStringLiteral("trace/dscp"));
            settings.remove(QStringLiteral("trace/pathMtu"));
        });
        MainWindow window;
        window.show();
        if (qEnvironmentVariableIsSet("HOPSCOPE_SCREENSHOTS")) {
            auto *options = window.targetBar()->findChild<QToolButton *>();
            QVERIFY(options && options->menu());
            options->menu()->popup(options->mapToGlobal(QPoint(0, options->height())));
            QVERIFY(QTest::qWaitForWindowExposed(options->menu()));
            options->menu()->grab().save(qEnvironmentVariable("HOPSCOPE_SCREENSHOTS") +
                                         QStringLiteral("/options.png"));
            options->menu()->hide();
        }
        TraceRequest request = window.targetBar()->request(nullptr);
        QCOMPARE(int(request.trafficClass), 46 << 2);
        QVERIFY(request.findPathMtu);
        window.targetBar()->setMode(TraceSession::Mode::Monitor);
        QVERIFY(!window.targetBar()->request(nullptr).findPathMtu);
        window.targetBar()->setMode(TraceSession::Mode::Trace);
        QVERIFY(window.targetBar()->request(nullptr).findPathMtu);

        window.openFiles({fixture("hopscope/mtu-trace.json")});
        QTRY_COMPARE(window.tabs()->count(), 1);
        TraceTab *tab = tabAt(window, 0);
        QTRY_COMPARE(tab->table()->model()->rowCount(), 4);
        QVERIFY(!tab->table()->isColumnHidden(HopTableModel::Mtu));
        QStringList sizes;
        for (int row = 0; row < 4; ++row)
            sizes << tab->hopModel()->index(row, HopTableModel::Mtu).data().toString();
        QCOMPARE(sizes.join(QLatin1Char(' ')), QStringLiteral("1500 1500 1400 1280"));
        QTRY_VERIFY(tab->graph()->node(2, "198.18.1.2"));
        QVERIFY(tab->graph()
                    ->node(2, "198.18.1.2")
                    ->toolTip()
                    .contains(QStringLiteral("The path MTU drops to 1400 bytes after this hop")));
        QVERIFY(!tab->graph()->node(1, "198.18.0.2")->toolTip().contains(QStringLiteral("MTU")));
        // The destination's answer came back through three routers from Linux's 64.
        const QString replyTtl =
            QStringLiteral("[reply TTL 61: 3 routers on the way back from an initial TTL of 64]");
        QVERIFY(tab->hopModel()
                    ->index(3, HopTableModel::Host)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .contains(replyTtl));
        QVERIFY(tab->graph()->node(4, "198.18.3.2")->toolTip().contains(replyTtl));
        QVERIFY(!tab->hopModel()
                     ->index(2, HopTableModel::Host)
                     .data(Qt::ToolTipRole)
                     .toString()
                     .contains(QStringLiteral("reply TTL")));
        QVERIFY2(tab->statusText().contains(
                     QStringLiteral("path MTU 1280 bytes (drops to 1400 after TTL 2, to 1280 "
                                    "after TTL 3)")),
                 qPrintable(tab->statusText()));
    }

    // Owners learnt in earlier runs are kept in the history for a week and known again to the
    // window's lookup, which then asks the network nothing about them.
    void ownersKeptBetweenRuns()
    {
        const std::int64_t now = QDateTime::currentMSecsSinceEpoch();
        const AddressOwner fresh{64500,
                                 "EXAMPLE-NET - Example Net, NL",
                                 "198.51.100.0/24",
                                 "NL",
                                 kOwnerSourceCymru,
                                 now - 3'600'000};
        const AddressOwner stale{64501, "OTHER-NET",       "203.0.113.0/24",
                                 "DE",  kOwnerSourceCymru, now - kKeptOwnerLifeMs - 3'600'000};
        // Kept answers stand in for the network's; nothing is asked of it here.
        saveOwnerLookupSettings({true, {}});
        const auto offline = qScopeGuard([] { saveOwnerLookupSettings({false, {}}); });
        {
            MainWindow window;
            window.history()->keepOwners({{"198.51.100.7", fresh}, {"203.0.113.9", stale}});
            const auto store = HistoryStore::open(HistoryStore::defaultFileName());
            QVERIFY(store);
            const auto keptNow = [&store] {
                const auto kept = (*store)->keptOwners(0);
                return kept ? kept->size() : std::size_t(0);
            };
            QTRY_COMPARE(keptNow(), std::size_t(2));
        }
        MainWindow window; // reads what is kept as its history opens
        const auto lookup = sharedOwnerLookup();
        QVERIFY(lookup && lookup->asksTheNetwork());
        const IpAddress freshAddress = *IpAddress::parse("198.51.100.7");
        QTRY_VERIFY(lookup->known(freshAddress).has_value());
        QVERIFY(*lookup->known(freshAddress) == fresh);
        // The stale answer is left to be asked again.
        QVERIFY(!lookup->known(*IpAddress::parse("203.0.113.9")));
        QSignalSpy read(window.history(), &HistoryService::keptOwnersRead);
        window.history()->readKeptOwners();
        QTRY_COMPARE(read.count(), 1);
        QCOMPARE(read.at(0).at(0).value<KeptOwners>().size(), std::size_t(1));
        // Known already: asking starts no lookup, so nothing leaves the machine.
        const std::vector<IpAddress> address{freshAddress};
        const auto owners = lookup->owners(address, std::chrono::steady_clock::now());
        QCOMPARE(owners.size(), std::size_t(1));
        QVERIFY(owners.at("198.51.100.7") == fresh);
        QCOMPARE(lookup->queriesSent(), 0);
    }

    // A file written without owners: the window finds them (here in a database, the network
    // off), shows them, and keeps them when the path is saved.
    void ownersOfASavedPathAreLookedUp()
    {
        QTemporaryDir dir;
        const QString database = dir.filePath(QStringLiteral("asn.mmdb"));
        QProcess writer;
        writer.start(QStringLiteral("perl"),
                     {QStringLiteral(HOPSCOPE_FIXTURES_DIR "/mmdb/write-test-mmdb.pl"),
                      QStringLiteral("asn"), database,
                      QStringLiteral("198.18.0.0/15=64500:EXAMPLE-NET - Example Net, NL")});
        QVERIFY(writer.waitForFinished(60000));
        QVERIFY2(writer.exitCode() == 0, writer.readAllStandardError().constData());
        saveOwnerLookupSettings({false, {database}});
        const auto noDatabase = qScopeGuard([] { saveOwnerLookupSettings({false, {}}); });

        MainWindow window;
        window.show();
        window.openFiles({fixture("hopscope/monitor-session.json")});
        QTRY_COMPARE(window.tabs()->count(), 1);
        TraceTab *tab = tabAt(window, 0);
        QTRY_COMPARE(tab->table()->model()->rowCount(), 5);
        const QAbstractItemModel *model = tab->table()->model();
        for (int row = 0; row < model->rowCount(); ++row)
            QTRY_COMPARE(model->index(row, HopTableModel::As).data().toString(),
                         QStringLiteral("AS64500 EXAMPLE-NET"));
        QVERIFY(model->index(0, HopTableModel::As)
                    .data(Qt::ToolTipRole)
                    .toString()
                    .contains(QStringLiteral("from the database asn.mmdb")));
        QTRY_COMPARE(tab->graph()->asGroupLabels(),
                     QStringList{QStringLiteral("AS64500 EXAMPLE-NET")});
        const auto saved = tab->session()->result();
        QVERIFY(saved && saved->hopscope);
        QCOMPARE(saved->hopscope->owners.size(), std::size_t(5));
        QCOMPARE(saved->hopscope->owners.at("198.18.10.2").prefix, std::string("198.18.0.0/15"));
    }

    void compareTwoFiles()
    {
        MainWindow window;
        window.show();
        window.compareFiles(
            {fixture("datadog/v1-success.json"), fixture("datadog/v3-pathtrace-reachable.json")});
        QTRY_COMPARE(window.tabs()->count(), 1);
        auto *compare = qobject_cast<CompareTab *>(window.tabs()->widget(0));
        QVERIFY(compare);
        QCOMPARE(compare->verdict(),
                 QStringLiteral("The routes differ: 1 hop added, path length 3 -> 4."));
        QCOMPARE(compare->table()->model()->rowCount(), 4);
        QCOMPARE(compare->table()->model()->index(3, ComparisonModel::Change).data().toString(),
                 QStringLiteral("added"));
        // The hops that differ are outlined on both graphs; the one that stayed is not.
        QVERIFY(compare->secondGraph()
                    ->node(4, "192.0.2.53")
                    ->emphasis()
                    .contains(QStringLiteral("added")));
        QVERIFY(compare->firstGraph()->node(1, "192.0.2.1")->emphasis().isEmpty());
        QVERIFY(
            !compare->secondGraph()->node(2, "192.0.2.9")->emphasis().isEmpty()); // now answering
        QCOMPARE(compare->chart()->chart()->series().size(), 4); // a line and its dots per side
        QVERIFY(
            window.statusBar()->currentMessage().startsWith(QStringLiteral("The routes differ")));

        window.compareFiles(
            {fixture("datadog/v1-success.json"), QStringLiteral("/nonexistent/b.json")});
        QTRY_VERIFY(
            window.statusBar()->currentMessage().contains(QStringLiteral("/nonexistent/b.json")));
        QCOMPARE(window.tabs()->count(), 1);
    }

    // Export Report on a compare tab reports the comparison, not one path.
    void exportComparison()
    {
        MainWindow window;
        window.show();
        QVERIFY(!window.reportSubject()); // nothing to report yet
        const QString before = fixture("compare/before.json");
        const QString after = fixture("compare/after.json");
        window.compareFiles({before, after});
        QTRY_COMPARE(window.tabs()->count(), 1);
        auto *compare = qobject_cast<CompareTab *>(window.tabs()->widget(0));
        QVERIFY(compare);
        QCOMPARE(compare->verdict(), QStringLiteral("The routes differ: 2 hops changed."));
        const auto subject = window.reportSubject();
        QVERIFY(subject && subject->second);
        QCOMPARE(subject->first, *readAnyPathFile(before.toStdString()));
        QCOMPARE(*subject->second, *readAnyPathFile(after.toStdString()));
        QCOMPARE(suggestedReportName(*subject),
                 QStringLiteral("10.78.9.2-%1-vs-%2")
                     .arg(QDateTime::fromMSecsSinceEpoch(subject->first.timestampMs)
                              .toString(QStringLiteral("yyyyMMdd-HHmmss")),
                          QDateTime::fromMSecsSinceEpoch(subject->second->timestampMs)
                              .toString(QStringLiteral("yyyyMMdd-HHmmss"))));
        const auto csv = renderReportOf(*subject, ReportFormat::Csv, ReportOptions{});
        QVERIFY(csv);
        QVERIFY(csv->starts_with("ttl,change,first_responders"));
        QVERIFY(csv->find("\n2,changed,10.78.1.2,10.78.3.2,") != std::string::npos);
        const auto pdf = renderReportOf(*subject, ReportFormat::Pdf, ReportOptions{});
        QVERIFY(pdf && pdf->starts_with("%PDF-"));
        if (const QString folder = qEnvironmentVariable("HOPSCOPE_SCREENSHOT_DIR");
            !folder.isEmpty()) {
            window.resize(1280, 800);
            QTest::qWait(300);
            window.grab().save(QDir(folder).filePath(QStringLiteral("compare.png")));
        }

        // A hostname from a file cannot make the suggested file name leave its folder.
        NetworkPath path = *readAnyPathFile(before.toStdString());
        path.destination.hostname = "../../etc/x y";
        QVERIFY(!suggestedReportName(ReportSubject{path, std::nullopt}).contains(QLatin1Char('/')));
    }

    // Five history entries make a timeline; two of its columns make a comparison.
    void timelineFromHistory()
    {
        QFile::remove(HistoryStore::defaultFileName());
        MainWindow window;
        window.show();
        const NetworkPath before = *readAnyPathFile(fixture("compare/before.json").toStdString());
        const NetworkPath after = *readAnyPathFile(fixture("compare/after.json").toStdString());
        // Hourly: the old route twice, the new one twice, then the old one again.
        const NetworkPath *week[] = {&before, &before, &after, &after, &before};
        for (int hour = 0; hour < 5; ++hour) {
            NetworkPath path = *week[hour];
            path.timestampMs = before.timestampMs + hour * 3'600'000LL;
            window.history()->add(path);
        }
        HistoryPanel *panel = window.historyPanel();
        QTRY_COMPARE(panel->model()->rowCount(), 5);
        panel->table()->selectAll();
        panel->compareSelected();
        QTRY_COMPARE(window.tabs()->count(), 1);
        auto *timeline = qobject_cast<TimelineTab *>(window.tabs()->widget(0));
        QVERIFY(timeline);
        QVERIFY2(timeline->headline().startsWith(QStringLiteral("5 paths to 10.78.9.2, ")),
                 qPrintable(timeline->headline()));
        QVERIFY(timeline->headline().endsWith(QStringLiteral(": the route changed 2 times.")));
        QCOMPARE(window.statusBar()->currentMessage(), timeline->headline());
        QAbstractItemModel *grid = timeline->table()->model();
        QCOMPARE(grid->rowCount(), 4);    // TTLs
        QCOMPARE(grid->columnCount(), 5); // paths, oldest first
        QCOMPARE(grid->index(1, 0).data().toString(), QStringLiteral("10.78.1.2\n0.01 ms"));
        QVERIFY(grid->index(1, 2).data().toString().startsWith(QStringLiteral("10.78.3.2")));
        // Where the route moved (hours 2 and 4) TTLs 2 and 3 are tinted; the destination at hour 2
        // is amber: 10 ms slower, the same router.
        for (const int column : {2, 4})
            for (const int row : {1, 2})
                QCOMPARE(grid->index(row, column).data(Qt::BackgroundRole).value<QBrush>().color(),
                         routeChangeTint());
        QCOMPARE(grid->index(3, 2).data(Qt::BackgroundRole).value<QBrush>().color(),
                 rttShiftTint());
        QVERIFY(!grid->index(1, 1).data(Qt::BackgroundRole).isValid());
        QVERIFY(grid->headerData(2, Qt::Horizontal).toString().endsWith(QStringLiteral("\u21bb")));
        const auto series = timeline->chart()->chart()->series();
        QCOMPARE(series.size(), 2);
        QCOMPARE(qobject_cast<QXYSeries *>(series[0])->count(),
                 5); // the destination's median per path
        QCOMPARE(qobject_cast<QXYSeries *>(series[1])->count(),
                 2); // ringed where the route changed
        if (const QString folder = qEnvironmentVariable("HOPSCOPE_SCREENSHOT_DIR");
            !folder.isEmpty()) {
            window.resize(1280, 800);
            QTest::qWait(300);
            window.grab().save(QDir(folder).filePath(QStringLiteral("timeline.png")));
        }

        // Two columns picked: hour 1 and hour 3 compare as two paths.
        QVERIFY(!timeline->compareButton()->isEnabled());
        QItemSelectionModel *selection = timeline->table()->selectionModel();
        selection->select(grid->index(0, 1),
                          QItemSelectionModel::Select | QItemSelectionModel::Columns);
        selection->select(grid->index(0, 3),
                          QItemSelectionModel::Select | QItemSelectionModel::Columns);
        QVERIFY(timeline->compareButton()->isEnabled());
        timeline->compareButton()->click();
        QTRY_COMPARE(window.tabs()->count(), 2);
        auto *compare = qobject_cast<CompareTab *>(window.tabs()->currentWidget());
        QVERIFY(compare);
        QCOMPARE(compare->verdict(), QStringLiteral("The routes differ: 2 hops changed."));
        QCOMPARE(compare->first().timestampMs, before.timestampMs + 3'600'000LL);
    }

    void timelineFromFiles()
    {
        MainWindow window;
        window.show();
        window.compareFiles({fixture("compare/after.json"), fixture("compare/before.json"),
                             fixture("hopscope/full-tcp-path.json")});
        QTRY_COMPARE(window.tabs()->count(), 1);
        auto *timeline = qobject_cast<TimelineTab *>(window.tabs()->widget(0));
        QVERIFY(timeline);
        // In time order whatever the order chosen; another destination is said.
        QCOMPARE(timeline->timeline().entries.size(), std::size_t(3));
        QVERIFY(timeline->timeline().entries[0].timestampMs <
                timeline->timeline().entries[1].timestampMs);
        QVERIFY(timeline->summary().contains(QStringLiteral("different addresses")));
    }

    // A file of several traces opens them side by side (two) and adds each to a timeline.
    void fileOfSeveralTraces()
    {
        const QString ripe = fixture("corpus/ripe-atlas/"
                                     "ripe-atlas-tools-test_traceroute_aspath-L38-results-array-"
                                     "icmp-v4-two-probes.json");
        MainWindow window;
        window.show();
        window.openFiles({ripe});
        QTRY_COMPARE(window.tabs()->count(), 1);
        auto *compare = qobject_cast<CompareTab *>(window.tabs()->widget(0));
        QVERIFY(compare);
        QVERIFY(compare->title().contains(QStringLiteral("trace 2")));
        QVERIFY2(window.statusBar()->currentMessage().endsWith(QStringLiteral(": 2 traces")),
                 qPrintable(window.statusBar()->currentMessage()));

        window.compareFiles(
            {fixture("corpus/traceroute-text/"
                     "linux-traceroute-e-mpls-labelstack-ecmp.unidentified-repo.txt"),
             ripe});
        QTRY_COMPARE(window.tabs()->count(), 2);
        auto *timeline = qobject_cast<TimelineTab *>(window.tabs()->widget(1));
        QVERIFY(timeline);
        QCOMPARE(timeline->timeline().entries.size(), std::size_t(4));
    }

    void compareFromHistory()
    {
        QFile::remove(HistoryStore::defaultFileName());
        MainWindow window;
        window.show();
        window.history()->add(
            *readNetworkPathFile(fixture("hopscope/full-tcp-path.json").toStdString()));
        window.history()->add(
            *readNetworkPathFile(fixture("hopscope/full-tcp-path.json").toStdString()));
        HistoryPanel *panel = window.historyPanel();
        QTRY_COMPARE(panel->model()->rowCount(), 2);
        panel->table()->selectAll();
        panel->compareSelected();
        QTRY_COMPARE(window.tabs()->count(), 1);
        auto *compare = qobject_cast<CompareTab *>(window.tabs()->widget(0));
        QVERIFY(compare);
        QCOMPARE(compare->verdict(), QStringLiteral("The routes are the same."));
    }

    void reportsBadFileInStatusBar()
    {
        MainWindow window;
        window.show();
        window.openFiles({fixture("bad/negative-rtt.json")});
        QTRY_VERIFY(window.statusBar()->currentMessage().contains(QStringLiteral("/hops/1/rtt")));
        QCOMPARE(window.tabs()->count(), 0);
    }

    // Neither a FIFO nobody writes to nor an endless device holds the window up: each is named
    // in the status bar at once, and the tabs already open stay as they were.
    void refusesWhatIsNotAFile()
    {
        QTemporaryDir dir;
        const QString fifo = dir.filePath(QStringLiteral("waiting.json"));
        QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
        const QString zero = dir.filePath(QStringLiteral("endless.json"));
        QVERIFY(QFile::link(QStringLiteral("/dev/zero"), zero));
        MainWindow window;
        window.show();
        window.openFiles({fixture("datadog/v1-success.json")});
        QTRY_COMPARE(window.tabs()->count(), 1);
        QElapsedTimer timer;
        timer.start();
        window.openFiles({fifo});
        QTRY_VERIFY_WITH_TIMEOUT(
            window.statusBar()->currentMessage().contains(QStringLiteral("is a FIFO")), 1000);
        window.openFiles({zero});
        QTRY_VERIFY_WITH_TIMEOUT(
            window.statusBar()->currentMessage().contains(QStringLiteral("is a character device")),
            1000);
        QVERIFY(timer.elapsed() < 2000);
        QCOMPARE(window.tabs()->count(), 1);
    }

    // Saving over a link writes where it leads; a file with a second name keeps both.
    void savesThroughLinks()
    {
        QTemporaryDir dir;
        MainWindow window;
        window.show();
        window.openFiles({fixture("datadog/v1-success.json")});
        QTRY_COMPARE(window.tabs()->count(), 1);
        const QString target = dir.filePath(QStringLiteral("kept.json"));
        const QString link = dir.filePath(QStringLiteral("latest.json"));
        const QString second = dir.filePath(QStringLiteral("second-name.json"));
        QFile placeholder(target);
        QVERIFY(placeholder.open(QIODevice::WriteOnly));
        placeholder.close();
        QVERIFY(QFile::link(QStringLiteral("kept.json"), link));
        QCOMPARE(
            ::link(QFile::encodeName(target).constData(), QFile::encodeName(second).constData()),
            0);
        QVERIFY(saveAndWait(window, link));
        QVERIFY(QFileInfo(link).isSymLink());
        QFile saved(second);
        QVERIFY(saved.open(QIODevice::ReadOnly));
        QVERIFY(saved.readAll().contains("\"hops\""));
    }

    void recentFilesAndDrop()
    {
        QSettings().remove(QStringLiteral("files/recent"));
        MainWindow window;
        window.show();
        QMimeData mime;
        mime.setUrls({QUrl::fromLocalFile(fixture("datadog/v1-success.json")),
                      QUrl::fromLocalFile(fixture("datadog/v2-namespace-protocol.json"))});
        QVERIFY(window.acceptDrops());
        QVERIFY(window.openDropped(&mime));
        QMimeData text;
        text.setText(QStringLiteral("not a file"));
        QVERIFY(!window.openDropped(&text));
        QTRY_COMPARE(window.tabs()->count(), 2);
        QTRY_COMPARE(window.recentFiles().size(), 2);
        QVERIFY(window.recentFiles().contains(fixture("datadog/v2-namespace-protocol.json")));
        // Reopening moves a file to the top; the list keeps each file once.
        window.openFiles({fixture("datadog/v1-success.json")});
        QTRY_COMPARE(window.tabs()->count(), 3);
        QTRY_COMPARE(window.recentFiles().constFirst(), fixture("datadog/v1-success.json"));
        QCOMPARE(window.recentFiles().size(), 2);
    }

    void closeShortcutClosesTab()
    {
        MainWindow window;
        window.show();
        window.activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(&window));
        window.openFiles({fixture("datadog/v2-namespace-protocol.json")});
        QTRY_COMPARE(window.tabs()->count(), 1);
        QTest::keyClick(&window, Qt::Key_W, Qt::ControlModifier);
        QCOMPARE(window.tabs()->count(), 0);
    }

private:
    QTemporaryDir m_settings;
};

QTEST_MAIN(MainWindowTest)
#include "tst_mainwindow.moc"
