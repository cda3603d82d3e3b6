// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "store/historystore.h"

#include <cstdint>
#include <optional>

namespace hopscope {

// One monitoring session's entry in the history while it runs: made when its first round
// settles (the session's header is known then), or taken over from an interrupted session being
// resumed; a round added as each settles; the whole path put in place of the rounds at the end.
// Every kFoldEveryRounds rounds the rounds kept so far are folded into the session's state
// (HistoryStore::foldSession), so that the database holds one state and at most that many rounds
// however long the session runs. The first write that fails stops the keeping: the session goes
// on without it.
class SessionKeeper final
{
public:
    // An hour at one round a second: a state of a 30-hop session with full buffers is about as
    // large as this many rounds, and folding takes a fraction of a second.
    static constexpr int kFoldEveryRounds = 3600;

    SessionKeeper(HistoryStore &store, int intervalMs,
                  std::optional<std::int64_t> resumedId = std::nullopt);

    // The session's history entry, once its first round has settled.
    std::optional<std::int64_t> id() const { return m_id; }
    // How many rounds it keeps one by one before folding them.
    void setFoldEvery(int rounds) { m_foldEvery = rounds; }
    // The first write that failed, if any.
    const std::optional<Error> &failure() const { return m_failure; }

    // Keeps the round that has just settled; `header` and `figures` are the session's as of it.
    // Says what failed the first time a write fails, and nothing after.
    Status keepRound(const NetworkPath &header, const MonitorRound &round,
                     const HistoryEntry &figures);
    // Keeps alerts the session's rules raised or cleared; those of a session whose entry is not
    // begun yet are kept with its first round.
    Status keepAlerts(const std::vector<AlertEvent> &events);
    // Puts the session's whole path in place of its rounds: the entry is a saved session then,
    // also when a round could not be written after the entry was begun. A session whose entry
    // was never begun (no round settled, or the first write failed) is added as a new entry.
    Expected<std::int64_t> end(const NetworkPath &path);
    // The session ends without its path (its tab went away): the path is rebuilt from the rounds
    // kept. Nothing to do when none was.
    Status endFromRounds();

private:
    HistoryStore &m_store;
    int m_intervalMs;
    std::optional<std::int64_t> m_id;
    std::optional<Error> m_failure;
    std::vector<AlertEvent> m_pendingAlerts;
    int m_foldEvery = kFoldEveryRounds;
    int m_roundsSinceFold = 0;
};

} // namespace hopscope
