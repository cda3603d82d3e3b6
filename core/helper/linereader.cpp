// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "helper/linereader.h"

#include <cerrno>
#include <unistd.h>

namespace hopscope::helper {

namespace {
constexpr std::size_t kChunkBytes = 16 * 1024;
}

LineReader::LineReader(int fd, std::size_t maxBytes) : m_fd(fd), m_maxBytes(maxBytes) {}

bool LineReader::fill()
{
    char chunk[kChunkBytes];
    for (;;) {
        const ssize_t got = ::read(m_fd, chunk, sizeof chunk);
        if (got > 0) {
            m_buffer.append(chunk, static_cast<std::size_t>(got));
            return true;
        }
        if (got < 0 && errno == EINTR)
            continue;
        m_ended = true;
        return false;
    }
}

LineReader::Result LineReader::next(std::string &line)
{
    for (;;) {
        const std::size_t newline = m_buffer.find('\n', m_scanned);
        if (newline != std::string::npos) {
            const bool wasSkipping = m_skipping;
            const bool tooLong = newline > m_maxBytes;
            if (!wasSkipping && !tooLong)
                line.assign(m_buffer, 0, newline);
            m_buffer.erase(0, newline + 1);
            m_scanned = 0;
            m_skipping = false;
            if (wasSkipping)
                continue; // the end of a line reported already
            return tooLong ? Result::TooLong : Result::Line;
        }
        m_scanned = m_buffer.size();
        if (m_buffer.size() > m_maxBytes) {
            // Report it now and drop what we hold: its end may be megabytes away.
            const bool report = !m_skipping;
            m_skipping = true;
            m_buffer.clear();
            m_scanned = 0;
            if (report)
                return Result::TooLong;
        }
        if (m_ended || !fill()) {
            if (!m_buffer.empty() && !m_skipping) {
                line.swap(m_buffer);
                m_buffer.clear();
                m_scanned = 0;
                return Result::Line;
            }
            return Result::End;
        }
    }
}

} // namespace hopscope::helper
