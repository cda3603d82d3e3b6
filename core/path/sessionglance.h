// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "monitor/routechange.h"
#include "path/pathmodel.h"

#include <cstddef>
#include <optional>
#include <vector>

namespace hopscope {

// A monitoring session at a glance, for a summary of many: how its destination is doing. The
// destination's row is the one at the TTL it answered at last, so that a lost reply counts
// against it as it does in the hop table.
struct SessionGlance
{
    int rounds = 0;
    bool reachedLatest = false; // the destination answered in the latest round
    std::optional<int> destinationTtl;
    int sent = 0;
    int received = 0;
    std::optional<double> lossPercent; // none before a probe was sent its way
    std::optional<double> avgMs;
    std::optional<double> lastMs;
    // Its latest probes, oldest first: the round trip, or none for a probe lost.
    std::vector<std::optional<double>> recentMs;
    std::size_t routeChanges = 0; // every one seen, the forgotten ones too
    std::optional<RouteChange> lastRouteChange;
};

// At most `recentProbes` of the destination's latest probes are listed.
SessionGlance glanceAt(const PathModel &model, std::size_t recentProbes);

} // namespace hopscope
