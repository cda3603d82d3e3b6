// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace hopscope {

// Big-endian reads that can never run past the end: an out-of-range read yields nothing.
class ByteReader
{
public:
    explicit ByteReader(std::span<const std::uint8_t> bytes) : m_bytes(bytes) {}

    std::size_t size() const { return m_bytes.size(); }
    std::optional<std::uint8_t> u8(std::size_t at) const
    {
        if (at >= m_bytes.size())
            return std::nullopt;
        return m_bytes[at];
    }
    std::optional<std::uint16_t> u16(std::size_t at) const
    {
        if (at + 2 > m_bytes.size())
            return std::nullopt;
        return static_cast<std::uint16_t>(m_bytes[at] << 8 | m_bytes[at + 1]);
    }
    std::optional<std::uint32_t> u32(std::size_t at) const
    {
        if (at + 4 > m_bytes.size())
            return std::nullopt;
        return static_cast<std::uint32_t>(m_bytes[at]) << 24 | m_bytes[at + 1] << 16 |
               m_bytes[at + 2] << 8 | m_bytes[at + 3];
    }
    // The bytes from `at` to the end (empty when `at` is past it).
    std::span<const std::uint8_t> from(std::size_t at) const
    {
        return at >= m_bytes.size() ? std::span<const std::uint8_t>() : m_bytes.subspan(at);
    }

private:
    std::span<const std::uint8_t> m_bytes;
};

inline void putU16(std::vector<std::uint8_t> &out, std::size_t at, std::uint16_t value)
{
    out[at] = static_cast<std::uint8_t>(value >> 8);
    out[at + 1] = static_cast<std::uint8_t>(value);
}

inline void putU32(std::vector<std::uint8_t> &out, std::size_t at, std::uint32_t value)
{
    putU16(out, at, static_cast<std::uint16_t>(value >> 16));
    putU16(out, at + 2, static_cast<std::uint16_t>(value));
}

} // namespace hopscope
