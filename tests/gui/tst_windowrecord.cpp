// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "chartpoints.h"
#include "file/targetlist.h"
#include "store/historystore.h"
#include "support/historycheck.h"
#include "ui/alertsettings.h"
#include "ui/historymodel.h"
#include "ui/historypanel.h"
#include "ui/hoptablemodel.h"
#include "ui/mainwindow.h"
#include "ui/monitoringtray.h"
#include "ui/rttchartview.h"
#include "ui/sessionspanel.h"
#include "ui/sessionsummarymodel.h"
#include "ui/tracesession.h"
#include "ui/tracetab.h"

#include <QAbstractButton>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QDBusConnection>
#include <QDateTime>
#include <QDockWidget>
#include <QFile>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QRandomGenerator>
#include <QScopeGuard>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QStatusBar>
#include <QSystemTrayIcon>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <cmath>
#include <set>

using namespace hopscope;
using namespace hopscope::testing;

namespace {

const QString kWindow = QStringLiteral(HOPSCOPE_BINARY_DIR "/hopscope");

// The rounds the history holds of entry `id`, as a reader beside the window sees them.
int roundsKept(const QString &dataHome, std::int64_t id)
{
    const nlohmann::json entries = historyList(dataHome);
    if (entries.is_array())
        for (const nlohmann::json &entry : entries)
            if (entry["id"].get<std::int64_t>() == id)
                return entry["rounds"].get<int>();
    return 0;
}

// The desktop's notification service, as a test stands in for it on a bus of its own: it keeps
// what it is asked to show.
class FakeNotifications final : public QObject
{
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.freedesktop.Notifications")

public:
    struct Shown
    {
        QString summary, body;
        QVariantMap hints;
    };
    std::vector<Shown> shown;

public Q_SLOTS:
    uint Notify(const QString &, uint, const QString &, const QString &summary, const QString &body,
                const QStringList &, const QVariantMap &hints, int)
    {
        shown.push_back({summary, body, hints});
        return static_cast<uint>(shown.size());
    }
};

} // namespace

// The window keeps a monitoring session in the history as it runs: killed at random moments,
// every round the history had shown is still there, the database is whole, and the window
// offers the interrupted sessions back at its next start and goes on with them.
class WindowRecordTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void survivesKillAtRandomMoments();
    void resumesAnInterruptedSession();
    void sessionsSumUpATargetList();
    void alertsAreToldEveryWay();
    void aPeriodFocusesTheViews();
    void closingKeepsMonitoringInTheTray();
    void theHistoryKeepsWhatItIsToldTo();

private:
    // The window tests' own settings (ICMP, a round every 100 ms, no owners online) and history.
    void useOwnSettings();

    QTemporaryDir m_home;
    QString m_data;
    int m_kills = 0;
};

void WindowRecordTest::initTestCase()
{
    QVERIFY(m_home.isValid());
    m_data = m_home.filePath(QStringLiteral("data"));
    // The window's settings: ICMP to loopback, a round every 100 ms, no owners asked online.
    const QString config = m_home.filePath(QStringLiteral("config/hopscope"));
    QVERIFY(QDir().mkpath(config));
    QFile settings(config + QStringLiteral("/hopscope.conf"));
    QVERIFY(settings.open(QIODevice::WriteOnly));
    settings.write("[trace]\nprotocol=2\nintervalMs=100\n[owners]\nonline=false\n");
    settings.close();
    if (const QString why = loopbackIcmpUnavailable(m_data); !why.isEmpty())
        QSKIP(qPrintable(QStringLiteral("this machine cannot trace loopback with ICMP: ") + why));
}

void WindowRecordTest::survivesKillAtRandomMoments()
{
    const quint32 seed = QRandomGenerator::global()->generate();
    qInfo("seed %u", seed);
    QRandomGenerator random(seed);
    QProcessEnvironment environment = environmentWithData(m_data);
    environment.insert(QStringLiteral("XDG_CONFIG_HOME"),
                       m_home.filePath(QStringLiteral("config")));
    environment.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    std::vector<int> seen;
    for (int kill = 0; kill < 20; ++kill) {
        const std::int64_t id = kill + 1;
        QProcess window;
        window.setProcessEnvironment(environment);
        window.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        window.start(kWindow, {QStringLiteral("--monitor"), QStringLiteral("127.0.0.1")});
        QVERIFY(window.waitForStarted());
        // Until the history shows a random number of rounds, then a random moment later:
        // between rounds, while one is probed, or while it is being written.
        const int wanted = 1 + static_cast<int>(random.bounded(8));
        QDeadlineTimer deadline(60000);
        while (roundsKept(m_data, id) < wanted && window.state() == QProcess::Running &&
               !deadline.hasExpired())
            QThread::msleep(20);
        QVERIFY2(window.state() == QProcess::Running, "the window ended on its own");
        QThread::usleep(random.bounded(100'000));
        seen.push_back(roundsKept(m_data, id));
        window.kill();
        QVERIFY(window.waitForFinished(5000));
        QCOMPARE(window.exitStatus(), QProcess::CrashExit);
        QVERIFY2(seen.back() >= wanted, qPrintable(QStringLiteral("kill %1").arg(kill)));
        ++m_kills;
    }

    QCOMPARE(integrityOf(m_data + QStringLiteral("/hopscope/history.sqlite")),
             QStringLiteral("ok"));
    const nlohmann::json entries = historyList(m_data);
    QCOMPARE(entries.size(), seen.size());
    qputenv("XDG_DATA_HOME", QFile::encodeName(m_data));
    auto store = HistoryStore::open(HistoryStore::defaultFileName());
    QVERIFY(store);
    for (const nlohmann::json &entry : entries) {
        const auto id = entry["id"].get<std::int64_t>();
        const int shown = seen[static_cast<std::size_t>(id - 1)];
        QVERIFY(entry["interrupted"].get<bool>());
        // Every round the history had shown is kept; those settled in the moment after may be.
        const int kept = entry["rounds"].get<int>();
        QVERIFY2(
            kept >= shown,
            qPrintable(
                QStringLiteral("entry %1: %2 rounds kept, %3 seen").arg(id).arg(kept).arg(shown)));
        auto path = (*store)->load(id);
        QVERIFY2(path, path ? "" : path.error().message.c_str());
        QVERIFY(path->hopscope && path->hopscope->monitor);
        QCOMPARE(path->hopscope->monitor->rounds, kept);
        QCOMPARE(int(path->hopscope->probes.size()), kept);
        QCOMPARE(path->destination.ipAddress, std::string("127.0.0.1"));
    }
}

void WindowRecordTest::resumesAnInterruptedSession()
{
    if (m_kills == 0)
        QSKIP("no session was interrupted");
    qputenv("XDG_DATA_HOME", QFile::encodeName(m_data));
    const nlohmann::json before = historyList(m_data);
    QVERIFY(before.is_array() && !before.empty());
    std::map<std::int64_t, int> roundsBefore;
    for (const nlohmann::json &entry : before)
        roundsBefore[entry["id"].get<std::int64_t>()] = entry["rounds"].get<int>();

    MainWindow window;
    window.show();
    // The window offers the interrupted sessions back; Resume takes every one up again.
    QMessageBox *offer = nullptr;
    QTRY_VERIFY_WITH_TIMEOUT((offer = window.findChild<QMessageBox *>()) != nullptr, 10000);
    // One line per session: its target and the rounds kept.
    QCOMPARE(offer->informativeText().count(QStringLiteral("127.0.0.1 (rounds kept: ")),
             qsizetype(before.size()));
    QAbstractButton *resume = nullptr;
    for (QAbstractButton *button : offer->buttons())
        if (offer->buttonRole(button) == QMessageBox::AcceptRole)
            resume = button;
    QVERIFY(resume);
    resume->click();
    QTRY_COMPARE_WITH_TIMEOUT(window.tabs()->count(), int(before.size()), 20000);

    // Each goes on in its own entry, its rounds numbered on from those kept.
    const auto first = before.front()["id"].get<std::int64_t>();
    QTRY_VERIFY_WITH_TIMEOUT(roundsKept(m_data, first) >= roundsBefore[first] + 3, 30000);
    auto store = HistoryStore::open(HistoryStore::defaultFileName());
    QVERIFY(store);
    HistoryQuery just;
    just.id = first;
    const auto recording = (*store)->list(just);
    QVERIFY(recording && recording->size() == 1);
    QVERIFY(recording->front().recording);

    // Stopped, each is a whole session again: every round, before and after the interruption.
    for (int index = 0; index < window.tabs()->count(); ++index)
        qobject_cast<TraceTab *>(window.tabs()->widget(index))->stop();
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            const nlohmann::json after = historyList(m_data);
            if (!after.is_array() || after.size() != before.size())
                return false;
            for (const nlohmann::json &entry : after)
                if (entry["recording"].get<bool>() || entry["interrupted"].get<bool>())
                    return false;
            return true;
        }(),
        30000);
    auto path = (*store)->load(first);
    QVERIFY2(path, path ? "" : path.error().message.c_str());
    QVERIFY(path->hopscope && path->hopscope->monitor);
    QVERIFY(path->hopscope->monitor->rounds >= roundsBefore[first] + 3);
    std::set<int> numbers;
    for (const ProbeSample &probe : path->hopscope->probes)
        numbers.insert(probe.round);
    QCOMPARE(int(numbers.size()), path->hopscope->monitor->rounds);
}

// A list of targets starts a session for each, summed up one line each; a row leads to its tab,
// a closed tab leaves the summary, the targets monitored are saved as a list again, and a list
// that cannot be used is refused, naming the file and the line.
void WindowRecordTest::useOwnSettings()
{
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope,
                       m_home.filePath(QStringLiteral("settings")));
    QCoreApplication::setOrganizationName(QStringLiteral("HopscopeTest"));
    QSettings settings;
    settings.setValue(QStringLiteral("trace/protocol"), 2);
    settings.setValue(QStringLiteral("trace/intervalMs"), 100);
    settings.setValue(QStringLiteral("owners/online"), false);
    qputenv("XDG_DATA_HOME", QFile::encodeName(m_home.filePath(QStringLiteral("sessions"))));
}

void WindowRecordTest::sessionsSumUpATargetList()
{
    useOwnSettings();
    const auto write = [this](const char *name, const QByteArray &text) {
        QFile file(m_home.filePath(QString::fromLatin1(name)));
        return file.open(QIODevice::WriteOnly) && file.write(text) == text.size() ? file.fileName()
                                                                                  : QString();
    };
    const QString list = write(
        "targets.txt", "# loopback\n127.0.0.1\n127.0.0.2  # the second\n\n127.0.0.3\n127.0.0.2\n");
    QVERIFY(!list.isEmpty());

    MainWindow window;
    window.resize(1280, 800);
    window.show();
    auto *dock = window.findChild<QDockWidget *>(QStringLiteral("sessions"));
    QVERIFY(dock && !dock->isVisible());
    window.sessionsPanel()->monitorList(list);
    QCOMPARE(window.tabs()->count(), 3);
    QTRY_VERIFY(dock->isVisible());
    SessionSummaryModel *summary = window.sessionsPanel()->summary();
    QCOMPARE(summary->rowCount(), 3);
    const auto cell = [summary](int row, int column, int role = Qt::DisplayRole) {
        return summary->index(row, column).data(role);
    };
    // Three rounds each, and three of the destination's probes (a busy machine's first round may
    // time out before loopback answers, and a probe lost before anyone answered is the TTL's).
    const auto settled = [&cell](int row) {
        return cell(row, SessionSummaryModel::Rounds).toInt() >= 3 &&
               cell(row, SessionSummaryModel::Recent, HopTableModel::RecentRttsRole)
                       .value<QList<double>>()
                       .size() >= 3;
    };
    QTRY_VERIFY_WITH_TIMEOUT(settled(0) && settled(1) && settled(2), 20000);
    for (int row = 0; row < 3; ++row) {
        QCOMPARE(cell(row, SessionSummaryModel::Target).toString(),
                 QStringLiteral("127.0.0.%1").arg(row + 1));
        QCOMPARE(cell(row, SessionSummaryModel::State).toString(), QStringLiteral("monitoring"));
        QCOMPARE(cell(row, SessionSummaryModel::Loss).toString(), QStringLiteral("0.0 %"));
        QVERIFY(cell(row, SessionSummaryModel::Last).toString() != QStringLiteral("\u2013"));
        QCOMPARE(cell(row, SessionSummaryModel::LastChange).toString(), QStringLiteral("none"));
        const auto recent = cell(row, SessionSummaryModel::Recent, HopTableModel::RecentRttsRole)
                                .value<QList<double>>();
        QVERIFY(recent.size() >= 3);
        for (const double rtt : recent)
            QVERIFY(!std::isnan(rtt) && rtt >= 0);
    }

    // Enter on a row brings its session's tab forward.
    window.tabs()->setCurrentIndex(0);
    QTableView *table = window.sessionsPanel()->table();
    table->setFocus();
    table->setCurrentIndex(summary->index(2, 0));
    QTest::keyClick(table, Qt::Key_Return);
    QCOMPARE(window.currentTraceTab()->session(), summary->sessionAt(2));

    const QString saved = m_home.filePath(QStringLiteral("saved.txt"));
    window.sessionsPanel()->saveList(saved);
    QCOMPARE(*readTargetList(saved.toStdString()),
             (std::vector<std::string>{"127.0.0.1", "127.0.0.2", "127.0.0.3"}));

    QTest::keyClick(&window, Qt::Key_W, Qt::ControlModifier);
    QCOMPARE(window.tabs()->count(), 2);
    QTRY_COMPARE(summary->rowCount(), 2);
    QCOMPARE(cell(1, SessionSummaryModel::Target).toString(), QStringLiteral("127.0.0.2"));

    const QString bad = write("bad.txt", "127.0.0.1\nnot a host\n");
    QString said;
    QTimer::singleShot(0, &window, [&] {
        QTRY_VERIFY(QApplication::activeModalWidget());
        auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
        said = box ? box->text() : QString();
        QApplication::activeModalWidget()->close();
    });
    window.sessionsPanel()->monitorList(bad);
    QCOMPARE(said, QStringLiteral("This list cannot be used: %1, line 2: 'not a host' holds a "
                                  "space: one host name or address a line")
                       .arg(bad));
    QCOMPARE(window.tabs()->count(), 2);
    for (int index = 0; index < window.tabs()->count(); ++index)
        qobject_cast<TraceTab *>(window.tabs()->widget(index))->stop();
    QTRY_VERIFY(!summary->sessionAt(0)->isActive() && !summary->sessionAt(1)->isActive());
    QCOMPARE(cell(0, SessionSummaryModel::State).toString(), QStringLiteral("stopped"));
}

// A rule that holds from the first round is told in the status bar, as a desktop notification
// (to a notification service on a bus of the test's own), by the alert command, and in the
// sessions' summary; a rule that does not read is refused in the dialog, naming its line.
void WindowRecordTest::alertsAreToldEveryWay()
{
    const QString daemon = QStandardPaths::findExecutable(QStringLiteral("dbus-daemon"));
    if (daemon.isEmpty())
        QSKIP("dbus-daemon is not installed (installer/install-deps.sh installs it)");
    QProcess bus;
    bus.start(daemon, {QStringLiteral("--session"), QStringLiteral("--nofork"),
                       QStringLiteral("--print-address=1")});
    QVERIFY(bus.waitForStarted());
    const auto stopBus = qScopeGuard([&bus] {
        bus.kill();
        bus.waitForFinished();
    });
    QTRY_VERIFY(bus.canReadLine() || (bus.waitForReadyRead(100) && bus.canReadLine()));
    const QString address = QString::fromUtf8(bus.readLine()).trimmed();
    QVERIFY2(!address.isEmpty(), "dbus-daemon gave no address");
    qputenv("DBUS_SESSION_BUS_ADDRESS", address.toUtf8());
    FakeNotifications notifications;
    QDBusConnection service = QDBusConnection::connectToBus(address, QStringLiteral("fake"));
    QVERIFY(service.isConnected());
    QVERIFY(service.registerObject(QStringLiteral("/org/freedesktop/Notifications"), &notifications,
                                   QDBusConnection::ExportAllSlots));
    QVERIFY(service.registerService(QStringLiteral("org.freedesktop.Notifications")));

    useOwnSettings();
    const QString told = m_home.filePath(QStringLiteral("alerts.txt"));
    QSettings settings;
    settings.setValue(QStringLiteral("alerts/rules"),
                      QStringList{QStringLiteral("latency>0ms/1"), QStringLiteral("lost/3")});
    settings.setValue(QStringLiteral("alerts/notify"), true);
    settings.setValue(QStringLiteral("alerts/command"),
                      QStringLiteral("printf '%s %s %s\\n' \"$HOPSCOPE_ALERT\" "
                                     "\"$HOPSCOPE_ALERT_RULE\" \"$HOPSCOPE_ALERT_ROUND\" >> %1")
                          .arg(told));
    settings.sync();

    MainWindow window;
    window.show();
    QString status;
    connect(window.statusBar(), &QStatusBar::messageChanged, this,
            [&status](const QString &message) {
                if (!message.isEmpty())
                    status = message;
            });
    window.monitor(QStringLiteral("127.0.0.1"));
    QTRY_VERIFY_WITH_TIMEOUT(!notifications.shown.empty(), 20000);
    const FakeNotifications::Shown &first = notifications.shown.front();
    QVERIFY2(first.summary.startsWith(QStringLiteral("Alert: ")) &&
                 first.summary.contains(QStringLiteral("127.0.0.1")),
             qPrintable(first.summary));
    QVERIFY2(first.body.startsWith(QStringLiteral("alert latency>0ms/1 in round 1: ")),
             qPrintable(first.body));
    QCOMPARE(first.hints.value(QStringLiteral("urgency")).toInt(), 2);
    QVERIFY2(status.contains(QStringLiteral("alert latency>0ms/1 in round 1")), qPrintable(status));
    SessionSummaryModel *summary = window.sessionsPanel()->summary();
    QTRY_COMPARE(summary->index(0, SessionSummaryModel::Alerts).data().toString(),
                 QStringLiteral("latency>0ms/1"));
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(told), 5000);
    QFile lines(told);
    QTRY_VERIFY([&lines] {
        if (!lines.open(QIODevice::ReadOnly))
            return false;
        const QByteArray text = lines.readAll();
        lines.close();
        return text.startsWith("raised latency>0ms/1 1\n");
    }());
    // Loopback always answers: the second rule never holds.
    QCOMPARE(notifications.shown.size(), std::size_t(1));
    window.currentTraceTab()->stop();

    // A rule that does not read keeps the dialog open and names its line.
    AlertSettingsDialog dialog(&window);
    auto *rules = dialog.findChild<QPlainTextEdit *>();
    QVERIFY(rules);
    QCOMPARE(rules->toPlainText(), QStringLiteral("latency>0ms/1\nlost/3"));
    rules->setPlainText(QStringLiteral("loss>5%/5\n\nlatency>fast"));
    dialog.show();
    dialog.accept();
    QVERIFY(dialog.isVisible());
    QCOMPARE(dialog.result(), int(QDialog::Rejected));
    bool named = false;
    for (const QLabel *label : dialog.findChildren<QLabel *>())
        named =
            named || (label->isVisible() && label->text().startsWith(QStringLiteral("Line 3: ")));
    QVERIFY(named);
    rules->setPlainText(QStringLiteral("route\nexample.com lost/3 now"));
    dialog.accept();
    QVERIFY(dialog.isVisible());
    QString refusal;
    for (const QLabel *label : dialog.findChildren<QLabel *>())
        if (label->isVisible() && label->text().startsWith(QStringLiteral("Line 2: ")))
            refusal = label->text();
    QCOMPARE(refusal,
             QStringLiteral("Line 2: 'example.com lost/3 now' has more than a target and a "
                            "rule; a rule for one target is written as 'example.com "
                            "loss>10%/5'"));
    rules->setPlainText(QStringLiteral("loss>5%/5\nroute"));
    dialog.accept();
    QCOMPARE(dialog.result(), int(QDialog::Accepted));
    QCOMPARE(AlertSettings::load().rules,
             (QStringList{QStringLiteral("loss>5%/5"), QStringLiteral("route")}));
}

// A period dragged out on a session's chart: the table and the graph show only its probes, the
// bar says what and gives the verdict, the period opens as a path of its own, and the whole
// session comes back.
void WindowRecordTest::aPeriodFocusesTheViews()
{
    useOwnSettings();
    {
        QSettings settings;
        // The second rule is another target's: were it this one's, it would be raised too.
        settings.setValue(QStringLiteral("alerts/rules"),
                          QStringList{QStringLiteral("127.0.0.1 latency>0ms/1"),
                                      QStringLiteral("127.0.0.2 latency>0ms/2")});
        settings.setValue(QStringLiteral("alerts/notify"), false);
        settings.setValue(QStringLiteral("alerts/beep"), false);
        settings.setValue(QStringLiteral("alerts/command"), QString());
    }
    MainWindow window;
    window.resize(1280, 800);
    window.show();
    window.monitor(QStringLiteral("127.0.0.1"));
    TraceTab *tab = window.currentTraceTab();
    QTRY_VERIFY_WITH_TIMEOUT(tab->session()->model().rounds() >= 12, 20000);
    QVERIFY(!tab->focus());

    // Rounds 1 to 6 of the session, as its samples have them.
    // The destination's row (a first round that timed out would add a silent one).
    const auto &atTtl = tab->session()->model().series().at(1);
    const auto destination =
        std::find_if(atTtl.begin(), atTtl.end(), [](const PathModel::Series &series) {
            return series.responder == "127.0.0.1";
        });
    QVERIFY(destination != atTtl.end());
    const PathModel::Series &row = *destination;
    const std::int64_t fromUs = tab->session()->model().firstRoundUs();
    std::int64_t toUs = 0;
    row.history.recent().forEach([&](const MonitorSample &sample) {
        if (sample.round == 6)
            toUs = sample.sentAtUs;
    });
    QVERIFY(fromUs > 0 && toUs > fromUs);
    const qint64 fromMs = fromUs / 1000;
    const qint64 toMs = toUs / 1000;
    int sent = 0;
    std::set<int> rounds;
    const auto inPeriod = [&](const MonitorSample &sample) {
        return sample.sentAtUs >= fromMs * 1000 && sample.sentAtUs <= toMs * 1000 + 999;
    };
    for (const PathModel::Series &series : atTtl)
        series.history.recent().forEach([&](const MonitorSample &sample) {
            if (inPeriod(sample))
                rounds.insert(sample.round);
        });
    row.history.recent().forEach([&](const MonitorSample &sample) { sent += inPeriod(sample); });
    QVERIFY(rounds.size() >= 4);

    tab->chart()->holdPeriod(fromMs, toMs);
    QVERIFY(tab->focus());
    QCOMPARE(tab->chart()->heldPeriod(), std::make_optional(std::make_pair(fromMs, toMs)));
    QCOMPARE(tab->focus()->rounds(), static_cast<int>(rounds.size()));
    const QString bar = tab->focusText()->text();
    QVERIFY2(bar.startsWith(QStringLiteral("Focused on 127.0.0.1, ")), qPrintable(bar));
    QVERIFY2(bar.contains(QStringLiteral(": %1 rounds.").arg(rounds.size())), qPrintable(bar));
    QVERIFY2(bar.contains(QStringLiteral("The destination was reached at TTL 1")), qPrintable(bar));
    const auto snt = [tab] {
        HopTableModel *table = tab->hopModel();
        for (int i = 0; i < table->rowCount(); ++i)
            if (table->index(i, 0).data(HopTableModel::ResponderRole).toString() ==
                QStringLiteral("127.0.0.1"))
                return table->index(i, HopTableModel::Sent).data().toInt();
        return -1;
    };
    QCOMPARE(snt(), sent);
    QVERIFY2(bar.endsWith(QStringLiteral("Alerts raised: latency>0ms/1.")), qPrintable(bar));
    QVERIFY2(seriesPoints(tab->chart()) >= static_cast<int>(rounds.size()),
             qPrintable(QStringLiteral("%1 points, %2 rounds")
                            .arg(seriesPoints(tab->chart()))
                            .arg(rounds.size())));
    // The alert is marked where it was raised, in the first round.
    const auto raisedMarks = [](TraceTab *shown) {
        for (QAbstractSeries *series : shown->chart()->chart()->series())
            if (series->name() == QStringLiteral("alert raised"))
                return static_cast<int>(qobject_cast<QXYSeries *>(series)->count());
        return -1;
    };
    QCOMPARE(raisedMarks(tab), 1);
    // The session goes on; the period does not move.
    const int roundsThen = tab->session()->model().rounds();
    QTRY_VERIFY_WITH_TIMEOUT(tab->session()->model().rounds() >= roundsThen + 3, 10000);
    QTest::qWait(150);
    QCOMPARE(snt(), sent);
    QCOMPARE(tab->chart()->heldPeriod(), std::make_optional(std::make_pair(fromMs, toMs)));

    tab->openPeriodButton()->click();
    QCOMPARE(window.tabs()->count(), 2);
    TraceTab *period = window.currentTraceTab();
    QVERIFY(period != tab);
    QVERIFY2(period->title().startsWith(QStringLiteral("127.0.0.1, ")),
             qPrintable(period->title()));
    const auto result = period->session()->result();
    QVERIFY(result && result->hopscope && result->hopscope->monitor);
    QCOMPARE(result->hopscope->monitor->rounds, static_cast<int>(rounds.size()));
    const auto &periodRows = result->hopscope->monitor->hops;
    const auto periodRow = std::find_if(periodRows.begin(), periodRows.end(),
                                        [](const MonitorHop &hop) { return hop.destination; });
    QVERIFY(periodRow != periodRows.end());
    QCOMPARE(periodRow->stats.sent, sent);
    // The period's file lists the alert, and its own timeline marks it.
    const auto &periodAlerts = result->hopscope->monitor->alerts;
    QCOMPARE(periodAlerts.size(), std::size_t(1));
    QCOMPARE(periodAlerts.front().rule.text, std::string("latency>0ms/1"));
    QVERIFY(periodAlerts.front().raised);
    QTRY_COMPARE(raisedMarks(period), 1);

    window.tabs()->setCurrentWidget(tab);
    tab->showWholeSession();
    QVERIFY(!tab->focus());
    QVERIFY(!tab->chart()->heldPeriod());
    QTRY_VERIFY(snt() > sent + 2);
}

// Closing the window while a session monitors hides it to the tray, where the session goes on;
// the tray's icon names it and its alert, and brings the window back. Without a tray, or with
// the choice turned off in the Trace menu, closing closes.
void WindowRecordTest::closingKeepsMonitoringInTheTray()
{
    useOwnSettings();
    {
        QSettings settings;
        settings.setValue(QStringLiteral("alerts/rules"),
                          QStringList{QStringLiteral("latency>0ms/1")});
        settings.setValue(QStringLiteral("alerts/notify"), false);
        settings.setValue(QStringLiteral("alerts/beep"), false);
        settings.setValue(QStringLiteral("alerts/command"), QString());
    }
    MainWindow window;
    window.show();
    MonitoringTray *tray = window.tray();
    const auto closeWindow = [&window] {
        QCloseEvent event;
        QApplication::sendEvent(&window, &event);
        return event.isAccepted();
    };
    // Nothing monitors yet: closing closes, tray or not.
    tray->setAvailable(true);
    QVERIFY(!tray->takesOverOnClose());
    window.monitor(QStringLiteral("127.0.0.1"));
    TraceSession *session = window.currentTraceTab()->session();
    QTRY_VERIFY_WITH_TIMEOUT(session->model().rounds() >= 2, 10000);

    // Without a tray to go to, closing closes.
    tray->setAvailable(false);
    QVERIFY(closeWindow());
    window.show();

    tray->setAvailable(true);
    QVERIFY(tray->takesOverOnClose());
    QVERIFY(!closeWindow());
    QVERIFY(!window.isVisible());
    QVERIFY(tray->icon()->isVisible());
    const int roundsThen = session->model().rounds();
    QTRY_VERIFY_WITH_TIMEOUT(session->model().rounds() >= roundsThen + 2, 10000);
    QVERIFY(session->isActive());
    QTRY_COMPARE(tray->icon()->toolTip(),
                 QStringLiteral("Hopscope: monitoring 1 target\nAlerts: 127.0.0.1: latency>0ms/1"));

    Q_EMIT tray->showRequested();
    QVERIFY(window.isVisible());
    QVERIFY(!tray->icon()->isVisible());

    // Turned off in the Trace menu, kept in the settings: closing closes.
    QAction *keep = nullptr;
    for (QAction *action : window.menuBar()->findChildren<QAction *>())
        if (action->text() == QStringLiteral("&Keep Monitoring When Closed"))
            keep = action;
    QVERIFY(keep && keep->isCheckable() && keep->isChecked());
    keep->trigger();
    QCOMPARE(QSettings().value(QStringLiteral("window/keepMonitoringWhenClosed")).toBool(), false);
    QVERIFY(!tray->takesOverOnClose());
    QVERIFY(closeWindow());
}

// The history's retention, chosen in its panel: what was saved longer ago goes, now and at each
// start; a session kept as it runs stays, however old.
void WindowRecordTest::theHistoryKeepsWhatItIsToldTo()
{
    useOwnSettings();
    const qint64 dayMs = 24 * 3600 * 1000;
    const qint64 nowMs = QDateTime::currentMSecsSinceEpoch();
    NetworkPath path;
    path.destination.ipAddress = "192.0.2.1";
    int earlier = 0; // sessions the tests before left kept as they ran: they stay
    {
        auto store = HistoryStore::open(HistoryStore::defaultFileName());
        QVERIFY(store);
        QVERIFY((*store)->forgetSavedBefore(nowMs + dayMs)); // what earlier tests saved
        earlier = static_cast<int>((*store)->list()->size());
        for (const int daysAgo : {40, 10, 1})
            QVERIFY((*store)->add(path, nowMs - daysAgo * dayMs));
        QVERIFY((*store)->beginSession(path, 1000, nowMs - 50 * dayMs));
    }
    const auto listed = [](MainWindow &window) {
        return window.historyPanel()->model()->rowCount();
    };
    {
        MainWindow window;
        QTRY_COMPARE(listed(window), earlier + 4);
        QComboBox *keep = window.historyPanel()->keep();
        QCOMPARE(keep->currentData().toInt(), 0);
        keep->setCurrentIndex(keep->findData(30));
        QTRY_COMPARE(listed(window), earlier + 3);
        QTRY_VERIFY(window.statusBar()->currentMessage().contains(
            QStringLiteral("History: 1 entry saved more than 30 days ago removed.")));
        keep->setCurrentIndex(keep->findData(7));
        QTRY_COMPARE(listed(window), earlier + 2);
        QCOMPARE(QSettings().value(QStringLiteral("history/keepDays")).toInt(), 7);
        int sessions = 0;
        for (int row = 0; row < listed(window); ++row)
            sessions += window.historyPanel()->model()->entryAt(row)->recording ||
                        window.historyPanel()->model()->entryAt(row)->interrupted;
        QCOMPARE(sessions, earlier + 1);
    }
    // At the next start, what has grown too old since goes too.
    {
        auto store = HistoryStore::open(HistoryStore::defaultFileName());
        QVERIFY(store);
        QVERIFY((*store)->add(path, nowMs - 8 * dayMs));
        QCOMPARE(static_cast<int>((*store)->list()->size()), earlier + 3);
    }
    MainWindow window;
    QCOMPARE(window.historyPanel()->keep()->currentData().toInt(), 7);
    QTest::qWait(300);
    QTRY_COMPARE(listed(window), earlier + 2);
}

QTEST_MAIN(WindowRecordTest)
#include "tst_windowrecord.moc"
