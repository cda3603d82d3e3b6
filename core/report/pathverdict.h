// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "compare/aspath.h"
#include "path/pathmodel.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace hopscope {

// What a report says first: did the probes arrive, and where do latency and loss begin.
struct PathVerdict
{
    bool reached = false;
    std::optional<int> destinationTtl;
    std::optional<double> destinationRttMs; // its average
    // The TTL from which every later hop is slower by at least `latencyIncreaseMs` than every
    // earlier one; a single slow router that later hops do not share is not the start.
    std::optional<int> latencyStartsTtl;
    double latencyIncreaseMs = 0.0;
    // The TTL from which loss carries on to the last hop (loss that later hops share).
    std::optional<int> lossStartsTtl;
    double lastHopLossPercent = 0.0;
    std::vector<int> rateLimitedTtls; // loss that later hops do not share: routers sparing ICMP
    std::vector<int> silentTtls;      // on the path: up to the destination or the last answer
    int lastAnsweringTtl = 0;
    int highestTtlTried = 0;
    // Whose networks: the ASes the path crosses, and those where latency and loss start.
    std::vector<AsCrossing> asPath;
    std::optional<AsCrossing> latencyStartsIn;
    std::optional<AsCrossing> lossStartsIn;
    std::optional<PathMtu> pathMtu; // when the trace searched for it
};

// A jump in latency must be at least this large, and this share of the destination's RTT, to
// be called the place where latency starts.
inline constexpr double kLatencyJumpMinMs = 5.0;
inline constexpr double kLatencyJumpMinShare = 0.25;

PathVerdict pathVerdict(const PathModel &model);

// Sentences for people, one per finding.
std::vector<std::string> describeVerdict(const PathVerdict &verdict, bool counted);

// The verdict's sentences on the path MTU alone (none when the trace did not search for it), for
// the CLI to print under a trace or a file's table.
std::vector<std::string> pathMtuLines(const PathModel &model);

} // namespace hopscope
