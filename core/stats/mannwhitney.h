// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <span>

namespace hopscope {

// The Mann-Whitney U test (Wilcoxon rank-sum): do two samples come from distributions with the
// same location? It assumes nothing about their shape, which suits round-trip times (skewed,
// with a long tail of queueing delays) better than a comparison of means.
struct MannWhitneyResult
{
    double u = 0.0;      // U of the first sample: pairs (a, b) with a > b, ties counting 1/2
    double pValue = 1.0; // two-sided
    bool exact = false;  // from the exact distribution rather than the normal approximation
};

// Exact p-value when both samples have at most kMannWhitneyExactLimit values and no ties;
// otherwise the normal approximation with tie and continuity corrections. An empty sample
// gives p = 1: nothing can be told.
inline constexpr int kMannWhitneyExactLimit = 25;
MannWhitneyResult mannWhitneyU(std::span<const double> a, std::span<const double> b);

} // namespace hopscope
