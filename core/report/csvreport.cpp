#include "report/reportcontent.h"

#include "report/textformat.h"


namespace hopscope {

namespace {

// RFC 4180 quoting. A text cell that a spreadsheet would run as a formula (a hostname from a
// hostile resolver, say) gets a leading apostrophe.
std::string csvCell(std::string text)
{
    if (!text.empty() && (text[0] == '=' || text[0] == '+' || text[0] == '-' || text[0] == '@' || text[0] == '\t'
                          || text[0] == '\r'))
        text.insert(0, 1, '\'');
    if (text.find_first_of(",\"\r\n") == std::string::npos)
        return text;
    std::string quoted = "\"";
    for (const char c : text)
        quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    return quoted + "\"";
}

std::string number(const std::optional<double> &value) { return value ? formatFixed(*value, 3) : std::string(); }

} // namespace

std::string csvReport(const ReportContent &content)
{
    std::string csv = "ttl,address,hostname,loss_percent,sent,received,last_ms,avg_ms,best_ms,worst_ms,stddev_ms,"
                      "jitter_ms,p95_ms,notes\r\n";
    for (const MonitorHop &hop : content.rows.hops) {
        const HopStatistics &s = hop.stats;
        const bool counted = content.rows.counted;
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
        };
        for (std::size_t i = 0; i < cells.size(); ++i)
            csv += (i ? "," : "") + cells[i];
        csv += "\r\n";
    }
    return csv;
}

} // namespace hopscope
