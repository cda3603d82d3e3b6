#include "ui/historyservice.h"

#include <QDateTime>

#include <memory>
#include <optional>

Q_DECLARE_METATYPE(std::vector<hopscope::HistoryEntry>)

namespace hopscope {

// Lives on the service's thread and owns the store there.
class HistoryWorker : public QObject
{
    Q_OBJECT

public:
    explicit HistoryWorker(QString fileName) : m_fileName(std::move(fileName)) {}

    void open()
    {
        auto store = HistoryStore::open(m_fileName);
        if (!store) {
            Q_EMIT failed(tr("History is off: %1").arg(QString::fromStdString(store.error().message)));
            return;
        }
        m_store = std::move(*store);
        Q_EMIT opened(m_fileName);
    }

    // Runs `work` when the store is open; says so otherwise.
    template <typename Work>
    void withStore(Work work)
    {
        if (!m_store) {
            Q_EMIT failed(tr("History is off: %1 could not be opened").arg(m_fileName));
            return;
        }
        work(*m_store);
    }

    void report(const Status &status, const QString &what)
    {
        if (status)
            Q_EMIT changed(what);
        else
            Q_EMIT failed(QString::fromStdString(status.error().message));
    }

    std::optional<std::pair<NetworkPath, HistoryEntry>> lastRemoved;

Q_SIGNALS:
    void opened(const QString &fileName);
    void listed(const std::vector<hopscope::HistoryEntry> &entries);
    void loaded(qint64 id, const hopscope::NetworkPath &path);
    void pairLoaded(const hopscope::NetworkPath &first, const hopscope::NetworkPath &second);
    void changed(const QString &what);
    void failed(const QString &message);

private:
    QString m_fileName;
    std::unique_ptr<HistoryStore> m_store;
};

HistoryService::HistoryService(const QString &fileName, QObject *parent)
    : QObject(parent), m_worker(new HistoryWorker(fileName))
{
    qRegisterMetaType<std::vector<HistoryEntry>>();
    m_thread.setObjectName(QStringLiteral("history"));
    m_worker->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    connect(m_worker, &HistoryWorker::opened, this, &HistoryService::opened);
    connect(m_worker, &HistoryWorker::listed, this, &HistoryService::listed);
    connect(m_worker, &HistoryWorker::loaded, this, &HistoryService::loaded);
    connect(m_worker, &HistoryWorker::pairLoaded, this, &HistoryService::pairLoaded);
    connect(m_worker, &HistoryWorker::changed, this, &HistoryService::changed);
    connect(m_worker, &HistoryWorker::failed, this, &HistoryService::failed);
    m_thread.start();
    QMetaObject::invokeMethod(m_worker, &HistoryWorker::open, Qt::QueuedConnection);
}

HistoryService::~HistoryService()
{
    // Whatever was asked before closing is written before the thread ends.
    m_thread.quit();
    m_thread.wait();
}

void HistoryService::add(const NetworkPath &path)
{
    QMetaObject::invokeMethod(m_worker, [worker = m_worker, path] {
        worker->withStore([&](HistoryStore &store) {
            const auto id = store.add(path, QDateTime::currentMSecsSinceEpoch());
            worker->report(id ? Status() : Status(id.error()), tr("saved to the history"));
        });
    }, Qt::QueuedConnection);
}

void HistoryService::list(const HistoryQuery &query)
{
    QMetaObject::invokeMethod(m_worker, [worker = m_worker, query] {
        worker->withStore([&](HistoryStore &store) {
            auto entries = store.list(query);
            if (entries)
                Q_EMIT worker->listed(*entries);
            else
                Q_EMIT worker->failed(QString::fromStdString(entries.error().message));
        });
    }, Qt::QueuedConnection);
}

void HistoryService::load(qint64 id)
{
    QMetaObject::invokeMethod(m_worker, [worker = m_worker, id] {
        worker->withStore([&](HistoryStore &store) {
            auto path = store.load(id);
            if (path)
                Q_EMIT worker->loaded(id, *path);
            else
                Q_EMIT worker->failed(QString::fromStdString(path.error().message));
        });
    }, Qt::QueuedConnection);
}

void HistoryService::loadPair(qint64 first, qint64 second)
{
    QMetaObject::invokeMethod(m_worker, [worker = m_worker, first, second] {
        worker->withStore([&](HistoryStore &store) {
            auto a = store.load(first);
            auto b = store.load(second);
            if (a && b)
                Q_EMIT worker->pairLoaded(*a, *b);
            else
                Q_EMIT worker->failed(QString::fromStdString(!a ? a.error().message : b.error().message));
        });
    }, Qt::QueuedConnection);
}

void HistoryService::rename(qint64 id, const QString &name)
{
    QMetaObject::invokeMethod(m_worker, [worker = m_worker, id, name = name.toStdString()] {
        worker->withStore([&](HistoryStore &store) { worker->report(store.rename(id, name), tr("renamed")); });
    }, Qt::QueuedConnection);
}

void HistoryService::setTags(qint64 id, const QStringList &tags)
{
    std::vector<std::string> list;
    for (const QString &tag : tags)
        if (!tag.trimmed().isEmpty())
            list.push_back(tag.trimmed().toStdString());
    QMetaObject::invokeMethod(m_worker, [worker = m_worker, id, list] {
        worker->withStore([&](HistoryStore &store) { worker->report(store.setTags(id, list), tr("tagged")); });
    }, Qt::QueuedConnection);
}

void HistoryService::remove(qint64 id)
{
    QMetaObject::invokeMethod(m_worker, [worker = m_worker, id] {
        worker->withStore([&](HistoryStore &store) {
            // Kept whole first, so that undo puts back exactly what went.
            auto path = store.load(id);
            HistoryQuery just;
            just.id = id;
            auto entries = store.list(just);
            if (!path || !entries) {
                Q_EMIT worker->failed(QString::fromStdString(!path ? path.error().message : entries.error().message));
                return;
            }
            const auto entry = std::find_if(entries->begin(), entries->end(),
                                            [id](const HistoryEntry &e) { return e.id == id; });
            const Status removed = store.remove(id);
            if (removed && entry != entries->end())
                worker->lastRemoved = std::make_pair(std::move(*path), *entry);
            worker->report(removed, tr("deleted"));
        });
    }, Qt::QueuedConnection);
}

void HistoryService::undoRemove()
{
    QMetaObject::invokeMethod(m_worker, [worker = m_worker] {
        worker->withStore([&](HistoryStore &store) {
            if (!worker->lastRemoved) {
                Q_EMIT worker->failed(tr("Nothing to undo."));
                return;
            }
            const auto [path, entry] = *worker->lastRemoved;
            worker->lastRemoved.reset();
            worker->report(store.restore(entry.id, path, entry), tr("put back"));
        });
    }, Qt::QueuedConnection);
}

} // namespace hopscope

#include "historyservice.moc"
