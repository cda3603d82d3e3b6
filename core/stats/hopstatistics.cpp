#include "stats/hopstatistics.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

namespace hopscope {

namespace {

double median(const std::vector<double> &sorted)
{
    const std::size_t n = sorted.size();
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
}

double nearestRank(const std::vector<double> &sorted, double percentile)
{
    const auto rank = static_cast<std::size_t>(
        std::ceil(percentile / 100.0 * static_cast<double>(sorted.size())));
    return sorted[std::clamp<std::size_t>(rank, 1, sorted.size()) - 1];
}

} // namespace

HopStatistics computeHopStatistics(std::span<const std::optional<double>> rttsMs)
{
    HopStatistics stats;
    std::vector<double> replies;
    replies.reserve(rttsMs.size());
    for (const auto &rtt : rttsMs)
        if (rtt)
            replies.push_back(*rtt);

    stats.sent = static_cast<int>(rttsMs.size());
    stats.received = static_cast<int>(replies.size());
    if (stats.sent > 0)
        stats.lossPercent = 100.0 * (stats.sent - stats.received) / stats.sent;
    if (replies.empty())
        return stats;

    const double count = static_cast<double>(replies.size());
    const double mean = std::accumulate(replies.begin(), replies.end(), 0.0) / count;
    double squares = 0.0;
    double jitterSum = 0.0;
    for (std::size_t i = 0; i < replies.size(); ++i) {
        squares += (replies[i] - mean) * (replies[i] - mean);
        if (i > 0)
            jitterSum += std::abs(replies[i] - replies[i - 1]);
    }

    stats.lastMs = replies.back();
    stats.avgMs = mean;
    stats.stdDevMs = replies.size() > 1 ? std::sqrt(squares / (count - 1.0)) : 0.0;
    stats.jitterMs = replies.size() > 1 ? jitterSum / (count - 1.0) : 0.0;

    std::vector<double> sorted = std::move(replies);
    std::sort(sorted.begin(), sorted.end());
    stats.minMs = sorted.front();
    stats.maxMs = sorted.back();
    stats.medianMs = median(sorted);
    stats.p95Ms = nearestRank(sorted, 95.0);
    return stats;
}

} // namespace hopscope
