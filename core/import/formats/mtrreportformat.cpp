// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "import/formats/formats.h"

#include "import/importsupport.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>

namespace hopscope::formats {

namespace {

using namespace importsupport;

// "name (address)" as mtr -b shows a host, or one of the two alone.
std::pair<std::string, std::string> nameAndAddress(const std::string &host)
{
    const auto open = host.rfind(" (");
    if (open != std::string::npos && host.back() == ')')
        return {host.substr(0, open), host.substr(open + 2, host.size() - open - 3)};
    return {host, host};
}

// One hop row of either layout: its TTL, host and the figures under their column names.
struct ReportRow
{
    int ttl = 0;
    std::string host;
    std::map<std::string, double> figures;
    std::optional<std::uint32_t> asn; // mtr -z: "AS64500"; "AS???" is none
    std::vector<MplsLabel> mpls;      // mtr -e: the lines under the host
};

// The rows of one report, made into a path with mtr's figures.
NetworkPath pathFromRows(const std::vector<ReportRow> &rows, const std::string &target,
                         const std::string &source)
{
    NetworkPath path;
    path.protocol = Protocol::Icmp;
    path.destination.hostname = target;
    path.destination.ipAddress = nameAndAddress(target).second;
    path.source.hostname = source;
    MonitorSummary summary;
    // mtr lists further responders of a TTL under the first, which holds the TTL's figures.
    for (std::size_t first = 0; first < rows.size();) {
        const ReportRow &row = rows[first];
        const auto figure = [&row](const char *name) -> std::optional<double> {
            const auto it = row.figures.find(name);
            return it != row.figures.end() ? std::optional(it->second) : std::nullopt;
        };
        std::vector<TableHost> hosts;
        std::size_t next = first;
        for (; next < rows.size() && rows[next].ttl == row.ttl; ++next) {
            const auto [name, address] = nameAndAddress(rows[next].host);
            if (address != "???")
                hosts.push_back({address, name});
        }
        MonitorHop hop;
        hop.ttl = row.ttl;
        hop.stats.sent = static_cast<int>(figure("Snt").value_or(0));
        hop.stats.lossPercent = figure("Loss%").value_or(hosts.empty() ? 100.0 : 0.0);
        hop.stats.received = static_cast<int>(figure("Rcv").value_or(
            std::round(hop.stats.sent * (100.0 - hop.stats.lossPercent) / 100.0)));
        // The columns a report leaves out (mtr -o) stay unknown.
        if (hop.stats.received > 0) {
            hop.stats.lastMs = figure("Last");
            hop.stats.avgMs = figure("Avg");
            hop.stats.minMs = figure("Best");
            hop.stats.maxMs = figure("Wrst");
            hop.stats.stdDevMs = figure("StDev");
            hop.stats.jitterMs = figure("Javg");
        }
        addFiguresRow(path, summary, std::move(hop), hosts);
        for (std::size_t at = first; at < next; ++at)
            for (PathHop &added : path.hops)
                if (added.ttl == rows[at].ttl &&
                    added.ipAddress == nameAndAddress(rows[at].host).second) {
                    added.mpls = rows[at].mpls;
                    added.asn = rows[at].asn;
                }
        first = next;
    }
    return withToolFigures(std::move(path), std::move(summary));
}

std::optional<double> reportFigure(std::string word)
{
    if (!word.empty() && word.back() == '%')
        word.pop_back();
    return number(word);
}

// mtr -e's line under a host, one per label of the stack, outermost first:
// "[MPLS: Lbl 21 TC 0 S 1 TTL 1]". Some releases print the bottom-of-stack flag as a bare "u";
// the stack's last label is the bottom one then.
std::optional<MplsLabel> mplsLine(const std::vector<std::string> &w)
{
    if (w.size() != 9 || w[0] != "[MPLS:" || w[1] != "Lbl" || w[3] != "TC" || w[5] != "S" ||
        w[7] != "TTL" || w[8].size() < 2 || w[8].back() != ']')
        return std::nullopt;
    const auto label = wholeNumber(w[2]);
    const auto trafficClass = wholeNumber(w[4]);
    const auto ttl = wholeNumber(std::string_view(w[8]).substr(0, w[8].size() - 1));
    const auto bottom = wholeNumber(w[6]);
    if (!label || *label > 0xfffff || !trafficClass || *trafficClass > 7 || !ttl || *ttl > 255 ||
        (bottom && *bottom > 1) || (!bottom && w[6] != "u"))
        return std::nullopt;
    return MplsLabel{static_cast<std::uint32_t>(*label), static_cast<int>(*trafficClass),
                     bottom.value_or(0) == 1, static_cast<int>(*ttl)};
}

// mtr -z's column before the host: "AS64500", or "AS???" for none.
bool isAsColumn(const std::string &word)
{
    return word == "AS???" ||
           (word.size() > 2 && word.size() <= 12 && word.compare(0, 2, "AS") == 0 &&
            std::all_of(word.begin() + 2, word.end(), [](char c) { return c >= '0' && c <= '9'; }));
}

std::optional<std::uint32_t> asNumberOf(const std::string &word)
{
    std::uint32_t asn = 0;
    const char *end = word.data() + word.size();
    const auto [at, error] = std::from_chars(word.data() + 2, end, asn);
    if (word == "AS???" || error != std::errc() || at != end || asn == 0)
        return std::nullopt; // AS 0 is reserved (RFC 7607): no AS
    return asn;
}

// --report and --report-wide:
//   Start: 2020-07-03T12:16:25+0000
//   HOST: source            Loss%   Snt   Last   Avg  Best  Wrst StDev
//     1.|-- 170.10.214.1     0.0%    50    1.8   2.9   0.7  13.0   3.1
//       |  `|-- 170.10.214.5
// With -z each host follows its AS ("1. AS64500  192.0.2.1", "1. AS???"), and with -e the label
// stack a host quoted follows it, a line per label.
Expected<std::vector<NetworkPath>> readReport(const ImportText &text)
{
    std::vector<NetworkPath> paths;
    std::vector<std::string> columns;
    std::vector<ReportRow> rows;
    std::string source;
    int lineNumber = 0;
    const auto finish = [&] {
        if (!columns.empty())
            paths.push_back(pathFromRows(rows, {}, source));
        rows.clear();
        columns.clear();
    };
    for (std::string_view line : text.lines()) {
        ++lineNumber;
        const auto w = words(line);
        if (w.empty() || w[0] == "Start:")
            continue;
        if (w[0] == "HOST:") {
            finish();
            if (w.size() < 3)
                return lineError("mtr --report", lineNumber, "expected the source and columns");
            source = w[1];
            columns.assign(w.begin() + 2, w.end());
            continue;
        }
        if (columns.empty())
            return lineError("mtr --report", lineNumber, "a hop before the 'HOST:' line");
        if (w[0] == "[MPLS:") {
            const auto label = mplsLine(w);
            if (!label || rows.empty())
                return lineError("mtr --report", lineNumber,
                                 rows.empty() ? "an MPLS label before any hop"
                                              : "expected '[MPLS: Lbl N TC N S N TTL N]'");
            std::vector<MplsLabel> &stack = rows.back().mpls;
            if (!stack.empty() && w[6] == "u")
                stack.back().bottomOfStack = false;
            stack.push_back(*label);
            if (w[6] == "u")
                stack.back().bottomOfStack = true;
            continue;
        }
        if (w[0] == "|" && w.size() >= 3 && w[1] == "`|--") {
            if (rows.empty())
                return lineError("mtr --report", lineNumber, "a further host before any hop");
            ReportRow extra;
            extra.ttl = rows.back().ttl;
            for (std::size_t i = 2; i < w.size(); ++i)
                extra.host += (i > 2 ? " " : "") + w[i];
            rows.push_back(std::move(extra));
            continue;
        }
        // "1.|--", or "1." followed by an AS column (-z).
        const auto dot = w[0].find('.');
        const bool pipe =
            w[0].compare(dot == std::string::npos ? 0 : dot, std::string::npos, ".|--") == 0;
        const bool as = !pipe && w.size() > 1 && isAsColumn(w[1]);
        const auto ttl = dot != std::string::npos && (pipe || (dot + 1 == w[0].size() && as))
                             ? wholeNumber(std::string_view(w[0]).substr(0, dot))
                             : std::nullopt;
        if (!ttl || *ttl < 1 || *ttl > kMaxImportedTtl ||
            (!rows.empty() && *ttl <= rows.back().ttl))
            return lineError("mtr --report", lineNumber,
                             "expected 'N.|--' with N rising from 1 to at most 255");
        const std::size_t firstHostWord = as ? 2 : 1;
        if (w.size() < firstHostWord + 1 + columns.size())
            return lineError("mtr --report", lineNumber,
                             "expected a host and " + std::to_string(columns.size()) + " figures");
        ReportRow row;
        row.ttl = *ttl;
        if (as)
            row.asn = asNumberOf(w[1]);
        const std::size_t firstFigure = w.size() - columns.size();
        for (std::size_t i = firstHostWord; i < firstFigure; ++i)
            row.host += (i > firstHostWord ? " " : "") + w[i];
        for (std::size_t c = 0; c < columns.size(); ++c) {
            const auto value = reportFigure(w[firstFigure + c]);
            if (!value)
                return lineError("mtr --report", lineNumber,
                                 columns[c] + ": '" + w[firstFigure + c] + "' is not a figure");
            row.figures[columns[c]] = *value;
        }
        rows.push_back(std::move(row));
    }
    finish();
    if (paths.empty())
        return Error{ErrorCode::InvalidImport, "mtr --report: no 'HOST:' line with its columns"};
    return paths;
}

// --csv: a header, then one line per hop with the version, start time, status, target, hop, host
// and figures; a new target or a hop number that does not rise starts the next trace.
Expected<std::vector<NetworkPath>> readCsv(const ImportText &text)
{
    std::vector<NetworkPath> paths;
    std::vector<std::string> header;
    std::vector<ReportRow> rows;
    std::string target;
    std::int64_t started = 0;
    int lineNumber = 0;
    const auto finish = [&] {
        if (!rows.empty()) {
            paths.push_back(pathFromRows(rows, target, {}));
            paths.back().timestampMs = started * 1000;
        }
        rows.clear();
    };
    for (std::string_view line : text.lines()) {
        ++lineNumber;
        if (trimmed(line).empty())
            continue;
        const auto fields = csvFields(line);
        if (fields[0] == "Mtr_Version") {
            header = fields;
            continue;
        }
        if (header.empty())
            return lineError("mtr --csv", lineNumber, "a hop before the 'Mtr_Version' header");
        ReportRow row;
        std::string rowTarget;
        std::int64_t rowStarted = 0;
        for (std::size_t i = 0; i < header.size() && i < fields.size(); ++i) {
            const std::string &column = header[i];
            if (column == "Host")
                rowTarget = fields[i];
            else if (column == "Ip")
                row.host = fields[i];
            else if (column == "Start_Time")
                rowStarted = wholeNumber(fields[i]).value_or(0);
            else if (column == "Hop") {
                const auto ttl = wholeNumber(fields[i]);
                if (!ttl || *ttl < 1 || *ttl > kMaxImportedTtl)
                    return lineError("mtr --csv", lineNumber,
                                     "Hop: expected 1 to 255, found '" + fields[i] + "'");
                row.ttl = *ttl;
            } else if (column != "Mtr_Version" && column != "Status" && !column.empty()) {
                const auto value = reportFigure(fields[i]);
                if (!value)
                    return lineError("mtr --csv", lineNumber,
                                     column + ": '" + fields[i] + "' is not a figure");
                row.figures[column] = *value;
            }
        }
        if (row.ttl == 0 || row.host.empty())
            return lineError("mtr --csv", lineNumber, "expected a Hop and an Ip");
        if (!rows.empty() && (rowTarget != target || row.ttl <= rows.back().ttl))
            finish();
        target = rowTarget;
        started = rowStarted;
        rows.push_back(std::move(row));
    }
    finish();
    if (paths.empty())
        return Error{ErrorCode::InvalidImport, "mtr --csv: no hop after the header"};
    return paths;
}

class MtrReportFormat final : public PathFormat
{
public:
    std::string_view id() const override { return "mtr-report"; }
    std::string_view description() const override { return "mtr --report, --report-wide or --csv"; }
    int recognise(const ImportText &text) const override
    {
        for (std::string_view line : text.lines()) {
            line = trimmed(line);
            if (line.empty() || startsWith(line, "Start:"))
                continue;
            if (startsWith(line, "Mtr_Version,"))
                return 95;
            if (startsWith(line, "HOST:") && line.find("Loss%") != std::string_view::npos)
                return 95;
            return 0;
        }
        return 0;
    }
    Expected<std::vector<NetworkPath>> read(const ImportText &text) const override
    {
        for (std::string_view line : text.lines())
            if (startsWith(trimmed(line), "Mtr_Version,"))
                return readCsv(text);
        return readReport(text);
    }
};

} // namespace

std::unique_ptr<PathFormat> mtrReport()
{
    return std::make_unique<MtrReportFormat>();
}

} // namespace hopscope::formats
