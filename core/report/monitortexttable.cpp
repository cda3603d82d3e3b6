// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "report/monitortexttable.h"

#include "report/pathtexttable.h"

#include "report/textformat.h"

#include <algorithm>

namespace hopscope {

namespace {

std::string hostCell(const MonitorHop &hop)
{
    if (hop.responder.empty())
        return "???";
    if (hop.hostname.empty() || hop.hostname == hop.responder)
        return printable(hop.responder);
    return printable(hop.hostname) + " (" + printable(hop.responder) + ")";
}

} // namespace

std::string describeHopNotes(const MonitorHop &hop, int latestRound)
{
    std::string note;
    const auto add = [&note](const std::string &text) {
        note += (note.empty() ? "" : "; ") + text;
    };
    if (const auto kind = routerUnreachable(hop))
        add(std::string(unreachableFlag(*kind)) + " " + std::string(unreachableName(*kind)));
    if (hop.likelyRateLimited)
        add(hop.stats.received == 0
                ? "no replies, but later hops answer: ICMP filtered or rate limited"
                : "loss does not continue: likely ICMP rate limiting");
    if (!hop.onRoute(latestRound))
        add("not on the path since round " + std::to_string(hop.lastRound + 1));
    return note;
}

std::optional<UnreachableKind> routerUnreachable(const MonitorHop &hop)
{
    if (!hop.unreachableCode)
        return std::nullopt;
    const bool v6 = hop.responder.find(':') != std::string::npos;
    const auto kind = classifyUnreachable(v6, static_cast<std::uint8_t>(*hop.unreachableCode));
    return kind == UnreachableKind::Port ? std::nullopt : std::optional<UnreachableKind>(kind);
}

std::string formatMonitorTable(const NetworkPath &path, const std::vector<MonitorHop> &hops,
                               int latestRound)
{
    // Whose network each hop is in, as mtr -z shows it, when any is known.
    std::vector<std::string> owners;
    for (const MonitorHop &hop : hops) {
        const auto owner = ownerOf(path, hop.responder);
        owners.push_back(owner ? printable(asLabel(*owner)) : std::string());
    }
    const bool asns = std::any_of(owners.begin(), owners.end(),
                                  [](const std::string &label) { return !label.empty(); });
    std::vector<std::vector<std::string>> rows;
    rows.push_back({"TTL", "Host", "Loss%", "Snt", "Last", "Avg", "Best", "Wrst", "StDev", "Jitter",
                    "p95", ""});
    std::vector<bool> rightAligned{true, false, true, true, true, true,
                                   true, true,  true, true, true, false};
    if (asns) {
        rows.front().insert(rows.front().begin() + 1, "AS");
        rightAligned.insert(rightAligned.begin() + 1, false);
    }
    int previousTtl = 0;
    for (std::size_t i = 0; i < hops.size(); ++i) {
        const MonitorHop &hop = hops[i];
        const HopStatistics &s = hop.stats;
        // Further responders at one TTL are listed under it, as mtr does.
        rows.push_back({hop.ttl == previousTtl ? "" : std::to_string(hop.ttl), hostCell(hop),
                        formatPercent(s.lossPercent), std::to_string(s.sent), formatMs(s.lastMs),
                        formatMs(s.avgMs), formatMs(s.minMs), formatMs(s.maxMs),
                        formatMs(s.stdDevMs), formatMs(s.jitterMs), formatMs(s.p95Ms),
                        describeHopNotes(hop, latestRound)});
        if (asns)
            rows.back().insert(rows.back().begin() + 1, owners[i]);
        previousTtl = hop.ttl;
    }
    return formatColumns(rows, rightAligned);
}

std::string formatRouteChangeLine(const RouteChange &change)
{
    return "round " + std::to_string(change.round) + ", " + formatUtc(change.timeUs / 1000) + ": " +
           printable(describeRouteChange(change));
}

std::string formatSampling(const NetworkPath &path, int intervalMs)
{
    if (!path.hopscope || !path.hopscope->request || intervalMs <= 0 ||
        path.hopscope->probing == Probing::Imported)
        return {};
    const TraceRequest &request = *path.hopscope->request;
    std::string text = std::to_string(request.queries) +
                       (request.queries == 1 ? " probe per TTL" : " probes per TTL");
    if (request.flows > 1)
        text += " on each of " + std::to_string(request.flows) + " flows";
    return text + " every " + std::to_string(intervalMs) + " ms";
}

std::string formatMonitorReport(const PathModel &model)
{
    if (!model.isMonitoring())
        return {};
    const int rounds = model.rounds();
    std::string report = formatPathTarget(model.header()) + ": " + std::to_string(rounds) +
                         (rounds == 1 ? " round" : " rounds");
    if (const std::string sampling = formatSampling(model.header(), model.intervalMs());
        !sampling.empty())
        report += " of " + sampling;
    if (model.failedRounds() > 0)
        report += " (" + std::to_string(model.failedRounds()) + " more failed)";
    // Another tool's figures say how many cycles ran, not when.
    if (model.firstRoundUs() > 0)
        report += " from " + formatUtc(model.firstRoundUs() / 1000) + " to " +
                  formatUtc(model.latestRoundUs() / 1000);
    report += "\n\n";
    report += formatMonitorTable(model.header(), model.hops(), model.routeRound());
    const std::size_t changes = model.routeChanges().size() + model.forgottenRouteChanges();
    report += "\n" + std::to_string(changes) + (changes == 1 ? " route change" : " route changes");
    report += changes == 0 ? ".\n" : ":\n";
    for (const RouteChange &change : model.routeChanges())
        report += "  " + formatRouteChangeLine(change) + "\n";
    return report;
}

std::string formatFiguresReport(const PathModel &model)
{
    if (!model.counted() || model.isMonitoring())
        return {};
    return "Per hop:\n\n" + formatMonitorTable(model.header(), model.hops(), model.routeRound());
}

} // namespace hopscope
