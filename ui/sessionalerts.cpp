// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "ui/sessionalerts.h"

#include "ui/alertnotifier.h"
#include "ui/alertsettings.h"
#include "ui/tracesession.h"

namespace hopscope {

SessionAlerts::SessionAlerts(TraceSession *session, AlertNotifier *notifier)
    : QObject(session), m_session(session), m_notifier(notifier)
{
    connect(session, &TraceSession::stateChanged, this, &SessionAlerts::onStateChanged);
    connect(session, &TraceSession::roundSettled, this, &SessionAlerts::onRoundSettled);
}

void SessionAlerts::onStateChanged()
{
    if (m_session->state() != TraceSession::State::Preparing)
        return;
    m_watch.reset();
    if (m_session->mode() == TraceSession::Mode::Monitor && !m_session->isLoaded())
        if (auto rules =
                AlertSettings::load().rulesFor(QString::fromStdString(m_session->request().target));
            !rules.empty())
            m_watch.emplace(std::move(rules));
    if (!m_active.isEmpty()) {
        m_active.clear();
        Q_EMIT activeChanged();
    }
}

void SessionAlerts::onRoundSettled()
{
    const MonitorRound *round = m_session->lastRound();
    if (!m_watch || !round)
        return;
    const PathModel &model = m_session->model();
    const auto events = m_watch->roundSettled(round->number, round->startedUs, round->destination,
                                              round->probes, m_session->lastRoundChanges());
    const QStringList before = m_active;
    for (const AlertEvent &event : events) {
        const QString rule = QString::fromStdString(event.rule.text);
        // A route change is an event, not a condition that holds.
        if (event.rule.kind != AlertRule::Kind::RouteChange) {
            if (event.raised && !m_active.contains(rule))
                m_active << rule;
            else if (!event.raised)
                m_active.removeAll(rule);
        }
        if (m_notifier)
            m_notifier->tell(event, model.header());
    }
    m_session->noteAlerts(events);
    if (m_active != before)
        Q_EMIT activeChanged();
}

} // namespace hopscope
