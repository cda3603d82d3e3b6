// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "common/safetext.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hopscope {

// `value` with `decimals` decimals ("12.35"), with its sign when asked ("+0.19").
std::string formatFixed(double value, int decimals, bool sign = false);

// A round trip in a table: two decimals below 100 ms, one above, "-" for none.
std::string formatMs(const std::optional<double> &value);

// "2.5%" (one decimal unless told).
std::string formatPercent(double value, int decimals = 1);

// "2026-11-25 09:14:03 UTC".
std::string formatUtc(std::int64_t timestampMs);
// When a path was traced, or that its file does not say.
std::string formatTracedAt(std::int64_t timestampMs);

// Rows of cells as aligned columns two spaces apart, without trailing blanks; the first row is
// the heading.
std::string formatColumns(const std::vector<std::vector<std::string>> &rows,
                          const std::vector<bool> &alignRight);

} // namespace hopscope
