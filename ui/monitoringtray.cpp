// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "ui/monitoringtray.h"

#include "ui/sessionsummarymodel.h"
#include "ui/tracesession.h"

#include <QApplication>
#include <QMenu>
#include <QSettings>
#include <QStyle>
#include <QSystemTrayIcon>
#include <QWidget>

namespace hopscope {

namespace {

const QString kKeepKey = QStringLiteral("window/keepMonitoringWhenClosed");

} // namespace

MonitoringTray::MonitoringTray(QWidget *window, SessionSummaryModel *sessions, bool available)
    : QObject(window), m_window(window), m_sessions(sessions), m_available(available),
      m_icon(new QSystemTrayIcon(this))
{
    auto *menu = new QMenu(window);
    menu->addAction(tr("&Show Hopscope"), this, &MonitoringTray::showRequested);
    menu->addAction(tr("&Quit Hopscope"), this, &MonitoringTray::quitRequested);
    m_icon->setContextMenu(menu);
    connect(m_icon, &QSystemTrayIcon::activated, this,
            [this](QSystemTrayIcon::ActivationReason reason) {
                if (reason == QSystemTrayIcon::Trigger || reason == QSystemTrayIcon::DoubleClick)
                    Q_EMIT showRequested();
            });
    // A row's alerts or state change as its session goes on: the tooltip and icon follow.
    connect(sessions, &QAbstractItemModel::dataChanged, this, &MonitoringTray::refresh);
    connect(sessions, &QAbstractItemModel::rowsInserted, this, &MonitoringTray::refresh);
    connect(sessions, &QAbstractItemModel::rowsRemoved, this, &MonitoringTray::refresh);
    describe();
}

bool MonitoringTray::keepsMonitoringWhenClosed()
{
    return QSettings().value(kKeepKey, true).toBool();
}

void MonitoringTray::setKeepsMonitoringWhenClosed(bool keep)
{
    QSettings().setValue(kKeepKey, keep);
}

bool MonitoringTray::takesOverOnClose() const
{
    return m_available && keepsMonitoringWhenClosed() && monitoringCount() > 0;
}

int MonitoringTray::monitoringCount() const
{
    int count = 0;
    for (int row = 0; row < m_sessions->rowCount(); ++row)
        if (const TraceSession *session = m_sessions->sessionAt(row);
            session && session->isActive() && session->mode() == TraceSession::Mode::Monitor)
            ++count;
    return count;
}

QStringList MonitoringTray::heldAlerts() const
{
    QStringList alerts;
    for (int row = 0; row < m_sessions->rowCount(); ++row) {
        const QString held = m_sessions->index(row, SessionSummaryModel::Alerts).data().toString();
        if (!held.isEmpty())
            alerts << tr("%1: %2").arg(
                m_sessions->index(row, SessionSummaryModel::Target).data().toString(), held);
    }
    return alerts;
}

QString MonitoringTray::summary() const
{
    const QStringList alerts = heldAlerts();
    const int count = monitoringCount();
    QString text = count == 1 ? tr("Hopscope: monitoring 1 target")
                              : tr("Hopscope: monitoring %1 targets").arg(count);
    if (!alerts.isEmpty())
        text += QLatin1Char('\n') + tr("Alerts: %1").arg(alerts.join(QStringLiteral("; ")));
    return text;
}

void MonitoringTray::windowHidden()
{
    describe();
    m_icon->show();
    if (m_told)
        return;
    m_told = true;
    m_icon->showMessage(tr("Hopscope goes on monitoring"),
                        tr("The window is closed, the sessions go on. Choose Quit Hopscope from "
                           "this icon's menu to stop them."),
                        QSystemTrayIcon::Information, 8000);
}

void MonitoringTray::windowShown()
{
    m_icon->hide();
}

void MonitoringTray::refresh()
{
    if (m_icon->isVisible())
        describe();
}

void MonitoringTray::describe()
{
    m_icon->setToolTip(summary());
    // An alert that holds shows on the icon itself, as the window is not there to show it.
    m_icon->setIcon(!heldAlerts().isEmpty()
                        ? QApplication::style()->standardIcon(QStyle::SP_MessageBoxWarning)
                    : m_window ? m_window->windowIcon()
                               : QIcon());
}

} // namespace hopscope
