// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "ui/sessionhistorylink.h"

#include "ui/historyservice.h"
#include "ui/tracesession.h"

namespace hopscope {

SessionHistoryLink::SessionHistoryLink(TraceSession *session, HistoryService *history)
    : QObject(session), m_session(session), m_history(history)
{
    connect(session, &TraceSession::roundSettled, this, [this] {
        const MonitorRound *round = m_session->lastRound();
        if (!m_history || !round)
            return;
        const PathModel &model = m_session->model();
        m_history->keepRound(m_session->runId(), m_session->intervalMs(), model.header(), *round,
                             describeForHistory(model.header(), model));
    });
    connect(session, &TraceSession::alertsNoted, this,
            [this](const std::vector<AlertEvent> &events) {
                if (m_history)
                    m_history->keepAlerts(m_session->runId(), m_session->intervalMs(), events);
            });
    connect(session, &TraceSession::stateChanged, this, &SessionHistoryLink::onStateChanged);
}

SessionHistoryLink::~SessionHistoryLink()
{
    if (!m_ended && m_history)
        m_history->endRunFromRounds(m_run);
}

void SessionHistoryLink::onStateChanged()
{
    using State = TraceSession::State;
    const State state = m_session->state();
    if (m_session->isLoaded())
        return;
    if (state == State::Preparing) {
        m_run = m_session->runId();
        m_ended = false;
        return;
    }
    if (m_ended || (state != State::Finished && state != State::Stopped && state != State::Failed))
        return;
    m_ended = true;
    if (!m_history)
        return;
    // Every trace and session that ends with something to show is kept, once; a session that
    // failed after some rounds ends with them.
    if (const auto path = m_session->result())
        m_history->endRun(m_run, *path);
    else
        m_history->endRunFromRounds(m_run);
}

} // namespace hopscope
