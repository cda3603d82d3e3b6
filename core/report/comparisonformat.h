// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "compare/pathcomparison.h"

#include <nlohmann/json_fwd.hpp>

#include <string>
#include <vector>

namespace hopscope {

// A readable diff: both paths' summaries, a verdict on the route, a row per TTL, and what the
// RTT tests found.
std::string formatComparison(const PathComparison &comparison, const PathModel &first,
                             const PathModel &second);

// A side's responders at a TTL: "192.0.2.1, 192.0.2.2", "*" when silent, "-" beyond its end.
std::string formatResponders(const std::optional<TtlObservation> &side);

// A side's median RTT in ms with three decimals, the change of medians with its sign, a side's
// loss ("16.7%"); empty when there is none.
std::string formatMedianMs(const std::optional<TtlObservation> &side);
std::string formatMedianDelta(const TtlComparison &row);
std::string formatLoss(const std::optional<TtlObservation> &side);

// "p = 0.0312 significant", "p = 0.0411, under 0.1 ms" (a consistent shift too small to
// matter), "p = 0.4100", or nothing when the TTL was not tested.
std::string formatRttTest(const TtlComparison &row);

// Sentences for paths that lead to different addresses or were traced with different protocols.
std::vector<std::string> comparisonNotes(const PathModel &first, const PathModel &second);

// What the RTT tests found: a sentence on how many TTLs were tested and how many changed, then
// one sentence per significant change ("Slower at TTL 4: median ...").
std::vector<std::string> describeRttTests(const PathComparison &comparison);

// "p = 0.0312", or "p < 0.0001".
std::string formatPValue(double p);

// One sentence: "The routes are the same." or what differs.
std::string comparisonVerdict(const PathComparison &comparison);

// The same for programs.
nlohmann::ordered_json comparisonToJson(const PathComparison &comparison, const PathModel &first,
                                        const PathModel &second);

} // namespace hopscope
