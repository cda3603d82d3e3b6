// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "common/expected.h"

#include <nlohmann/json_fwd.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

// Typed, range-checked access to parsed JSON that names every problem with a JSON pointer
// (RFC 6901). Readers of files and of protocol lines share it so that both reject bad input the
// same way: a message such as "/hops/3/rtt: must be at least 0 (found -1)".
namespace hopscope::jsonfields {

// Thrown inside a read and turned into an Error by readFields(); never escapes it.
struct FieldError
{
    ErrorCode code;
    std::string message;
};

[[noreturn]] void fail(ErrorCode code, const std::string &pointer, std::string_view reason);

std::string childPointer(const std::string &parent, std::string_view key);
std::string childPointer(const std::string &parent, std::size_t index);
std::string describeType(const nlohmann::json &value);
std::string formatNumber(double value);

class ArrayView;

class ObjectView
{
public:
    ObjectView(const nlohmann::json &value, std::string pointer);

    const std::string &pointer() const { return m_pointer; }
    std::string pointerTo(std::string_view key) const { return childPointer(m_pointer, key); }

    // Absent and null are the same: both mean "not given".
    const nlohmann::json *find(std::string_view key) const;
    bool has(std::string_view key) const { return find(key) != nullptr; }

    std::string requiredString(std::string_view key) const;
    std::optional<std::string> optionalString(std::string_view key) const;
    std::int64_t requiredInteger(std::string_view key, std::int64_t min, std::int64_t max) const;
    std::optional<std::int64_t> optionalInteger(std::string_view key, std::int64_t min,
                                                std::int64_t max) const;
    double requiredNumber(std::string_view key, double min, double max) const;
    std::optional<double> optionalNumber(std::string_view key, double min, double max) const;
    bool requiredBool(std::string_view key) const;
    std::optional<bool> optionalBool(std::string_view key) const;
    ObjectView requiredObject(std::string_view key) const;
    std::optional<ObjectView> optionalObject(std::string_view key) const;
    ArrayView requiredArray(std::string_view key) const;
    std::optional<ArrayView> optionalArray(std::string_view key) const;

private:
    const nlohmann::json &require(std::string_view key) const;

    const nlohmann::json &m_value;
    std::string m_pointer;
};

class ArrayView
{
public:
    ArrayView(const nlohmann::json &value, std::string pointer);

    std::size_t size() const;
    const std::string &pointer() const { return m_pointer; }

    ObjectView objectAt(std::size_t index) const;
    std::string stringAt(std::size_t index) const;
    double numberAt(std::size_t index, double min, double max) const;
    std::int64_t integerAt(std::size_t index, std::int64_t min, std::int64_t max) const;

private:
    const nlohmann::json &m_value;
    std::string m_pointer;
};

// Value checks usable on any JSON value; `pointer` names it in the error.
std::string asString(const nlohmann::json &value, const std::string &pointer);
std::int64_t asInteger(const nlohmann::json &value, const std::string &pointer, std::int64_t min,
                       std::int64_t max);
double asNumber(const nlohmann::json &value, const std::string &pointer, double min, double max);
bool asBool(const nlohmann::json &value, const std::string &pointer);

// Runs a read that reports problems by throwing FieldError and returns its result or the error.
template <typename Read> auto readFields(Read &&read) -> Expected<decltype(read())>
{
    try {
        return read();
    } catch (const FieldError &problem) {
        return Error{problem.code, problem.message};
    }
}

// What a parse may cost. A document's tree takes tens of bytes per value whatever the text's
// size, so the number of values bounds the memory as the bytes bound the time.
struct JsonLimits
{
    std::size_t maxBytes;
    int maxDepth;
    std::size_t maxValues;
};

// Parses JSON text within `limits`, naming the byte where parsing failed. A key that appears
// twice in one object is refused (ErrorCode::DuplicateKey, naming it) instead of silently keeping
// one of the two values; anything over a limit is refused as soon as it is seen.
Expected<nlohmann::json> parseBounded(std::string_view text, const JsonLimits &limits);

} // namespace hopscope::jsonfields
