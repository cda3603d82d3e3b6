// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "compare/pathcomparison.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace hopscope {

// One path of a timeline, and how it differs from the one before it.
struct TimelineEntry
{
    std::size_t source = 0; // its index in the paths given to buildTimeline
    std::int64_t timestampMs = 0;
    PathOverview overview;
    std::optional<double> destinationMedianMs; // the median RTT where the destination answered
    bool routeChanged = false;                 // a route change from the previous path
    std::vector<int> changedTtls; // route changes and significant shifts from the previous path
    std::string asChange;         // how the ASes crossed changed from the previous path, if known
};

// What one path shows at one TTL of the timeline, and what changed there since the path before.
struct TimelineCell
{
    std::optional<TtlObservation> observation; // absent beyond that path's length
    HopChange change = HopChange::Same;        // from the previous path; Same for the first
    std::optional<RttShift> shift;             // from the previous path, when it could be tested
};

// Several paths to one place in time order, each compared with the one before: where the route
// moved, and when the RTT changed.
struct PathTimeline
{
    std::vector<TimelineEntry> entries;           // oldest first
    std::vector<std::vector<TimelineCell>> cells; // cells[ttl - 1][entry]
    int routeChanges = 0;                         // entries whose route differs from the one before

    int ttlCount() const { return static_cast<int>(cells.size()); }
};

// `paths` in any order; the entries are in time order (equal times keep the order given).
PathTimeline buildTimeline(const std::vector<PathModel> &paths);

} // namespace hopscope
