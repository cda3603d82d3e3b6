// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "stats/runningstatistics.h"

#include "common/statecodec.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace hopscope {

namespace {

// Histogram buckets: bucket i holds replies in [kFloor * kGrowth^i, kFloor * kGrowth^(i+1)).
// From one microsecond to over ten minutes in 2,050 buckets.
constexpr double kFloorMs = 0.001;
constexpr double kGrowth = 1.01;
constexpr std::size_t kBuckets = 2050;

std::size_t bucketOf(double rttMs)
{
    if (rttMs <= kFloorMs)
        return 0;
    const auto index = static_cast<std::size_t>(std::log(rttMs / kFloorMs) / std::log(kGrowth));
    return std::min(index, kBuckets - 1);
}

// Nearest rank: the ceil(p/100 * n)-th smallest, counting from 1.
std::size_t nearestRank(double percentile, std::size_t count)
{
    const auto rank =
        static_cast<std::size_t>(std::ceil(percentile / 100.0 * static_cast<double>(count)));
    return std::clamp<std::size_t>(rank, 1, count);
}

} // namespace

RunningStatistics::RunningStatistics(std::size_t exactQuantileLimit)
    : m_exactLimit(exactQuantileLimit)
{
}

void RunningStatistics::add(std::optional<double> rttMs)
{
    ++m_sent;
    if (!rttMs)
        return;
    const double rtt = *rttMs;
    ++m_received;
    if (m_received == 1) {
        m_min = m_max = rtt;
    } else {
        m_min = std::min(m_min, rtt);
        m_max = std::max(m_max, rtt);
        m_jitterSum += std::abs(rtt - m_last);
    }
    m_last = rtt;
    const double delta = rtt - m_mean;
    m_mean += delta / m_received;
    m_squares += delta * (rtt - m_mean);

    if (!m_histogram.empty()) {
        countInHistogram(rtt);
        return;
    }
    // Kept in order, so that reading the median and p95 costs nothing however often a view asks.
    m_replies.insert(std::upper_bound(m_replies.begin(), m_replies.end(), rtt), rtt);
    if (m_replies.size() > m_exactLimit)
        moveRepliesToHistogram();
}

void RunningStatistics::moveRepliesToHistogram()
{
    m_histogram.assign(kBuckets, 0);
    for (const double rtt : m_replies)
        countInHistogram(rtt);
    m_replies = {};
}

void RunningStatistics::countInHistogram(double rttMs)
{
    ++m_histogram[bucketOf(rttMs)];
}

double RunningStatistics::histogramValueAt(std::size_t rank) const
{
    std::size_t seen = 0;
    for (std::size_t i = 0; i < m_histogram.size(); ++i) {
        seen += m_histogram[i];
        if (seen >= rank) {
            // The bucket's geometric middle, never outside what was actually seen.
            const double middle = kFloorMs * std::pow(kGrowth, static_cast<double>(i) + 0.5);
            return std::clamp(middle, m_min, m_max);
        }
    }
    return m_max;
}

HopStatistics RunningStatistics::statistics() const
{
    HopStatistics stats;
    stats.sent = m_sent;
    stats.received = m_received;
    if (m_sent > 0)
        stats.lossPercent = 100.0 * (m_sent - m_received) / m_sent;
    if (m_received == 0)
        return stats;
    const double count = m_received;
    stats.lastMs = m_last;
    stats.minMs = m_min;
    stats.maxMs = m_max;
    stats.avgMs = m_mean;
    stats.stdDevMs = m_received > 1 ? std::sqrt(m_squares / (count - 1.0)) : 0.0;
    stats.jitterMs = m_received > 1 ? m_jitterSum / (count - 1.0) : 0.0;
    if (m_histogram.empty()) {
        const std::size_t n = m_replies.size();
        stats.medianMs =
            n % 2 == 1 ? m_replies[n / 2] : (m_replies[n / 2 - 1] + m_replies[n / 2]) / 2.0;
        stats.p95Ms = m_replies[nearestRank(95.0, n) - 1];
    } else {
        // An even count's median is the mean of the two middle ranks, as in the exact case.
        const auto n = static_cast<std::size_t>(m_received);
        stats.medianMs = n % 2 == 1 ? histogramValueAt(n / 2 + 1)
                                    : (histogramValueAt(n / 2) + histogramValueAt(n / 2 + 1)) / 2.0;
        stats.p95Ms = histogramValueAt(nearestRank(95.0, n));
    }
    return stats;
}

void RunningStatistics::writeState(StateWriter &writer) const
{
    writer.put<std::uint64_t>(m_exactLimit);
    writer.put(m_sent);
    writer.put(m_received);
    for (const double value : {m_mean, m_squares, m_min, m_max, m_last, m_jitterSum})
        writer.put(value);
    writer.putSize(m_replies.size());
    for (const double reply : m_replies)
        writer.put(reply);
    writer.putSize(m_histogram.size());
    for (const std::uint32_t count : m_histogram)
        writer.put(count);
}

RunningStatistics RunningStatistics::readState(StateReader &reader)
{
    RunningStatistics statistics(
        reader.get<std::uint64_t>(0, 1u << 30, "the exact quantile limit"));
    statistics.m_sent = reader.get<int>(0, std::numeric_limits<int>::max(), "a probe count");
    statistics.m_received = reader.get<int>(0, statistics.m_sent, "a reply count");
    for (double *value : {&statistics.m_mean, &statistics.m_squares, &statistics.m_min,
                          &statistics.m_max, &statistics.m_last, &statistics.m_jitterSum})
        *value = reader.get<double>();
    statistics.m_replies.resize(reader.getCount(sizeof(double)));
    for (double &reply : statistics.m_replies)
        reply = reader.get<double>();
    // A state written before replies were kept in order holds them as they came.
    std::sort(statistics.m_replies.begin(), statistics.m_replies.end());
    statistics.m_histogram.resize(reader.getCount(sizeof(std::uint32_t)));
    for (std::uint32_t &count : statistics.m_histogram)
        count = reader.get<std::uint32_t>();
    // Quantiles read the replies one by one or the histogram, never both, and the histogram's
    // buckets are fixed.
    if (!statistics.m_histogram.empty() &&
        (statistics.m_histogram.size() != kBuckets || !statistics.m_replies.empty()))
        reader.fail("the reply histogram does not match");
    if (statistics.m_histogram.empty() &&
        statistics.m_replies.size() != static_cast<std::size_t>(statistics.m_received))
        reader.fail("the replies kept do not match their count");
    return statistics;
}

} // namespace hopscope
