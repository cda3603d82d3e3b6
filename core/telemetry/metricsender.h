// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace hopscope {

// Where telemetry goes. DogStatsD over UDP in the product; tests and other sinks implement it
// themselves.
class MetricSender
{
public:
    virtual ~MetricSender() = default;
    virtual void gauge(std::string_view name, double value,
                       const std::vector<std::string> &tags) = 0;
    // Called once the metrics of one trace are all given, so that a sender may batch them.
    virtual void flush() {}
};

} // namespace hopscope
