// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "monitor/alertwatch.h"

#include <QObject>
#include <QStringList>

#include <optional>

namespace hopscope {

class AlertNotifier;
class TraceSession;

// Watches one tab's monitoring sessions for the alert rules, as the CLI's --alert does: the rules
// in the settings when a session starts, judged round by round as each settles; the alerts go to
// the window's notifier and into the session (TraceSession::noteAlerts).
class SessionAlerts final : public QObject
{
    Q_OBJECT

public:
    SessionAlerts(TraceSession *session, AlertNotifier *notifier);

    // The rules whose condition holds now, as written.
    const QStringList &active() const { return m_active; }

Q_SIGNALS:
    void activeChanged();

private:
    void onStateChanged();
    void onRoundSettled();

    TraceSession *m_session;
    AlertNotifier *m_notifier;
    std::optional<AlertWatch> m_watch;
    QStringList m_active;
};

} // namespace hopscope
