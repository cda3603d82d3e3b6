#pragma once

#include "path/networkpath.h"
#include "store/historystore.h"

#include <QObject>
#include <QString>
#include <QStringList>
#include <QThread>

#include <vector>

namespace hopscope {

class HistoryWorker;

// The history for the window: a HistoryStore on a thread of its own, so that the GUI thread
// never waits on the disk. Every call returns at once; answers come back as signals.
class HistoryService : public QObject
{
    Q_OBJECT

public:
    explicit HistoryService(const QString &fileName, QObject *parent = nullptr);
    ~HistoryService() override;

    void add(const NetworkPath &path);
    void list(const HistoryQuery &query);
    void load(qint64 id);
    // Both paths, for a comparison: pairLoaded once both are read.
    void loadPair(qint64 first, qint64 second);
    void rename(qint64 id, const QString &name);
    void setTags(qint64 id, const QStringList &tags);
    void remove(qint64 id);
    // Puts back what the latest remove() took away.
    void undoRemove();

Q_SIGNALS:
    void opened(const QString &fileName);
    void listed(const std::vector<hopscope::HistoryEntry> &entries);
    void loaded(qint64 id, const hopscope::NetworkPath &path);
    void pairLoaded(const hopscope::NetworkPath &first, const hopscope::NetworkPath &second);
    // Something was added, renamed, tagged, removed or put back.
    void changed(const QString &what);
    void failed(const QString &message);

private:
    QThread m_thread;
    HistoryWorker *m_worker;
};

} // namespace hopscope
