// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "stats/hopstatistics.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

namespace hopscope {

class StateReader;
class StateWriter;

// HopStatistics kept up to date one probe at a time, in memory that does not grow without bound:
// counts, extremes, mean and deviation are exact whatever the length (Welford's method); the
// median and p95 are exact while at most `exactQuantileLimit` replies have come in, and after
// that come from a logarithmic histogram whose buckets are 1 % wide, so they stay within 0.5 %
// of the true value.
class RunningStatistics
{
public:
    static constexpr std::size_t kDefaultExactQuantileLimit = 4096;

    explicit RunningStatistics(std::size_t exactQuantileLimit = kDefaultExactQuantileLimit);

    // A probe's fate: its round-trip time, or empty when it was lost.
    void add(std::optional<double> rttMs);

    HopStatistics statistics() const;
    int sent() const { return m_sent; }
    int received() const { return m_received; }
    bool quantilesExact() const { return m_histogram.empty(); }

    // Everything it holds, to go on from exactly (PathModel's state).
    void writeState(StateWriter &writer) const;
    static RunningStatistics readState(StateReader &reader);

private:
    void moveRepliesToHistogram();
    void countInHistogram(double rttMs);
    double histogramValueAt(std::size_t rank) const; // rank counts from 1

    std::size_t m_exactLimit;
    int m_sent = 0;
    int m_received = 0;
    double m_mean = 0.0;
    double m_squares = 0.0; // sum of squared deviations from the running mean
    double m_min = 0.0;
    double m_max = 0.0;
    double m_last = 0.0;
    double m_jitterSum = 0.0;
    std::vector<double> m_replies;          // every reply, in order, while quantiles are exact
    std::vector<std::uint32_t> m_histogram; // replies per bucket once they are not
};

} // namespace hopscope
