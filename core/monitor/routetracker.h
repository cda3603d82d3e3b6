// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "monitor/routechange.h"

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace hopscope {

class StateReader;
class StateWriter;

// What one round saw of the route.
struct RouteObservation
{
    int round = 0;
    std::int64_t timeUs = 0;
    std::map<int, std::set<std::string>> respondersByTtl; // TTLs where something answered
    std::optional<int> destinationTtl;                    // empty when the destination was silent
};

// Tells real route changes from load balancing. A TTL's responders are the set seen there since
// the route was last settled; a round that sees only known responders, or some known and some
// new ones, is load balancing at work (per-packet ECMP alternates within a set that was there
// all along, and new members simply join it). A change is a round in which none of the known
// responders answered but others did, and the next rounds agree: it must hold for
// `confirmRounds` rounds in a row before it is reported, dated to the round it began in. The
// same confirmation applies to the path length and to the destination's answering.
class RouteTracker
{
public:
    explicit RouteTracker(int confirmRounds = 2)
        : m_confirmRounds(confirmRounds < 1 ? 1 : confirmRounds)
    {
    }

    // The changes confirmed by this round (each dated to the round it began in).
    std::vector<RouteChange> addRound(const RouteObservation &observation);

    const std::set<std::string> &respondersAt(int ttl) const;

    // Everything it holds, to go on from exactly (PathModel's state).
    void writeState(StateWriter &writer) const;
    static RouteTracker readState(StateReader &reader, int confirmRounds);

private:
    struct Pending
    {
        int round = 0;
        std::int64_t timeUs = 0;
        int rounds = 0;
        std::set<std::string> responders;
    };

    void trackResponders(int ttl, const std::set<std::string> &seen,
                         const RouteObservation &observation, std::vector<RouteChange> &changes);
    void trackDestination(const RouteObservation &observation, std::vector<RouteChange> &changes);
    bool confirm(std::optional<Pending> &pending, const RouteObservation &observation);

    int m_confirmRounds;
    std::map<int, std::set<std::string>> m_known;
    std::map<int, std::optional<Pending>> m_pendingResponders;
    std::optional<bool> m_reaching; // empty before the first round
    std::optional<int> m_length;    // destination TTL while reaching
    std::optional<Pending> m_pendingReach;
    std::optional<Pending> m_pendingLength;
};

} // namespace hopscope
