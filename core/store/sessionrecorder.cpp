// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "store/sessionrecorder.h"

#include <chrono>

namespace hopscope {

namespace {

std::int64_t wallClockUs()
{
    return std::chrono::duration_cast<std::chrono::microseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

} // namespace

SessionRecorder::SessionRecorder(HistoryStore &store, int intervalMs, RunObserver &shown)
    : m_store(store), m_intervalMs(intervalMs), m_shown(shown)
{
}

void SessionRecorder::probeFinished(const ProbeEvent &event)
{
    ProbeSample sample = probeSampleOf(event);
    sample.round = m_round.number;
    m_round.probes.push_back(std::move(sample));
    m_shown.probeFinished(event);
}

void SessionRecorder::restarted()
{
    // The round's probes are sent again: only the second sending counts.
    m_round.probes.clear();
    m_shown.restarted();
}

void SessionRecorder::roundStarted(int round)
{
    m_round = MonitorRound{};
    m_round.number = round;
    m_round.startedUs = wallClockUs();
    m_shown.roundStarted(round);
}

void SessionRecorder::roundFinished(int round, const PathModel &model,
                                    const std::vector<RouteChange> &changes, double durationSeconds)
{
    if (!m_failure) {
        m_round.destination = model.header().destination.ipAddress;
        for (const MonitorHop &hop : model.hops())
            if (!hop.responder.empty() && !hop.hostname.empty())
                m_round.hostnames.emplace(hop.responder, hop.hostname);
        if (!m_id) {
            auto begun = m_store.beginSession(model.header(), m_intervalMs, wallClockUs() / 1000);
            if (begun)
                m_id = *begun;
            else
                m_failure = begun.error();
        }
        const Status kept =
            m_failure ? Status(*m_failure)
                      : m_store.addSessionRound(*m_id, m_round,
                                                describeForHistory(model.header(), model));
        if (!kept) {
            m_failure = kept.error();
            m_shown.notice("the session is no longer kept in the history: " + kept.error().message);
        }
    }
    m_shown.roundFinished(round, model, changes, durationSeconds);
}

void SessionRecorder::roundFailed(int round, const Error &error)
{
    m_round.probes.clear();
    m_shown.roundFailed(round, error);
}

} // namespace hopscope
