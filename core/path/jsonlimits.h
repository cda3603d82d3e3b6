// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <cstdint>

namespace hopscope {

// Ranges the NetworkPath readers accept for values that have a natural bound.
inline constexpr std::int64_t kLatestTimestampMs =
    32503680000000;                           // 3000-01-01: later is a unit mix-up
inline constexpr double kMaxRttMs = 600000.0; // ten minutes: no probe waits longer
inline constexpr std::int64_t kMaxTtl = 255;

} // namespace hopscope
