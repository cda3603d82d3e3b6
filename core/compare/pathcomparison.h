// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "compare/aspath.h"
#include "path/pathmodel.h"
#include "stats/mannwhitney.h"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hopscope {

// What one path shows at one TTL.
struct TtlObservation
{
    std::vector<std::string> responders; // sorted addresses that answered
    bool destination = false;            // one of them is the path's destination
    std::vector<double> rttsMs;          // every reply: per-probe samples, else the hops' RTTs
    int probesSent = 0;                  // 0 when the file has no per-probe samples
    std::optional<double> medianRttMs;
    std::optional<double> lossPercent; // only with per-probe samples
    std::string as;                    // the responders' AS ("AS64500 EXAMPLE-NET"), when known
    std::string mpls; // the label stack the responders quoted or the file listed ("24000/17")
};

// How a TTL differs between the two paths. A path's length is its last TTL that answered:
// the silent TTLs a trace that did not arrive tried after it are not hops.
enum class HopChange {
    Same,         // the same responders (or silent on both)
    Changed,      // answered on both sides by different routers
    EcmpChanged,  // the sets of parallel responders overlap but differ
    NowSilent,    // answered before, silent now (a router that stopped answering, not a new route)
    NowAnswering, // silent before, answers now
    Added,        // only the second path reaches this TTL
    Removed,      // only the first path reaches this TTL
};
std::string_view hopChangeName(HopChange change); // "same", "changed", "ecmp-changed", ...
bool isRouteChange(HopChange change);

// Whether the replies at a TTL got slower or faster, tested rather than guessed.
struct RttShift
{
    double medianDeltaMs = 0.0; // second minus first
    MannWhitneyResult test;
    bool significant = false; // p < kSignificanceLevel, and the medians kNoticeableShiftMs apart
};
inline constexpr double kSignificanceLevel = 0.05;
// A smaller change of medians is timer and scheduling noise however consistent it is: on a quiet
// link a few microseconds can test as significant, and nobody's path got slower.
inline constexpr double kNoticeableShiftMs = 0.1;
// Fewer replies than this on either side are not tested: no difference could be significant.
inline constexpr int kMinSamplesForTest = 4;

struct TtlComparison
{
    int ttl = 0;
    HopChange change = HopChange::Same;
    std::optional<TtlObservation> first; // absent beyond that path's length
    std::optional<TtlObservation> second;
    std::optional<double> medianDeltaMs; // when both sides have replies
    std::optional<RttShift> shift;       // when both sides have enough per-probe samples
    std::optional<double> lossDeltaPercent;

    // Anything to point out: the responders changed in any way, or the RTT shifted significantly.
    bool differs() const { return change != HopChange::Same || (shift && shift->significant); }
};

struct PathOverview
{
    int length = 0; // the last TTL that answered
    std::optional<int> destinationTtl;
    bool perProbeSamples = false;
    std::optional<PathMtu> pathMtu; // when the trace searched for it
};

struct PathComparison
{
    PathOverview first;
    PathOverview second;
    std::vector<TtlComparison> ttls;
    // The ASes each path crosses, as far as their owners are known.
    std::vector<AsCrossing> firstAsPath;
    std::vector<AsCrossing> secondAsPath;

    bool reachabilityChanged() const;
    bool lengthChanged() const { return first.length != second.length; }
    // The routes differ: a hop added, removed, changed or with another ECMP set, or the
    // destination reached on one side only. Silence alone (rate limiting) is not a new route.
    bool routesDiffer() const;
    int count(HopChange change) const;
};

PathComparison comparePaths(const PathModel &first, const PathModel &second);

// "At TTL 4 the path now crosses AS64502 THIRD-NET instead of AS64501 OTHER-NET." for the hops
// whose AS changed, else what the AS paths as a whole say; empty when no AS is known to change.
std::string describeAsChange(const PathComparison &comparison);

// What the routers' quotes and the path MTU search say changed, a sentence each:
//   "At TTL 3 the MPLS labels are now 24001/17 (were 24000/17)."
//   "The path MTU is now 1400 bytes (was 1500)."
//   "The path MTU now drops after TTL 2 (was after TTL 3)."
// Empty when neither side tells, or nothing changed.
std::vector<std::string> describeQuoteChanges(const PathComparison &comparison);

} // namespace hopscope
