// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "common/expected.h"
#include "common/jsonfields.h"
#include "path/networkpath.h"

#include <nlohmann/json_fwd.hpp>

#include <cstddef>
#include <string>
#include <string_view>

namespace hopscope {

// The newest `hopscope.format_version` this build writes and reads.
inline constexpr int kHopscopeFormatVersion = 1;
// Larger files are refused before parsing: a saved trace is a few hundred KiB at most.
inline constexpr std::size_t kMaxNetworkPathBytes = 64u * 1024u * 1024u;
// Hopscope's own files nest 5 levels deep; anything far deeper is not a NetworkPath.
inline constexpr int kMaxNetworkPathDepth = 64;
// A saved week-long session holds a few hundred thousand values; the tree of this many takes a
// few hundred MiB at most, so a hostile file cannot take more.
inline constexpr std::size_t kMaxNetworkPathValues = 4'000'000;
inline constexpr jsonfields::JsonLimits kNetworkPathJsonLimits{
    kMaxNetworkPathBytes, kMaxNetworkPathDepth, kMaxNetworkPathValues};

// The ranges a stored trace request may hold. Files keep whatever older or newer versions wrote;
// the helper's protocol uses tighter ones: only what a trace may run with.
struct TraceRequestLimits
{
    int maxQueries;
    int minTimeoutMs;
    int maxTimeoutMs;
    int maxFlows;
    int maxRate;
};
inline constexpr TraceRequestLimits kFileRequestLimits{100, 1, 600000, 1024, 1000000};

nlohmann::ordered_json traceRequestToJsonValue(const TraceRequest &request);
// Reads a request object. Problems are thrown as jsonfields::FieldError: call it inside
// jsonfields::readFields().
TraceRequest readTraceRequest(const jsonfields::ObjectView &object,
                              const TraceRequestLimits &limits);

// The two ways the agent has written hops: a flat `hops` list (payloads up to v3) or
// `traceroute.runs[].hops` (v4, today's agent and datadog-traceroute).
enum class DatadogShape { Flat, Runs };

// Writes the Datadog NetworkPath payload plus the `hopscope` extension, keys in schema order.
nlohmann::ordered_json networkPathToJsonValue(const NetworkPath &path,
                                              DatadogShape shape = DatadogShape::Flat);
std::string networkPathToJson(const NetworkPath &path, int indent = 2,
                              DatadogShape shape = DatadogShape::Flat);

// Probes as a file keeps them under hopscope.probes, in an object of their own
// ({"probes": [...]}), and back: the history keeps a running session's rounds this way.
std::string probeSamplesToJson(const std::vector<ProbeSample> &probes);
Expected<std::vector<ProbeSample>> probeSamplesFromJson(std::string_view text);

// Reads every payload shape the Datadog Agent has emitted and Hopscope's own files. Errors name
// the offending field as a JSON pointer ("/hops/3/rtt: ...") and never leave a partial model.
// `pointer` names `document` inside a larger one (an envelope) in messages.
Expected<NetworkPath> networkPathFromJsonValue(const nlohmann::json &document,
                                               const std::string &pointer = {});
Expected<NetworkPath> networkPathFromJson(std::string_view text);
Expected<NetworkPath> readNetworkPathFile(const std::string &fileName);
// A file's text, refused when it is not a regular file or larger than kMaxNetworkPathBytes.
Expected<std::string> readPathFileText(const std::string &fileName);

} // namespace hopscope
