// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "packet/ipaddress.h"

#include <chrono>
#include <functional>
#include <string>
#include <unordered_map>
#include <vector>

namespace hopscope {

// Returns the PTR name of an address, or "" when it has none. May block.
using ReverseLookup = std::function<std::string(const IpAddress &address)>;

// getnameinfo() with NI_NAMEREQD.
std::string systemReverseLookup(const IpAddress &address);

// Names for many addresses at once: every lookup runs concurrently and the call returns when all
// are done or `budget` has passed, whichever is first, with the names found so far (keyed by the
// address as text). A lookup still blocked in the resolver then finishes on its own thread and
// its answer is only cached. Answers, empty ones too, are cached for the life of the process.
std::unordered_map<std::string, std::string>
reverseLookupAll(const std::vector<IpAddress> &addresses, std::chrono::milliseconds budget,
                 const ReverseLookup &lookup = systemReverseLookup);

// Forgets every cached answer (for tests).
void clearReverseLookupCache();

} // namespace hopscope
