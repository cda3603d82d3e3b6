// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "common/expected.h"
#include "path/pathmodel.h"
#include "telemetry/metricsender.h"

#include <string>
#include <vector>

namespace hopscope {

// The Network Path gauges the Datadog Agent submits for a checked path, with the same names,
// units and tags:
//   datadog.network_path.check_duration   seconds the trace took
//   datadog.network_path.check_interval   seconds between checks, only when > 0
//   datadog.network_path.path.monitored   1
//   datadog.network_path.path.hops        hop count (the destination's TTL), only when reached
//   datadog.network_path.path.reachable   1 or 0 } only when the path has hops
//   datadog.network_path.path.unreachable 0 or 1 }
// Tags: `tags` plus collector:hopscope, protocol:<TCP|UDP|ICMP>, destination_hostname:<host>,
// destination_port:<port or unspecified>, sorted.
// `model`'s latest round is the check reported.
void submitNetworkPathTelemetry(MetricSender &sender, const PathModel &model,
                                double checkDurationSeconds, double checkIntervalSeconds,
                                const std::vector<std::string> &tags);

// Splits "a:b,c:d" into tags. A tag is refused, with a message naming it, when it is empty or
// holds a character that would break a DogStatsD line ('|', '#', ',', white space or a control
// character) or is longer than 200 characters.
Expected<std::vector<std::string>> parseTags(const std::string &text);

} // namespace hopscope
