// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "common/expected.h"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace hopscope {

// A list of targets to monitor together, as a text file keeps it: one host name or address a
// line. Blank lines and what follows a '#' are left out; a target listed twice is kept once.
inline constexpr std::size_t kMaxListedTargets = 64;
inline constexpr std::size_t kMaxTargetListBytes = 64 * 1024;

// The targets in order. Errors name the line and what is wrong with it: a space inside a target,
// a control character, a target longer than a host name can be, more than kMaxListedTargets
// targets, or none at all.
Expected<std::vector<std::string>> parseTargetList(std::string_view text);
// The same, read from `fileName` (at most kMaxTargetListBytes); errors name the file.
Expected<std::vector<std::string>> readTargetList(const std::string &fileName);
// The text of a list, with a comment line saying what it is.
std::string formatTargetList(const std::vector<std::string> &targets);

} // namespace hopscope
