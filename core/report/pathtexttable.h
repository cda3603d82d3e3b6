// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "path/networkpath.h"
#include "path/pathmodel.h"

#include <string>

namespace hopscope {

// The path's latest hops as aligned plain-text columns: TTL, address, hostname, RTT (the mean of
// the hop's replies), reachable.
std::string formatPathTable(const PathModel &model);

// "TCP to example.com (192.0.2.7) port 443".
std::string formatPathTarget(const NetworkPath &path);

// One line: protocol, destination, whether and where it was reached, silent TTLs, when.
std::string formatPathSummary(const PathModel &model);
// What path MTU discovery found, a line each; empty when the trace did not search for it.
std::string formatPathMtu(const PathModel &model);
// What the replies told besides their round trip, as a trace prints it under its hops: each
// hop's latest quote (label stack, interfaces, NAT, DSCP/ECN, quoted TTL, MTU) and the
// destination's reply TTL, a line each after the hop's TTL and address. Empty when none did.
std::string formatReplyNotes(const PathModel &model);

} // namespace hopscope
