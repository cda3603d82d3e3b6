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

std::optional<AddressOwner> fileOwnerOf(const PathHop &hop)
{
    if (!hop.asn || *hop.asn == kNoAsn)
        return std::nullopt;
    return AddressOwner{hop.asn, {}, {}, {}, kOwnerSourceFile, 0};
}

std::optional<AddressOwner> ownerOf(const NetworkPath &path, const PathHop &hop)
{
    if (path.hopscope) {
        const auto found = path.hopscope->owners.find(hop.ipAddress);
        if (found != path.hopscope->owners.end())
            return found->second;
    }
    return fileOwnerOf(hop);
}

std::optional<AddressOwner> ownerOf(const NetworkPath &path, const std::string &address)
{
    for (const PathHop &hop : path.hops)
        if (hop.ipAddress == address && fileOwnerOf(hop))
            return ownerOf(path, hop);
    PathHop bare;
    bare.ipAddress = address;
    return ownerOf(path, bare);
}

void addOwners(NetworkPath &path, const std::map<std::string, AddressOwner> &owners)
{
    if (owners.empty())
        return;
    if (!path.hopscope)
        path.hopscope.emplace();
    for (const auto &[address, owner] : owners)
        path.hopscope->owners.try_emplace(address, owner);
}

} // namespace hopscope
