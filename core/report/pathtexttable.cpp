#include "report/pathtexttable.h"

#include "report/textformat.h"

#include "packet/ipaddress.h"
#include "packet/unreachable.h"

#include <algorithm>
#include <cstdio>
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
        if (isUnreachableType(v6, *probe.icmpType))
            return UnreachableStop{last, classifyUnreachable(v6, static_cast<std::uint8_t>(*probe.icmpCode)),
                                   probe.responder};
    }
    return std::nullopt;
}

} // namespace

std::string formatPathTable(const NetworkPath &path)
{
    std::vector<std::vector<std::string>> rows;
    rows.push_back({"TTL", "ADDRESS", "HOSTNAME", "RTT", "REACHABLE"});
    for (const PathHop &hop : path.hops)
        rows.push_back({std::to_string(hop.ttl), printable(hop.ipAddress), printable(hop.hostname),
                        formatRtt(hop.rttMs), hop.reachable ? "yes" : "no"});
    return formatColumns(rows, {true, false, false, true, false});
}

std::string formatPathTarget(const NetworkPath &path)
{
    std::string destination = printable(path.destination.hostname);
    if (!path.destination.ipAddress.empty() && path.destination.ipAddress != path.destination.hostname)
        destination += (destination.empty() ? "" : " ") + ("(" + printable(path.destination.ipAddress) + ")");
    if (destination.empty())
        destination = "an unnamed destination";
    std::string target = std::string(protocolName(path.protocol)) + " to " + destination;
    if (path.destination.port)
        target += " port " + std::to_string(*path.destination.port);
    return target;
}

std::string formatPathSummary(const NetworkPath &path)
{
    std::string summary = formatPathTarget(path);

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
