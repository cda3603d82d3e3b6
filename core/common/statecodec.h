// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <bit>
#include <cstdint>
#include <cstring>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

namespace hopscope {

// An object's whole state as bytes, for a process that goes on from where another stopped (the
// history folds a running session into its model's state). Numbers are written little-endian
// as they are, doubles bit for bit, so that what is read back is the same to the last bit.
class StateWriter final
{
public:
    template <typename Number> void put(Number value)
    {
        static_assert(std::is_arithmetic_v<Number>);
        if constexpr (std::is_same_v<Number, bool>) {
            put<std::uint8_t>(value ? 1 : 0);
        } else if constexpr (std::is_floating_point_v<Number>) {
            put(std::bit_cast<std::uint64_t>(static_cast<double>(value)));
        } else {
            auto bits = static_cast<std::make_unsigned_t<Number>>(value);
            for (std::size_t i = 0; i < sizeof(Number); ++i) {
                m_bytes.push_back(static_cast<char>(bits & 0xff));
                bits = static_cast<decltype(bits)>(bits >> 8);
            }
        }
    }
    void putSize(std::size_t size) { put(static_cast<std::uint32_t>(size)); }
    void putString(std::string_view text)
    {
        putSize(text.size());
        m_bytes.append(text);
    }
    void putStrings(const std::vector<std::string> &strings);
    void putStrings(const std::set<std::string> &strings);
    template <typename Number> void putOptional(const std::optional<Number> &value)
    {
        put(value.has_value());
        if (value)
            put(*value);
    }

    const std::string &bytes() const { return m_bytes; }

private:
    std::string m_bytes;
};

// A state that does not read: cut short, or a count or value out of range.
struct StateError : std::runtime_error
{
    using std::runtime_error::runtime_error;
};

// Reads what StateWriter wrote. Every count is checked against the bytes left before anything
// is allocated for it, so that a damaged state is refused rather than believed.
class StateReader final
{
public:
    explicit StateReader(std::string_view bytes) : m_bytes(bytes) {}

    template <typename Number> Number get()
    {
        static_assert(std::is_arithmetic_v<Number>);
        if constexpr (std::is_same_v<Number, bool>) {
            const auto value = get<std::uint8_t>();
            if (value > 1)
                fail("a flag is neither 0 nor 1");
            return value == 1;
        } else if constexpr (std::is_floating_point_v<Number>) {
            return static_cast<Number>(std::bit_cast<double>(get<std::uint64_t>()));
        } else {
            need(sizeof(Number));
            std::make_unsigned_t<Number> bits = 0;
            for (std::size_t i = 0; i < sizeof(Number); ++i)
                bits = static_cast<decltype(bits)>(
                    bits |
                    static_cast<decltype(bits)>(static_cast<unsigned char>(m_bytes[m_offset + i]))
                        << (8 * i));
            m_offset += sizeof(Number);
            return static_cast<Number>(bits);
        }
    }
    // An integer that must lie in [min, max].
    template <typename Number> Number get(Number min, Number max, const char *what)
    {
        const Number value = get<Number>();
        if (value < min || value > max)
            fail(std::string(what) + " is out of range");
        return value;
    }
    // A count of items each at least `itemBytes` long: no more than the bytes left can hold.
    std::size_t getCount(std::size_t itemBytes);
    std::string getString();
    std::vector<std::string> getStrings();
    std::set<std::string> getStringSet();
    template <typename Number> std::optional<Number> getOptional()
    {
        if (!get<bool>())
            return std::nullopt;
        return get<Number>();
    }

    bool atEnd() const { return m_offset == m_bytes.size(); }
    [[noreturn]] void fail(const std::string &what) const;

private:
    void need(std::size_t bytes) const;

    std::string_view m_bytes;
    std::size_t m_offset = 0;
};

} // namespace hopscope
