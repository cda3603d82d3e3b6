// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "monitor/alertrule.h"
#include "monitor/routechange.h"
#include "probe/probetypes.h"
#include "stats/hopstatistics.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace hopscope {

// One row of a monitoring report: a responder at a TTL (or the TTL's silence) over a session.
struct MonitorHop
{
    int ttl = 0;
    std::string responder; // empty: nobody ever answered this TTL's probes
    std::string hostname;
    bool destination = false;
    HopStatistics stats;
    // Loss here that later hops do not share: a router that limits its ICMP answers, not a
    // path that drops packets.
    bool likelyRateLimited = false;
    int firstRound = 0;
    int lastRound = 0;                  // the last round that sent a probe its way
    std::optional<int> unreachableCode; // ICMP code of the last destination-unreachable answer
    std::optional<ProbeQuote> quote;    // what the latest ICMP error said of the probe
    std::optional<int> replyTtl;        // the TTL the latest reply arrived with

    // On the path's current route: seen in the round the route is read from, or since (a round
    // under way adds to the route; it replaces it once it has ended).
    bool onRoute(int routeRound) const { return lastRound >= routeRound; }
    bool operator==(const MonitorHop &) const = default;
};

// Probes of one responder too old to be kept one by one, folded together.
struct MonitorHistoryBucket
{
    int ttl = 0;
    std::string responder;
    std::int64_t firstSentUs = 0;
    std::int64_t lastSentUs = 0;
    int firstRound = 0;
    int lastRound = 0;
    int sent = 0;
    int received = 0;
    std::optional<double> minMs;
    std::optional<double> avgMs;
    std::optional<double> maxMs;
    bool operator==(const MonitorHistoryBucket &) const = default;
};

// What a monitoring session adds to its NetworkPath: the per-hop figures over every round, the
// route changes, the alerts its rules raised and cleared, and the probes too old to be listed one
// by one.
struct MonitorSummary
{
    int rounds = 0;
    int failedRounds = 0;
    int intervalMs = 0;
    std::int64_t startedUs = 0;
    std::int64_t endedUs = 0;
    std::vector<MonitorHop> hops;
    std::vector<RouteChange> routeChanges;
    std::int64_t forgottenRouteChanges = 0; // the oldest, beyond what a session keeps
    std::vector<MonitorHistoryBucket> history;
    std::vector<AlertEvent> alerts;
    std::int64_t forgottenAlerts = 0; // the oldest, beyond what a session keeps
    bool operator==(const MonitorSummary &) const = default;
};

} // namespace hopscope
