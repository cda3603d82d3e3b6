// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "common/jsonfields.h"
#include "path/monitorsummary.h"

#include <nlohmann/json_fwd.hpp>

namespace hopscope {

// More rounds than three years at one a second is not a monitoring session.
inline constexpr std::int64_t kMaxMonitorRounds = 100'000'000;

// The `hopscope.monitor` object of a NetworkPath file.
nlohmann::ordered_json monitorSummaryToJsonValue(const MonitorSummary &summary);
// Problems are thrown as jsonfields::FieldError: call it inside jsonfields::readFields().
MonitorSummary readMonitorSummary(const jsonfields::ObjectView &object);

} // namespace hopscope
