#pragma once

#include "compare/pathcomparison.h"

#include <nlohmann/json.hpp>

#include <string>

namespace hopscope {

// A readable diff: both paths' summaries, a verdict on the route, a row per TTL, and what the
// RTT tests found.
std::string formatComparison(const PathComparison &comparison, const NetworkPath &first, const NetworkPath &second);

// "p = 0.0312", or "p < 0.0001".
std::string formatPValue(double p);

// One sentence: "The routes are the same." or what differs.
std::string comparisonVerdict(const PathComparison &comparison);

// The same for programs.
nlohmann::ordered_json comparisonToJson(const PathComparison &comparison, const NetworkPath &first,
                                        const NetworkPath &second);

} // namespace hopscope
