// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "compare/pathcomparison.h"
#include "report/reportcontent.h"

#include <set>
#include <string>
#include <utility>
#include <vector>

namespace hopscope {

// Everything a report comparing two paths says, worked out once for every format.
struct ComparisonReportContent
{
    // Each path as its own report would show it. Redacted together: a hidden router has the same
    // name on both sides, so the comparison of the redacted paths is the comparison of the
    // originals.
    ReportContent first;
    ReportContent second;
    PathComparison comparison;
    std::string verdict;                  // "The routes differ: 1 hop changed."
    std::vector<std::string> notes;       // different destinations or protocols
    std::vector<std::string> rttFindings; // what the Mann-Whitney tests found
    std::set<int> changedTtls;            // a route change or a significant RTT shift
    std::string title;
    std::int64_t generatedAtMs = 0;
    Redaction redaction;
};

ComparisonReportContent buildComparisonReportContent(const NetworkPath &first,
                                                     const NetworkPath &second,
                                                     const ReportOptions &options);

// The commands that repeat the traces, each under its heading: one when both are the same.
std::vector<std::pair<std::string, std::string>>
comparisonReproduce(const ComparisonReportContent &content);

// One row per TTL: both sides' responders, medians and loss, the change and the RTT test.
std::string comparisonCsvReport(const ComparisonReportContent &content);
std::string comparisonMarkdownReport(const ComparisonReportContent &content);
// Self-contained like htmlReport: both hop graphs with the TTLs that differ outlined, both
// medians per TTL on one chart, the TTL table.
std::string comparisonHtmlReport(const ComparisonReportContent &content);

} // namespace hopscope
