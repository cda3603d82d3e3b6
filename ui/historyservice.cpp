// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "ui/historyservice.h"

#include "store/historyretention.h"
#include "store/sessionkeeper.h"

#include <QDateTime>

#include <memory>
#include <optional>

Q_DECLARE_METATYPE(std::vector<hopscope::HistoryEntry>)
using KeptOwners = std::map<std::string, hopscope::AddressOwner>;
Q_DECLARE_METATYPE(KeptOwners)
Q_DECLARE_METATYPE(std::shared_ptr<hopscope::ResumedSession>)

namespace hopscope {

// Lives on the history thread and owns the store there. The work it is given emits the
// service's signals from that thread; Qt queues them to their receivers on the GUI thread.
class HistoryStoreOwner : public QObject
{
public:
    explicit HistoryStoreOwner(QString file) : fileName(std::move(file)) {}

    const QString fileName;
    std::unique_ptr<HistoryStore> store;
    std::optional<std::pair<NetworkPath, HistoryEntry>> lastRemoved;
    std::map<quint64, SessionKeeper> runs; // by TraceSession::runId()
};

HistoryService::HistoryService(const QString &fileName, QObject *parent)
    : QObject(parent), m_thread(std::make_unique<WorkerThread<HistoryStoreOwner>>(
                           QStringLiteral("history"), fileName)),
      m_owner(m_thread->get())
{
    qRegisterMetaType<std::vector<HistoryEntry>>();
    qRegisterMetaType<HistoryService::Use>();
    qRegisterMetaType<KeptOwners>();
    qRegisterMetaType<std::shared_ptr<ResumedSession>>();
    QMetaObject::invokeMethod(
        m_owner,
        [this, owner = m_owner] {
            auto store = HistoryStore::open(owner->fileName);
            if (!store) {
                Q_EMIT failed(
                    tr("History is off: %1").arg(QString::fromStdString(store.error().message)));
                return;
            }
            owner->store = std::move(*store);
        },
        Qt::QueuedConnection);
}

HistoryService::~HistoryService()
{
    // Whatever was asked before closing is written before the thread ends.
    m_thread.reset();
}

template <typename Work> void HistoryService::onStore(Work work)
{
    QMetaObject::invokeMethod(
        m_owner,
        [this, owner = m_owner, work = std::move(work)] {
            if (!owner->store) {
                Q_EMIT failed(tr("History is off: %1 could not be opened").arg(owner->fileName));
                return;
            }
            work(*owner);
        },
        Qt::QueuedConnection);
}

namespace {

// The signal a finished change sends: what was done, or why it was not.
template <typename Service> void report(Service *service, const Status &status, const QString &what)
{
    if (status)
        Q_EMIT service->changed(what);
    else
        Q_EMIT service->failed(QString::fromStdString(status.error().message));
}

} // namespace

void HistoryService::add(const NetworkPath &path)
{
    onStore([this, path](HistoryStoreOwner &owner) {
        const auto id = owner.store->add(path, QDateTime::currentMSecsSinceEpoch());
        report(this, id ? Status() : Status(id.error()), tr("saved to the history"));
    });
}

void HistoryService::keepRound(quint64 run, int intervalMs, const NetworkPath &header,
                               const MonitorRound &round, const HistoryEntry &figures)
{
    onStore([this, run, intervalMs, header, round, figures](HistoryStoreOwner &owner) {
        SessionKeeper &keeper = owner.runs.try_emplace(run, *owner.store, intervalMs).first->second;
        const bool first = !keeper.id() && !keeper.failure();
        if (const Status kept = keeper.keepRound(header, round, figures); !kept)
            Q_EMIT failed(tr("The session is no longer kept in the history as it runs: %1")
                              .arg(QString::fromStdString(kept.error().message)));
        else if (first)
            Q_EMIT changed(tr("kept in the history as it runs"));
    });
}

void HistoryService::keepAlerts(quint64 run, int intervalMs, const std::vector<AlertEvent> &events)
{
    onStore([this, run, intervalMs, events](HistoryStoreOwner &owner) {
        SessionKeeper &keeper = owner.runs.try_emplace(run, *owner.store, intervalMs).first->second;
        if (const Status kept = keeper.keepAlerts(events); !kept)
            Q_EMIT failed(tr("The session is no longer kept in the history as it runs: %1")
                              .arg(QString::fromStdString(kept.error().message)));
    });
}

void HistoryService::endRun(quint64 run, const NetworkPath &path)
{
    onStore([this, run, path](HistoryStoreOwner &owner) {
        auto found = owner.runs.find(run);
        if (found == owner.runs.end())
            found = owner.runs.try_emplace(run, *owner.store, 0).first;
        const auto saved = found->second.end(path);
        owner.runs.erase(found);
        report(this, saved ? Status() : Status(saved.error()), tr("saved to the history"));
    });
}

void HistoryService::endRunFromRounds(quint64 run)
{
    onStore([this, run](HistoryStoreOwner &owner) {
        const auto found = owner.runs.find(run);
        if (found == owner.runs.end())
            return;
        const Status ended = found->second.endFromRounds();
        owner.runs.erase(found);
        report(this, ended, tr("saved to the history"));
    });
}

void HistoryService::resume(qint64 id)
{
    onStore([this, id](HistoryStoreOwner &owner) {
        auto session = owner.store->resumeSession(id);
        if (session)
            Q_EMIT resumed(std::make_shared<ResumedSession>(std::move(*session)));
        else
            Q_EMIT failed(QString::fromStdString(session.error().message));
    });
}

void HistoryService::adopt(quint64 run, qint64 id, int intervalMs)
{
    onStore([this, run, id, intervalMs](HistoryStoreOwner &owner) {
        owner.runs.erase(run);
        owner.runs.try_emplace(run, *owner.store, intervalMs, id);
        Q_EMIT changed(tr("resumed"));
    });
}

void HistoryService::list(const HistoryQuery &query)
{
    onStore([this, query](HistoryStoreOwner &owner) {
        const auto entries = owner.store->list(query);
        if (entries)
            Q_EMIT listed(*entries);
        else
            Q_EMIT failed(QString::fromStdString(entries.error().message));
    });
}

void HistoryService::load(qint64 id, Use use)
{
    onStore([this, id, use](HistoryStoreOwner &owner) {
        const auto path = owner.store->load(id);
        if (path)
            Q_EMIT loaded(id, *path, use);
        else
            Q_EMIT failed(QString::fromStdString(path.error().message));
    });
}

void HistoryService::loadSeveral(const QList<qint64> &ids)
{
    onStore([this, ids](HistoryStoreOwner &owner) {
        std::vector<NetworkPath> paths;
        for (const qint64 id : ids) {
            auto path = owner.store->load(id);
            if (!path) {
                Q_EMIT failed(QString::fromStdString(path.error().message));
                return;
            }
            paths.push_back(std::move(*path));
        }
        Q_EMIT severalLoaded(paths);
    });
}

void HistoryService::rename(qint64 id, const QString &name)
{
    onStore([this, id, name = name.toStdString()](HistoryStoreOwner &owner) {
        report(this, owner.store->rename(id, name), tr("renamed"));
    });
}

void HistoryService::setTags(qint64 id, const QStringList &tags)
{
    std::vector<std::string> list;
    for (const QString &tag : tags)
        if (!tag.trimmed().isEmpty())
            list.push_back(tag.trimmed().toStdString());
    onStore([this, id, list](HistoryStoreOwner &owner) {
        report(this, owner.store->setTags(id, list), tr("tagged"));
    });
}

void HistoryService::forgetOlderThan(int days)
{
    const qint64 cutoffMs = historyKeepCutoffMs(days, QDateTime::currentMSecsSinceEpoch());
    onStore([this, days, cutoffMs](HistoryStoreOwner &owner) {
        const auto removed = owner.store->forgetSavedBefore(cutoffMs);
        if (!removed)
            Q_EMIT failed(QString::fromStdString(removed.error().message));
        else if (*removed > 0)
            Q_EMIT forgotten(*removed, days);
    });
}

void HistoryService::remove(qint64 id)
{
    onStore([this, id](HistoryStoreOwner &owner) {
        // Kept whole first, so that undo puts back exactly what went.
        auto path = owner.store->load(id);
        HistoryQuery just;
        just.id = id;
        auto entries = owner.store->list(just);
        if (!path || !entries || entries->empty()) {
            Q_EMIT failed(QString::fromStdString(
                !path      ? path.error().message
                : !entries ? entries.error().message
                           : "history entry " + std::to_string(id) + " does not exist"));
            return;
        }
        const Status removed = owner.store->remove(id);
        if (removed)
            owner.lastRemoved = std::make_pair(std::move(*path), entries->front());
        report(this, removed, tr("deleted"));
    });
}

void HistoryService::undoRemove()
{
    onStore([this](HistoryStoreOwner &owner) {
        if (!owner.lastRemoved) {
            Q_EMIT failed(tr("Nothing to undo."));
            return;
        }
        const auto [path, entry] = *owner.lastRemoved;
        owner.lastRemoved.reset();
        report(this, owner.store->restore(entry.id, path, entry), tr("put back"));
    });
}

void HistoryService::keepOwners(const std::map<std::string, AddressOwner> &owners)
{
    if (owners.empty())
        return;
    onStore([this, owners](HistoryStoreOwner &owner) {
        // Not a change to the list of paths: only a failure is worth telling.
        if (const Status kept = owner.store->keepOwners(owners); !kept)
            Q_EMIT failed(QString::fromStdString(kept.error().message));
    });
}

void HistoryService::readKeptOwners()
{
    onStore([this](HistoryStoreOwner &owner) {
        const auto kept =
            owner.store->keptOwners(QDateTime::currentMSecsSinceEpoch() - kKeptOwnerLifeMs);
        if (kept)
            Q_EMIT keptOwnersRead(*kept);
        else
            Q_EMIT failed(QString::fromStdString(kept.error().message));
    });
}

} // namespace hopscope
