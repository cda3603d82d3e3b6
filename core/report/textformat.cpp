// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "report/textformat.h"

#include <algorithm>
#include <cstdio>
#include <ctime>

namespace hopscope {

std::string formatFixed(double value, int decimals, bool sign)
{
    char buffer[48];
    std::snprintf(buffer, sizeof buffer, sign ? "%+.*f" : "%.*f", decimals, value);
    return buffer;
}

std::string formatMs(const std::optional<double> &value)
{
    return value ? formatFixed(*value, *value < 100.0 ? 2 : 1) : "-";
}

std::string formatPercent(double value, int decimals)
{
    return formatFixed(value, decimals) + "%";
}

std::string formatUtc(std::int64_t timestampMs)
{
    const std::time_t seconds = static_cast<std::time_t>(timestampMs / 1000);
    std::tm utc{};
    if (!::gmtime_r(&seconds, &utc))
        return "an unknown time";
    char buffer[32];
    std::strftime(buffer, sizeof buffer, "%Y-%m-%d %H:%M:%S UTC", &utc);
    return buffer;
}

std::string formatTracedAt(std::int64_t timestampMs)
{
    // Other tools' files often carry no time; 0 says so and is never shown as 1970.
    return timestampMs == 0 ? "(no date in the file)" : formatUtc(timestampMs);
}

std::string formatColumns(const std::vector<std::vector<std::string>> &rows,
                          const std::vector<bool> &alignRight)
{
    std::vector<std::size_t> widths(alignRight.size(), 0);
    for (const auto &row : rows)
        for (std::size_t c = 0; c < row.size() && c < widths.size(); ++c)
            widths[c] = std::max(widths[c], row[c].size());

    std::string table;
    for (const auto &row : rows) {
        std::string line;
        for (std::size_t c = 0; c < row.size() && c < widths.size(); ++c) {
            if (c > 0)
                line += "  ";
            const std::string fill(widths[c] - row[c].size(), ' ');
            line += alignRight[c] ? fill + row[c] : row[c] + fill;
        }
        while (!line.empty() && line.back() == ' ')
            line.pop_back();
        table += line + '\n';
    }
    return table;
}

} // namespace hopscope
