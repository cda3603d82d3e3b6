#pragma once

#include "report/pathrows.h"
#include "report/pathverdict.h"
#include "report/redaction.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hopscope {

enum class ReportFormat { Html, Pdf, Csv, Markdown };
// "html", "pdf", "csv", "md" (or "markdown").
std::optional<ReportFormat> parseReportFormat(std::string_view text);
std::string_view reportFormatExtension(ReportFormat format);

struct ReportOptions
{
    Redaction redaction;
    std::int64_t generatedAtMs = 0; // when the report is made, Unix ms
};

// Everything a report of one path says, worked out once for every format.
struct ReportContent
{
    NetworkPath path; // redacted as asked
    PathRows rows;
    PathVerdict verdict;
    std::vector<std::string> verdictLines;
    std::string title;     // "TCP to example.com (192.0.2.7) port 443"
    std::string reproduce; // empty when the file does not record its request
    std::int64_t generatedAtMs = 0;
    Redaction redaction;
    int latestRound = 0;
};

ReportContent buildReportContent(const NetworkPath &path, const ReportOptions &options);
// The same for a path already redacted as `options` say.
ReportContent buildRedactedReportContent(NetworkPath redacted, const ReportOptions &options);

// One row per hop; the figures in milliseconds and percent as plain numbers.
std::string csvReport(const ReportContent &content);
std::string markdownReport(const ReportContent &content);
// Self-contained: styles inline, the graph and the chart as inline SVG, no scripts, nothing fetched.
std::string htmlReport(const ReportContent &content);

// "source; private-range hops; hidden routers are named hidden-N".
std::string describeRedaction(const Redaction &redaction);

// The notes column of a report's row: destination, unreachable answer, rate limiting, off path.
std::string reportHopNotes(const MonitorHop &hop, int latestRound);

} // namespace hopscope
