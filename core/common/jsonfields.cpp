// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "common/jsonfields.h"

#include "common/safetext.h"

#include <nlohmann/json.hpp>

#include <charconv>
#include <cmath>
#include <limits>

namespace hopscope::jsonfields {

using nlohmann::json;

void fail(ErrorCode code, const std::string &pointer, std::string_view reason)
{
    const std::string where = pointer.empty() ? std::string("(document)") : pointer;
    // Pointers and reasons quote keys and values of the document, which may hold anything.
    throw FieldError{code, printable(where + ": " + std::string(reason))};
}

std::string childPointer(const std::string &parent, std::string_view key)
{
    std::string result = parent + '/';
    for (const char c : key) {
        if (c == '~')
            result += "~0";
        else if (c == '/')
            result += "~1";
        else
            result += c;
    }
    return result;
}

std::string childPointer(const std::string &parent, std::size_t index)
{
    return parent + '/' + std::to_string(index);
}

std::string describeType(const json &value)
{
    if (value.is_number_integer())
        return "integer";
    if (value.is_number_float())
        return "number";
    return value.type_name();
}

std::string formatNumber(double value)
{
    // Whole numbers print as integers ("600000", not the shorter "6e+05"), others as the
    // shortest text that reads back as the same double.
    if (std::abs(value) < 1e15 && value == std::trunc(value))
        return std::to_string(static_cast<std::int64_t>(value));
    char buffer[64];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value);
    return std::string(buffer, result.ptr);
}

namespace {

std::string rangeText(std::int64_t min, std::int64_t max)
{
    return "must be between " + std::to_string(min) + " and " + std::to_string(max);
}

std::string rangeText(double min, double max)
{
    if (max == std::numeric_limits<double>::max())
        return "must be at least " + formatNumber(min);
    return "must be between " + formatNumber(min) + " and " + formatNumber(max);
}

} // namespace

std::string asString(const json &value, const std::string &pointer)
{
    if (!value.is_string())
        fail(ErrorCode::WrongType, pointer, "must be a string (found " + describeType(value) + ")");
    return value.get<std::string>();
}

std::int64_t asInteger(const json &value, const std::string &pointer, std::int64_t min,
                       std::int64_t max)
{
    if (!value.is_number_integer())
        fail(ErrorCode::WrongType, pointer,
             "must be an integer (found " + describeType(value) + ")");
    if (value.is_number_unsigned()) {
        const auto unsignedValue = value.get<std::uint64_t>();
        const bool belowMin = min > 0 && unsignedValue < static_cast<std::uint64_t>(min);
        const bool aboveMax = max < 0 || unsignedValue > static_cast<std::uint64_t>(max);
        if (belowMin || aboveMax)
            fail(ErrorCode::OutOfRange, pointer,
                 rangeText(min, max) + " (found " + std::to_string(unsignedValue) + ")");
        return static_cast<std::int64_t>(unsignedValue);
    }
    const auto signedValue = value.get<std::int64_t>();
    if (signedValue < min || signedValue > max)
        fail(ErrorCode::OutOfRange, pointer,
             rangeText(min, max) + " (found " + std::to_string(signedValue) + ")");
    return signedValue;
}

double asNumber(const json &value, const std::string &pointer, double min, double max)
{
    if (!value.is_number())
        fail(ErrorCode::WrongType, pointer, "must be a number (found " + describeType(value) + ")");
    const double number = value.get<double>();
    if (!std::isfinite(number) || number < min || number > max)
        fail(ErrorCode::OutOfRange, pointer,
             rangeText(min, max) + " (found " + formatNumber(number) + ")");
    return number;
}

bool asBool(const json &value, const std::string &pointer)
{
    if (!value.is_boolean())
        fail(ErrorCode::WrongType, pointer,
             "must be true or false (found " + describeType(value) + ")");
    return value.get<bool>();
}

ObjectView::ObjectView(const json &value, std::string pointer)
    : m_value(value), m_pointer(std::move(pointer))
{
    if (!m_value.is_object())
        fail(ErrorCode::WrongType, m_pointer,
             "must be an object (found " + describeType(m_value) + ")");
}

const json *ObjectView::find(std::string_view key) const
{
    const auto it = m_value.find(key);
    if (it == m_value.end() || it->is_null())
        return nullptr;
    return &*it;
}

const json &ObjectView::require(std::string_view key) const
{
    const json *value = find(key);
    if (!value)
        fail(ErrorCode::MissingField, pointerTo(key), "required field is missing");
    return *value;
}

std::string ObjectView::requiredString(std::string_view key) const
{
    return asString(require(key), pointerTo(key));
}

std::optional<std::string> ObjectView::optionalString(std::string_view key) const
{
    if (const json *value = find(key))
        return asString(*value, pointerTo(key));
    return std::nullopt;
}

std::int64_t ObjectView::requiredInteger(std::string_view key, std::int64_t min,
                                         std::int64_t max) const
{
    return asInteger(require(key), pointerTo(key), min, max);
}

std::optional<std::int64_t> ObjectView::optionalInteger(std::string_view key, std::int64_t min,
                                                        std::int64_t max) const
{
    if (const json *value = find(key))
        return asInteger(*value, pointerTo(key), min, max);
    return std::nullopt;
}

double ObjectView::requiredNumber(std::string_view key, double min, double max) const
{
    return asNumber(require(key), pointerTo(key), min, max);
}

std::optional<double> ObjectView::optionalNumber(std::string_view key, double min, double max) const
{
    if (const json *value = find(key))
        return asNumber(*value, pointerTo(key), min, max);
    return std::nullopt;
}

bool ObjectView::requiredBool(std::string_view key) const
{
    return asBool(require(key), pointerTo(key));
}

std::optional<bool> ObjectView::optionalBool(std::string_view key) const
{
    if (const json *value = find(key))
        return asBool(*value, pointerTo(key));
    return std::nullopt;
}

ObjectView ObjectView::requiredObject(std::string_view key) const
{
    return ObjectView(require(key), pointerTo(key));
}

std::optional<ObjectView> ObjectView::optionalObject(std::string_view key) const
{
    if (const json *value = find(key))
        return ObjectView(*value, pointerTo(key));
    return std::nullopt;
}

ArrayView ObjectView::requiredArray(std::string_view key) const
{
    return ArrayView(require(key), pointerTo(key));
}

std::optional<ArrayView> ObjectView::optionalArray(std::string_view key) const
{
    if (const json *value = find(key))
        return ArrayView(*value, pointerTo(key));
    return std::nullopt;
}

ArrayView::ArrayView(const json &value, std::string pointer)
    : m_value(value), m_pointer(std::move(pointer))
{
    if (!m_value.is_array())
        fail(ErrorCode::WrongType, m_pointer,
             "must be an array (found " + describeType(m_value) + ")");
}

std::size_t ArrayView::size() const
{
    return m_value.size();
}

ObjectView ArrayView::objectAt(std::size_t index) const
{
    return ObjectView(m_value[index], childPointer(m_pointer, index));
}

std::string ArrayView::stringAt(std::size_t index) const
{
    return asString(m_value[index], childPointer(m_pointer, index));
}

double ArrayView::numberAt(std::size_t index, double min, double max) const
{
    return asNumber(m_value[index], childPointer(m_pointer, index), min, max);
}

std::int64_t ArrayView::integerAt(std::size_t index, std::int64_t min, std::int64_t max) const
{
    return asInteger(m_value[index], childPointer(m_pointer, index), min, max);
}

namespace {

// nlohmann's parser keeps its own stack, but a document nested thousands deep is hostile input,
// not data: refuse it before building anything.
std::optional<std::size_t> firstOffsetDeeperThan(std::string_view text, int maxDepth)
{
    int depth = 0;
    bool inString = false;
    bool escaped = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (inString) {
            if (escaped)
                escaped = false;
            else if (c == '\\')
                escaped = true;
            else if (c == '"')
                inString = false;
            continue;
        }
        if (c == '"') {
            inString = true;
        } else if (c == '{' || c == '[') {
            if (++depth > maxDepth)
                return i;
        } else if (c == '}' || c == ']') {
            --depth;
        }
    }
    return std::nullopt;
}

// Where parsing stopped, in the words of a person reading the file: "line 3, column 14:
// unexpected '}'". `read` counts the bytes the parser took, the one it stopped at included.
std::string describeParseFailure(std::string_view text, std::size_t read)
{
    const std::size_t at = read > 0 ? std::min(read - 1, text.size()) : 0;
    std::size_t line = 1;
    std::size_t lineStart = 0;
    for (std::size_t i = 0; i < at; ++i)
        if (text[i] == '\n') {
            ++line;
            lineStart = i + 1;
        }
    const std::string where =
        "line " + std::to_string(line) + ", column " + std::to_string(at - lineStart + 1);
    if (at >= text.size())
        return where + ": the text ends before the JSON does";
    return where + ": unexpected '" + printable(text.substr(at, 1)) + "'";
}

// Builds the tree as the parser reads, refusing duplicate keys and counting values: nlohmann's
// own builder keeps the last of two equal keys and has no limit but memory.
class BoundedTreeBuilder final : public nlohmann::json_sax<json>
{
public:
    BoundedTreeBuilder(json &root, std::size_t maxValues, std::string_view text)
        : m_root(root), m_maxValues(maxValues), m_text(text)
    {
    }

    const std::optional<Error> &error() const { return m_error; }

    bool null() override { return add(nullptr) != nullptr; }
    bool boolean(bool value) override { return add(value) != nullptr; }
    bool number_integer(number_integer_t value) override { return add(value) != nullptr; }
    bool number_unsigned(number_unsigned_t value) override { return add(value) != nullptr; }
    bool number_float(number_float_t value, const string_t &) override
    {
        return add(value) != nullptr;
    }
    bool string(string_t &value) override { return add(std::move(value)) != nullptr; }
    bool binary(binary_t &) override
    {
        return refuse(ErrorCode::NotJson, "(document): holds binary data");
    }
    bool start_object(std::size_t) override { return open(json::object()); }
    bool end_object() override { return close(); }
    bool start_array(std::size_t) override { return open(json::array()); }
    bool end_array() override { return close(); }

    bool key(string_t &name) override
    {
        Frame &frame = m_frames.back();
        if (frame.container->contains(name))
            return refuse(ErrorCode::DuplicateKey,
                          printable(childPointer(pointer(m_frames.size() - 1), name) +
                                    ": appears twice in one object"));
        frame.key = std::move(name);
        return true;
    }

    bool parse_error(std::size_t position, const std::string &,
                     const nlohmann::detail::exception &error) override
    {
        const bool overflow = dynamic_cast<const json::out_of_range *>(&error) != nullptr;
        return refuse(ErrorCode::NotJson,
                      "(document): not valid JSON at byte " + std::to_string(position) + ", " +
                          (overflow ? std::string("a number too large for any type")
                                    : describeParseFailure(m_text, position)));
    }

private:
    struct Frame
    {
        json *container;
        std::string key; // of the value being read, in an object
    };

    json *add(json value)
    {
        if (++m_values > m_maxValues) {
            refuse(ErrorCode::TooLarge,
                   "(document): holds more than " + std::to_string(m_maxValues) + " values");
            return nullptr;
        }
        if (m_frames.empty()) {
            m_root = std::move(value);
            return &m_root;
        }
        Frame &frame = m_frames.back();
        if (frame.container->is_array()) {
            frame.container->push_back(std::move(value));
            return &frame.container->back();
        }
        return &((*frame.container)[frame.key] = std::move(value));
    }

    bool open(json container)
    {
        json *added = add(std::move(container));
        if (!added)
            return false;
        m_frames.push_back({added, {}});
        return true;
    }

    bool close()
    {
        m_frames.pop_back();
        return true;
    }

    // The JSON pointer of the container `depth` frames down (0: the document).
    std::string pointer(std::size_t depth) const
    {
        std::string result;
        for (std::size_t i = 0; i < depth; ++i) {
            const Frame &frame = m_frames[i];
            result = frame.container->is_array() ? childPointer(result, frame.container->size() - 1)
                                                 : childPointer(result, frame.key);
        }
        return result;
    }

    bool refuse(ErrorCode code, std::string message)
    {
        if (!m_error)
            m_error = Error{std::move(code), std::move(message)};
        return false;
    }

    json &m_root;
    std::size_t m_maxValues;
    std::string_view m_text;
    std::size_t m_values = 0;
    std::vector<Frame> m_frames;
    std::optional<Error> m_error;
};

} // namespace

Expected<json> parseBounded(std::string_view text, const JsonLimits &limits)
{
    if (text.size() > limits.maxBytes)
        return Error{ErrorCode::TooLarge, "(document): " + std::to_string(text.size()) +
                                              " bytes is more than the limit of " +
                                              std::to_string(limits.maxBytes) + " bytes"};
    if (const auto offset = firstOffsetDeeperThan(text, limits.maxDepth))
        return Error{ErrorCode::TooDeep, "(document): nested more than " +
                                             std::to_string(limits.maxDepth) +
                                             " levels deep at byte " + std::to_string(*offset)};
    json document;
    BoundedTreeBuilder builder(document, limits.maxValues, text);
    const bool parsed = json::sax_parse(text.begin(), text.end(), &builder);
    if (!parsed || builder.error())
        return builder.error().value_or(Error{ErrorCode::NotJson, "(document): not valid JSON"});
    return document;
}

} // namespace hopscope::jsonfields
