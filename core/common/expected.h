// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "common/errorcode.h"

#include <string>
#include <utility>
#include <variant>

namespace hopscope {

// A failure that crosses a core API boundary. `code` is what programs test; `message` is for
// people.
struct Error
{
    ErrorCode code = ErrorCode::Malformed;
    std::string message;

    // The code's name, as the helper's wire and scripts see it: "not-json", "cancelled", ...
    std::string codeName() const { return std::string(errorCodeName(code)); }
    bool operator==(const Error &) const = default;
};

// C++20 lacks std::expected; this is the small part of it the project needs: either a value or
// an Error, never both, never neither.
template <typename T> class [[nodiscard]] Expected
{
public:
    Expected(T value) : m_state(std::in_place_index<0>, std::move(value)) {}
    Expected(Error error) : m_state(std::in_place_index<1>, std::move(error)) {}

    bool hasValue() const { return m_state.index() == 0; }
    explicit operator bool() const { return hasValue(); }

    T &value() & { return std::get<0>(m_state); }
    const T &value() const & { return std::get<0>(m_state); }
    T &&value() && { return std::get<0>(std::move(m_state)); }

    const Error &error() const { return std::get<1>(m_state); }

    T *operator->() { return &value(); }
    const T *operator->() const { return &value(); }
    T &operator*() & { return value(); }
    const T &operator*() const & { return value(); }

private:
    std::variant<T, Error> m_state;
};

// For operations that produce nothing but can fail.
class [[nodiscard]] Status
{
public:
    Status() = default;
    Status(Error error) : m_error(std::move(error)), m_failed(true) {}

    bool ok() const { return !m_failed; }
    explicit operator bool() const { return ok(); }
    const Error &error() const { return m_error; }

private:
    Error m_error;
    bool m_failed = false;
};

} // namespace hopscope
