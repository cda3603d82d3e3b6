// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "client/workerthread.h"
#include "path/networkpath.h"
#include "store/historystore.h"

#include <QObject>
#include <QString>
#include <QStringList>
#include <QThread>

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace hopscope {

class HistoryStoreOwner;

// The history for the window: a HistoryStore on a thread of its own, so that the GUI thread
// never waits on the disk. Every call returns at once; answers come back as signals.
class HistoryService : public QObject
{
    Q_OBJECT

public:
    explicit HistoryService(const QString &fileName, QObject *parent = nullptr);
    ~HistoryService() override;

    void add(const NetworkPath &path);
    // A run of the window's, kept as it goes (SessionKeeper): a monitoring session's round as it
    // settles, and at its end its whole path (a trace has only that). `run` is the session's
    // TraceSession::runId().
    void keepRound(quint64 run, int intervalMs, const NetworkPath &header,
                   const MonitorRound &round, const HistoryEntry &figures);
    void endRun(quint64 run, const NetworkPath &path);
    // The run ended without its path (its tab was closed as it ran): the rounds kept make it.
    void endRunFromRounds(quint64 run);
    // Alerts the run's rules raised or cleared, kept with its rounds.
    void keepAlerts(quint64 run, int intervalMs, const std::vector<AlertEvent> &events);
    // Takes an interrupted session over (resumed), for a run to go on with; adopt() then ties
    // that run to the session's entry, so that its rounds are added there.
    void resume(qint64 id);
    void adopt(quint64 run, qint64 id, int intervalMs);
    void list(const HistoryQuery &query);
    // What a loaded path is for: a tab of its own, or a report.
    enum class Use { Open, Export };
    Q_ENUM(Use)
    void load(qint64 id, Use use = Use::Open);
    // Several paths, for a comparison or a timeline: severalLoaded once all are read, in the
    // order of `ids`.
    void loadSeveral(const QList<qint64> &ids);
    void rename(qint64 id, const QString &name);
    void setTags(qint64 id, const QStringList &tags);
    void remove(qint64 id);
    // Removes what was saved more than `days` days ago (the history's retention).
    void forgetOlderThan(int days);
    // Puts back what the latest remove() took away.
    void undoRemove();
    // Owners of addresses as lookups found them, kept for later runs; and those kept for no
    // longer than kKeptOwnerLifeMs, read back (keptOwnersRead).
    void keepOwners(const std::map<std::string, hopscope::AddressOwner> &owners);
    void readKeptOwners();

Q_SIGNALS:
    void listed(const std::vector<hopscope::HistoryEntry> &entries);
    void loaded(qint64 id, const hopscope::NetworkPath &path, hopscope::HistoryService::Use use);
    void resumed(const std::shared_ptr<hopscope::ResumedSession> &session);
    void severalLoaded(const std::vector<hopscope::NetworkPath> &paths);
    void keptOwnersRead(const std::map<std::string, hopscope::AddressOwner> &owners);
    // Something was added, renamed, tagged, removed or put back.
    void changed(const QString &what);
    // The retention removed `removed` entries saved more than `days` days ago.
    void forgotten(int removed, int days);
    void failed(const QString &message);

private:
    // Runs `work` with the store on the history thread; says so when the store is not open.
    template <typename Work> void onStore(Work work);

    std::unique_ptr<WorkerThread<HistoryStoreOwner>> m_thread;
    HistoryStoreOwner *m_owner;
};

} // namespace hopscope
