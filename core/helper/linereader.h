// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <cstddef>
#include <string>

namespace hopscope::helper {

// Reads newline-ended lines from a file descriptor without ever holding more than `maxBytes` of
// one: a longer line is reported once as too long and the rest of it is skipped.
class LineReader
{
public:
    enum class Result { Line, TooLong, End };

    LineReader(int fd, std::size_t maxBytes);

    // Blocks for the next line (without its newline). End means end of file or a read error; a
    // last line without a newline still comes before it.
    Result next(std::string &line);

private:
    bool fill();

    int m_fd;
    std::size_t m_maxBytes;
    std::string m_buffer;
    std::size_t m_scanned = 0; // bytes of m_buffer known to hold no newline
    bool m_skipping = false;   // inside a line already reported as too long
    bool m_ended = false;
};

} // namespace hopscope::helper
