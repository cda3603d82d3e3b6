// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "import/formats/formats.h"

#include "import/importsupport.h"

#include <map>

namespace hopscope::formats {

namespace {

using namespace importsupport;

constexpr std::string_view kHeaderStart = "Target,TargetIp,Hop,";

// Trippy joins a hop's addresses, and their names, with ':'. Each piece is taken as the longest
// run of ':'-joined parts that is one address, so IPv4 lists split where they should and a single
// IPv6 address stays whole; a list of several IPv6 addresses cannot be told apart exactly, and
// splits at the longest address first.
std::vector<std::string> splitJoined(const std::string &text)
{
    std::vector<std::string> parts;
    for (std::size_t start = 0, end; start <= text.size(); start = end + 1) {
        end = text.find(':', start);
        if (end == std::string::npos)
            end = text.size();
        parts.push_back(text.substr(start, end - start));
    }
    // No address is written with more parts than "::1:2:3:4:5:6:7" has; the bound keeps a hostile
    // line of many ':' linear.
    constexpr std::size_t kMostPartsOfAnAddress = 9;
    std::vector<std::string> pieces;
    for (std::size_t i = 0; i < parts.size();) {
        std::size_t taken = 1;
        for (std::size_t j = std::min(parts.size(), i + kMostPartsOfAnAddress); j > i + 1; --j) {
            std::string candidate = parts[i];
            for (std::size_t k = i + 1; k < j; ++k)
                candidate += ":" + parts[k];
            if (addressAsWritten(candidate)) {
                taken = j - i;
                break;
            }
        }
        std::string piece = parts[i];
        for (std::size_t k = i + 1; k < i + taken; ++k)
            piece += ":" + parts[k];
        pieces.push_back(std::move(piece));
        i += taken;
    }
    return pieces;
}

struct CsvTrace
{
    std::string target;
    std::string targetIp;
    std::vector<std::pair<MonitorHop, std::vector<TableHost>>> rows;
};

NetworkPath pathOf(const CsvTrace &trace)
{
    NetworkPath path;
    path.protocol = Protocol::Icmp;
    path.destination.ipAddress = trace.targetIp;
    path.destination.hostname = trace.target.empty() ? trace.targetIp : trace.target;
    MonitorSummary summary;
    for (const auto &[row, hosts] : trace.rows)
        addFiguresRow(path, summary, row, hosts);
    return withToolFigures(std::move(path), std::move(summary));
}

// trip --mode csv: a header, then one line per TTL with the target, the hop's addresses and
// names, and Trippy's figures ("???" where it has none).
Expected<std::vector<NetworkPath>> readTrippyCsv(const ImportText &text)
{
    std::vector<NetworkPath> paths;
    std::map<std::string, std::size_t> column;
    CsvTrace trace;
    int lineNumber = 0;
    const auto finish = [&] {
        if (!trace.rows.empty())
            paths.push_back(pathOf(trace));
        trace = CsvTrace{};
    };
    for (std::string_view line : text.lines()) {
        ++lineNumber;
        if (trimmed(line).empty())
            continue;
        const auto fields = csvFields(line);
        if (startsWith(trimmed(line), kHeaderStart)) {
            finish();
            column.clear();
            for (std::size_t i = 0; i < fields.size(); ++i)
                column.emplace(fields[i], i);
            for (const char *required : {"Hop", "IPs", "Loss%", "Snt", "Recv", "Avg"})
                if (!column.count(required))
                    return lineError("trip --mode csv", lineNumber,
                                     std::string("the header has no '") + required + "' column");
            continue;
        }
        if (column.empty())
            return lineError("trip --mode csv", lineNumber, "a hop before the 'Target,' header");
        const auto field = [&](const char *name) -> std::string {
            const auto it = column.find(name);
            return it != column.end() && it->second < fields.size() ? fields[it->second]
                                                                    : std::string();
        };
        const auto figure = [&](const char *name) -> Expected<std::optional<double>> {
            const std::string value = field(name);
            if (value == "???" || value.empty())
                return std::optional<double>();
            if (const auto parsed = number(value))
                return std::optional<double>(*parsed);
            return lineError("trip --mode csv", lineNumber,
                             std::string(name) + ": '" + value + "' is not a figure");
        };
        MonitorHop row;
        const auto ttl = wholeNumber(field("Hop"));
        if (!ttl || *ttl < 1 || *ttl > kMaxImportedTtl)
            return lineError("trip --mode csv", lineNumber,
                             "Hop: expected 1 to 255, found '" + field("Hop") + "'");
        row.ttl = *ttl;
        const auto sent = wholeNumber(field("Snt"));
        const auto received = wholeNumber(field("Recv"));
        if (!sent || *sent < 0 || !received || *received < 0 || *received > *sent)
            return lineError("trip --mode csv", lineNumber,
                             "Snt and Recv: expected counts with Recv at most Snt");
        row.stats.sent = *sent;
        row.stats.received = *received;
        std::optional<double> loss;
        std::optional<double> *const figures[] = {&loss,
                                                  &row.stats.lastMs,
                                                  &row.stats.avgMs,
                                                  &row.stats.minMs,
                                                  &row.stats.maxMs,
                                                  &row.stats.stdDevMs};
        const char *const columns[] = {"Loss%", "Last", "Avg", "Best", "Wrst", "StdDev"};
        for (std::size_t i = 0; i < std::size(columns); ++i) {
            auto value = figure(columns[i]);
            if (!value)
                return value.error();
            *figures[i] = *value;
        }
        if (loss.value_or(0) > 100)
            return lineError("trip --mode csv", lineNumber, "Loss%: must be at most 100");
        row.stats.lossPercent = loss.value_or(
            row.stats.sent > 0 ? 100.0 * (row.stats.sent - row.stats.received) / row.stats.sent
                               : 0.0);
        if (row.stats.received == 0)
            row.stats.lastMs = row.stats.avgMs = row.stats.minMs = row.stats.maxMs =
                row.stats.stdDevMs = std::nullopt;
        std::vector<TableHost> hosts;
        if (field("IPs") != "???") {
            const auto addresses = splitJoined(field("IPs"));
            if (addresses.size() > static_cast<std::size_t>(kMaxProbesPerTtl))
                return lineError("trip --mode csv", lineNumber,
                                 "IPs: more than " + std::to_string(kMaxProbesPerTtl) +
                                     " addresses at one TTL");
            const auto names = splitJoined(field("Addrs"));
            for (std::size_t i = 0; i < addresses.size(); ++i) {
                const auto address = addressAsWritten(addresses[i]);
                if (!address)
                    return lineError("trip --mode csv", lineNumber,
                                     "IPs: '" + addresses[i] + "' is not an address");
                hosts.push_back({*address, names.size() == addresses.size() && names[i] != "???"
                                               ? names[i]
                                               : *address});
            }
        }
        const std::string target = field("Target");
        const std::string targetIp = field("TargetIp");
        if (!trace.rows.empty() &&
            (targetIp != trace.targetIp || row.ttl <= trace.rows.back().first.ttl))
            finish();
        if (!targetIp.empty() && !addressAsWritten(targetIp))
            return lineError("trip --mode csv", lineNumber,
                             "TargetIp: '" + targetIp + "' is not an address");
        trace.target = target;
        trace.targetIp = targetIp;
        trace.rows.emplace_back(std::move(row), std::move(hosts));
        if (paths.size() >= kMaxPathsPerFile)
            return lineError("trip --mode csv", lineNumber, "too many traces in one file");
    }
    finish();
    if (paths.empty())
        return Error{ErrorCode::InvalidImport, "trip --mode csv: no hop after the header"};
    return paths;
}

class TrippyCsvFormat final : public PathFormat
{
public:
    std::string_view id() const override { return "trippy-csv"; }
    std::string_view description() const override { return "trip --mode csv"; }
    int recognise(const ImportText &text) const override
    {
        for (std::string_view line : text.lines()) {
            line = trimmed(line);
            if (!line.empty())
                return startsWith(line, kHeaderStart) ? 95 : 0;
        }
        return 0;
    }
    Expected<std::vector<NetworkPath>> read(const ImportText &text) const override
    {
        return readTrippyCsv(text);
    }
};

} // namespace

std::unique_ptr<PathFormat> trippyCsv()
{
    return std::make_unique<TrippyCsvFormat>();
}

} // namespace hopscope::formats
