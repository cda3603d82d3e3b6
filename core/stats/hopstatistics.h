// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <optional>
#include <span>

namespace hopscope {

// Figures for one hop over a series of probes, in the order they were sent. A lost probe is an
// empty optional. RTT figures are empty when nothing came back.
struct HopStatistics
{
    int sent = 0;
    int received = 0;
    double lossPercent = 0.0;
    std::optional<double> lastMs;
    std::optional<double> minMs;
    std::optional<double> avgMs;
    std::optional<double> maxMs;
    std::optional<double> stdDevMs; // sample standard deviation (n - 1), 0 for one reply
    std::optional<double> jitterMs; // mean |rtt[i] - rtt[i-1]| over consecutive replies
    std::optional<double> medianMs; // mean of the two middle values for an even count
    std::optional<double> p95Ms;    // nearest rank: the ceil(0.95 n)-th smallest

    bool operator==(const HopStatistics &) const = default;
};

HopStatistics computeHopStatistics(std::span<const std::optional<double>> rttsMs);

} // namespace hopscope
