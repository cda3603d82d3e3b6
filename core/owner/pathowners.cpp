// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "owner/pathowners.h"

#include "owner/lookupscope.h"

#include <set>

namespace hopscope {

std::vector<IpAddress> respondersWithoutOwner(const NetworkPath &path, std::size_t limit,
                                              std::size_t *leftOut)
{
    // Known already: what a lookup found, and what the file said (one pass, for files of many).
    std::set<std::string> seen;
    if (path.hopscope)
        for (const auto &[address, owner] : path.hopscope->owners)
            seen.insert(address);
    for (const PathHop &hop : path.hops)
        if (ownerOf(path, hop))
            seen.insert(hop.ipAddress);
    std::vector<IpAddress> wanted;
    std::size_t over = 0;
    const auto consider = [&](const std::string &text) {
        if (text.empty() || !seen.insert(text).second)
            return;
        const auto address = IpAddress::parse(text);
        if (!address || !hasPublicOwner(*address))
            return;
        if (wanted.size() < limit)
            wanted.push_back(*address);
        else
            ++over;
    };
    for (const PathHop &hop : path.hops)
        if (hop.reachable)
            consider(hop.ipAddress);
    if (path.hopscope) {
        for (const ProbeSample &probe : path.hopscope->probes)
            consider(probe.responder);
        if (path.hopscope->monitor)
            for (const MonitorHop &hop : path.hopscope->monitor->hops)
                consider(hop.responder);
    }
    if (leftOut)
        *leftOut = over;
    return wanted;
}

std::string ownerLookupsLeftOut(std::size_t asked, std::size_t leftOut)
{
    if (leftOut == 0)
        return {};
    return "AS lookups: " + std::to_string(asked) + " of the file's " +
           std::to_string(asked + leftOut) +
           " responders without an owner were asked about; the others stay unknown";
}

std::string lookUpMissingOwners(std::vector<NetworkPath> &paths, OwnerLookup &lookup)
{
    std::vector<std::vector<IpAddress>> wanted;
    std::size_t asked = 0;
    std::size_t leftOut = 0;
    for (const NetworkPath &path : paths) {
        std::size_t over = 0;
        wanted.push_back(respondersWithoutOwner(path, kMaxFileOwnerLookups - asked, &over));
        asked += wanted.back().size();
        leftOut += over;
        lookup.prefetch(wanted.back());
    }
    const auto deadline = std::chrono::steady_clock::now() + kFileOwnerBudget;
    for (std::size_t i = 0; i < paths.size(); ++i)
        addOwners(paths[i], lookup.owners(wanted[i], deadline));
    return ownerLookupsLeftOut(asked, leftOut);
}

} // namespace hopscope
