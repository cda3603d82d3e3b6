// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "report/comparisonreport.h"
#include "report/reportcontent.h"

#include "report/textformat.h"

#include "report/comparisonformat.h"
#include "report/quotefindings.h"

namespace hopscope {

namespace {

// RFC 4180 quoting. A text cell that a spreadsheet would run as a formula (a hostname from a
// hostile resolver, say) gets a leading apostrophe.
std::string csvCell(std::string text)
{
    if (!text.empty() && (text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@' ||
                          text[0] == '\t' || text[0] == '\r'))
        text.insert(0, 1, '\'');
    if (text.find_first_of(",\"\r\n") == std::string::npos)
        return text;
    std::string quoted = "\"";
    for (const char c : text)
        quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    return quoted + "\"";
}

std::string number(const std::optional<double> &value)
{
    return value ? formatFixed(*value, 3) : std::string();
}

std::string row(const std::vector<std::string> &cells)
{
    std::string line;
    for (std::size_t i = 0; i < cells.size(); ++i)
        line += (i ? "," : "") + cells[i];
    return line + "\r\n";
}

// A side's responders, space-separated ("*" silent, empty beyond the path's end).
std::string respondersCell(const std::optional<TtlObservation> &side)
{
    if (!side)
        return {};
    if (side->responders.empty())
        return "*";
    std::string cell;
    for (const std::string &responder : side->responders)
        cell += (cell.empty() ? "" : " ") + responder;
    return csvCell(cell);
}

std::optional<double> median(const std::optional<TtlObservation> &side)
{
    return side ? side->medianRttMs : std::nullopt;
}

std::optional<double> loss(const std::optional<TtlObservation> &side)
{
    return side ? side->lossPercent : std::nullopt;
}

} // namespace

std::string csvReport(const ReportContent &content)
{
    std::string csv =
        "ttl,address,hostname,loss_percent,sent,received,last_ms,avg_ms,best_ms,worst_ms,stddev_ms,"
        "jitter_ms,p95_ms,notes,asn,as_name,prefix,country,mpls,dscp,ecn,nat,mtu\r\n";
    const std::uint8_t sent = sentTrafficClassOf(content.model.header());
    for (const MonitorHop &hop : content.model.hops()) {
        const auto mtu = rowMtu(hop, content.model.header());
        const std::optional<QuoteFindings> seen =
            hop.quote ? std::optional<QuoteFindings>(quoteFindings(*hop.quote, sent))
                      : std::nullopt;
        const AddressOwner owner =
            ownerOf(content.model.header(), hop.responder).value_or(AddressOwner{});
        const HopStatistics &s = hop.stats;
        const bool counted = content.model.counted();
        const std::vector<std::string> cells{
            std::to_string(hop.ttl),
            csvCell(hop.responder),
            csvCell(hop.hostname),
            counted ? number(s.lossPercent) : std::string(),
            counted ? std::to_string(s.sent) : std::string(),
            counted ? std::to_string(s.received) : std::string(),
            number(s.lastMs),
            number(s.avgMs),
            number(s.minMs),
            number(s.maxMs),
            counted ? number(s.stdDevMs) : std::string(),
            counted ? number(s.jitterMs) : std::string(),
            counted ? number(s.p95Ms) : std::string(),
            csvCell(reportHopNotes(hop, content.latestRound)),
            owner.asn ? std::to_string(*owner.asn) : std::string(),
            csvCell(owner.asName),
            csvCell(owner.prefix),
            csvCell(owner.country),
            mplsCell(rowLabels(hop, content.fileLabels)),
            seen ? std::to_string(seen->dscp) : std::string(),
            seen ? std::to_string(seen->ecn) : std::string(),
            seen ? csvCell(seen->natSource) : std::string(),
            mtu ? std::to_string(*mtu) : std::string(),
        };
        csv += row(cells);
    }
    return csv;
}

std::string comparisonCsvReport(const ComparisonReportContent &content)
{
    std::string csv =
        "ttl,change,first_responders,second_responders,first_median_ms,second_median_ms,"
        "median_delta_ms,first_loss_percent,second_loss_percent,loss_delta_percent,rtt_test_p_"
        "value,"
        "rtt_significant\r\n";
    for (const TtlComparison &ttl : content.comparison.ttls)
        csv +=
            row({std::to_string(ttl.ttl), std::string(hopChangeName(ttl.change)),
                 respondersCell(ttl.first), respondersCell(ttl.second), number(median(ttl.first)),
                 number(median(ttl.second)), number(ttl.medianDeltaMs), number(loss(ttl.first)),
                 number(loss(ttl.second)), number(ttl.lossDeltaPercent),
                 ttl.shift ? formatFixed(ttl.shift->test.pValue, 6) : std::string(),
                 ttl.shift ? (ttl.shift->significant ? "yes" : "no") : std::string()});
    return csv;
}

} // namespace hopscope
