// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "monitor/routechange.h"

#include <array>
#include <utility>

namespace hopscope {

namespace {

constexpr std::array<std::pair<RouteChange::Kind, const char *>, 4> kKindNames{{
    {RouteChange::Kind::Responders, "route-change"},
    {RouteChange::Kind::PathLength, "path-length"},
    {RouteChange::Kind::DestinationLost, "destination-lost"},
    {RouteChange::Kind::DestinationAnswering, "destination-answering"},
}};

std::string joined(const std::vector<std::string> &items)
{
    std::string text;
    for (const std::string &item : items)
        text += (text.empty() ? "" : ", ") + item;
    return text.empty() ? "(none)" : text;
}

} // namespace

std::string routeChangeKindName(RouteChange::Kind kind)
{
    for (const auto &[value, name] : kKindNames)
        if (value == kind)
            return name;
    return {};
}

bool parseRouteChangeKind(const std::string &text, RouteChange::Kind &kind)
{
    for (const auto &[value, name] : kKindNames) {
        if (text == name) {
            kind = value;
            return true;
        }
    }
    return false;
}

std::string describeRouteChange(const RouteChange &change)
{
    switch (change.kind) {
    case RouteChange::Kind::Responders:
        return "TTL " + std::to_string(change.ttl) + ": " + joined(change.before) + " -> " +
               joined(change.after);
    case RouteChange::Kind::PathLength:
        return "path length " + std::to_string(change.lengthBefore) + " -> " +
               std::to_string(change.lengthAfter) + " hops";
    case RouteChange::Kind::DestinationLost:
        return "the destination stopped answering";
    case RouteChange::Kind::DestinationAnswering:
        return "the destination started answering";
    }
    return {};
}

} // namespace hopscope
