// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace hopscope {

// A change of route seen while monitoring, stamped with the round in which it first showed.
struct RouteChange
{
    enum class Kind {
        Responders,           // a TTL is now answered by routers never seen there before
        PathLength,           // the destination answers at another TTL
        DestinationLost,      // the destination stopped answering
        DestinationAnswering, // the destination started answering
    };

    Kind kind = Kind::Responders;
    int round = 0;
    std::int64_t timeUs = 0;         // when that round started, Unix time
    int ttl = 0;                     // Responders only
    std::vector<std::string> before; // Responders: the responders known until then
    std::vector<std::string> after;  // Responders: the ones that replaced them
    int lengthBefore = 0;            // PathLength
    int lengthAfter = 0;             // PathLength

    bool operator==(const RouteChange &) const = default;
};

// "route-change", "path-length", "destination-lost", "destination-answering".
std::string routeChangeKindName(RouteChange::Kind kind);
bool parseRouteChangeKind(const std::string &text, RouteChange::Kind &kind);

// One line for people: "TTL 2: 198.18.2.2 -> 198.18.5.2".
std::string describeRouteChange(const RouteChange &change);

} // namespace hopscope
