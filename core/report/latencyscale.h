// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <array>
#include <cstdint>
#include <optional>

namespace hopscope {

// The one latency scale of every view and report: green through amber to red.
struct LatencyStep
{
    double belowMs;    // the step holds RTTs under this
    std::uint32_t rgb; // 0xRRGGBB
};
inline constexpr std::array<LatencyStep, 5> kLatencySteps{{
    {10.0, 0x2e9d5b},
    {50.0, 0x7cb342},
    {100.0, 0xf0a202},
    {250.0, 0xe66a1f},
    {1e300, 0xd32f2f},
}};
inline constexpr std::uint32_t kSilentRgb = 0xb0b7c0;

inline std::uint32_t latencyRgb(const std::optional<double> &ms)
{
    if (!ms)
        return kSilentRgb;
    for (const LatencyStep &step : kLatencySteps)
        if (*ms < step.belowMs)
            return step.rgb;
    return kLatencySteps.back().rgb;
}

} // namespace hopscope
