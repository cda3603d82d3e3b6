// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "common/expected.h"
#include "path/networkpath.h"
#include "path/pathmodel.h"

#include <QString>

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace hopscope {

// What the history lists of a stored path, without reading the path itself.
struct HistoryEntry
{
    std::int64_t id = 0;
    std::int64_t tracedAtMs = 0;
    std::int64_t savedAtMs = 0;
    std::string target;      // what was asked for: the request's target, else the destination
    std::string destination; // its address
    Protocol protocol = Protocol::Tcp;
    bool reached = false;
    int hops = 0;     // the TTL it was reached at, or the last one tried
    int rounds = 0;   // 0 for a single trace
    std::string name; // given by the user; empty until then
    std::vector<std::string> tags;
    // A monitoring session kept as it runs: still recording (its process is alive), or
    // interrupted (its process ended without ending it: a crash, kill -9, a power cut).
    bool recording = false;
    bool interrupted = false;
    bool operator==(const HistoryEntry &) const = default;
};

struct HistoryQuery
{
    std::string text; // in the target, destination, name or a tag; any case
    std::optional<Protocol> protocol;
    std::optional<std::int64_t> fromMs; // traced at or after
    std::optional<std::int64_t> toMs;   // traced before
    int limit = 1000;
    std::optional<std::int64_t> id; // just this entry
};

// An interrupted monitoring session, to go on with (HistoryStore::resumeSession).
struct ResumedSession
{
    std::int64_t id = 0;
    PathModel model; // every round kept, as the live session had them
    int intervalMs = 0;
};

// How long a kept AS answer is trusted: prefixes change hands and move between ASes, rarely.
inline constexpr std::int64_t kKeptOwnerLifeMs = 7LL * 24 * 3600 * 1000;

// The local history of traces and monitoring sessions: an SQLite database in WAL mode, written
// one transaction per change and synced, so that a crash or kill -9 keeps every change that
// returned, and readers never wait for a writer. The schema carries its version
// (PRAGMA user_version) and is migrated forward when opened; a database from a newer Hopscope
// is refused rather than changed. One object per thread: Qt's database connections are not
// shared between threads.
class HistoryStore
{
public:
    // The schema this build writes.
    static constexpr int kSchemaVersion = 6;

    // Opens the database, creating it (and its folder) when missing.
    static Expected<std::unique_ptr<HistoryStore>> open(const QString &fileName);
    // dataDirectory()/history.sqlite (store/applocations.h).
    static QString defaultFileName();

    ~HistoryStore();
    HistoryStore(const HistoryStore &) = delete;
    HistoryStore &operator=(const HistoryStore &) = delete;

    QString fileName() const { return m_fileName; }
    int schemaVersion() const;

    Expected<std::int64_t> add(const NetworkPath &path, std::int64_t savedAtMs);
    Expected<std::vector<HistoryEntry>> list(const HistoryQuery &query = {}) const;
    Expected<NetworkPath> load(std::int64_t id) const;
    Status rename(std::int64_t id, const std::string &name);
    Status setTags(std::int64_t id, const std::vector<std::string> &tags);
    Status remove(std::int64_t id);
    // The retention: removes every entry saved before `savedBeforeMs`, and says how many. A
    // session kept as it runs (recording, or interrupted and not yet resumed or reopened) stays.
    Expected<int> forgetSavedBefore(std::int64_t savedBeforeMs);
    // Puts back a removed path under its old id, for undo.
    Status restore(std::int64_t id, const NetworkPath &path, const HistoryEntry &entry);

    // A monitoring session kept as it runs, so that losing the process loses at most the round
    // under way. beginSession() makes its entry from the session's header (what is traced and
    // how; no hops yet); addSessionRound() adds each round as it settles, one synced
    // transaction each, with the figures the list shows; endSession() replaces the rounds (and
    // alerts) with the session's whole path. An entry whose process is gone before that was
    // interrupted: load() rebuilds its path from the rounds kept. foldSession() keeps the size
    // bounded however long the session runs: it puts the session's model, as the rounds and
    // alerts kept so far make it, in their place (path/pathmodelstate.h).
    Expected<std::int64_t> beginSession(const NetworkPath &header, int intervalMs,
                                        std::int64_t nowMs);
    Status addSessionRound(std::int64_t id, const MonitorRound &round, const HistoryEntry &figures);
    // The alerts its rules raised or cleared, kept with its rounds and listed in its path.
    Status addSessionAlerts(std::int64_t id, const std::vector<AlertEvent> &events);
    Status foldSession(std::int64_t id);
    Status endSession(std::int64_t id, const NetworkPath &path);
    // An interrupted session taken up again by this process: its rounds so far, rebuilt, to go
    // on from, and its interval. Refused for an entry that is not a session kept as it runs, or
    // whose process is still recording it.
    Expected<ResumedSession> resumeSession(std::int64_t id);

    // Whose network addresses are in, as lookups found them: kept (replacing what was kept for
    // the same address) so that a later run need not ask again, and read back when looked up at
    // or after `notBeforeMs` (now less kKeptOwnerLifeMs, for a lookup about to start).
    Status keepOwners(const std::map<std::string, AddressOwner> &owners);
    Expected<std::map<std::string, AddressOwner>> keptOwners(std::int64_t notBeforeMs) const;

private:
    HistoryStore(QString fileName, QString connection);
    Status migrate();
    // An entry's row: its path's JSON (a session kept as it runs: its header), the process
    // recording it (empty once saved whole) and its interval.
    struct StoredEntry
    {
        NetworkPath path;
        std::string recorder;
        int intervalMs = 0;
    };
    Expected<StoredEntry> readEntry(std::int64_t id) const;
    Expected<PathModel> rebuildSession(std::int64_t id, const NetworkPath &header,
                                       int intervalMs) const;
    Status readSessionAlerts(std::int64_t id, PathModel &model) const;
    // The session's folded state, or an empty model when it was never folded.
    Expected<PathModel> readSessionState(std::int64_t id, const NetworkPath &header,
                                         int intervalMs) const;
    Status insert(std::optional<std::int64_t> id, const NetworkPath &path, std::int64_t savedAtMs,
                  const std::string &name, const std::vector<std::string> &tags,
                  std::int64_t *newId);

    QString m_fileName;
    QString m_connection;
};

// The fields a history entry shows, worked out from a path, or from the model of one being run.
HistoryEntry describeForHistory(const NetworkPath &path);
HistoryEntry describeForHistory(const NetworkPath &header, const PathModel &model);

// This process, as a recording session's entry names it: the boot, the process ID and its start
// time, so that a later process with the same ID is not taken for it.
std::string recorderIdentity();
// Whether the process an entry names is still running.
bool recorderAlive(const std::string &identity);

} // namespace hopscope
