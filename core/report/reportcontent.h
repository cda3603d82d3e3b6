// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "path/pathmodel.h"
#include "report/pathverdict.h"
#include "report/quotefindings.h"
#include "report/redaction.h"

#include <cstddef>
#include <cstdint>
#include <map>
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
    NetworkPath path; // redacted as asked: what the report says of the path besides its figures
    PathModel model;  // the same path's rows, links and figures
    PathVerdict verdict;
    std::vector<std::string> verdictLines;
    std::string title;     // "TCP to example.com (192.0.2.7) port 443"
    std::string reproduce; // empty when the file does not record its request
    std::int64_t generatedAtMs = 0;
    Redaction redaction;
    int latestRound = 0;
    // The rows the HTML, PDF and Markdown tables list (indices into rows.hops, in order): at most
    // kMostShownPerTtl per TTL, the destination and the responders that answered most, so that
    // a file with thousands of responders at one TTL makes a report of readable size; how many
    // each TTL leaves out. The CSV lists every row.
    std::vector<std::size_t> listedRows;
    std::map<int, std::size_t> unlistedPerTtl;
    FileLabels fileLabels; // the label stacks the file gave its hops
};

// The most responders per TTL a report's graph draws and its tables list: more than any real
// load-balanced set, and few enough that a PDF of all 255 TTLs is made in a couple of seconds.
inline constexpr std::size_t kMostShownPerTtl = 8;

ReportContent buildReportContent(const NetworkPath &path, const ReportOptions &options);
// The same for a path already redacted as `options` say.
ReportContent buildRedactedReportContent(NetworkPath redacted, const ReportOptions &options);

// One row per hop; the figures in milliseconds and percent as plain numbers.
std::string csvReport(const ReportContent &content);
std::string markdownReport(const ReportContent &content);
// Self-contained: styles inline, the graph and the chart as inline SVG, no scripts, nothing
// fetched.
std::string htmlReport(const ReportContent &content);

// After the `listed`-th listed row, when it is the last of its TTL and the TTL has rows left out:
// "42 more responders at TTL 5 (the CSV report lists every one)". Empty otherwise.
std::string unlistedNote(const ReportContent &content, std::size_t listed);

// "source; private-range hops; hidden routers are named hidden-N".
std::string describeRedaction(const Redaction &redaction);

// The notes column of a report's row: destination, unreachable answer, rate limiting, off path.
std::string reportHopNotes(const MonitorHop &hop, int latestRound);

// What the row's router quoted, for the notes of the HTML and Markdown reports (the CSV has a
// column each): "MPLS 24000/17; NAT: source seen as 198.18.1.100; MTU 1500"; "" when nothing.
std::string reportHopQuoteNotes(const ReportContent &content, const MonitorHop &hop);
// The notes of a row with what its router quoted after them.
std::string reportHopAllNotes(const ReportContent &content, const MonitorHop &hop);

// Whose network a row's responder is in ("AS64500 EXAMPLE-NET", "" when unknown), and whether
// any row's is known, so that reports add an AS column only then.
std::string reportHopAs(const ReportContent &content, const MonitorHop &hop);
bool reportKnowsOwners(const ReportContent &content);

} // namespace hopscope
