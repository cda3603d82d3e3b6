// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>

namespace hopscope::jsonwrite {

// Optional fields are left out rather than written as null or "".
inline void putIfNotEmpty(nlohmann::ordered_json &object, const char *key, const std::string &value)
{
    if (!value.empty())
        object[key] = value;
}

template <typename T>
void putIfSet(nlohmann::ordered_json &object, const char *key, const std::optional<T> &value)
{
    if (value)
        object[key] = *value;
}

} // namespace hopscope::jsonwrite
