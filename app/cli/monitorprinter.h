// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "monitor/alertwatch.h"
#include "telemetry/metricsender.h"
#include "trace/tracerun.h"

#include <cstdio>
#include <deque>
#include <string>
#include <vector>

namespace hopscope::cli {

// Shows a monitoring session as it runs. On a terminal it redraws an mtr-style table after
// every round; otherwise it writes one line per round and one per route change, so that a log
// or a script can follow. Sends each round's telemetry when a sender is given.
class MonitorPrinter : public RunObserver
{
public:
    enum class Style { Screen, Lines };

    struct Telemetry
    {
        MetricSender *sender = nullptr;
        std::vector<std::string> tags;
        double intervalSeconds = 0.0;
    };

    MonitorPrinter(Style style, std::FILE *stream, Telemetry telemetry);

    void notice(const std::string &message) override;
    // Alerts the round about to be reported raised or cleared: printed after its line, or kept
    // on the screen below the table.
    void alerted(const std::vector<AlertEvent> &events);
    void roundFinished(int round, const PathModel &model, const std::vector<RouteChange> &changes,
                       double durationSeconds) override;
    void roundFailed(int round, const Error &error) override;

private:
    void write(const std::string &text);
    void redraw(const PathModel &model);

    Style m_style;
    std::FILE *m_stream;
    Telemetry m_telemetry;
    std::vector<std::string> m_noticesShown;
    std::vector<AlertEvent> m_pendingAlerts;
    std::deque<std::string> m_recentAlerts; // the latest few, for the screen
};

} // namespace hopscope::cli
