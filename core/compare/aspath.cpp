// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "compare/aspath.h"

#include "common/safetext.h"

#include <algorithm>

namespace hopscope {

namespace {

std::vector<AsCrossing> missingFrom(const std::vector<AsCrossing> &these,
                                    const std::vector<AsCrossing> &others)
{
    std::vector<AsCrossing> missing;
    for (const AsCrossing &crossing : these) {
        const auto same = [&](const AsCrossing &other) { return other.asn == crossing.asn; };
        if (std::none_of(others.begin(), others.end(), same) &&
            std::none_of(missing.begin(), missing.end(), same))
            missing.push_back(crossing);
    }
    return missing;
}

std::string listed(const std::vector<AsCrossing> &crossings)
{
    std::string text;
    for (std::size_t i = 0; i < crossings.size(); ++i) {
        if (i > 0)
            text += i + 1 == crossings.size() ? " and " : ", ";
        text += crossings[i].label;
    }
    return text;
}

} // namespace

std::vector<AsCrossing> asPathOf(const PathModel &model)
{
    std::vector<AsCrossing> path;
    std::vector<PathHop> hops = model.latestHops();
    std::stable_sort(hops.begin(), hops.end(),
                     [](const PathHop &a, const PathHop &b) { return a.ttl < b.ttl; });
    for (const PathHop &hop : hops) {
        if (!hop.reachable)
            continue;
        const auto owner = ownerOf(model.header(), hop);
        if (!owner || !owner->asn)
            continue;
        if (!path.empty() && path.back().asn == *owner->asn) {
            path.back().lastTtl = hop.ttl;
            continue;
        }
        path.push_back({*owner->asn, printable(asLabel(*owner)), hop.ttl, hop.ttl});
    }
    return path;
}

std::optional<AsCrossing> asAtTtl(const PathModel &model, int ttl)
{
    for (const PathHop &hop : model.latestHops()) {
        if (hop.ttl != ttl || !hop.reachable)
            continue;
        if (const auto owner = ownerOf(model.header(), hop); owner && owner->asn)
            return AsCrossing{*owner->asn, printable(asLabel(*owner)), ttl, ttl};
    }
    return std::nullopt;
}

std::string describeAsPathChange(const std::vector<AsCrossing> &first,
                                 const std::vector<AsCrossing> &second)
{
    if (first.empty() || second.empty())
        return {};
    const auto asns = [](const std::vector<AsCrossing> &path) {
        std::vector<std::uint32_t> numbers;
        for (const AsCrossing &crossing : path)
            numbers.push_back(crossing.asn);
        return numbers;
    };
    if (asns(first) == asns(second))
        return {};
    const std::vector<AsCrossing> gone = missingFrom(first, second);
    const std::vector<AsCrossing> added = missingFrom(second, first);
    if (!added.empty() && !gone.empty())
        return "The path now crosses " + listed(added) + " instead of " + listed(gone) + ".";
    if (!added.empty())
        return "The path now also crosses " + listed(added) + ".";
    if (!gone.empty())
        return "The path no longer crosses " + listed(gone) + ".";
    return "The path crosses the same ASes in another order: " + listed(second) + ".";
}

} // namespace hopscope
