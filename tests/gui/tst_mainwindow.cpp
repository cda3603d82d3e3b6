#include "ui/mainwindow.h"
#include "ui/pathhopsmodel.h"
#include "ui/savedpathview.h"

#include <QStatusBar>
#include <QTabWidget>
#include <QTableView>
#include <QTest>

using namespace hopscope;

namespace {
QString fixture(const char *name) { return QStringLiteral(HOPSCOPE_FIXTURES_DIR "/") + QLatin1String(name); }
} // namespace

class MainWindowTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void opensFilesInTabs();
    void reportsBadFileInStatusBar();
    void closeShortcutClosesTab();
};

void MainWindowTest::opensFilesInTabs()
{
    MainWindow window;
    window.show();
    window.openFiles({fixture("datadog/v3-pathtrace-reachable.json"),
                      fixture("datadog/v1-success.json")});
    QTRY_COMPARE(window.tabs()->count(), 2);
    QStringList titles{window.tabs()->tabText(0), window.tabs()->tabText(1)};
    titles.sort();
    QCOMPARE(titles, (QStringList{QStringLiteral("v1-success.json"),
                                  QStringLiteral("v3-pathtrace-reachable.json")}));
    for (int i = 0; i < 2; ++i) {
        auto *view = qobject_cast<SavedPathView *>(window.tabs()->widget(i));
        QVERIFY(view);
        const QAbstractItemModel *model = view->table()->model();
        QCOMPARE(model->rowCount(), int(view->path().hops.size()));
        QCOMPARE(model->columnCount(), int(PathHopsModel::ColumnCount));
        QVERIFY(view->summaryText().contains(QStringLiteral("reached at TTL")));
    }
}

void MainWindowTest::reportsBadFileInStatusBar()
{
    MainWindow window;
    window.show();
    window.openFiles({fixture("bad/negative-rtt.json")});
    QTRY_VERIFY(window.statusBar()->currentMessage().contains(QStringLiteral("/hops/1/rtt")));
    QCOMPARE(window.tabs()->count(), 0);
}

void MainWindowTest::closeShortcutClosesTab()
{
    MainWindow window;
    window.show();
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    window.openFiles({fixture("datadog/v2-namespace-protocol.json")});
    QTRY_COMPARE(window.tabs()->count(), 1);
    auto *view = qobject_cast<SavedPathView *>(window.tabs()->widget(0));
    QCOMPARE(view->table()->model()->data(view->table()->model()->index(1, PathHopsModel::Address)),
             QVariant(QStringLiteral("no reply")));
    QTest::keyClick(&window, Qt::Key_W, Qt::ControlModifier);
    QCOMPARE(window.tabs()->count(), 0);
}

QTEST_MAIN(MainWindowTest)
#include "tst_mainwindow.moc"
