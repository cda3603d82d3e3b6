#include "workertrace.h"

#include "client/helperlocation.h"
#include "client/traceworker.h"
#include "probe/cancelsignal.h"

#include <QEventLoop>
#include <QSocketNotifier>
#include <QThread>

#include <optional>

namespace hopscope::cli {

Expected<NetworkPath> traceThroughHelper(const TraceRequest &request, ProbeObserver &observer,
                                         const CancelSignal &interrupt)
{
    QThread thread;
    thread.setObjectName(QStringLiteral("trace worker"));
    auto *worker = new TraceWorker(helperPath());
    worker->moveToThread(&thread);
    QObject::connect(&thread, &QThread::finished, worker, &QObject::deleteLater);
    thread.start();

    QEventLoop loop;
    std::optional<Expected<NetworkPath>> result;
    QObject::connect(worker, &TraceWorker::probeReceived, &loop,
                     [&observer](const ProbeEvent &event) { observer.probeFinished(event); });
    QObject::connect(worker, &TraceWorker::hopSettled, &loop, [&observer](int ttl) { observer.hopSettled(ttl); });
    QObject::connect(worker, &TraceWorker::notice, &loop,
                     [&observer](const QString &message) { observer.notice(message.toStdString()); });
    QObject::connect(worker, &TraceWorker::degraded, &loop,
                     [&observer](const QString &reason) { observer.notice(reason.toStdString()); });
    QObject::connect(worker, &TraceWorker::finished, &loop, [&](const NetworkPath &path) {
        result.emplace(path);
        loop.quit();
    });
    QObject::connect(worker, &TraceWorker::failed, &loop, [&](const QString &code, const QString &message) {
        result.emplace(Error{code.toStdString(), message.toStdString()});
        loop.quit();
    });
    std::optional<QSocketNotifier> interrupted;
    if (interrupt.fd() >= 0) {
        interrupted.emplace(interrupt.fd(), QSocketNotifier::Read);
        QObject::connect(&*interrupted, &QSocketNotifier::activated, &loop, [worker, &interrupted] {
            interrupted->setEnabled(false);
            worker->cancel();
        });
    }
    QMetaObject::invokeMethod(worker, [worker, request] { worker->start(request); }, Qt::QueuedConnection);
    loop.exec();

    QMetaObject::invokeMethod(worker, &TraceWorker::stopHelper, Qt::BlockingQueuedConnection);
    thread.quit();
    thread.wait();
    return std::move(*result);
}

} // namespace hopscope::cli
