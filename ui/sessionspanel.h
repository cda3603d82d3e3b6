// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <QStringList>
#include <QWidget>

class QTableView;

namespace hopscope {

class SessionSummaryModel;
class TraceSession;

// The summary of every monitoring session, one row each with the destination's latest probes
// drawn as a line, and the lists of targets to monitor together: one read starts a session for
// each of its targets, and the targets being monitored can be kept as one. Activating a row
// (double-click, Enter) asks for that session's tab.
class SessionsPanel final : public QWidget
{
    Q_OBJECT

public:
    explicit SessionsPanel(QWidget *parent = nullptr);
    SessionSummaryModel *summary() const { return m_summary; }
    QTableView *table() const { return m_table; }

    // Reads a list of targets and asks to monitor them; a list that cannot be used is refused
    // with a message naming the file and the line.
    void monitorList(const QString &fileName);
    // Writes the targets of the sessions listed, one a line.
    void saveList(const QString &fileName);

public Q_SLOTS:
    // Ask for the file first.
    void chooseListToMonitor();
    void chooseWhereToSave();

Q_SIGNALS:
    void sessionActivated(hopscope::TraceSession *session);
    void monitorRequested(const QStringList &targets);
    void message(const QString &text);

private:
    SessionSummaryModel *m_summary;
    QTableView *m_table;
};

} // namespace hopscope
