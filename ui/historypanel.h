// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "store/historystore.h"

#include <QWidget>

class QComboBox;
class QLineEdit;
class QPushButton;
class QTableView;
class QTimer;

namespace hopscope {

class HistoryModel;
class HistoryService;

// Every trace and session kept in the history: search by target, protocol and date; open,
// compare two, rename, tag, delete (with undo) and export; and how long the history keeps what
// was saved (Keep: forever, or so many days, applied now, at each start and every few hours).
class HistoryPanel : public QWidget
{
    Q_OBJECT

public:
    HistoryPanel(HistoryService *service, QWidget *parent = nullptr);

    QTableView *table() const { return m_table; }
    QComboBox *keep() const { return m_keep; }
    QLineEdit *search() const { return m_search; }
    HistoryModel *model() const { return m_model; }
    QList<qint64> selectedIds() const;
    HistoryQuery query() const;

public Q_SLOTS:
    void refresh();
    void openSelected();
    // Goes on with the selected interrupted monitoring sessions, each in a tab.
    void resumeSelected();
    void compareSelected();
    void renameSelected();
    void tagSelected();
    void deleteSelected();
    void undoDelete();

Q_SIGNALS:
    void openRequested(qint64 id);
    // Two or more entries, oldest first: two are compared, more make a timeline.
    void compareRequested(const QList<qint64> &ids);
    void exportRequested(qint64 id);
    void resumeRequested(qint64 id);
    // The first list shown after start-up holds monitoring sessions that were interrupted (a
    // crash, a power cut, the window closed as they ran): the entries, newest first.
    void interruptedFound(const std::vector<hopscope::HistoryEntry> &entries);
    void message(const QString &text);

private:
    void updateActions();
    // The one entry selected, or none when zero or several are. Read it before a dialog: a
    // refresh while the dialog is open replaces the entries.
    const HistoryEntry *selectedEntry() const;

    HistoryService *m_service;
    HistoryModel *m_model;
    QLineEdit *m_search;
    QComboBox *m_protocol;
    QComboBox *m_period;
    QTableView *m_table;
    QPushButton *m_open;
    QPushButton *m_compare;
    QPushButton *m_undo;
    QComboBox *m_keep;
    QTimer *m_retention;
    QTimer *m_refreshSoon;
    bool m_listedOnce = false;
};

} // namespace hopscope
