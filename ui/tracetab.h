// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "ui/tracesession.h"

#include <QWidget>

#include <deque>
#include <optional>
#include <utility>

class QComboBox;
class QLabel;
class QPushButton;
class QTableView;
class QTimer;

namespace hopscope {

class DegradedBanner;
class HelperPermission;
class HopGraphView;
class HopTableModel;
class HopTableView;
class RttChartView;

// One trace or monitoring session on screen: a banner when probing is degraded, the hop graph
// above, the hop table and the RTT chart below. Views refresh on timers while data streams in,
// so that a burst of probes costs one repaint. A period chosen on a monitoring session's chart
// focuses the table and the graph on it, with its verdict in a bar above, until the whole
// session is asked for again; the period opens in a tab of its own to be saved or reported.
class TraceTab : public QWidget
{
    Q_OBJECT

public:
    explicit TraceTab(const QString &helperProgram, QWidget *parent = nullptr);

    void start(const TraceRequest &request, TraceSession::Mode mode, int intervalMs);
    // Goes on with an interrupted monitoring session from the history.
    void resume(PathModel earlier, int intervalMs);
    void stop();
    // Shows a saved path with every view, titled by where it came from.
    void showSaved(const NetworkPath &path, const QString &origin);
    QString origin() const { return m_origin; }

    TraceSession *session() const { return m_session; }
    HopGraphView *graph() const { return m_graph; }
    RttChartView *chart() const { return m_chart; }
    QTableView *table() const;
    HopTableModel *hopModel() const { return m_model; }
    DegradedBanner *banner() const { return m_banner; }
    // Where the banner's "Grant Permission" goes; once granted, the next trace asks the helper
    // again.
    void setHelperPermission(HelperPermission *permission);

    // "example.com" while idle after a start; "New trace" before.
    QString title() const;
    // Mode, progress, elapsed time and any error, for the status line.
    QString statusText() const;
    // Copies the table as aligned text.
    void copyTable() const;

    // A monitoring session's period, Unix milliseconds, as the table and graph show it instead of
    // the whole session; what the bar above them says.
    void focusOn(qint64 fromMs, qint64 toMs);
    const PathModel *focus() const { return m_focus ? &*m_focus : nullptr; }
    QLabel *focusText() const { return m_focusText; }
    QPushButton *openPeriodButton() const { return m_openPeriod; }

public Q_SLOTS:
    // Back from a period to the whole session.
    void showWholeSession();

Q_SIGNALS:
    void titleChanged();
    void statusChanged();
    // The focused period, to be shown in a tab of its own.
    void periodOpened(const hopscope::NetworkPath &path, const QString &origin);

protected:
    void showEvent(QShowEvent *event) override;

private:
    void clearViews(TraceSession::Mode mode);
    void refreshViews();
    void refreshChart();
    void showDegraded(const QString &reason);
    void syncSelectionFromTable();
    const PathModel &shownModel() const;
    QString periodName() const;

    QString m_helperProgram;
    TraceSession *m_session;
    DegradedBanner *m_banner;
    HelperPermission *m_permission = nullptr;
    HopGraphView *m_graph;
    HopTableModel *m_model;
    HopTableView *m_table;
    RttChartView *m_chart;
    QComboBox *m_window;
    QTimer *m_refresh;
    QTimer *m_chartRefresh;
    QWidget *m_focusBar;
    QLabel *m_focusText;
    QPushButton *m_openPeriod;
    std::optional<PathModel> m_focus; // the period the table and graph show
    QString m_graphSource;
    QString m_origin; // the file or history entry a saved path came from
    QString m_notice; // the latest thing the session said about how it probes, or a failed round
    bool m_dirty = false;
    bool m_chartDirty = false;
};

} // namespace hopscope
