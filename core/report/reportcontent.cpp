#include "report/reportcontent.h"

#include "report/monitortexttable.h"
#include "report/pathtexttable.h"
#include "report/reproducecommand.h"

#include <algorithm>

namespace hopscope {

std::optional<ReportFormat> parseReportFormat(std::string_view text)
{
    if (text == "html")
        return ReportFormat::Html;
    if (text == "pdf")
        return ReportFormat::Pdf;
    if (text == "csv")
        return ReportFormat::Csv;
    if (text == "md" || text == "markdown")
        return ReportFormat::Markdown;
    return std::nullopt;
}

std::string_view reportFormatExtension(ReportFormat format)
{
    switch (format) {
    case ReportFormat::Html: return "html";
    case ReportFormat::Pdf: return "pdf";
    case ReportFormat::Csv: return "csv";
    case ReportFormat::Markdown: return "md";
    }
    return "html";
}

ReportContent buildReportContent(const NetworkPath &path, const ReportOptions &options)
{
    return buildRedactedReportContent(options.redaction.any() ? redactPath(path, options.redaction) : path, options);
}

ReportContent buildRedactedReportContent(NetworkPath redacted, const ReportOptions &options)
{
    ReportContent content;
    content.path = std::move(redacted);
    content.rows = pathRows(content.path);
    content.verdict = pathVerdict(content.path, content.rows);
    content.verdictLines = describeVerdict(content.verdict, content.rows.counted);
    content.title = formatPathTarget(content.path);
    content.reproduce = reproduceCommand(content.path);
    content.generatedAtMs = options.generatedAtMs;
    content.redaction = options.redaction;
    for (const MonitorHop &hop : content.rows.hops)
        content.latestRound = std::max(content.latestRound, hop.lastRound);
    return content;
}

std::string describeRedaction(const Redaction &redaction)
{
    return std::string(redaction.source ? "source; " : "") + (redaction.privateHops ? "private-range hops; " : "")
           + (redaction.firstHops > 0 ? "the first " + std::to_string(redaction.firstHops) + " hops; " : "")
           + "hidden routers are named hidden-N";
}

std::string reportHopNotes(const MonitorHop &hop, int latestRound)
{
    const std::string notes = describeHopNotes(hop, latestRound);
    if (!hop.destination)
        return notes;
    return notes.empty() ? "destination" : "destination; " + notes;
}

} // namespace hopscope
