// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "monitor/routetracker.h"

#include "common/statecodec.h"

#include <algorithm>

namespace hopscope {

namespace {

bool shareAny(const std::set<std::string> &a, const std::set<std::string> &b)
{
    return std::any_of(a.begin(), a.end(),
                       [&b](const std::string &item) { return b.count(item) > 0; });
}

std::vector<std::string> listOf(const std::set<std::string> &items)
{
    return {items.begin(), items.end()};
}

} // namespace

const std::set<std::string> &RouteTracker::respondersAt(int ttl) const
{
    static const std::set<std::string> none;
    const auto it = m_known.find(ttl);
    return it == m_known.end() ? none : it->second;
}

bool RouteTracker::confirm(std::optional<Pending> &pending, const RouteObservation &observation)
{
    if (!pending)
        pending = Pending{observation.round, observation.timeUs, 0, {}};
    return ++pending->rounds >= m_confirmRounds;
}

std::vector<RouteChange> RouteTracker::addRound(const RouteObservation &observation)
{
    std::vector<RouteChange> changes;
    for (const auto &[ttl, seen] : observation.respondersByTtl)
        if (!seen.empty())
            trackResponders(ttl, seen, observation, changes);
    trackDestination(observation, changes);
    return changes;
}

void RouteTracker::trackResponders(int ttl, const std::set<std::string> &seen,
                                   const RouteObservation &observation,
                                   std::vector<RouteChange> &changes)
{
    std::set<std::string> &known = m_known[ttl];
    std::optional<Pending> &pending = m_pendingResponders[ttl];
    if (known.empty() || shareAny(seen, known)) {
        // First answers at this TTL, or load balancing among (and joining) the known routers.
        known.insert(seen.begin(), seen.end());
        pending.reset();
        return;
    }
    const bool confirmed = confirm(pending, observation);
    pending->responders.insert(seen.begin(), seen.end());
    if (!confirmed)
        return;
    RouteChange change;
    change.kind = RouteChange::Kind::Responders;
    change.round = pending->round;
    change.timeUs = pending->timeUs;
    change.ttl = ttl;
    change.before = listOf(known);
    change.after = listOf(pending->responders);
    changes.push_back(std::move(change));
    known = pending->responders;
    pending.reset();
}

void RouteTracker::trackDestination(const RouteObservation &observation,
                                    std::vector<RouteChange> &changes)
{
    const bool reaching = observation.destinationTtl.has_value();
    if (!m_reaching) {
        m_reaching = reaching;
        m_length = observation.destinationTtl;
        return;
    }
    if (reaching != *m_reaching) {
        if (!confirm(m_pendingReach, observation))
            return;
        RouteChange change;
        change.kind =
            reaching ? RouteChange::Kind::DestinationAnswering : RouteChange::Kind::DestinationLost;
        change.round = m_pendingReach->round;
        change.timeUs = m_pendingReach->timeUs;
        changes.push_back(change);
        m_reaching = reaching;
        m_pendingReach.reset();
        m_pendingLength.reset();
        if (reaching)
            m_length = observation.destinationTtl;
        return;
    }
    m_pendingReach.reset();
    if (!reaching)
        return;
    if (!m_length || *observation.destinationTtl == *m_length) {
        m_length = observation.destinationTtl;
        m_pendingLength.reset();
        return;
    }
    if (!confirm(m_pendingLength, observation))
        return;
    RouteChange change;
    change.kind = RouteChange::Kind::PathLength;
    change.round = m_pendingLength->round;
    change.timeUs = m_pendingLength->timeUs;
    change.lengthBefore = *m_length;
    change.lengthAfter = *observation.destinationTtl;
    changes.push_back(change);
    m_length = observation.destinationTtl;
    m_pendingLength.reset();
}

void RouteTracker::writeState(StateWriter &writer) const
{
    const auto writePending = [&writer](const std::optional<Pending> &pending) {
        writer.put(pending.has_value());
        if (!pending)
            return;
        writer.put(pending->round);
        writer.put(pending->timeUs);
        writer.put(pending->rounds);
        writer.putStrings(pending->responders);
    };
    writer.putSize(m_known.size());
    for (const auto &[ttl, responders] : m_known) {
        writer.put(ttl);
        writer.putStrings(responders);
    }
    writer.putSize(m_pendingResponders.size());
    for (const auto &[ttl, pending] : m_pendingResponders) {
        writer.put(ttl);
        writePending(pending);
    }
    writer.putOptional(m_reaching);
    writer.putOptional(m_length);
    writePending(m_pendingReach);
    writePending(m_pendingLength);
}

RouteTracker RouteTracker::readState(StateReader &reader, int confirmRounds)
{
    const auto readPending = [&reader]() -> std::optional<Pending> {
        if (!reader.get<bool>())
            return std::nullopt;
        Pending pending;
        pending.round = reader.get<int>();
        pending.timeUs = reader.get<std::int64_t>();
        pending.rounds = reader.get<int>();
        pending.responders = reader.getStringSet();
        return pending;
    };
    RouteTracker tracker(confirmRounds);
    for (std::size_t count = reader.getCount(8); count > 0; --count) {
        const int ttl = reader.get<int>();
        tracker.m_known[ttl] = reader.getStringSet();
    }
    for (std::size_t count = reader.getCount(5); count > 0; --count) {
        const int ttl = reader.get<int>();
        tracker.m_pendingResponders[ttl] = readPending();
    }
    tracker.m_reaching = reader.getOptional<bool>();
    tracker.m_length = reader.getOptional<int>();
    tracker.m_pendingReach = readPending();
    tracker.m_pendingLength = readPending();
    return tracker;
}

} // namespace hopscope
