#include "report/pathtexttable.h"

#include "packet/ipaddress.h"
#include "packet/unreachable.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <ctime>
#include <set>
#include <vector>

namespace hopscope {

namespace {

std::string formatRtt(const std::optional<double> &rttMs)
{
    if (!rttMs)
        return "*";
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.3f ms", *rttMs);
    return buffer;
}

std::string formatUtc(std::int64_t timestampMs)
{
    const std::time_t seconds = static_cast<std::time_t>(timestampMs / 1000);
    std::tm utc{};
    if (!::gmtime_r(&seconds, &utc))
        return "an unknown time";
    char buffer[32];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%d %H:%M:%S UTC", &utc);
    return buffer;
}

std::string padded(const std::string &text, std::size_t width, bool alignRight)
{
    const std::string fill(width > text.size() ? width - text.size() : 0, ' ');
    return alignRight ? fill + text : text + fill;
}

struct UnreachableStop
{
    int ttl;
    UnreachableKind kind;
    std::string from;
};

// A router's destination-unreachable among the probes of the last TTL, if the file has probes.
std::optional<UnreachableStop> unreachableStop(const NetworkPath &path)
{
    if (!path.hopscope)
        return std::nullopt;
    const int last = path.maxTtl();
    for (const ProbeSample &probe : path.hopscope->probes) {
        const auto responder = IpAddress::parse(probe.responder);
        if (probe.ttl != last || !responder || !probe.icmpType || !probe.icmpCode)
            continue;
        const bool v6 = !responder->isV4();
        if (*probe.icmpType == (v6 ? 1 : 3))
            return UnreachableStop{last, classifyUnreachable(v6, static_cast<std::uint8_t>(*probe.icmpCode)),
                                   probe.responder};
    }
    return std::nullopt;
}

} // namespace

std::string printable(std::string_view text)
{
    std::string result;
    result.reserve(text.size());
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        result += (byte < 0x20 || byte == 0x7f) ? '?' : c;
    }
    return result;
}

std::string formatPathTable(const NetworkPath &path)
{
    constexpr std::size_t kColumns = 5;
    constexpr std::array<bool, kColumns> alignRight{true, false, false, true, false};
    std::vector<std::array<std::string, kColumns>> rows;
    rows.push_back({"TTL", "ADDRESS", "HOSTNAME", "RTT", "REACHABLE"});
    for (const PathHop &hop : path.hops)
        rows.push_back({std::to_string(hop.ttl), printable(hop.ipAddress), printable(hop.hostname),
                        formatRtt(hop.rttMs), hop.reachable ? "yes" : "no"});

    std::array<std::size_t, kColumns> widths{};
    for (const auto &row : rows)
        for (std::size_t c = 0; c < kColumns; ++c)
            widths[c] = std::max(widths[c], row[c].size());

    std::string table;
    for (const auto &row : rows) {
        std::string line;
        for (std::size_t c = 0; c < kColumns; ++c) {
            if (c > 0)
                line += "  ";
            line += padded(row[c], widths[c], alignRight[c]);
        }
        while (!line.empty() && line.back() == ' ')
            line.pop_back();
        table += line + '\n';
    }
    return table;
}

std::string formatPathSummary(const NetworkPath &path)
{
    std::string destination = printable(path.destination.hostname);
    if (!path.destination.ipAddress.empty() && path.destination.ipAddress != path.destination.hostname)
        destination += (destination.empty() ? "" : " ") + ("(" + printable(path.destination.ipAddress) + ")");
    if (destination.empty())
        destination = "an unnamed destination";
    std::string summary = std::string(protocolName(path.protocol)) + " to " + destination;
    if (path.destination.port)
        summary += " port " + std::to_string(*path.destination.port);

    std::set<int> ttls;
    std::set<int> answeredTtls;
    const PathHop *arrival = nullptr;
    for (const PathHop &hop : path.hops) {
        ttls.insert(hop.ttl);
        if (hop.reachable)
            answeredTtls.insert(hop.ttl);
        if (!arrival && hop.reachable && hop.ipAddress == path.destination.ipAddress)
            arrival = &hop;
    }
    if (arrival)
        summary += ": reached at TTL " + std::to_string(arrival->ttl)
                   + (arrival->rttMs ? " in " + formatRtt(arrival->rttMs) : std::string());
    else if (const auto stop = unreachableStop(path))
        summary += ": stopped at TTL " + std::to_string(stop->ttl) + ", "
                   + std::string(unreachableName(stop->kind)) + " ("
                   + std::string(unreachableFlag(stop->kind)) + ") from " + printable(stop->from);
    else
        summary += ": destination not reached";
    const std::size_t silent = ttls.size() - answeredTtls.size();
    summary += "; " + std::to_string(ttls.size()) + (ttls.size() == 1 ? " TTL, " : " TTLs, ")
               + std::to_string(silent) + " silent; traced " + formatUtc(path.timestampMs);
    return summary;
}

} // namespace hopscope
