// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "path/pathmodel.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace hopscope {

// One AS a path crosses, as its owners' lookups named it.
struct AsCrossing
{
    std::uint32_t asn = 0;
    std::string label; // "AS64500 EXAMPLE-NET"
    int firstTtl = 0;  // where the path enters it
    int lastTtl = 0;   // the last hop known to be in it
    bool operator==(const AsCrossing &) const = default;
};

// The ASes a path crosses in order, one entry per stretch of hops in the same AS; hops whose
// owner is unknown (silent, private) neither end nor start a stretch.
std::vector<AsCrossing> asPathOf(const PathModel &model);

// The AS of the hops at `ttl` (the first answering one whose owner is known), if any.
std::optional<AsCrossing> asAtTtl(const PathModel &model, int ttl);

// What changed between two AS paths, as a sentence: "The path now crosses AS64501 OTHER-NET
// instead of AS64502 THIRD-NET." Empty when they cross the same ASes in the same order, or when
// either path has no known AS at all.
std::string describeAsPathChange(const std::vector<AsCrossing> &first,
                                 const std::vector<AsCrossing> &second);

} // namespace hopscope
