// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "report/reportcontent.h"

#include "common/safetext.h"
#include "report/monitortexttable.h"
#include "report/pathtexttable.h"
#include "report/quotefindings.h"
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
    case ReportFormat::Html:
        return "html";
    case ReportFormat::Pdf:
        return "pdf";
    case ReportFormat::Csv:
        return "csv";
    case ReportFormat::Markdown:
        return "md";
    }
    return "html";
}

namespace {

void listRows(ReportContent &content)
{
    const std::vector<MonitorHop> &hops = content.model.hops();
    std::map<int, std::vector<std::size_t>> byTtl;
    for (std::size_t i = 0; i < hops.size(); ++i)
        byTtl[hops[i].ttl].push_back(i);
    std::vector<bool> listed(hops.size(), true);
    for (auto &[ttl, rows] : byTtl) {
        if (rows.size() <= kMostShownPerTtl)
            continue;
        std::stable_sort(rows.begin(), rows.end(), [&hops](std::size_t a, std::size_t b) {
            if (hops[a].destination != hops[b].destination)
                return hops[a].destination;
            return hops[a].stats.received > hops[b].stats.received;
        });
        for (std::size_t i = kMostShownPerTtl; i < rows.size(); ++i)
            listed[rows[i]] = false;
        content.unlistedPerTtl[ttl] = rows.size() - kMostShownPerTtl;
    }
    for (std::size_t i = 0; i < hops.size(); ++i)
        if (listed[i])
            content.listedRows.push_back(i);
}

} // namespace

ReportContent buildReportContent(const NetworkPath &path, const ReportOptions &options)
{
    return buildRedactedReportContent(
        options.redaction.any() ? redactPath(path, options.redaction) : path, options);
}

ReportContent buildRedactedReportContent(NetworkPath redacted, const ReportOptions &options)
{
    ReportContent content;
    content.path = std::move(redacted);
    content.model = PathModel::fromPath(content.path);
    content.fileLabels = fileLabelsOf(content.model.fileHops());
    content.verdict = pathVerdict(content.model);
    content.verdictLines = describeVerdict(content.verdict, content.model.counted());
    content.title = formatPathTarget(content.path);
    content.reproduce = reproduceCommand(content.path);
    content.generatedAtMs = options.generatedAtMs;
    content.redaction = options.redaction;
    content.latestRound = content.model.routeRound();
    listRows(content);
    return content;
}

std::string unlistedNote(const ReportContent &content, std::size_t listed)
{
    const int ttl = content.model.hops()[content.listedRows[listed]].ttl;
    const bool lastOfTtl = listed + 1 == content.listedRows.size() ||
                           content.model.hops()[content.listedRows[listed + 1]].ttl != ttl;
    const auto unlisted = content.unlistedPerTtl.find(ttl);
    if (!lastOfTtl || unlisted == content.unlistedPerTtl.end())
        return {};
    return std::to_string(unlisted->second) + " more responders at TTL " + std::to_string(ttl) +
           " (the CSV report lists every one)";
}

std::string describeRedaction(const Redaction &redaction)
{
    return std::string(redaction.source ? "source; " : "") +
           (redaction.privateHops ? "private-range hops; " : "") +
           (redaction.firstHops > 0 ? "the first " + std::to_string(redaction.firstHops) + " hops; "
                                    : "") +
           "hidden routers are named hidden-N";
}

std::string reportHopNotes(const MonitorHop &hop, int latestRound)
{
    const std::string notes = describeHopNotes(hop, latestRound);
    if (!hop.destination)
        return notes;
    return notes.empty() ? "destination" : "destination; " + notes;
}

std::string reportHopQuoteNotes(const ReportContent &content, const MonitorHop &hop)
{
    std::vector<std::string> parts;
    if (const auto labels = rowLabels(hop, content.fileLabels); !labels.empty())
        parts.push_back("MPLS " + mplsCell(labels));
    if (hop.quote) {
        const std::uint8_t sent = sentTrafficClassOf(content.model.header());
        const QuoteFindings seen = quoteFindings(*hop.quote, sent);
        if (!seen.natSource.empty())
            parts.push_back("NAT: source seen as " + seen.natSource);
        if (seen.trafficClassRewritten)
            parts.push_back("DSCP " + std::to_string(seen.dscp) + " ECN " +
                            std::to_string(seen.ecn) + " seen, " + std::to_string(sent >> 2) +
                            " sent");
        if (seen.mtu)
            parts.push_back("MTU " + std::to_string(*seen.mtu));
        for (const InterfaceInformation &interface : seen.interfaces)
            if (!interface.name.empty())
                parts.push_back("interface " + interface.name);
    }
    std::string text;
    for (const std::string &part : parts)
        text += (text.empty() ? "" : "; ") + part;
    return printable(text);
}

std::string reportHopAllNotes(const ReportContent &content, const MonitorHop &hop)
{
    const std::string notes = reportHopNotes(hop, content.latestRound);
    const std::string quoted = reportHopQuoteNotes(content, hop);
    if (quoted.empty())
        return notes;
    return notes.empty() ? quoted : notes + "; " + quoted;
}

std::string reportHopAs(const ReportContent &content, const MonitorHop &hop)
{
    if (hop.responder.empty())
        return {};
    const auto owner = ownerOf(content.model.header(), hop.responder);
    return owner ? printable(asLabel(*owner)) : std::string();
}

bool reportKnowsOwners(const ReportContent &content)
{
    return std::any_of(content.listedRows.begin(), content.listedRows.end(), [&](std::size_t row) {
        return !reportHopAs(content, content.model.hops()[row]).empty();
    });
}

} // namespace hopscope
