// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "path/networkpath.h"
#include "ui/tracesession.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QPushButton;
class QSpinBox;
class QToolButton;

namespace hopscope {

// What to trace and how: host (with history), protocol, port, the less common options behind an
// Options button, Trace or Monitor, and Start/Stop. Remembers everything between runs.
class TargetBar : public QWidget
{
    Q_OBJECT

public:
    explicit TargetBar(QWidget *parent = nullptr);

    // The request as entered; `error` says what is wrong with it.
    TraceRequest request(QString *error) const;
    TraceSession::Mode mode() const;
    int intervalMs() const;

    void setRunning(bool running);
    void rememberTarget(const QString &host);
    void focusTarget();

    QComboBox *targetBox() const { return m_target; }
    QPushButton *startButton() const { return m_start; }
    void setMode(TraceSession::Mode mode);

Q_SIGNALS:
    void startRequested();
    void stopRequested();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QWidget *createOptionsPanel();
    void loadSettings();
    void saveSettings() const;
    void updatePortForProtocol();

    QComboBox *m_target;
    QComboBox *m_protocol;
    QSpinBox *m_port;
    QToolButton *m_options;
    QToolButton *m_traceMode;
    QToolButton *m_monitorMode;
    QPushButton *m_start;
    // The options panel.
    QSpinBox *m_maxTtl;
    QSpinBox *m_timeout;
    QSpinBox *m_queries;
    // Trace and Monitor each keep their own probes per TTL (3 and 1 by default); the spin box
    // shows the current mode's, this holds the other's.
    int m_queriesOfOtherMode = 1;
    QSpinBox *m_flows;
    QSpinBox *m_sourcePort; // 0: chosen by the system
    QComboBox *m_traceOrder;
    QComboBox *m_family;
    QSpinBox *m_dscp;
    QCheckBox *m_pathMtu; // a single trace only
    QSpinBox *m_interval;
    bool m_running = false;
};

} // namespace hopscope
