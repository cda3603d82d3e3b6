#pragma once

#include "path/networkpath.h"

#include <string>

namespace hopscope {

// The path as aligned plain-text columns: TTL, address, hostname, RTT, reachable.
std::string formatPathTable(const NetworkPath &path);

// One line: protocol, destination, whether and where it was reached, silent TTLs, when.
std::string formatPathSummary(const NetworkPath &path);

} // namespace hopscope
