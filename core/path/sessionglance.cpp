// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "path/sessionglance.h"

namespace hopscope {

SessionGlance glanceAt(const PathModel &model, std::size_t recentProbes)
{
    SessionGlance glance;
    glance.rounds = model.rounds();
    glance.reachedLatest = model.destinationTtl().has_value();
    glance.routeChanges = model.routeChanges().size() + model.forgottenRouteChanges();
    if (!model.routeChanges().empty())
        glance.lastRouteChange = model.routeChanges().back();

    // The destination's row at the TTL it answered at last: the latest round's, else the
    // highest round any destination row was probed in.
    const MonitorHop *destination = nullptr;
    for (const MonitorHop &hop : model.hops()) {
        if (!hop.destination)
            continue;
        const bool latest = model.destinationTtl() && hop.ttl == *model.destinationTtl();
        if (latest || !destination ||
            (!glance.reachedLatest && hop.lastRound >= destination->lastRound))
            destination = &hop;
        if (latest)
            break;
    }
    if (!destination)
        return glance;
    glance.destinationTtl = destination->ttl;
    glance.sent = destination->stats.sent;
    glance.received = destination->stats.received;
    if (glance.sent > 0)
        glance.lossPercent = destination->stats.lossPercent;
    glance.avgMs = destination->stats.avgMs;
    glance.lastMs = destination->stats.lastMs;

    const auto atTtl = model.series().find(destination->ttl);
    if (atTtl == model.series().end())
        return glance;
    for (const PathModel::Series &series : atTtl->second) {
        if (series.responder != destination->responder)
            continue;
        const auto &recent = series.history.recent();
        const std::size_t first = recent.size() > recentProbes ? recent.size() - recentProbes : 0;
        for (std::size_t i = first; i < recent.size(); ++i)
            glance.recentMs.push_back(recent[i].lost() ? std::nullopt
                                                       : std::optional<double>(recent[i].rttMs));
    }
    return glance;
}

} // namespace hopscope
