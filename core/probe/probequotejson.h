// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "common/jsonfields.h"
#include "probe/probetypes.h"

#include <nlohmann/json_fwd.hpp>

// What a router's ICMP error said of a probe, as JSON: one shape for the helper's protocol and
// for Hopscope's part of a NetworkPath file.
namespace hopscope {

nlohmann::ordered_json mplsLabelsJson(const std::vector<MplsLabel> &labels);
// Throws (through fail()) with the pointer of the first field out of range.
std::vector<MplsLabel> readMplsLabels(const jsonfields::ArrayView &labels);

nlohmann::ordered_json probeQuoteJson(const ProbeQuote &quote);
ProbeQuote readProbeQuote(const jsonfields::ObjectView &object);

// {"first_size": 1500, "size": 1400, "drops": [{"ttl": 3, "router": "...", "mtu": 1400}]}
nlohmann::ordered_json pathMtuJson(const PathMtu &mtu);
PathMtu readPathMtu(const jsonfields::ObjectView &object);

} // namespace hopscope
