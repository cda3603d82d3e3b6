// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "stats/hopstatistics.h"

#include "stats/runningstatistics.h"

#include <limits>

namespace hopscope {

HopStatistics computeHopStatistics(std::span<const std::optional<double>> rttsMs)
{
    RunningStatistics running(std::numeric_limits<std::size_t>::max());
    for (const auto &rtt : rttsMs)
        running.add(rtt);
    return running.statistics();
}

} // namespace hopscope
