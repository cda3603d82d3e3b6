#pragma once

#include "path/networkpath.h"

#include <string>

namespace hopscope {

// The path as aligned plain-text columns: TTL, address, hostname, RTT, reachable.
std::string formatPathTable(const NetworkPath &path);

// "TCP to example.com (192.0.2.7) port 443".
std::string formatPathTarget(const NetworkPath &path);

// One line: protocol, destination, whether and where it was reached, silent TTLs, when.
std::string formatPathSummary(const NetworkPath &path);

} // namespace hopscope
