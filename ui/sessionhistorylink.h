// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <QObject>
#include <QPointer>

namespace hopscope {

class HistoryService;
class TraceSession;

// Keeps what a tab's session runs in the history: a monitoring session round by round as each
// settles (and its alerts as they are raised and cleared), so that a crash loses the round under
// way at most, and every trace and session whole when it ends. A session whose tab goes away while
// it runs is ended from the rounds kept; one still running when the window's history closes stays
// interrupted, to be resumed.
class SessionHistoryLink final : public QObject
{
    Q_OBJECT

public:
    // Belongs to `session`.
    SessionHistoryLink(TraceSession *session, HistoryService *history);
    ~SessionHistoryLink() override;

private:
    void onStateChanged();

    TraceSession *m_session;
    QPointer<HistoryService> m_history;
    quint64 m_run = 0;   // the run being kept, 0 when none
    bool m_ended = true; // its whole path has been handed over
};

} // namespace hopscope
