// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "compare/pathcomparison.h"

#include "packet/ipaddress.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

namespace hopscope {

namespace {

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    const std::size_t middle = values.size() / 2;
    return values.size() % 2 ? values[middle] : (values[middle - 1] + values[middle]) / 2.0;
}

struct PathTtls
{
    PathOverview overview;
    std::map<int, TtlObservation> byTtl;
};

PathTtls observe(const PathModel &model)
{
    PathTtls result;
    const NetworkPath &path = model.header();
    // Who answers is the latest route: a session's probes also hold the routes it left.
    const std::vector<PathHop> hops = model.latestHops();
    std::map<int, std::set<std::string>> responders;
    std::map<int, std::string> labels;
    for (const PathHop &hop : hops) {
        if (hop.ttl <= 0)
            continue;
        responders[hop.ttl]; // a silent TTL is still a TTL tried
        if (hop.reachable)
            responders[hop.ttl].insert(hop.ipAddress);
        if (!hop.mpls.empty() && labels[hop.ttl].empty())
            labels[hop.ttl] = mplsCell(hop.mpls);
    }
    if (path.hopscope)
        result.overview.pathMtu = path.hopscope->pathMtu;
    bool samples = false;
    for (const auto &[ttl, atTtl] : model.series())
        for (const PathModel::Series &series : atTtl)
            series.history.recent().forEach([&](const MonitorSample &sample) {
                samples = true;
                TtlObservation &at = result.byTtl[ttl];
                ++at.probesSent;
                if (!sample.lost())
                    at.rttsMs.push_back(sample.rttMs);
            });
    result.overview.perProbeSamples = samples;
    if (!samples)
        for (const PathHop &hop : hops)
            if (hop.ttl > 0 && hop.reachable && hop.rttMs)
                result.byTtl[hop.ttl].rttsMs.push_back(*hop.rttMs);
    for (const auto &[ttl, set] : responders) {
        TtlObservation &at = result.byTtl[ttl];
        at.responders.assign(set.begin(), set.end());
        std::sort(at.responders.begin(), at.responders.end(), addressTextLess);
        at.destination =
            !path.destination.ipAddress.empty() && set.contains(path.destination.ipAddress);
        if (at.destination && !result.overview.destinationTtl)
            result.overview.destinationTtl = ttl;
        if (!set.empty())
            result.overview.length = std::max(result.overview.length, ttl);
        if (const auto as = asAtTtl(model, ttl))
            at.as = as->label;
        at.mpls = labels[ttl];
    }
    for (auto &[ttl, at] : result.byTtl) {
        if (!at.rttsMs.empty())
            at.medianRttMs = median(at.rttsMs);
        if (at.probesSent > 0)
            at.lossPercent =
                100.0 * (at.probesSent - static_cast<int>(at.rttsMs.size())) / at.probesSent;
    }
    // A trace that arrives stops there; anything a file holds beyond is not on the path.
    const int end = result.overview.destinationTtl.value_or(result.overview.length);
    result.overview.length = end;
    std::erase_if(result.byTtl, [end](const auto &entry) { return entry.first > end; });
    return result;
}

HopChange classify(const std::optional<TtlObservation> &first,
                   const std::optional<TtlObservation> &second)
{
    if (!first)
        return HopChange::Added;
    if (!second)
        return HopChange::Removed;
    const auto &a = first->responders;
    const auto &b = second->responders;
    if (a == b)
        return HopChange::Same;
    if (b.empty())
        return HopChange::NowSilent;
    if (a.empty())
        return HopChange::NowAnswering;
    const bool shared = std::any_of(a.begin(), a.end(), [&b](const std::string &responder) {
        return std::find(b.begin(), b.end(), responder) != b.end();
    });
    return shared ? HopChange::EcmpChanged : HopChange::Changed;
}

} // namespace

std::string_view hopChangeName(HopChange change)
{
    switch (change) {
    case HopChange::Same:
        return "same";
    case HopChange::Changed:
        return "changed";
    case HopChange::EcmpChanged:
        return "ecmp-changed";
    case HopChange::NowSilent:
        return "now-silent";
    case HopChange::NowAnswering:
        return "now-answering";
    case HopChange::Added:
        return "added";
    case HopChange::Removed:
        return "removed";
    }
    return "same";
}

bool isRouteChange(HopChange change)
{
    return change == HopChange::Changed || change == HopChange::EcmpChanged ||
           change == HopChange::Added || change == HopChange::Removed;
}

bool PathComparison::reachabilityChanged() const
{
    return first.destinationTtl.has_value() != second.destinationTtl.has_value();
}

bool PathComparison::routesDiffer() const
{
    return reachabilityChanged() ||
           std::any_of(ttls.begin(), ttls.end(),
                       [](const TtlComparison &t) { return isRouteChange(t.change); });
}

int PathComparison::count(HopChange change) const
{
    return static_cast<int>(std::count_if(
        ttls.begin(), ttls.end(), [change](const TtlComparison &t) { return t.change == change; }));
}

PathComparison comparePaths(const PathModel &first, const PathModel &second)
{
    PathTtls a = observe(first);
    PathTtls b = observe(second);
    PathComparison comparison;
    comparison.first = a.overview;
    comparison.second = b.overview;
    comparison.firstAsPath = asPathOf(first);
    comparison.secondAsPath = asPathOf(second);
    const int last = std::max(a.overview.length, b.overview.length);
    for (int ttl = 1; ttl <= last; ++ttl) {
        TtlComparison row;
        row.ttl = ttl;
        if (const auto it = a.byTtl.find(ttl); it != a.byTtl.end() && ttl <= a.overview.length)
            row.first = it->second;
        else if (ttl <= a.overview.length)
            row.first = TtlObservation{}; // inside the path but absent from the file: silent
        if (const auto it = b.byTtl.find(ttl); it != b.byTtl.end() && ttl <= b.overview.length)
            row.second = it->second;
        else if (ttl <= b.overview.length)
            row.second = TtlObservation{};
        row.change = classify(row.first, row.second);
        if (row.first && row.second) {
            if (row.first->medianRttMs && row.second->medianRttMs)
                row.medianDeltaMs = *row.second->medianRttMs - *row.first->medianRttMs;
            if (row.first->lossPercent && row.second->lossPercent)
                row.lossDeltaPercent = *row.second->lossPercent - *row.first->lossPercent;
            const auto enough = [](const TtlObservation &o) {
                return o.probesSent > 0 && static_cast<int>(o.rttsMs.size()) >= kMinSamplesForTest;
            };
            if (enough(*row.first) && enough(*row.second)) {
                RttShift shift;
                shift.medianDeltaMs = *row.medianDeltaMs;
                shift.test = mannWhitneyU(row.first->rttsMs, row.second->rttsMs);
                shift.significant = shift.test.pValue < kSignificanceLevel &&
                                    std::abs(shift.medianDeltaMs) >= kNoticeableShiftMs;
                row.shift = shift;
            }
        }
        comparison.ttls.push_back(std::move(row));
    }
    return comparison;
}

// "At TTL 4 the path now crosses AS64502 THIRD-NET instead of AS64501 OTHER-NET." for the hops
// whose AS changed, else what the AS paths as a whole say; empty when no AS is known to change.
std::string describeAsChange(const PathComparison &comparison)
{
    std::vector<std::pair<std::pair<std::string, std::string>, std::vector<int>>> moves;
    for (const TtlComparison &row : comparison.ttls) {
        if (!row.first || !row.second || row.first->as.empty() || row.second->as.empty() ||
            row.first->as == row.second->as)
            continue;
        const std::pair<std::string, std::string> move{row.first->as, row.second->as};
        if (moves.empty() || moves.back().first != move)
            moves.push_back({move, {}});
        moves.back().second.push_back(row.ttl);
    }
    if (moves.empty())
        return describeAsPathChange(comparison.firstAsPath, comparison.secondAsPath);
    std::string text;
    for (const auto &[move, ttls] : moves) {
        std::string where = ttls.size() == 1 ? "TTL " + std::to_string(ttls.front())
                                             : "TTLs " + std::to_string(ttls.front()) + "-" +
                                                   std::to_string(ttls.back());
        text += (text.empty() ? "" : " ") + ("At " + where) + " the path now crosses " +
                move.second + " instead of " + move.first + ".";
    }
    return text;
}

std::vector<std::string> describeQuoteChanges(const PathComparison &comparison)
{
    std::vector<std::string> lines;
    for (const TtlComparison &row : comparison.ttls) {
        if (!row.first || !row.second || row.first->mpls == row.second->mpls ||
            row.change != HopChange::Same)
            continue; // a new router brings its own labels: the route change says it
        const std::string at = "At TTL " + std::to_string(row.ttl) + " the MPLS labels ";
        if (row.second->mpls.empty())
            lines.push_back(at + "are gone (were " + row.first->mpls + ").");
        else if (row.first->mpls.empty())
            lines.push_back(at + "are now " + row.second->mpls + " (none before).");
        else
            lines.push_back(at + "are now " + row.second->mpls + " (were " + row.first->mpls +
                            ").");
    }
    const auto &before = comparison.first.pathMtu;
    const auto &now = comparison.second.pathMtu;
    if (!before || !now)
        return lines;
    if (before->size != now->size)
        lines.push_back("The path MTU is now " + std::to_string(now->size) + " bytes (was " +
                        std::to_string(before->size) + ").");
    // "TTL 2", "TTLs 2 and 3", "TTLs 2, 3 and 5": the hops after which the MTU drops.
    const auto dropsAfter = [](const PathMtu &mtu) {
        std::string ttls;
        for (std::size_t i = 0; i < mtu.drops.size(); ++i)
            ttls += (i == 0                      ? ""
                     : i + 1 == mtu.drops.size() ? " and "
                                                 : ", ") +
                    std::to_string(mtu.drops[i].routerTtl());
        return (mtu.drops.size() > 1 ? "TTLs " : "TTL ") + ttls;
    };
    if (dropsAfter(*before) != dropsAfter(*now))
        lines.push_back(
            now->drops.empty() ? "The path MTU no longer drops on the way (it dropped after " +
                                     dropsAfter(*before) + ")."
            : before->drops.empty()
                ? "The path MTU now drops after " + dropsAfter(*now) + " (it did not drop before)."
                : "The path MTU now drops after " + dropsAfter(*now) + " (was after " +
                      dropsAfter(*before) + ").");
    return lines;
}

} // namespace hopscope
