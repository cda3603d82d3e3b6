// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "store/historystore.h"

#include <QMainWindow>
#include <QStringList>

#include <optional>
#include <vector>

class QCloseEvent;
class QDragEnterEvent;
class QShowEvent;
class QDropEvent;
class QLabel;
class QMenu;
class QMimeData;
class QTabWidget;

namespace hopscope {

class AlertNotifier;
class HelperPermission;
class HistoryPanel;
class HistoryService;
class MonitoringTray;
class PathFileLoader;
class SessionsPanel;
class TargetBar;
class TraceTab;
struct NetworkPath;
struct ReportSubject;

// Wires the target bar, the tabs (live traces and opened files), the menus and the status line.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    // Opens each file in a tab of its own; problems go to the status bar.
    void openFiles(const QStringList &fileNames);
    // Starts monitoring `target` with the target bar's other settings.
    void monitor(const QString &target);
    // Starts monitoring each target, each in a tab, and shows their summary.
    void monitorSeveral(const QStringList &targets);
    QTabWidget *tabs() const { return m_tabs; }
    TargetBar *targetBar() const { return m_targetBar; }
    TraceTab *currentTraceTab() const;
    // What Export Report would report on: the current trace tab's path, or both paths of the
    // current compare tab; empty when there is nothing yet.
    std::optional<ReportSubject> reportSubject() const;
    // Where the trace tabs find the probe helper (tests point it elsewhere).
    void setHelperProgram(const QString &program) { m_helperProgram = program; }
    // Grants the helper its capability for every tab's "Grant Permission" (tests give it other
    // tools).
    HelperPermission *helperPermission() const { return m_permission; }

public Q_SLOTS:
    TraceTab *newTraceTab();
    void startTrace();
    void stopTrace();
    void saveCurrent();
    // Writes the current tab's NetworkPath to `fileName`, on a pool thread; `saved` says how it
    // went, and the status bar why when it did not. False when there is nothing to save.
    bool saveCurrentTo(const QString &fileName);
    void exportGraph();
    void exportReport();
    // Opens a compare tab for two paths; the labels name them in the view.
    void comparePaths(const NetworkPath &first, const QString &firstLabel,
                      const NetworkPath &second, const QString &secondLabel);
    // Reads NetworkPath files off the GUI thread: two are compared, more make a timeline.
    void compareFiles(const QStringList &fileNames);
    // Two paths open a compare tab, more a timeline tab; `labels` name them.
    void compareSeveral(const std::vector<NetworkPath> &paths, const QStringList &labels);

    QStringList recentFiles() const;
    HistoryPanel *historyPanel() const { return m_historyPanel; }
    SessionsPanel *sessionsPanel() const { return m_sessionsPanel; }
    HistoryService *history() const { return m_history; }
    // The tray icon that keeps monitoring on while the window is closed.
    MonitoringTray *tray() const { return m_tray; }
    // Closes the window and ends its sessions, whether or not the tray would keep them.
    void quit();
    // Opens the local files among dropped URLs; false when there were none.
    bool openDropped(const QMimeData *mime);

Q_SIGNALS:
    // A save has ended, written or not.
    void saved(const QString &fileName, bool written);

protected:
    void dragEnterEvent(QDragEnterEvent *event) override;
    void dropEvent(QDropEvent *event) override;
    // With sessions monitoring and a tray to go to, closing hides the window instead.
    void closeEvent(QCloseEvent *event) override;
    void showEvent(QShowEvent *event) override;

private:
    static QStringList droppedFiles(const QMimeData *mime);
    void rememberRecentFile(const QString &fileName);
    void updateRecentMenu();
    void createMenus();
    void createHistory();
    void createSessions();
    void showPath(const NetworkPath &path, const QString &origin, const QString &toolTip);
    void keepInHistory(TraceTab *tab);
    // Asks whether to go on with monitoring sessions that were interrupted.
    void offerToResume(const std::vector<HistoryEntry> &interrupted);
    // Keeps the owners the window's lookup learnt over the network, for later runs.
    void keepLearntOwners();
    void chooseFilesToOpen();
    void chooseFilesToCompare();
    void closeTab(int index);
    void updateEmptyState();
    void updateStatus();
    std::optional<NetworkPath> currentPath() const;
    // The current tab's path, or empty with the reason in the status bar.
    std::optional<NetworkPath> pathToSave();
    void writePath(NetworkPath path, const QString &fileName);

    QString m_helperProgram;
    TargetBar *m_targetBar;
    QTabWidget *m_tabs;
    QLabel *m_emptyHint;
    QLabel *m_status;
    PathFileLoader *m_loader;
    QMenu *m_recentMenu = nullptr;
    HistoryService *m_history;
    HistoryPanel *m_historyPanel;
    SessionsPanel *m_sessionsPanel;
    HelperPermission *m_permission;
    AlertNotifier *m_alertNotifier;
    MonitoringTray *m_tray = nullptr;
    bool m_quitting = false;
};

} // namespace hopscope
