// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "helpertracer.h"

#include "client/helperlocation.h"
#include "client/traceworker.h"
#include "probe/cancelsignal.h"
#include "probe/rawsockets.h"

#include <QEventLoop>
#include <QSocketNotifier>

#include <optional>

namespace hopscope::cli {

bool tracesThroughHelper(const TraceRequest &request)
{
    return !request.unprivileged && !rawSocketsAllowed();
}

RoundTracers::RoundTracers(const TraceRequest &request)
{
    if (tracesThroughHelper(request))
        m_helper = std::make_unique<HelperTracer>();
}

RoundTracers::~RoundTracers() = default;

RoundTracer RoundTracers::tracer()
{
    if (!m_helper)
        return traceRoundInProcess;
    return [helper = m_helper.get()](const PreparedTrace &trace, ProbeObserver &observer,
                                     const CancelSignal &cancel) {
        return helper->traceRound(trace, observer, cancel);
    };
}

HelperTracer::HelperTracer() : m_worker(QStringLiteral("trace worker"), helperPath()) {}

HelperTracer::~HelperTracer()
{
    QMetaObject::invokeMethod(m_worker.get(), &TraceWorker::stopHelper,
                              Qt::BlockingQueuedConnection);
}

Expected<RoundOutcome> HelperTracer::traceRound(const PreparedTrace &trace, ProbeObserver &observer,
                                                const CancelSignal &interrupt)
{
    // Every connection below has the loop as its context, so that it ends with this round.
    QEventLoop loop;
    std::optional<Expected<RoundOutcome>> result;
    TraceWorker *worker = m_worker.get();
    QObject::connect(worker, &TraceWorker::probeReceived, &loop,
                     [&observer](const ProbeEvent &event) { observer.probeFinished(event); });
    QObject::connect(worker, &TraceWorker::hopSettled, &loop,
                     [&observer](int ttl) { observer.hopSettled(ttl); });
    QObject::connect(worker, &TraceWorker::restarted, &loop, [&observer] { observer.restarted(); });
    QObject::connect(worker, &TraceWorker::notice, &loop, [&observer](const QString &message) {
        observer.notice(message.toStdString());
    });
    QObject::connect(worker, &TraceWorker::degraded, &loop,
                     [&observer](const QString &reason) { observer.notice(reason.toStdString()); });
    QObject::connect(worker, &TraceWorker::finished, &loop, [&](const RoundOutcome &outcome) {
        result.emplace(outcome);
        loop.quit();
    });
    QObject::connect(worker, &TraceWorker::failed, &loop, [&](const Error &error) {
        result.emplace(error);
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
    QMetaObject::invokeMethod(
        worker, [worker, trace] { worker->start(trace); }, Qt::QueuedConnection);
    loop.exec();
    return std::move(*result);
}

} // namespace hopscope::cli
