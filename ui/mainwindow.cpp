// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "ui/mainwindow.h"

#include "client/helperlocation.h"
#include "client/helperpermission.h"
#include "file/outputfile.h"
#include "import/pathformat.h"
#include "path/networkpathjson.h"
#include "ui/alertnotifier.h"
#include "ui/alertsettings.h"
#include "ui/background.h"
#include "ui/comparetab.h"
#include "ui/historypanel.h"
#include "ui/historyservice.h"
#include "ui/hopgraphview.h"
#include "ui/monitoringtray.h"
#include "ui/ownerlookupsettings.h"
#include "ui/pathfileloader.h"
#include "ui/reportexport.h"
#include "ui/sessionalerts.h"
#include "ui/sessionhistorylink.h"
#include "ui/sessionspanel.h"
#include "ui/sessionsummarymodel.h"
#include "ui/targetbar.h"
#include "ui/timelinetab.h"
#include "ui/tracetab.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QDateTime>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QKeySequence>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QPushButton>
#include <QSettings>
#include <QStackedWidget>
#include <QStatusBar>
#include <QSystemTrayIcon>
#include <QTabWidget>
#include <QToolBar>
#include <QUrl>

namespace hopscope {

namespace {
constexpr int kStatusMessageMs = 8000;

// "example.com (11-24 09:14)": a path from the history, named by target and time.
QString historyLabel(const NetworkPath &path)
{
    const QString when = path.timestampMs == 0 ? MainWindow::tr("undated")
                                               : QDateTime::fromMSecsSinceEpoch(path.timestampMs)
                                                     .toString(QStringLiteral("MM-dd HH:mm"));
    const QString target = QString::fromStdString(
        path.destination.hostname.empty() ? path.destination.ipAddress : path.destination.hostname);
    return QStringLiteral("%1 (%2)").arg(target, when);
}

const auto kLastDirectoryKey = QStringLiteral("files/lastDirectory");
const auto kRecentFilesKey = QStringLiteral("files/recent");
constexpr int kMaxRecentFiles = 10;
} // namespace

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent), m_helperProgram(helperPath()), m_targetBar(new TargetBar(this)),
      m_tabs(new QTabWidget(this)), m_emptyHint(new QLabel(this)), m_status(new QLabel(this)),
      m_loader(new PathFileLoader(this)),
      m_history(new HistoryService(HistoryStore::defaultFileName(), this)),
      m_historyPanel(new HistoryPanel(m_history, this)), m_sessionsPanel(new SessionsPanel(this)),
      m_permission(new HelperPermission(HelperPermission::installedTools(), this)),
      m_alertNotifier(new AlertNotifier(this))
{
    setWindowTitle(tr("Hopscope"));
    setWindowIcon(QIcon(QStringLiteral(":/icons/hopscope.svg")));
    resize(1280, 800);

    auto *bar = addToolBar(tr("Target"));
    bar->setObjectName(QStringLiteral("target"));
    bar->setMovable(false);
    bar->addWidget(m_targetBar);

    m_tabs->setTabsClosable(true);
    m_tabs->setDocumentMode(true);
    m_tabs->setMovable(true);
    m_emptyHint->setAlignment(Qt::AlignCenter);
    m_emptyHint->setText(
        tr("Enter a host above and press Enter to trace the path to it,\n"
           "or open a saved NetworkPath JSON file with File \u2192 Open (%1).")
            .arg(QKeySequence(QKeySequence::Open).toString(QKeySequence::NativeText)));
    m_emptyHint->setStyleSheet(QStringLiteral("QLabel { color: #5f6b78; font-size: 11pt; }"));

    auto *stack = new QStackedWidget(this);
    stack->addWidget(m_emptyHint);
    stack->addWidget(m_tabs);
    setCentralWidget(stack);
    statusBar()->addPermanentWidget(m_status, 1);
    // The tab's status line would leave a passing message no room: it steps aside meanwhile.
    connect(statusBar(), &QStatusBar::messageChanged, m_status,
            [this](const QString &message) { m_status->setVisible(message.isEmpty()); });

    createHistory();
    createSessions();
    m_tray = new MonitoringTray(this, m_sessionsPanel->summary(),
                                QSystemTrayIcon::isSystemTrayAvailable());
    connect(m_tray, &MonitoringTray::showRequested, this, [this] {
        showNormal();
        raise();
        activateWindow();
    });
    connect(m_tray, &MonitoringTray::quitRequested, this, &MainWindow::quit);
    createMenus();

    connect(m_targetBar, &TargetBar::startRequested, this, &MainWindow::startTrace);
    connect(m_targetBar, &TargetBar::stopRequested, this, &MainWindow::stopTrace);
    connect(m_tabs, &QTabWidget::tabCloseRequested, this, &MainWindow::closeTab);
    connect(m_tabs, &QTabWidget::currentChanged, this, &MainWindow::updateStatus);
    connect(m_loader, &PathFileLoader::loaded, this,
            [this](const QString &fileName, const NetworkPath &path) {
                showPath(path, QFileInfo(fileName).fileName(), fileName);
                rememberRecentFile(fileName);
                statusBar()->showMessage(tr("Opened %1").arg(fileName), kStatusMessageMs);
            });
    connect(
        m_loader, &PathFileLoader::loadedSeveral, this,
        [this](const QString &fileName, const std::vector<NetworkPath> &paths) {
            QStringList labels;
            for (std::size_t i = 0; i < paths.size(); ++i)
                labels << tr("%1, trace %2").arg(QFileInfo(fileName).fileName()).arg(i + 1);
            compareSeveral(paths, labels);
            rememberRecentFile(fileName);
            statusBar()->showMessage(
                tr("Opened %1: %n traces", nullptr, static_cast<int>(paths.size())).arg(fileName),
                kStatusMessageMs);
        });
    connect(m_loader, &PathFileLoader::failed, this,
            [this](const QString &, const QString &message) {
                statusBar()->showMessage(tr("Could not open %1").arg(message));
            });
    connect(m_permission, &HelperPermission::finished, this, [this](bool, const QString &message) {
        statusBar()->showMessage(message, kStatusMessageMs);
    });
    setAcceptDrops(true);
    updateEmptyState();
    m_targetBar->focusTarget();
}

void MainWindow::createSessions()
{
    auto *dock = new QDockWidget(tr("Sessions"), this);
    dock->setObjectName(QStringLiteral("sessions"));
    dock->setWidget(m_sessionsPanel);
    addDockWidget(Qt::BottomDockWidgetArea, dock);
    dock->hide(); // until asked for, or until several targets are monitored at once
    connect(m_sessionsPanel, &SessionsPanel::sessionActivated, this, [this](TraceSession *session) {
        for (int index = 0; index < m_tabs->count(); ++index)
            if (auto *tab = qobject_cast<TraceTab *>(m_tabs->widget(index));
                tab && tab->session() == session)
                m_tabs->setCurrentIndex(index);
    });
    connect(m_sessionsPanel, &SessionsPanel::monitorRequested, this, &MainWindow::monitorSeveral);
    connect(m_sessionsPanel, &SessionsPanel::message, this, [this](const QString &message) {
        statusBar()->showMessage(message, kStatusMessageMs);
    });
    connect(m_alertNotifier, &AlertNotifier::told, this, [this](const QString &message) {
        statusBar()->showMessage(message, kStatusMessageMs);
    });
}

void MainWindow::createHistory()
{
    auto *dock = new QDockWidget(tr("History"), this);
    dock->setObjectName(QStringLiteral("history"));
    dock->setWidget(m_historyPanel);
    addDockWidget(Qt::LeftDockWidgetArea, dock);
    resizeDocks({dock}, {480}, Qt::Horizontal); // room for when, what and how it ended
    dock->hide();                               // until asked for: the graph wants the width
    connect(m_history, &HistoryService::failed, this, [this](const QString &message) {
        statusBar()->showMessage(message, kStatusMessageMs);
    });
    connect(m_historyPanel, &HistoryPanel::message, this, [this](const QString &message) {
        statusBar()->showMessage(message, kStatusMessageMs);
    });
    // The owners earlier runs learnt, so that hops seen before are not asked about again.
    // (Queued behind the history's opening, on its thread.)
    connect(m_history, &HistoryService::keptOwnersRead, this, &rememberOwners);
    m_history->readKeptOwners();
    connect(m_historyPanel, &HistoryPanel::openRequested, m_history,
            [this](qint64 id) { m_history->load(id); });
    connect(m_historyPanel, &HistoryPanel::compareRequested, m_history,
            &HistoryService::loadSeveral);
    connect(m_historyPanel, &HistoryPanel::resumeRequested, m_history, &HistoryService::resume);
    connect(m_history, &HistoryService::resumed, this,
            [this](const std::shared_ptr<ResumedSession> &session) {
                TraceTab *tab = newTraceTab();
                tab->resume(session->model, session->intervalMs);
                m_history->adopt(tab->session()->runId(), session->id, session->intervalMs);
            });
    connect(m_historyPanel, &HistoryPanel::interruptedFound, this, &MainWindow::offerToResume);
    connect(m_history, &HistoryService::severalLoaded, this,
            [this](const std::vector<NetworkPath> &paths) {
                QStringList labels;
                for (const NetworkPath &path : paths)
                    labels << historyLabel(path);
                compareSeveral(paths, labels);
            });
    connect(m_historyPanel, &HistoryPanel::exportRequested, m_history,
            [this](qint64 id) { m_history->load(id, HistoryService::Use::Export); });
    connect(m_history, &HistoryService::loaded, this,
            [this](qint64 id, const NetworkPath &path, HistoryService::Use use) {
                if (use == HistoryService::Use::Export) {
                    hopscope::exportReport(this, ReportSubject{path, std::nullopt},
                                           [this](const QString &message) {
                                               statusBar()->showMessage(message, kStatusMessageMs);
                                           });
                    return;
                }
                showPath(path, historyLabel(path), tr("History entry %1").arg(id));
            });
}

void MainWindow::showPath(const NetworkPath &path, const QString &origin, const QString &toolTip)
{
    TraceTab *tab = newTraceTab();
    tab->showSaved(path, origin);
    m_tabs->setTabToolTip(m_tabs->indexOf(tab), toolTip);
}

MainWindow::~MainWindow()
{
    // What opened files' lookups learnt, too (the history writes it before its thread ends).
    keepLearntOwners();
}

void MainWindow::keepLearntOwners()
{
    m_history->keepOwners(learnedOwners());
}

void MainWindow::offerToResume(const std::vector<HistoryEntry> &interrupted)
{
    QStringList targets;
    for (const HistoryEntry &entry : interrupted)
        targets << tr("%1 (rounds kept: %2)")
                       .arg(QString::fromStdString(entry.target))
                       .arg(entry.rounds);
    auto *box = new QMessageBox(
        QMessageBox::Question, tr("Interrupted Sessions"),
        tr("Monitoring stopped without being ended here, by a crash, a power cut or the window "
           "closing as it ran. Every round that settled is in the history; Resume goes on "
           "with each in a tab."),
        QMessageBox::NoButton, this);
    box->setInformativeText(targets.join(QLatin1Char('\n')));
    QPushButton *resume = box->addButton(tr("&Resume"), QMessageBox::AcceptRole);
    box->addButton(tr("&Not Now"), QMessageBox::RejectRole);
    box->setDefaultButton(resume);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(resume, &QPushButton::clicked, this, [this, interrupted] {
        for (const HistoryEntry &entry : interrupted)
            m_history->resume(entry.id);
    });
    box->open();
}

void MainWindow::monitor(const QString &target)
{
    m_targetBar->targetBox()->setCurrentText(target);
    m_targetBar->setMode(TraceSession::Mode::Monitor);
    startTrace();
}

void MainWindow::monitorSeveral(const QStringList &targets)
{
    for (const QString &target : targets)
        monitor(target);
    if (targets.size() > 1)
        findChild<QDockWidget *>(QStringLiteral("sessions"))->show();
}

void MainWindow::keepInHistory(TraceTab *tab)
{
    new SessionHistoryLink(tab->session(), m_history);
    connect(tab->session(), &TraceSession::stateChanged, this, [this, tab] {
        const auto state = tab->session()->state();
        if (state == TraceSession::State::Finished || state == TraceSession::State::Stopped)
            keepLearntOwners();
    });
}

void MainWindow::quit()
{
    m_quitting = true;
    // A window hidden to the tray is closed already, as far as the application knows: closing it
    // again is not its last window closing.
    if (isVisible())
        QApplication::closeAllWindows();
    else
        QCoreApplication::quit();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!m_quitting && m_tray->takesOverOnClose()) {
        event->ignore();
        hide();
        m_tray->windowHidden();
        return;
    }
    QMainWindow::closeEvent(event);
}

void MainWindow::showEvent(QShowEvent *event)
{
    m_tray->windowShown();
    QMainWindow::showEvent(event);
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    if (!droppedFiles(event->mimeData()).isEmpty())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    if (openDropped(event->mimeData()))
        event->acceptProposedAction();
}

bool MainWindow::openDropped(const QMimeData *mime)
{
    const QStringList files = droppedFiles(mime);
    openFiles(files);
    return !files.isEmpty();
}

QStringList MainWindow::droppedFiles(const QMimeData *mime)
{
    QStringList files;
    if (!mime || !mime->hasUrls())
        return files;
    for (const QUrl &url : mime->urls())
        if (url.isLocalFile())
            files << url.toLocalFile();
    return files;
}

QStringList MainWindow::recentFiles() const
{
    return QSettings().value(kRecentFilesKey).toStringList();
}

void MainWindow::rememberRecentFile(const QString &fileName)
{
    QStringList files = recentFiles();
    const QString absolute = QFileInfo(fileName).absoluteFilePath();
    files.removeAll(absolute);
    files.prepend(absolute);
    while (files.size() > kMaxRecentFiles)
        files.removeLast();
    QSettings().setValue(kRecentFilesKey, files);
    updateRecentMenu();
}

void MainWindow::updateRecentMenu()
{
    m_recentMenu->clear();
    const QStringList files = recentFiles();
    for (int i = 0; i < files.size(); ++i) {
        QAction *action = m_recentMenu->addAction(
            QStringLiteral("&%1 %2").arg(i + 1).arg(QFileInfo(files[i]).fileName()), this,
            [this, file = files[i]] { openFiles({file}); });
        action->setToolTip(files[i]);
    }
    m_recentMenu->addSeparator();
    m_recentMenu
        ->addAction(tr("&Clear List"), this,
                    [this] {
                        QSettings().remove(kRecentFilesKey);
                        updateRecentMenu();
                    })
        ->setEnabled(!files.isEmpty());
}

void MainWindow::createMenus()
{
    QMenu *fileMenu = menuBar()->addMenu(tr("&File"));
    QAction *newTab = fileMenu->addAction(tr("&New Trace Tab"), this, [this] {
        newTraceTab();
        m_targetBar->focusTarget();
    });
    newTab->setShortcut(QKeySequence::AddTab);
    QAction *open = fileMenu->addAction(tr("&Open\u2026"), this, &MainWindow::chooseFilesToOpen);
    open->setShortcut(QKeySequence::Open);
    m_recentMenu = fileMenu->addMenu(tr("Open &Recent"));
    updateRecentMenu();
    QAction *save = fileMenu->addAction(tr("&Save As\u2026"), this, &MainWindow::saveCurrent);
    save->setShortcut(QKeySequence::Save);
    fileMenu->addAction(tr("Co&mpare Files\u2026"), this, &MainWindow::chooseFilesToCompare)
        ->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_D));
    fileMenu->addAction(tr("Monitor Target &List\u2026"), m_sessionsPanel,
                        &SessionsPanel::chooseListToMonitor);
    fileMenu->addAction(tr("&Export Graph\u2026"), this, &MainWindow::exportGraph);
    fileMenu->addAction(tr("Export &Report\u2026"), this, &MainWindow::exportReport)
        ->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    QAction *close =
        fileMenu->addAction(tr("&Close Tab"), this, [this] { closeTab(m_tabs->currentIndex()); });
    close->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_W), QKeySequence(QKeySequence::Close)});
    fileMenu->addSeparator();
    QAction *quit = fileMenu->addAction(tr("&Quit"), this, &MainWindow::quit);
    quit->setShortcut(QKeySequence::Quit);

    QMenu *traceMenu = menuBar()->addMenu(tr("&Trace"));
    traceMenu->addAction(tr("&Start"), this, &MainWindow::startTrace);
    QAction *stop = traceMenu->addAction(tr("S&top"), this, &MainWindow::stopTrace);
    stop->setShortcut(QKeySequence(Qt::Key_Escape));
    QAction *copy = traceMenu->addAction(tr("&Copy Table as Text"), this, [this] {
        if (TraceTab *tab = currentTraceTab())
            tab->copyTable();
    });
    copy->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C));
    traceMenu->addSeparator();
    QAction *online = traceMenu->addAction(tr("Look Up Hop &Owners Online"));
    online->setCheckable(true);
    online->setChecked(loadOwnerLookupSettings().online);
    online->setToolTip(tr("Ask Team Cymru's DNS service whose network each hop is in. Off, "
                          "nothing about the path leaves this computer for it."));
    connect(online, &QAction::toggled, this, [](bool on) {
        OwnerLookupSettings settings = loadOwnerLookupSettings();
        settings.online = on;
        saveOwnerLookupSettings(settings);
    });
    QAction *keep = traceMenu->addAction(tr("&Keep Monitoring When Closed"));
    keep->setCheckable(true);
    keep->setChecked(MonitoringTray::keepsMonitoringWhenClosed());
    keep->setToolTip(tr("Closing the window while sessions monitor hides it to the tray, and the "
                        "sessions go on until Quit."));
    connect(keep, &QAction::toggled, this, &MonitoringTray::setKeepsMonitoringWhenClosed);
    traceMenu->addAction(tr("&Alerts\u2026"), this, [this] {
        AlertSettingsDialog dialog(this);
        dialog.exec();
    });
    traceMenu->addAction(tr("Owner &Databases\u2026"), this, [this] {
        if (chooseOwnerDatabases(this))
            statusBar()->showMessage(
                tr("Owner databases: %1")
                    .arg(loadOwnerLookupSettings().databases.join(QStringLiteral(", "))),
                kStatusMessageMs);
    });

    QMenu *viewMenu = menuBar()->addMenu(tr("&View"));
    const auto onGraph = [this](void (HopGraphView::*slot)()) {
        return [this, slot] {
            if (TraceTab *tab = currentTraceTab())
                (tab->graph()->*slot)();
        };
    };
    viewMenu->addAction(tr("Zoom &In"), this, onGraph(&HopGraphView::zoomIn))
        ->setShortcut(QKeySequence::ZoomIn);
    viewMenu->addAction(tr("Zoom &Out"), this, onGraph(&HopGraphView::zoomOut))
        ->setShortcut(QKeySequence::ZoomOut);
    viewMenu->addAction(tr("&Fit Graph"), this, onGraph(&HopGraphView::fitAll))
        ->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_0));
    viewMenu->addSeparator();
    QAction *history = findChild<QDockWidget *>(QStringLiteral("history"))->toggleViewAction();
    history->setText(tr("&History"));
    history->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_H));
    viewMenu->addAction(history);
    QAction *sessions = findChild<QDockWidget *>(QStringLiteral("sessions"))->toggleViewAction();
    sessions->setText(tr("&Sessions"));
    sessions->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_M));
    viewMenu->addAction(sessions);
}

TraceTab *MainWindow::currentTraceTab() const
{
    return qobject_cast<TraceTab *>(m_tabs->currentWidget());
}

TraceTab *MainWindow::newTraceTab()
{
    auto *tab = new TraceTab(m_helperProgram, m_tabs);
    tab->setHelperPermission(m_permission);
    const int index = m_tabs->addTab(tab, tab->title());
    m_tabs->setCurrentIndex(index);
    connect(tab, &TraceTab::titleChanged, this, [this, tab] {
        m_tabs->setTabText(m_tabs->indexOf(tab), tab->title());
        if (tab == currentTraceTab())
            m_targetBar->setRunning(tab->session()->isActive());
    });
    keepInHistory(tab);
    m_sessionsPanel->summary()->follow(tab->session());
    auto *alerts = new SessionAlerts(tab->session(), m_alertNotifier);
    connect(alerts, &SessionAlerts::activeChanged, this, [this, tab, alerts] {
        m_sessionsPanel->summary()->setActiveAlerts(tab->session(), alerts->active());
    });
    connect(tab, &TraceTab::statusChanged, this, [this, tab] {
        if (tab == currentTraceTab())
            updateStatus();
    });
    connect(tab, &TraceTab::periodOpened, this,
            [this](const NetworkPath &period, const QString &origin) {
                showPath(period, origin, tr("A period of a monitoring session"));
            });
    updateEmptyState();
    return tab;
}

void MainWindow::startTrace()
{
    QString error;
    const TraceRequest request = m_targetBar->request(&error);
    if (!error.isEmpty()) {
        statusBar()->showMessage(tr("Cannot trace: %1").arg(error), kStatusMessageMs);
        m_targetBar->focusTarget();
        return;
    }
    TraceTab *tab = currentTraceTab();
    // A tab that is idle or done is reused only if it never traced; otherwise a new tab keeps
    // the earlier result on screen.
    if (!tab || tab->session()->isActive() || tab->session()->state() != TraceSession::State::Idle)
        tab = newTraceTab();
    m_targetBar->rememberTarget(QString::fromStdString(request.target));
    tab->start(request, m_targetBar->mode(), m_targetBar->intervalMs());
    m_targetBar->setRunning(true);
    updateStatus();
}

void MainWindow::stopTrace()
{
    if (TraceTab *tab = currentTraceTab())
        tab->stop();
}

std::optional<NetworkPath> MainWindow::currentPath() const
{
    if (const TraceTab *tab = currentTraceTab())
        return tab->session()->result();
    return std::nullopt;
}

std::optional<ReportSubject> MainWindow::reportSubject() const
{
    if (const auto *compare = qobject_cast<const CompareTab *>(m_tabs->currentWidget()))
        return ReportSubject{compare->first(), compare->second()};
    if (auto path = currentPath())
        return ReportSubject{std::move(*path), std::nullopt};
    return std::nullopt;
}

std::optional<NetworkPath> MainWindow::pathToSave()
{
    auto path = currentPath();
    if (!path)
        statusBar()->showMessage(tr("Nothing to save yet: trace first."), kStatusMessageMs);
    return path;
}

void MainWindow::saveCurrent()
{
    // A long monitoring session's path takes a moment to build: once, before the dialog.
    const auto path = pathToSave();
    if (!path)
        return;
    QSettings settings;
    const QString suggested =
        QStringLiteral("%1/%2.json")
            .arg(settings.value(kLastDirectoryKey).toString(), suggestedFileStem(*path));
    const QString fileName = QFileDialog::getSaveFileName(this, tr("Save NetworkPath"), suggested,
                                                          tr("NetworkPath JSON (*.json)"));
    if (fileName.isEmpty())
        return;
    settings.setValue(kLastDirectoryKey, QFileInfo(fileName).absolutePath());
    writePath(*path, fileName);
}

bool MainWindow::saveCurrentTo(const QString &fileName)
{
    auto path = pathToSave();
    if (!path) {
        statusBar()->showMessage(tr("This tab has nothing to save yet."), kStatusMessageMs);
        return false;
    }
    writePath(std::move(*path), fileName);
    return true;
}

void MainWindow::writePath(NetworkPath path, const QString &fileName)
{
    // A week-long session is megabytes of JSON, and the disk may be slow: neither on this thread.
    runInBackground(
        this,
        [path = std::move(path), name = fileName.toStdString()] {
            return writeOutputFile(name, networkPathToJson(path) + "\n");
        },
        [this, fileName](const Status &written) {
            statusBar()->showMessage(
                written
                    ? tr("Saved %1").arg(fileName)
                    : tr("Could not save: %1").arg(QString::fromStdString(written.error().message)),
                kStatusMessageMs);
            Q_EMIT saved(fileName, written.ok());
        });
}

void MainWindow::exportGraph()
{
    TraceTab *tab = currentTraceTab();
    if (!tab) {
        statusBar()->showMessage(tr("Only a trace tab has a graph to export."), kStatusMessageMs);
        return;
    }
    const QString fileName = QFileDialog::getSaveFileName(
        this, tr("Export Graph"), QString(), tr("PNG image (*.png);;SVG drawing (*.svg)"));
    if (fileName.isEmpty())
        return;
    const Status exported = tab->graph()->exportTo(fileName);
    statusBar()->showMessage(exported ? tr("Exported %1").arg(fileName)
                                      : tr("Could not export the graph: %1")
                                            .arg(QString::fromStdString(exported.error().message)),
                             kStatusMessageMs);
}

void MainWindow::comparePaths(const NetworkPath &first, const QString &firstLabel,
                              const NetworkPath &second, const QString &secondLabel)
{
    auto *tab = new CompareTab(first, firstLabel, second, secondLabel, m_tabs);
    const int index = m_tabs->addTab(tab, tab->title());
    m_tabs->setCurrentIndex(index);
    updateEmptyState();
    statusBar()->showMessage(tab->verdict(), kStatusMessageMs);
}

void MainWindow::compareFiles(const QStringList &fileNames)
{
    using Results = std::vector<Expected<std::vector<NetworkPath>>>;
    const auto readAll = [fileNames] {
        Results results;
        for (const QString &fileName : fileNames)
            results.push_back(readPathFile(fileName.toStdString()));
        return results;
    };
    runInBackground(this, readAll, [this, fileNames](const Results &results) {
        std::vector<NetworkPath> paths;
        QStringList labels;
        for (std::size_t i = 0; i < results.size(); ++i) {
            if (!results[i]) {
                statusBar()->showMessage(
                    tr("Could not compare: %1")
                        .arg(QString::fromStdString(results[i].error().message)),
                    kStatusMessageMs);
                return;
            }
            // Every trace of a file of several is one more path of the timeline.
            const QString name = QFileInfo(fileNames[static_cast<qsizetype>(i)]).fileName();
            for (std::size_t t = 0; t < results[i]->size(); ++t) {
                paths.push_back((*results[i])[t]);
                labels << (results[i]->size() > 1 ? tr("%1, trace %2").arg(name).arg(t + 1) : name);
            }
        }
        compareSeveral(paths, labels);
    });
}

void MainWindow::compareSeveral(const std::vector<NetworkPath> &paths, const QStringList &labels)
{
    if (paths.size() == 2) {
        comparePaths(paths[0], labels.value(0), paths[1], labels.value(1));
        return;
    }
    if (paths.size() < 2) {
        statusBar()->showMessage(tr("Choose two paths to compare, or more for a timeline."),
                                 kStatusMessageMs);
        return;
    }
    auto *tab = new TimelineTab(paths, m_tabs);
    connect(tab, &TimelineTab::message, this,
            [this](const QString &text) { statusBar()->showMessage(text, kStatusMessageMs); });
    connect(tab, &TimelineTab::compareRequested, this,
            [this](const NetworkPath &first, const NetworkPath &second) {
                comparePaths(first, historyLabel(first), second, historyLabel(second));
            });
    m_tabs->setCurrentIndex(m_tabs->addTab(tab, tab->title()));
    updateEmptyState();
    statusBar()->showMessage(tab->headline(), kStatusMessageMs);
}

void MainWindow::chooseFilesToCompare()
{
    QSettings settings;
    const QStringList fileNames = QFileDialog::getOpenFileNames(
        this, tr("Choose NetworkPaths to Compare (Two, or More for a Timeline)"),
        settings.value(kLastDirectoryKey).toString(),
        tr("NetworkPath JSON (*.json);;All files (*)"));
    if (fileNames.isEmpty())
        return;
    settings.setValue(kLastDirectoryKey, QFileInfo(fileNames.constFirst()).absolutePath());
    compareFiles(fileNames);
}

void MainWindow::exportReport()
{
    const auto subject = reportSubject();
    if (!subject) {
        statusBar()->showMessage(tr("Nothing to report yet: trace or open a path first."),
                                 kStatusMessageMs);
        return;
    }
    hopscope::exportReport(this, *subject, [this](const QString &message) {
        statusBar()->showMessage(message, kStatusMessageMs);
    });
}

void MainWindow::chooseFilesToOpen()
{
    QSettings settings;
    const QStringList fileNames = QFileDialog::getOpenFileNames(
        this, tr("Open NetworkPath"), settings.value(kLastDirectoryKey).toString(),
        tr("NetworkPath JSON (*.json);;All files (*)"));
    if (fileNames.isEmpty())
        return;
    settings.setValue(kLastDirectoryKey, QFileInfo(fileNames.constFirst()).absolutePath());
    openFiles(fileNames);
}

void MainWindow::openFiles(const QStringList &fileNames)
{
    for (const QString &fileName : fileNames)
        m_loader->load(fileName);
}

void MainWindow::closeTab(int index)
{
    if (index < 0)
        return;
    QWidget *page = m_tabs->widget(index);
    if (auto *tab = qobject_cast<TraceTab *>(page))
        tab->stop();
    m_tabs->removeTab(index);
    page->deleteLater();
    updateEmptyState();
}

void MainWindow::updateEmptyState()
{
    auto *stack = static_cast<QStackedWidget *>(centralWidget());
    stack->setCurrentWidget(m_tabs->count() > 0 ? static_cast<QWidget *>(m_tabs) : m_emptyHint);
    updateStatus();
}

void MainWindow::updateStatus()
{
    const TraceTab *tab = currentTraceTab();
    m_status->setText(tab ? tab->statusText() : QString());
    m_targetBar->setRunning(tab && tab->session()->isActive());
}

} // namespace hopscope
