// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "ui/alertnotifier.h"

#include "client/alertcommand.h"
#include "report/pathtexttable.h"
#include "ui/alertsettings.h"

#include <QApplication>
#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QVariantMap>

namespace hopscope {

void AlertNotifier::tell(const AlertEvent &event, const NetworkPath &header)
{
    const AlertSettings settings = AlertSettings::load();
    const QString target = QString::fromStdString(formatPathTarget(header));
    const QString message = QString::fromStdString(describeAlertEvent(event));
    Q_EMIT told(QStringLiteral("%1: %2").arg(target, message));
    if (settings.notify)
        notify(event.raised ? tr("Alert: %1").arg(target) : tr("Alert cleared: %1").arg(target),
               message, event.raised);
    if (settings.beep && event.raised)
        QApplication::beep();
    if (!settings.command.isEmpty())
        if (const Status started = runAlertCommand(settings.command, event, header); !started)
            Q_EMIT told(tr("The alert command could not be run: %1")
                            .arg(QString::fromStdString(started.error().message)));
}

void AlertNotifier::notify(const QString &summary, const QString &body, bool raised)
{
    const auto failed = [this](const QString &why) {
        if (m_notificationsFailed)
            return;
        m_notificationsFailed = true;
        Q_EMIT told(tr("Desktop notifications are not available: %1").arg(why));
    };
    QDBusConnection bus = QDBusConnection::sessionBus();
    if (!bus.isConnected()) {
        failed(tr("there is no session bus"));
        return;
    }
    QDBusMessage call = QDBusMessage::createMethodCall(
        QStringLiteral("org.freedesktop.Notifications"),
        QStringLiteral("/org/freedesktop/Notifications"),
        QStringLiteral("org.freedesktop.Notifications"), QStringLiteral("Notify"));
    // Urgency: critical for a condition that begins, normal for one that ends.
    const QVariantMap hints{{QStringLiteral("urgency"), QVariant::fromValue<uchar>(raised ? 2 : 1)},
                            {QStringLiteral("desktop-entry"), QStringLiteral("hopscope")}};
    call << QStringLiteral("Hopscope") << 0U << QStringLiteral("hopscope") << summary << body
         << QStringList() << hints << -1;
    auto *watcher = new QDBusPendingCallWatcher(bus.asyncCall(call), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this,
            [failed](QDBusPendingCallWatcher *finished) {
                const QDBusPendingReply<uint> reply = *finished;
                if (reply.isError())
                    failed(reply.error().message());
                finished->deleteLater();
            });
}

} // namespace hopscope
