// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "report/comparisonreport.h"
#include "report/reportcontent.h"

#include "report/comparisonformat.h"

#include "report/monitortexttable.h"
#include "report/pathtexttable.h"
#include "report/textformat.h"
#include "version.h"

namespace hopscope {

namespace {

// Text from files and resolvers must not become Markdown or HTML.
std::string escapeMarkdown(std::string_view text)
{
    std::string escaped;
    for (const char c : printable(text)) {
        if (std::string_view("\\`*_{}[]<#+!|~").find(c) != std::string_view::npos)
            escaped += '\\';
        escaped += c;
    }
    return escaped;
}

// The report's own line: what made it, when, and what it hides.
std::string reportFacts(std::int64_t generatedAtMs, const Redaction &redaction)
{
    std::string md =
        "| Report | Hopscope " + std::string(kVersion) + ", " + formatUtc(generatedAtMs) + " |\n";
    if (redaction.any())
        md += "| Redacted | " + describeRedaction(redaction) + " |\n";
    return md;
}

} // namespace

std::string markdownReport(const ReportContent &content)
{
    const NetworkPath &path = content.path;
    std::string md = "# Network path: " + escapeMarkdown(content.title) + "\n\n";
    for (const std::string &line : content.verdictLines)
        md += "- " + escapeMarkdown(line) + "\n";
    md += "\n| | |\n|---|---|\n";
    md += "| Traced | " + formatTracedAt(path.timestampMs) + " |\n";
    if (path.hopscope && path.hopscope->monitor) {
        const MonitorSummary &monitor = *path.hopscope->monitor;
        const std::string sampling = formatSampling(path, monitor.intervalMs);
        md += "| Monitored | " + std::to_string(monitor.rounds) + " rounds" +
              (sampling.empty() ? std::string() : " of " + sampling) +
              (monitor.startedUs > 0 ? ", " + formatUtc(monitor.startedUs / 1000) + " to " +
                                           formatUtc(monitor.endedUs / 1000)
                                     : std::string()) +
              " |\n";
    }
    md += "| Protocol | " + std::string(protocolName(path.protocol)) + " |\n";
    if (!path.source.hostname.empty())
        md += "| Source | " + escapeMarkdown(path.source.hostname) + " |\n";
    if (path.hopscope && path.hopscope->probing != Probing::Unknown)
        md += "| Probing | " + std::string(probingName(path.hopscope->probing)) + " |\n";
    md += reportFacts(content.generatedAtMs, content.redaction);
    md += "\n## Hops\n\n";
    const bool counted = content.model.counted();
    const bool owners = reportKnowsOwners(content);
    md += std::string("| TTL | Address | Hostname") + (owners ? " | AS" : "") +
          (counted ? " | Loss | Sent | Last | Avg | Best | Worst | StDev | Jitter | p95 | Notes |\n"
                     "|--:|---|---|" +
                         std::string(owners ? "---|" : "") +
                         "--:|--:|--:|--:|--:|--:|--:|--:|--:|---|\n"
                   : " | RTT | Notes |\n|--:|---|---|" + std::string(owners ? "---|" : "") +
                         "--:|---|\n");
    for (std::size_t listed = 0; listed < content.listedRows.size(); ++listed) {
        const MonitorHop &hop = content.model.hops()[content.listedRows[listed]];
        const HopStatistics &s = hop.stats;
        const std::string address = hop.responder.empty() ? "\\*" : escapeMarkdown(hop.responder);
        const std::string notes = escapeMarkdown(reportHopAllNotes(content, hop));
        md += "| " + std::to_string(hop.ttl) + " | " + address + " | " +
              escapeMarkdown(hop.hostname) + " | " +
              (owners ? escapeMarkdown(reportHopAs(content, hop)) + " | " : "");
        if (counted)
            md += formatPercent(s.lossPercent) + " | " + std::to_string(s.sent) + " | " +
                  formatMs(s.lastMs) + " | " + formatMs(s.avgMs) + " | " + formatMs(s.minMs) +
                  " | " + formatMs(s.maxMs) + " | " + formatMs(s.stdDevMs) + " | " +
                  formatMs(s.jitterMs) + " | " + formatMs(s.p95Ms) + " | " + notes + " |\n";
        else
            md += formatMs(s.avgMs) + " | " + notes + " |\n";
        if (const std::string more = unlistedNote(content, listed); !more.empty())
            md += "| | " + escapeMarkdown(more) + " |" +
                  std::string((counted ? 11 : 3) + (owners ? 1 : 0), '|') + "\n";
    }
    md += "\nTimes in milliseconds.\n";

    if (path.hopscope && path.hopscope->monitor && !path.hopscope->monitor->routeChanges.empty()) {
        md += "\n## Route changes\n\n";
        for (const RouteChange &change : path.hopscope->monitor->routeChanges)
            md += "- " + escapeMarkdown(formatRouteChangeLine(change)) + "\n";
    }
    if (!content.reproduce.empty())
        md += "\n## Reproduce\n\n    " + printable(content.reproduce) +
              "\n"; // indented: no fence to break
    return md;
}

std::string comparisonMarkdownReport(const ComparisonReportContent &content)
{
    std::string md = "# Path comparison: " + escapeMarkdown(content.title) + "\n\n";
    md += "- **" + escapeMarkdown(content.verdict) + "**\n";
    for (const std::string &line : content.notes)
        md += "- " + escapeMarkdown(line) + "\n";
    for (const std::string &line : content.rttFindings)
        md += "- " + escapeMarkdown(line) + "\n";
    md += "\n| | |\n|---|---|\n";
    md += "| First | " + escapeMarkdown(formatPathSummary(content.first.model)) + " |\n";
    md += "| Second | " + escapeMarkdown(formatPathSummary(content.second.model)) + " |\n";
    md += reportFacts(content.generatedAtMs, content.redaction);
    md += "\n## Hops\n\n| TTL | First | Second | Change | Median 1 | Median 2 | Delta | Loss 1 | "
          "Loss 2 | RTT test |\n"
          "|--:|---|---|---|--:|--:|--:|--:|--:|---|\n";
    for (const TtlComparison &row : content.comparison.ttls) {
        const auto responders = [](const std::optional<TtlObservation> &side) {
            const std::string text = formatResponders(side);
            return text == "*" ? std::string("\\*") : escapeMarkdown(text);
        };
        md += "| " + std::to_string(row.ttl) + " | " + responders(row.first) + " | " +
              responders(row.second) + " | " + std::string(hopChangeName(row.change)) + " | " +
              formatMedianMs(row.first) + " | " + formatMedianMs(row.second) + " | " +
              formatMedianDelta(row) + " | " + formatLoss(row.first) + " | " +
              formatLoss(row.second) + " | " + formatRttTest(row) + " |\n";
    }
    md += "\nTimes in milliseconds; medians per TTL.\n";
    for (const auto &[heading, command] : comparisonReproduce(content))
        md += "\n## " + heading + "\n\n    " + printable(command) + "\n";
    return md;
}

} // namespace hopscope
