// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "report/pathtexttable.h"

#include "report/pathverdict.h"
#include "report/quotefindings.h"

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

// A router's destination-unreachable at the last TTL, if a row there answered with one.
std::optional<UnreachableStop> unreachableStop(const PathModel &model, int lastTtl)
{
    for (const MonitorHop &hop : model.hops()) {
        const auto responder = IpAddress::parse(hop.responder);
        if (hop.ttl != lastTtl || !responder || !hop.unreachableCode ||
            !hop.onRoute(model.routeRound()))
            continue;
        const bool v6 = !responder->isV4();
        return UnreachableStop{
            lastTtl, classifyUnreachable(v6, static_cast<std::uint8_t>(*hop.unreachableCode)),
            hop.responder};
    }
    return std::nullopt;
}

} // namespace

std::string formatPathTable(const PathModel &model)
{
    const std::vector<PathHop> &hops = model.latestHops();
    // Whose network each hop is in and the MPLS labels another tool's file showed, as columns
    // only when there are any.
    const NetworkPath &path = model.header();
    std::vector<std::string> owners;
    for (const PathHop &hop : hops) {
        const auto owner = ownerOf(path, hop);
        owners.push_back(owner ? printable(asLabel(*owner)) : std::string());
    }
    const bool asns = std::any_of(owners.begin(), owners.end(),
                                  [](const std::string &label) { return !label.empty(); });
    const bool labels =
        std::any_of(hops.begin(), hops.end(), [](const PathHop &hop) { return !hop.mpls.empty(); });
    std::vector<std::vector<std::string>> rows;
    rows.push_back({"TTL", "ADDRESS", "HOSTNAME", "RTT", "REACHABLE"});
    std::vector<bool> rightAligned{true, false, false, true, false};
    if (asns) {
        rows.front().push_back("AS");
        rightAligned.push_back(false);
    }
    if (labels) {
        rows.front().push_back("MPLS");
        rightAligned.push_back(false);
    }
    for (std::size_t i = 0; i < hops.size(); ++i) {
        const PathHop &hop = hops[i];
        rows.push_back({std::to_string(hop.ttl), printable(hop.ipAddress), printable(hop.hostname),
                        formatRtt(hop.rttMs), hop.reachable ? "yes" : "no"});
        if (asns)
            rows.back().push_back(owners[i]);
        if (labels)
            rows.back().push_back(mplsCell(hop.mpls));
    }
    return formatColumns(rows, rightAligned);
}

std::string formatPathTarget(const NetworkPath &path)
{
    std::string destination = printable(path.destination.hostname);
    if (!path.destination.ipAddress.empty() &&
        path.destination.ipAddress != path.destination.hostname)
        destination +=
            (destination.empty() ? "" : " ") + ("(" + printable(path.destination.ipAddress) + ")");
    if (destination.empty())
        destination = "an unnamed destination";
    std::string target = std::string(protocolName(path.protocol)) + " to " + destination;
    if (path.destination.port)
        target += " port " + std::to_string(*path.destination.port);
    return target;
}

std::string formatPathSummary(const PathModel &model)
{
    const NetworkPath &path = model.header();
    std::string summary = formatPathTarget(path);

    std::set<int> ttls;
    std::set<int> answeredTtls;
    std::optional<PathHop> arrival;
    const std::vector<PathHop> hops = model.latestHops();
    for (const PathHop &hop : hops) {
        ttls.insert(hop.ttl);
        if (hop.reachable)
            answeredTtls.insert(hop.ttl);
        if (!arrival && hop.reachable && hop.ipAddress == path.destination.ipAddress)
            arrival = hop;
    }
    if (arrival)
        summary += ": reached at TTL " + std::to_string(arrival->ttl) +
                   (arrival->rttMs ? " in " + formatRtt(arrival->rttMs) : std::string());
    else if (const auto stop = unreachableStop(model, hops.empty() ? 0 : hops.back().ttl))
        summary += ": stopped at TTL " + std::to_string(stop->ttl) + ", " +
                   std::string(unreachableName(stop->kind)) + " (" +
                   std::string(unreachableFlag(stop->kind)) + ") from " + printable(stop->from);
    else
        summary += ": destination not reached";
    const std::size_t silent = ttls.size() - answeredTtls.size();
    summary += "; " + std::to_string(ttls.size()) + (ttls.size() == 1 ? " TTL, " : " TTLs, ") +
               std::to_string(silent) + " silent; traced " + formatTracedAt(path.timestampMs);
    return summary;
}

std::string formatReplyNotes(const PathModel &model)
{
    const std::uint8_t sent = sentTrafficClassOf(model.header());
    std::vector<std::vector<std::string>> rows{{"TTL", "ADDRESS", "WHAT THE REPLY TOLD"}};
    for (const MonitorHop &hop : model.hops()) {
        const std::vector<ProbeQuote> quotes =
            hop.quote ? std::vector<ProbeQuote>{*hop.quote} : std::vector<ProbeQuote>{};
        for (const std::string &line :
             replyFindingLines(quotes, hop.destination ? hop.replyTtl : std::nullopt, sent))
            rows.push_back({std::to_string(hop.ttl), printable(hop.responder), printable(line)});
    }
    if (rows.size() == 1)
        return {};
    return formatColumns(rows, {true, false, false});
}

std::string formatPathMtu(const PathModel &model)
{
    std::string text;
    for (const std::string &line : pathMtuLines(model))
        text += line + "\n";
    return text;
}

} // namespace hopscope
