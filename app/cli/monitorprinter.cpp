#include "monitorprinter.h"

#include "clioutput.h"
#include "report/monitortexttable.h"
#include "report/pathtexttable.h"
#include "report/textformat.h"
#include "telemetry/networkpathtelemetry.h"

#include <algorithm>
#include <cstdio>

namespace hopscope::cli {

namespace {

// How many of the latest route changes the screen keeps under the table.
constexpr std::size_t kChangesOnScreen = 8;

std::string roundOutcome(const NetworkPath &path)
{
    for (const PathHop &hop : path.hops) {
        if (hop.reachable && hop.ipAddress == path.destination.ipAddress) {
            char rtt[32] = "";
            if (hop.rttMs)
                std::snprintf(rtt, sizeof rtt, " in %.3f ms", *hop.rttMs);
            return "reached at TTL " + std::to_string(hop.ttl) + rtt;
        }
    }
    return "destination not reached (" + std::to_string(path.maxTtl()) + " TTLs probed)";
}

std::string changeLines(const std::vector<RouteChange> &changes)
{
    std::string text;
    for (const RouteChange &change : changes)
        text += "route change in " + formatRouteChangeLine(change) + "\n";
    return text;
}

} // namespace

MonitorPrinter::MonitorPrinter(const MonitorSession &session, Style style, std::FILE *stream, Telemetry telemetry)
    : m_session(session), m_style(style), m_stream(stream), m_telemetry(std::move(telemetry))
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

void MonitorPrinter::roundFinished(int round, const NetworkPath &path, const std::vector<RouteChange> &changes,
                                   double durationSeconds)
{
    if (m_telemetry.sender)
        submitNetworkPathTelemetry(*m_telemetry.sender, path, durationSeconds, m_telemetry.intervalSeconds,
                                   m_telemetry.tags);
    if (m_style == Style::Screen) {
        redraw(path);
        return;
    }
    write("round " + std::to_string(round) + ": " + roundOutcome(path) + "\n" + changeLines(changes));
}

void MonitorPrinter::roundFailed(int round, const Error &error)
{
    write("round " + std::to_string(round) + ": failed: " + error.message + "\n");
}

void MonitorPrinter::redraw(const NetworkPath &path)
{
    std::string screen = "\x1b[H\x1b[2J"; // home, clear
    screen += "Hopscope monitor: " + formatPathTarget(path) + "; round " + std::to_string(m_session.latestRound()) + " at "
              + formatUtc(m_session.latestRoundUs() / 1000) + "\n\n";
    screen += formatMonitorTable(m_session.hops(), m_session.latestRound());
    const auto &changes = m_session.routeChanges();
    if (!changes.empty()) {
        screen += "\nRoute changes (" + std::to_string(changes.size() + m_session.forgottenRouteChanges()) + "):\n";
        const std::size_t first = changes.size() > kChangesOnScreen ? changes.size() - kChangesOnScreen : 0;
        for (std::size_t i = first; i < changes.size(); ++i)
            screen += "  " + formatRouteChangeLine(changes[i]) + "\n";
    }
    screen += "\nCtrl+C stops and prints the report.\n";
    write(screen);
}

std::string formatMonitorReport(const NetworkPath &path)
{
    if (!path.hopscope || !path.hopscope->monitor)
        return {};
    const MonitorSummary &summary = *path.hopscope->monitor;
    std::string report = formatPathTarget(path) + ": " + std::to_string(summary.rounds)
                         + (summary.rounds == 1 ? " round" : " rounds");
    if (summary.failedRounds > 0)
        report += " (" + std::to_string(summary.failedRounds) + " more failed)";
    report += " from " + formatUtc(summary.startedUs / 1000) + " to " + formatUtc(summary.endedUs / 1000) + "\n\n";
    int latestRound = 0;
    for (const MonitorHop &hop : summary.hops)
        latestRound = std::max(latestRound, hop.lastRound);
    report += formatMonitorTable(summary.hops, latestRound);
    const std::size_t changes = summary.routeChanges.size() + static_cast<std::size_t>(summary.forgottenRouteChanges);
    report += "\n" + std::to_string(changes) + (changes == 1 ? " route change" : " route changes");
    report += changes == 0 ? ".\n" : ":\n";
    for (const RouteChange &change : summary.routeChanges)
        report += "  " + formatRouteChangeLine(change) + "\n";
    return report;
}

} // namespace hopscope::cli
