// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "path/networkpath.h"

#include <algorithm>

namespace hopscope {

std::string unknownHopName(int ttl)
{
    return "unknown_hop_" + std::to_string(ttl);
}

bool NetworkPath::destinationReached() const
{
    if (destination.ipAddress.empty())
        return false;
    return std::any_of(hops.begin(), hops.end(), [this](const PathHop &hop) {
        return hop.reachable && hop.ipAddress == destination.ipAddress;
    });
}

int NetworkPath::maxTtl() const
{
    int highest = 0;
    for (const PathHop &hop : hops)
        highest = std::max(highest, hop.ttl);
    return highest;
}

} // namespace hopscope
