// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <cstdint>

namespace hopscope {

// How long the history keeps what was saved, as chosen in the window's History panel (kept in
// QSettings): so many days, or 0 for forever, the default. `hopscope-cli history prune` applies
// the same choice unless told another.
inline constexpr int kMaxHistoryKeepDays = 36500;
int loadHistoryKeepDays();
void saveHistoryKeepDays(int days);

// The moment before which a retention of `days` days removes what was saved.
constexpr std::int64_t historyKeepCutoffMs(int days, std::int64_t nowMs)
{
    return nowMs - std::int64_t{days} * 24 * 3600 * 1000;
}

} // namespace hopscope
