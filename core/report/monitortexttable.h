// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "monitor/routechange.h"
#include "packet/unreachable.h"
#include "path/monitorsummary.h"
#include "path/pathmodel.h"

#include <string>
#include <vector>

namespace hopscope {

// The mtr-style report of a monitoring session: TTL, the AS when any hop's is known (as mtr -z
// shows it), host, Loss%, Snt, Last, Avg, Best, Wrst,
// StDev, Jitter and p95 (milliseconds), one row per responder, and a note on rows whose loss
// looks like ICMP rate limiting, that answered with destination-unreachable, or that are no
// longer on the path (not probed in `latestRound`).
std::string formatMonitorTable(const NetworkPath &path, const std::vector<MonitorHop> &hops,
                               int latestRound);

// The destination-unreachable a row answered with, unless it was the destination's own port
// unreachable (the normal answer to a UDP probe).
std::optional<UnreachableKind> routerUnreachable(const MonitorHop &hop);

// What a row's figures alone do not say: an unreachable answer, likely rate limiting, no longer
// on the path. Empty when nothing.
std::string describeHopNotes(const MonitorHop &hop, int latestRound);

// The report that ends a monitoring session, and that `show` prints of one: what was monitored
// and for how long, the table, the route changes. Empty for a model that is not a session.
std::string formatMonitorReport(const PathModel &model);

// How a session's figures were measured: "1 probe per TTL every 1000 ms" (with the flows when
// more than one); empty when the file does not say (another tool's figures).
std::string formatSampling(const NetworkPath &path, int intervalMs);

// The same table for any path whose figures were counted (a trace's probes, another tool's
// statistics): "Per hop:" and the table. Empty when only RTTs are known.
std::string formatFiguresReport(const PathModel &model);

// "round 3, 2026-11-25 09:14:03 UTC: TTL 2: 198.18.2.2 -> 198.18.5.2".
std::string formatRouteChangeLine(const RouteChange &change);

} // namespace hopscope
