// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "common/expected.h"
#include "path/pathmodel.h"

#include <string>
#include <string_view>

namespace hopscope {

// A monitoring session's model as it stands between rounds, as bytes: every row's probes and
// folded buckets, its exact running statistics, the route tracker's view, the links, route
// changes and alerts. The history keeps a running session this way, so that its older rounds
// need not stay one by one: the session reopens and goes on from the state and the rounds kept
// after it as if nothing had been folded. The bytes are for this build's kind of machine and
// version; anything else is refused.
std::string savePathModelState(const PathModel &model);
// Errors say what does not read and where ("... at byte N").
Expected<PathModel> restorePathModelState(std::string_view state, const MonitorLimits &limits = {});

} // namespace hopscope
