#pragma once

#include "common/expected.h"
#include "path/networkpath.h"

#include <nlohmann/json.hpp>

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

// Writes the Datadog NetworkPath payload plus the `hopscope` extension, keys in schema order.
nlohmann::ordered_json networkPathToJsonValue(const NetworkPath &path);
std::string networkPathToJson(const NetworkPath &path, int indent = 2);

// Reads every payload shape the Datadog Agent has emitted and Hopscope's own files. Errors name
// the offending field as a JSON pointer ("/hops/3/rtt: ...") and never leave a partial model.
Expected<NetworkPath> networkPathFromJsonValue(const nlohmann::json &document);
Expected<NetworkPath> networkPathFromJson(std::string_view text);
Expected<NetworkPath> readNetworkPathFile(const std::string &fileName);

} // namespace hopscope
