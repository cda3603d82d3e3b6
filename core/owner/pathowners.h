// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "owner/ownerlookup.h"
#include "path/networkpath.h"

#include <chrono>
#include <cstddef>
#include <string>
#include <vector>

namespace hopscope {

// How long a path read from a file waits for its owners, as a trace waits at its end.
inline constexpr std::chrono::seconds kFileOwnerBudget{3};
// How many of a file's responders are asked about: more than any real path has (255 TTLs of a
// few each), and a file naming tens of thousands does not become as many DNS queries.
inline constexpr std::size_t kMaxFileOwnerLookups = 512;

// The responders a saved path names (its hops by TTL, its probes, its monitored rows) that have a
// public owner and whose owner the path does not give yet: what a lookup can add to a file
// written without one, or by a tool that looks up nothing. At most `limit`; `leftOut` (when
// given) counts the others.
std::vector<IpAddress> respondersWithoutOwner(const NetworkPath &path,
                                              std::size_t limit = kMaxFileOwnerLookups,
                                              std::size_t *leftOut = nullptr);

// "AS lookups: 512 of the file's 75000 responders without an owner were asked about; the
// others stay unknown", or "" when none was left out.
std::string ownerLookupsLeftOut(std::size_t asked, std::size_t leftOut);

// Adds to each path the owners `lookup` finds within kFileOwnerBudget for its responders without
// one (every path's asked at once, kMaxFileOwnerLookups in all); blocks until then. Returns what
// ownerLookupsLeftOut() says.
std::string lookUpMissingOwners(std::vector<NetworkPath> &paths, OwnerLookup &lookup);

} // namespace hopscope
