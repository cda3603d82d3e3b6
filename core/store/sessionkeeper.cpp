// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "store/sessionkeeper.h"

#include "trace/tracerun.h"

#include <utility>

namespace hopscope {

SessionKeeper::SessionKeeper(HistoryStore &store, int intervalMs,
                             std::optional<std::int64_t> resumedId)
    : m_store(store), m_intervalMs(intervalMs), m_id(resumedId)
{
}

Status SessionKeeper::keepRound(const NetworkPath &header, const MonitorRound &round,
                                const HistoryEntry &figures)
{
    if (m_failure)
        return {};
    if (!m_id) {
        auto begun = m_store.beginSession(header, m_intervalMs, wallClockUs() / 1000);
        if (!begun) {
            m_failure = begun.error();
            return begun.error();
        }
        m_id = *begun;
    }
    Status kept = m_store.addSessionRound(*m_id, round, figures);
    if (kept && !m_pendingAlerts.empty())
        kept = m_store.addSessionAlerts(*m_id, std::exchange(m_pendingAlerts, {}));
    if (kept && ++m_roundsSinceFold >= m_foldEvery) {
        kept = m_store.foldSession(*m_id);
        m_roundsSinceFold = 0;
    }
    if (!kept)
        m_failure = kept.error();
    return kept;
}

Status SessionKeeper::keepAlerts(const std::vector<AlertEvent> &events)
{
    if (m_failure)
        return {};
    if (!m_id) {
        m_pendingAlerts.insert(m_pendingAlerts.end(), events.begin(), events.end());
        return {};
    }
    Status kept = m_store.addSessionAlerts(*m_id, events);
    if (!kept)
        m_failure = kept.error();
    return kept;
}

Expected<std::int64_t> SessionKeeper::end(const NetworkPath &path)
{
    // A session whose entry was begun ends in it even when a round could not be written since:
    // the whole path replaces what was kept, rather than standing beside it as a second entry.
    if (m_id) {
        if (Status ended = m_store.endSession(*m_id, path); !ended)
            return ended.error();
        return *m_id;
    }
    return m_store.add(path, wallClockUs() / 1000);
}

Status SessionKeeper::endFromRounds()
{
    if (!m_id)
        return {};
    auto path = m_store.load(*m_id);
    if (!path)
        return path.error();
    return m_store.endSession(*m_id, *path);
}

} // namespace hopscope
