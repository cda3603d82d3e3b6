// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <QObject>
#include <QPointer>

class QAction;
class QSystemTrayIcon;
class QWidget;

namespace hopscope {

class SessionSummaryModel;

// Lets monitoring go on with the window closed: while sessions monitor, closing the window hides
// it and shows an icon in the desktop's tray instead, whose tooltip names the sessions and the
// alerts that hold, and whose menu shows the window again or quits. Where the desktop has no tray,
// or the user turned it off, closing the window quits as it always did.
class MonitoringTray final : public QObject
{
    Q_OBJECT

public:
    // `available`: whether the desktop has a tray (QSystemTrayIcon::isSystemTrayAvailable()).
    MonitoringTray(QWidget *window, SessionSummaryModel *sessions, bool available);

    // The user's choice, kept in the settings; on unless turned off.
    static bool keepsMonitoringWhenClosed();
    static void setKeepsMonitoringWhenClosed(bool keep);

    bool isAvailable() const { return m_available; }
    void setAvailable(bool available) { m_available = available; }
    // Whether closing the window now should hide it to the tray rather than quit.
    bool takesOverOnClose() const;
    // The window was hidden to the tray: the icon shows, and the first time it says so.
    void windowHidden();
    // The window is shown again: the icon goes.
    void windowShown();

    int monitoringCount() const;
    // What the icon's tooltip says: the sessions monitoring and the alerts that hold.
    QString summary() const;
    QSystemTrayIcon *icon() const { return m_icon; }

Q_SIGNALS:
    void showRequested();
    void quitRequested();

private:
    // The tooltip and icon follow the sessions only while the icon shows: fifty sessions change
    // their rows several times a second, for an icon nobody sees while the window is open.
    void refresh();
    void describe();
    // "target: rule, rule" for each session with an alert that holds.
    QStringList heldAlerts() const;

    QPointer<QWidget> m_window;
    SessionSummaryModel *m_sessions;
    bool m_available;
    QSystemTrayIcon *m_icon;
    bool m_told = false; // the first hiding is explained once per run
};

} // namespace hopscope
