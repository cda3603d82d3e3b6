// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "compare/pathtimeline.h"

#include <algorithm>

namespace hopscope {

namespace {

std::optional<double> destinationMedian(const PathComparison &comparison, bool first)
{
    const PathOverview &overview = first ? comparison.first : comparison.second;
    if (!overview.destinationTtl)
        return std::nullopt;
    for (const TtlComparison &row : comparison.ttls)
        if (row.ttl == *overview.destinationTtl) {
            const auto &side = first ? row.first : row.second;
            return side ? side->medianRttMs : std::nullopt;
        }
    return std::nullopt;
}

} // namespace

PathTimeline buildTimeline(const std::vector<PathModel> &paths)
{
    std::vector<std::size_t> order(paths.size());
    for (std::size_t i = 0; i < order.size(); ++i)
        order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        return paths[a].header().timestampMs < paths[b].header().timestampMs;
    });
    PathTimeline timeline;
    for (std::size_t i = 0; i < order.size(); ++i) {
        const PathModel &path = paths[order[i]];
        // The first path against itself gives its own observations, with nothing changed.
        const PathComparison comparison = comparePaths(paths[order[i == 0 ? 0 : i - 1]], path);
        TimelineEntry entry;
        entry.source = order[i];
        entry.timestampMs = path.header().timestampMs;
        entry.overview = comparison.second;
        entry.destinationMedianMs = destinationMedian(comparison, false);
        entry.routeChanged = comparison.routesDiffer();
        if (entry.routeChanged)
            entry.asChange = describeAsChange(comparison);
        timeline.routeChanges += entry.routeChanged ? 1 : 0;
        for (const TtlComparison &row : comparison.ttls) {
            const auto ttl = static_cast<std::size_t>(row.ttl);
            if (timeline.cells.size() < ttl)
                timeline.cells.resize(ttl, std::vector<TimelineCell>(paths.size()));
            TimelineCell &cell = timeline.cells[ttl - 1][i];
            cell.observation = row.second;
            cell.change = row.change;
            cell.shift = row.shift;
            if (row.differs())
                entry.changedTtls.push_back(row.ttl);
        }
        timeline.entries.push_back(std::move(entry));
    }
    return timeline;
}

} // namespace hopscope
