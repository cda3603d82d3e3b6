// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "common/expected.h"

#include <cstdint>
#include <string>
#include <string_view>

namespace hopscope {

// A condition a monitoring session is watched for, as written on the command line:
//   loss>20%/5      the destination lost more than 20 % of its probes over the last 5 rounds
//   latency>150ms/5 its mean round-trip time over the last 5 rounds is above 150 ms
//   jitter>30ms/10  the mean difference between its consecutive replies' times, the same way
//   lost/3          it did not answer in 3 rounds in a row
//   route           a TTL is answered by routers never seen there, or the path's length changed
// The rounds ("/N") may be left out: 5 for loss, latency and jitter, 3 for lost.
struct AlertRule
{
    enum class Kind { Loss, Latency, Jitter, DestinationLost, RouteChange };
    Kind kind = Kind::Loss;
    double threshold = 0; // %, or ms
    int rounds = 1;
    std::string text; // as written, normalised: "loss>20%/5"
    bool operator==(const AlertRule &) const = default;
};

inline constexpr int kMaxAlertRounds = 10'000;

// Errors name the rule and what is wrong with it.
Expected<AlertRule> parseAlertRule(std::string_view text);

// A rule's condition began (raised) or ended (cleared) with a round. A route change is raised
// at each round that shows one, and never cleared.
struct AlertEvent
{
    AlertRule rule;
    bool raised = true;
    int round = 0;
    std::int64_t timeUs = 0; // when the round started, Unix time
    double value = 0;        // the figure judged: %, ms, rounds; 0 for a route change
    std::string detail;      // one line for people: what was seen
    bool operator==(const AlertEvent &) const = default;
};

// One line for people: "loss over 20% in the last 5 rounds: 40.0% (round 12)".
std::string describeAlertEvent(const AlertEvent &event);

} // namespace hopscope
