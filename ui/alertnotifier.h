// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "monitor/alertwatch.h"
#include "path/networkpath.h"

#include <QObject>
#include <QString>

namespace hopscope {

// Tells an alert the ways the alert settings ask for: always in the window (told), and a desktop
// notification through the freedesktop notification service on the session bus, a beep, and the
// alert command. A way that fails is said once in the window, and the others go on.
class AlertNotifier final : public QObject
{
    Q_OBJECT

public:
    using QObject::QObject;

    void tell(const AlertEvent &event, const NetworkPath &header);

Q_SIGNALS:
    // One line for the status bar: the alert, or why a way of telling it failed.
    void told(const QString &message);

private:
    void notify(const QString &summary, const QString &body, bool raised);

    bool m_notificationsFailed = false;
};

} // namespace hopscope
