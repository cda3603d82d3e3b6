// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "report/pathverdict.h"

#include "report/quotefindings.h"
#include "report/textformat.h"

#include <algorithm>
#include <map>

namespace hopscope {

namespace {

std::string ms(double value)
{
    return formatFixed(value, value < 10.0 ? 2 : 1) + " ms";
}

std::string ttlList(const std::vector<int> &ttls)
{
    std::string text;
    for (std::size_t i = 0; i < ttls.size(); ++i)
        text += (i == 0 ? "" : i + 1 == ttls.size() ? " and " : ", ") + std::to_string(ttls[i]);
    return text;
}

} // namespace

PathVerdict pathVerdict(const PathModel &model)
{
    PathVerdict verdict;
    if (model.header().hopscope)
        verdict.pathMtu = model.header().hopscope->pathMtu;
    const int latestRound = model.routeRound();
    for (const MonitorHop &hop : model.hops())
        if (hop.destination && hop.onRoute(latestRound) && !verdict.destinationTtl) {
            verdict.destinationTtl = hop.ttl;
            verdict.destinationRttMs = hop.stats.avgMs;
        }
    std::map<int, TtlFigures> byTtl = model.latestTtlFigures();
    verdict.reached = verdict.destinationTtl.has_value() || model.destinationTtl().has_value();

    // A reached path ends at the destination; one that did not arrive, at its last answer. The
    // silence a trace met beyond is said once, not TTL by TTL.
    verdict.highestTtlTried = std::max(byTtl.empty() ? 0 : byTtl.rbegin()->first, model.lastTtl());
    for (const auto &[ttl, at] : byTtl)
        if (at.answered)
            verdict.lastAnsweringTtl = ttl;
    const int end = verdict.destinationTtl.value_or(verdict.lastAnsweringTtl);
    std::erase_if(byTtl, [end](const auto &e) { return e.first > end; });
    for (const auto &[ttl, at] : byTtl) {
        if (!at.answered)
            verdict.silentTtls.push_back(ttl);
        else if (at.rateLimited)
            verdict.rateLimitedTtls.push_back(ttl);
    }

    // Latency: the TTL where the smallest later average most exceeds the largest earlier one.
    std::vector<std::pair<int, double>> answered;
    for (const auto &[ttl, at] : byTtl)
        if (at.avgMs)
            answered.emplace_back(ttl, *at.avgMs);
    const double reference =
        verdict.destinationRttMs.value_or(answered.empty() ? 0.0 : answered.back().second);
    double bestJump = 0.0;
    for (std::size_t i = 1; i < answered.size(); ++i) {
        double before = 0.0;
        for (std::size_t k = 0; k < i; ++k)
            before = std::max(before, answered[k].second);
        double after = answered[i].second;
        for (std::size_t k = i; k < answered.size(); ++k)
            after = std::min(after, answered[k].second);
        const double jump = after - before;
        if (jump > bestJump) {
            bestJump = jump;
            verdict.latencyStartsTtl = answered[i].first;
        }
    }
    if (bestJump >= kLatencyJumpMinMs && bestJump >= kLatencyJumpMinShare * reference)
        verdict.latencyIncreaseMs = bestJump;
    else
        verdict.latencyStartsTtl.reset();

    // Loss: walk back from the last answering TTL while every TTL loses some probes.
    if (model.counted() && !answered.empty()) {
        const int last = answered.back().first;
        verdict.lastHopLossPercent = byTtl[last].lossPercent();
        if (verdict.lastHopLossPercent > 0.0) {
            int start = last;
            for (auto it = byTtl.find(last); it != byTtl.begin();) {
                --it;
                if (!it->second.answered || it->second.lossPercent() <= 0.0)
                    break;
                start = it->first;
            }
            verdict.lossStartsTtl = start;
        }
    }
    verdict.asPath = asPathOf(model);
    if (verdict.latencyStartsTtl)
        verdict.latencyStartsIn = asAtTtl(model, *verdict.latencyStartsTtl);
    if (verdict.lossStartsTtl)
        verdict.lossStartsIn = asAtTtl(model, *verdict.lossStartsTtl);
    return verdict;
}

namespace {

std::string inAs(const std::optional<AsCrossing> &as)
{
    return as ? ", in " + as->label : std::string();
}

// "The path crosses AS64500 EXAMPLE-NET (TTL 2-3), then AS64501 OTHER-NET (TTL 4-6)." The
// ranges cover the hops known to be in each AS only, so a path of mostly unknown owners does not
// read as if it stayed in the one AS a hop was found in.
std::string describeAsPath(const std::vector<AsCrossing> &path)
{
    std::string text = "The path crosses ";
    for (std::size_t i = 0; i < path.size(); ++i) {
        const AsCrossing &as = path[i];
        text += (i == 0 ? "" : ", then ") + as.label + " (TTL " + std::to_string(as.firstTtl) +
                (as.lastTtl > as.firstTtl ? "-" + std::to_string(as.lastTtl) : std::string()) + ")";
    }
    return text + ".";
}

} // namespace

std::vector<std::string> describeVerdict(const PathVerdict &verdict, bool counted)
{
    std::vector<std::string> lines;
    if (verdict.reached)
        lines.push_back("The destination was reached" +
                        (verdict.destinationTtl
                             ? " at TTL " + std::to_string(*verdict.destinationTtl)
                             : std::string()) +
                        (verdict.destinationRttMs ? ", average RTT " + ms(*verdict.destinationRttMs)
                                                  : std::string()) +
                        ".");
    else
        lines.push_back("The destination was not reached.");
    if (verdict.latencyStartsTtl)
        lines.push_back("Latency starts at TTL " + std::to_string(*verdict.latencyStartsTtl) +
                        inAs(verdict.latencyStartsIn) + ": every hop from there on is at least " +
                        ms(verdict.latencyIncreaseMs) + " slower than every hop before it.");
    else
        lines.push_back("No hop adds a lasting jump in latency.");
    if (!counted)
        lines.push_back("Loss is not known: the file holds one RTT per hop, not its probes.");
    else if (verdict.lossStartsTtl)
        lines.push_back("Loss starts at TTL " + std::to_string(*verdict.lossStartsTtl) +
                        inAs(verdict.lossStartsIn) + " and carries on to the last hop (" +
                        formatPercent(verdict.lastHopLossPercent, 0) + " lost there).");
    else
        lines.push_back("No loss carries on to the last hop.");
    if (!verdict.rateLimitedTtls.empty()) {
        const bool one = verdict.rateLimitedTtls.size() == 1;
        lines.push_back(std::string(one ? "TTL " : "TTLs ") + ttlList(verdict.rateLimitedTtls) +
                        (one ? " looks rate-limited: its loss is not shared by later hops, so the "
                               "router is sparing its ICMP answers rather than dropping traffic."
                             : " look rate-limited: their loss is not shared by later hops, so the "
                               "routers are sparing their ICMP answers rather than dropping "
                               "traffic."));
    }
    if (!verdict.silentTtls.empty())
        lines.push_back(std::string(verdict.silentTtls.size() == 1 ? "TTL " : "TTLs ") +
                        ttlList(verdict.silentTtls) + " did not answer.");
    if (!verdict.asPath.empty())
        lines.push_back(describeAsPath(verdict.asPath));
    if (!verdict.reached && verdict.highestTtlTried > verdict.lastAnsweringTtl)
        lines.push_back(verdict.lastAnsweringTtl > 0
                            ? "Nothing answered beyond TTL " +
                                  std::to_string(verdict.lastAnsweringTtl) + " (probed up to TTL " +
                                  std::to_string(verdict.highestTtlTried) + ")."
                            : "Nothing answered (probed up to TTL " +
                                  std::to_string(verdict.highestTtlTried) + ").");
    if (verdict.pathMtu)
        for (std::string &line : describePathMtu(*verdict.pathMtu, verdict.reached))
            lines.push_back(std::move(line));
    return lines;
}

std::vector<std::string> pathMtuLines(const PathModel &model)
{
    const auto &extension = model.header().hopscope;
    if (!extension || !extension->pathMtu)
        return {};
    return describePathMtu(*extension->pathMtu, pathVerdict(model).reached);
}

} // namespace hopscope
