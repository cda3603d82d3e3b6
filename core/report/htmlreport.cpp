// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "report/comparisonreport.h"
#include "report/reportcontent.h"

#include "report/comparisonformat.h"

#include "report/monitortexttable.h"
#include "report/pathtexttable.h"
#include "report/svgfigures.h"
#include "report/textformat.h"
#include "version.h"

namespace hopscope {

namespace {

constexpr const char *kStyle = R"(
body { font-family: sans-serif; color: #1f2933; margin: 24px auto; max-width: 1100px; padding: 0 16px; }
h1 { font-size: 22px; margin-bottom: 4px; }
h2 { font-size: 17px; margin-top: 28px; border-bottom: 1px solid #e4e7eb; padding-bottom: 4px; }
.verdict { background: #f5f7fa; border-left: 4px solid #3e7cb1; padding: 8px 16px 8px 32px; }
.verdict li { margin: 4px 0; }
table { border-collapse: collapse; font-size: 13px; }
th, td { padding: 4px 8px; border-bottom: 1px solid #e4e7eb; text-align: left; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
tr.off td { color: #9aa5b1; }
tr.changed td { background: #f3e5f5; }
figcaption { color: #52606d; font-size: 13px; }
table.facts td { border: none; padding: 2px 16px 2px 0; }
table.facts td.k { color: #52606d; }
figure { margin: 12px 0; overflow-x: auto; }
svg { max-width: 100%; height: auto; }
pre { background: #f5f7fa; padding: 8px 12px; overflow-x: auto; }
)";

std::string cell(const std::string &text, bool numeric = false)
{
    return std::string(numeric ? "<td class=\"n\">" : "<td>") + escapeXml(text) + "</td>";
}

std::string term(const std::string &name, const std::string &value)
{
    return "<tr><td class=\"k\">" + escapeXml(name) + "</td><td>" + escapeXml(value) +
           "</td></tr>\n";
}

// The document up to its heading and the verdict box.
std::string opening(const std::string &heading, const std::vector<std::string> &verdictLines)
{
    std::string html = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\" />\n"
                       "<meta name=\"generator\" content=\"Hopscope " +
                       std::string(kVersion) +
                       "\" />\n"
                       "<title>" +
                       escapeXml(heading) + "</title>\n<style>" + kStyle +
                       "</style>\n</head>\n<body>\n";
    html += "<h1>" + escapeXml(heading) + "</h1>\n<ul class=\"verdict\">\n";
    for (const std::string &line : verdictLines)
        html += "<li>" + escapeXml(line) + "</li>\n";
    return html + "</ul>\n";
}

// The report's own facts: what made it, when, and what it hides.
std::string reportTerms(std::int64_t generatedAtMs, const Redaction &redaction)
{
    std::string html =
        term("Report", "Hopscope " + std::string(kVersion) + ", " + formatUtc(generatedAtMs));
    if (redaction.any())
        html += term("Redacted", describeRedaction(redaction));
    return html;
}

std::string reproduceSection(const std::string &heading, const std::string &command)
{
    return command.empty()
               ? std::string()
               : "<h2>" + escapeXml(heading) + "</h2>\n<pre>" + escapeXml(command) + "</pre>\n";
}

} // namespace

std::string htmlReport(const ReportContent &content)
{
    const NetworkPath &path = content.path;
    std::string html = opening("Network path: " + content.title, content.verdictLines);

    html += "<table class=\"facts\">\n" + term("Traced", formatTracedAt(path.timestampMs));
    if (path.hopscope && path.hopscope->monitor) {
        const MonitorSummary &monitor = *path.hopscope->monitor;
        const std::string sampling = formatSampling(path, monitor.intervalMs);
        html += term("Monitored",
                     std::to_string(monitor.rounds) + " rounds" +
                         (sampling.empty() ? std::string() : " of " + sampling) +
                         (monitor.startedUs > 0 ? ", " + formatUtc(monitor.startedUs / 1000) +
                                                      " to " + formatUtc(monitor.endedUs / 1000)
                                                : std::string()));
    }
    html += term("Protocol", std::string(protocolName(path.protocol)));
    if (!path.source.hostname.empty())
        html += term("Source", path.source.hostname);
    if (path.hopscope && path.hopscope->probing != Probing::Unknown)
        html += term("Probing", path.hopscope->probing == Probing::Raw
                                    ? "raw sockets"
                                    : std::string(probingName(path.hopscope->probing)));
    html += reportTerms(content.generatedAtMs, content.redaction) + "</table>\n";

    html += "<h2>Path</h2>\n<figure>\n" + svgPathGraph(content) + "</figure>\n";
    html += "<h2>Round-trip time per TTL</h2>\n<figure>\n" + svgRttChart(content) + "</figure>\n";

    html += "<h2>Hops</h2>\n<table>\n<thead><tr><th>TTL</th><th>Address</th><th>Hostname</th>";
    const bool counted = content.model.counted();
    const bool owners = reportKnowsOwners(content);
    if (owners)
        html += "<th>AS</th>";
    html += counted ? "<th>Loss</th><th>Sent</th><th>Last</th><th>Avg</th><th>Best</th><th>Worst</"
                      "th><th>StDev</th>"
                      "<th>Jitter</th><th>p95</th>"
                    : "<th>RTT</th>";
    html += "<th>Notes</th></tr></thead>\n<tbody>\n";
    for (std::size_t listed = 0; listed < content.listedRows.size(); ++listed) {
        const MonitorHop &hop = content.model.hops()[content.listedRows[listed]];
        const HopStatistics &s = hop.stats;
        html += hop.onRoute(content.latestRound) ? "<tr>" : "<tr class=\"off\">";
        html += cell(std::to_string(hop.ttl), true) +
                cell(hop.responder.empty() ? "*" : hop.responder) + cell(hop.hostname);
        if (owners)
            html += cell(reportHopAs(content, hop));
        if (counted)
            html += cell(formatPercent(s.lossPercent), true) + cell(std::to_string(s.sent), true) +
                    cell(formatMs(s.lastMs), true) + cell(formatMs(s.avgMs), true) +
                    cell(formatMs(s.minMs), true) + cell(formatMs(s.maxMs), true) +
                    cell(formatMs(s.stdDevMs), true) + cell(formatMs(s.jitterMs), true) +
                    cell(formatMs(s.p95Ms), true);
        else
            html += cell(formatMs(s.avgMs), true);
        html += cell(reportHopAllNotes(content, hop)) + "</tr>\n";
        if (const std::string more = unlistedNote(content, listed); !more.empty())
            html += "<tr class=\"off\"><td></td><td colspan=\"" +
                    std::to_string((counted ? 12 : 4) + (owners ? 1 : 0)) + "\">" +
                    escapeXml(more) + "</td></tr>\n";
    }
    html += "</tbody>\n</table>\n<p>Times in milliseconds.</p>\n";

    if (path.hopscope && path.hopscope->monitor && !path.hopscope->monitor->routeChanges.empty()) {
        html += "<h2>Route changes</h2>\n<ul>\n";
        for (const RouteChange &change : path.hopscope->monitor->routeChanges)
            html += "<li>" + escapeXml(formatRouteChangeLine(change)) + "</li>\n";
        html += "</ul>\n";
    }
    html += reproduceSection("Reproduce", content.reproduce);
    return html + "</body>\n</html>\n";
}

std::string comparisonHtmlReport(const ComparisonReportContent &content)
{
    std::vector<std::string> lines{content.verdict};
    lines.insert(lines.end(), content.notes.begin(), content.notes.end());
    lines.insert(lines.end(), content.rttFindings.begin(), content.rttFindings.end());
    std::string html = opening("Path comparison: " + content.title, lines);
    html += "<table class=\"facts\">\n" + term("First", formatPathSummary(content.first.model)) +
            term("Second", formatPathSummary(content.second.model)) +
            reportTerms(content.generatedAtMs, content.redaction) + "</table>\n";

    const char *marked = "Outlined in purple: the TTLs where the route or the RTT changed.";
    html += "<h2>First path, traced " + escapeXml(formatTracedAt(content.first.path.timestampMs)) +
            "</h2>\n<figure>\n" + svgPathGraph(content.first, content.changedTtls) + "</figure>\n";
    html += "<h2>Second path, traced " +
            escapeXml(formatTracedAt(content.second.path.timestampMs)) + "</h2>\n<figure>\n" +
            svgPathGraph(content.second, content.changedTtls) + "</figure>\n<p>" + marked +
            "</p>\n";
    html += "<h2>Median round-trip time per TTL</h2>\n<figure>\n" + svgComparisonChart(content) +
            "</figure>\n";

    html += "<h2>Hops</h2>\n<table>\n<thead><tr><th>TTL</th><th>First</th><th>Second</"
            "th><th>Change</th>"
            "<th>Median 1</th><th>Median 2</th><th>Delta</th><th>Loss 1</th><th>Loss 2</th><th>RTT "
            "test</th></tr>"
            "</thead>\n<tbody>\n";
    for (const TtlComparison &row : content.comparison.ttls) {
        html += content.changedTtls.contains(row.ttl) ? "<tr class=\"changed\">" : "<tr>";
        html += cell(std::to_string(row.ttl), true) + cell(formatResponders(row.first)) +
                cell(formatResponders(row.second)) + cell(std::string(hopChangeName(row.change))) +
                cell(formatMedianMs(row.first), true) + cell(formatMedianMs(row.second), true) +
                cell(formatMedianDelta(row), true) + cell(formatLoss(row.first), true) +
                cell(formatLoss(row.second), true) + cell(formatRttTest(row)) + "</tr>\n";
    }
    html += "</tbody>\n</table>\n<p>Times in milliseconds; medians per TTL.</p>\n";
    for (const auto &[heading, command] : comparisonReproduce(content))
        html += reproduceSection(heading, command);
    return html + "</body>\n</html>\n";
}

} // namespace hopscope
