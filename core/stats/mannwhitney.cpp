// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "stats/mannwhitney.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace hopscope {

namespace {

// P(U <= u) when every ordering of the n1 + n2 values is equally likely. The number of
// orderings with a given U follows count(i, j, u) = count(i - 1, j, u - j) + count(i, j - 1, u).
double exactLowerTail(int n1, int n2, int u)
{
    const int maxU = n1 * n2;
    // counts[j][u] for the current i, built up row by row.
    std::vector<std::vector<double>> previous(n2 + 1, std::vector<double>(maxU + 1, 0.0));
    for (int j = 0; j <= n2; ++j)
        previous[j][0] = 1.0; // i = 0: one ordering, U = 0
    for (int i = 1; i <= n1; ++i) {
        std::vector<std::vector<double>> current(n2 + 1, std::vector<double>(maxU + 1, 0.0));
        current[0][0] = 1.0;
        for (int j = 1; j <= n2; ++j)
            for (int v = 0; v <= i * j; ++v)
                current[j][v] = (v >= j ? previous[j][v - j] : 0.0) + current[j - 1][v];
        previous = std::move(current);
    }
    double below = 0.0;
    double total = 0.0;
    for (int v = 0; v <= maxU; ++v) {
        total += previous[n2][v];
        if (v <= u)
            below += previous[n2][v];
    }
    return below / total;
}

} // namespace

MannWhitneyResult mannWhitneyU(std::span<const double> a, std::span<const double> b)
{
    MannWhitneyResult result;
    const auto n1 = static_cast<double>(a.size());
    const auto n2 = static_cast<double>(b.size());
    if (a.empty() || b.empty())
        return result;

    struct Value
    {
        double value;
        bool first;
    };
    std::vector<Value> all;
    all.reserve(a.size() + b.size());
    for (const double v : a)
        all.push_back({v, true});
    for (const double v : b)
        all.push_back({v, false});
    std::sort(all.begin(), all.end(),
              [](const Value &x, const Value &y) { return x.value < y.value; });

    // Average ranks for ties; the tie term corrects the variance.
    double rankSumFirst = 0.0;
    double tieTerm = 0.0;
    bool ties = false;
    for (std::size_t start = 0; start < all.size();) {
        std::size_t end = start + 1;
        while (end < all.size() && all[end].value == all[start].value)
            ++end;
        const double averageRank =
            (static_cast<double>(start + 1) + static_cast<double>(end)) / 2.0;
        const auto tied = static_cast<double>(end - start);
        if (tied > 1) {
            ties = true;
            tieTerm += tied * tied * tied - tied;
        }
        for (std::size_t k = start; k < end; ++k)
            if (all[k].first)
                rankSumFirst += averageRank;
        start = end;
    }
    result.u = rankSumFirst - n1 * (n1 + 1.0) / 2.0;
    const double smaller = std::min(result.u, n1 * n2 - result.u);

    if (!ties && a.size() <= kMannWhitneyExactLimit && b.size() <= kMannWhitneyExactLimit) {
        result.exact = true;
        const double tail = exactLowerTail(static_cast<int>(a.size()), static_cast<int>(b.size()),
                                           static_cast<int>(std::lround(smaller)));
        result.pValue = std::min(1.0, 2.0 * tail);
        return result;
    }
    const double n = n1 + n2;
    const double variance = n1 * n2 / 12.0 * ((n + 1.0) - tieTerm / (n * (n - 1.0)));
    if (variance <= 0.0)
        return result; // every value equal: no evidence of a difference
    const double mean = n1 * n2 / 2.0;
    const double z = std::max(0.0, std::abs(result.u - mean) - 0.5) / std::sqrt(variance);
    result.pValue = std::min(1.0, std::erfc(z / std::sqrt(2.0)));
    return result;
}

} // namespace hopscope
