// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "monitor/alertrule.h"
#include "monitor/routechange.h"
#include "path/networkpath.h"

#include <deque>
#include <optional>
#include <string>
#include <vector>

namespace hopscope {

// Watches a session's rounds for its rules: told each round as it settles, it says which
// conditions began or ended with it. It judges the destination only: a router's own answers are
// rationed by its ICMP budget, so their loss is no sign of a problem.
class AlertWatch
{
public:
    explicit AlertWatch(std::vector<AlertRule> rules);

    std::vector<AlertEvent> roundSettled(int round, std::int64_t startedUs,
                                         const std::string &destination,
                                         const std::vector<ProbeSample> &probes,
                                         const std::vector<RouteChange> &changes);

private:
    // What one round saw of the destination.
    struct Seen
    {
        int sent = 0;
        std::vector<double> rttsMs; // of the replies, in sending order
    };
    struct Watched
    {
        AlertRule rule;
        std::deque<Seen> window; // the last `rule.rounds` rounds
        int roundsUnanswered = 0;
        bool active = false;
    };

    Seen destinationSeen(const std::string &destination, const std::vector<ProbeSample> &probes);

    std::vector<Watched> m_watched;
    int m_destinationTtl = 0; // where the destination answered last; 0 until it has
};

} // namespace hopscope
