// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "monitorprinter.h"

#include "clioutput.h"
#include "report/monitortexttable.h"
#include "report/pathtexttable.h"
#include "report/textformat.h"
#include "telemetry/networkpathtelemetry.h"

#include <algorithm>
#include <cstdio>
#include <utility>

namespace hopscope::cli {

namespace {

// How many of the latest route changes the screen keeps under the table.
constexpr std::size_t kChangesOnScreen = 8;
constexpr std::size_t kAlertsOnScreen = 6;

// What the latest round found: where the destination answered, and its latest round trip.
std::string roundOutcome(const PathModel &model)
{
    if (const auto ttl = model.destinationTtl()) {
        for (const MonitorHop &hop : model.hops()) {
            if (hop.ttl != *ttl || !hop.destination || !hop.onRoute(model.routeRound()))
                continue;
            char rtt[32] = "";
            if (hop.stats.lastMs)
                std::snprintf(rtt, sizeof rtt, " in %.3f ms", *hop.stats.lastMs);
            return "reached at TTL " + std::to_string(*ttl) + rtt;
        }
    }
    return "destination not reached (" + std::to_string(model.lastTtl()) + " TTLs probed)";
}

std::string changeLines(const std::vector<RouteChange> &changes)
{
    std::string text;
    for (const RouteChange &change : changes)
        text += "route change in " + formatRouteChangeLine(change) + "\n";
    return text;
}

} // namespace

MonitorPrinter::MonitorPrinter(Style style, std::FILE *stream, Telemetry telemetry)
    : m_style(style), m_stream(stream), m_telemetry(std::move(telemetry))
{
}

void MonitorPrinter::write(const std::string &text)
{
    std::fwrite(text.data(), 1, text.size(), m_stream);
    std::fflush(m_stream);
}

void MonitorPrinter::notice(const std::string &message)
{
    // Every round would repeat how it probes: say it once.
    if (std::find(m_noticesShown.begin(), m_noticesShown.end(), message) != m_noticesShown.end())
        return;
    m_noticesShown.push_back(message);
    printError("monitor: " + message);
}

void MonitorPrinter::alerted(const std::vector<AlertEvent> &events)
{
    m_pendingAlerts.insert(m_pendingAlerts.end(), events.begin(), events.end());
}

void MonitorPrinter::roundFinished(int round, const PathModel &model,
                                   const std::vector<RouteChange> &changes, double durationSeconds)
{
    if (m_telemetry.sender)
        submitNetworkPathTelemetry(*m_telemetry.sender, model, durationSeconds,
                                   m_telemetry.intervalSeconds, m_telemetry.tags);
    std::string alerts;
    for (const AlertEvent &event : std::exchange(m_pendingAlerts, {})) {
        const std::string line = formatUtc(event.timeUs / 1000) + " " + describeAlertEvent(event);
        alerts += line + "\n";
        m_recentAlerts.push_back(line);
        if (m_recentAlerts.size() > kAlertsOnScreen)
            m_recentAlerts.pop_front();
    }
    if (m_style == Style::Screen) {
        redraw(model);
        return;
    }
    write("round " + std::to_string(round) + ": " + roundOutcome(model) + "\n" +
          changeLines(changes) + alerts);
}

void MonitorPrinter::roundFailed(int round, const Error &error)
{
    write("round " + std::to_string(round) + ": failed: " + error.message + "\n");
}

void MonitorPrinter::redraw(const PathModel &model)
{
    std::string screen = "\x1b[H\x1b[2J"; // home, clear
    screen += "Hopscope monitor: " + formatPathTarget(model.header()) + "; round " +
              std::to_string(model.latestRound()) + " at " +
              formatUtc(model.latestRoundUs() / 1000) + "\n\n";
    screen += formatMonitorTable(model.header(), model.hops(), model.routeRound());
    const auto &changes = model.routeChanges();
    if (!changes.empty()) {
        screen += "\nRoute changes (" +
                  std::to_string(changes.size() + model.forgottenRouteChanges()) + "):\n";
        const std::size_t first =
            changes.size() > kChangesOnScreen ? changes.size() - kChangesOnScreen : 0;
        for (std::size_t i = first; i < changes.size(); ++i)
            screen += "  " + formatRouteChangeLine(changes[i]) + "\n";
    }
    if (!m_recentAlerts.empty()) {
        screen += "\nAlerts:\n";
        for (const std::string &line : m_recentAlerts)
            screen += "  " + line + "\n";
    }
    screen += "\nCtrl+C stops and prints the report.\n";
    write(screen);
}

} // namespace hopscope::cli
