#include "ui/pathfileloader.h"

#include "import/pathimport.h"
#include "path/networkpathjson.h"

#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrentRun>

namespace hopscope {

PathFileLoader::PathFileLoader(QObject *parent) : QObject(parent) {}

void PathFileLoader::load(const QString &fileName)
{
    auto *watcher = new QFutureWatcher<Expected<NetworkPath>>(this);
    connect(watcher, &QFutureWatcher<Expected<NetworkPath>>::finished, this, [this, watcher, fileName] {
        const Expected<NetworkPath> result = watcher->result();
        watcher->deleteLater();
        if (result)
            Q_EMIT loaded(fileName, *result);
        else
            Q_EMIT failed(fileName, QString::fromStdString(result.error().message));
    });
    watcher->setFuture(QtConcurrent::run(
        [path = fileName.toStdString()] { return readAnyPathFile(path); }));
}

} // namespace hopscope
