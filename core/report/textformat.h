#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace hopscope {

// Replaces control characters so that text from a file or a resolver cannot drive a terminal.
std::string printable(std::string_view text);

// "2026-11-25 09:14:03 UTC".
std::string formatUtc(std::int64_t timestampMs);

// Rows of cells as aligned columns two spaces apart, without trailing blanks; the first row is
// the heading.
std::string formatColumns(const std::vector<std::vector<std::string>> &rows, const std::vector<bool> &alignRight);

} // namespace hopscope
