// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "path/networkpath.h"

#include <string_view>
#include <vector>

namespace hopscope {

// What to hide before a path leaves the machine. Hidden routers become "hidden-1", "hidden-2"...
// (one name per address, so that ECMP and route changes still read), their hostnames go; the
// destination is never hidden: it is what the report is about.
struct Redaction
{
    bool source = false;      // the source's hostname, interface, network and container
    bool privateHops = false; // routers in private, shared (CGNAT), link-local and loopback ranges
    int firstHops = 0;        // routers at TTL 1..firstHops, whatever their address

    bool any() const { return source || privateHops || firstHops > 0; }
};

// RFC 1918, RFC 6598 shared space, link-local, loopback, IPv6 unique-local.
bool isPrivateAddress(std::string_view text);

NetworkPath redactPath(const NetworkPath &path, const Redaction &redaction);
// Several paths of one report: a router has the same hidden name in each, so that a comparison
// of the redacted paths says what a comparison of the originals says.
std::vector<NetworkPath> redactPaths(const std::vector<NetworkPath> &paths,
                                     const Redaction &redaction);

} // namespace hopscope
