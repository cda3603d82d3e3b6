// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "report/comparisonreport.h"

#include "report/comparisonformat.h"
#include "report/pathtexttable.h"

namespace hopscope {

ComparisonReportContent buildComparisonReportContent(const NetworkPath &first,
                                                     const NetworkPath &second,
                                                     const ReportOptions &options)
{
    std::vector<NetworkPath> paths{first, second};
    if (options.redaction.any())
        paths = redactPaths(paths, options.redaction);
    ComparisonReportContent content;
    content.first = buildRedactedReportContent(paths[0], options);
    content.second = buildRedactedReportContent(paths[1], options);
    content.comparison = comparePaths(content.first.model, content.second.model);
    content.verdict = comparisonVerdict(content.comparison);
    content.notes = comparisonNotes(content.first.model, content.second.model);
    content.rttFindings = describeRttTests(content.comparison);
    for (const TtlComparison &row : content.comparison.ttls)
        if (row.differs())
            content.changedTtls.insert(row.ttl);
    content.title = content.first.title == content.second.title
                        ? content.first.title
                        : content.first.title + " and " + content.second.title;
    content.generatedAtMs = options.generatedAtMs;
    content.redaction = options.redaction;
    return content;
}

std::vector<std::pair<std::string, std::string>>
comparisonReproduce(const ComparisonReportContent &content)
{
    const std::string &first = content.first.reproduce;
    const std::string &second = content.second.reproduce;
    if (first == second)
        return first.empty() ? std::vector<std::pair<std::string, std::string>>{}
                             : std::vector<std::pair<std::string, std::string>>{
                                   {"Reproduce both paths", first}};
    std::vector<std::pair<std::string, std::string>> commands;
    if (!first.empty())
        commands.emplace_back("Reproduce the first path", first);
    if (!second.empty())
        commands.emplace_back("Reproduce the second path", second);
    return commands;
}

} // namespace hopscope
