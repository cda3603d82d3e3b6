// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "client/dnstxtresolver.h"

#include <QDnsLookup>
#include <QTimer>

#include <map>

namespace hopscope {

// The resolver's half on its own thread: every QDnsLookup and its timer live there.
class DnsTxtWorker final : public QObject
{
public:
    explicit DnsTxtWorker(std::chrono::milliseconds timeout) : m_timeout(timeout) {}

    void start(const std::string &name, std::shared_ptr<std::promise<TxtAnswer>> promise)
    {
        auto *lookup = new QDnsLookup(QDnsLookup::TXT, QString::fromStdString(name), this);
        auto *timer = new QTimer(lookup);
        timer->setSingleShot(true);
        m_open[lookup] = std::move(promise);
        connect(lookup, &QDnsLookup::finished, this, [this, lookup] { finish(lookup); });
        connect(timer, &QTimer::timeout, this, [this, lookup] {
            const auto seconds = std::chrono::duration<double>(m_timeout).count();
            answer(lookup, Error{ErrorCode::TimedOut,
                                 "no answer from the DNS server within " +
                                     std::to_string(static_cast<int>(seconds + 0.5)) + " s"});
        });
        timer->start(m_timeout);
        lookup->lookup();
    }

    void cancelAll()
    {
        while (!m_open.empty())
            answer(m_open.begin()->first, Error{ErrorCode::Cancelled, "the lookup was cancelled"});
    }

private:
    void finish(QDnsLookup *lookup)
    {
        switch (lookup->error()) {
        case QDnsLookup::NoError: {
            std::vector<std::string> strings;
            for (const QDnsTextRecord &record : lookup->textRecords()) {
                // A record's character strings are one text, as Team Cymru writes them.
                QByteArray text;
                for (const QByteArray &part : record.values())
                    text += part;
                strings.push_back(text.toStdString());
            }
            if (strings.empty())
                answer(lookup, Error{ErrorCode::NotFound, "no TXT record"});
            else
                answer(lookup, std::move(strings));
            return;
        }
        case QDnsLookup::NotFoundError:
            answer(lookup, Error{ErrorCode::NotFound, "no such name"});
            return;
        case QDnsLookup::OperationCancelledError:
            return; // given up already
        case QDnsLookup::ResolverError:
            answer(lookup, Error{ErrorCode::IoError, "the system's resolver cannot be used"});
            return;
        case QDnsLookup::ServerRefusedError:
            answer(lookup, Error{ErrorCode::IoError, "the DNS server refused the query"});
            return;
        case QDnsLookup::InvalidReplyError:
            answer(lookup, Error{ErrorCode::Malformed, "no usable answer from the DNS server"});
            return;
        case QDnsLookup::InvalidRequestError:
            answer(lookup, Error{ErrorCode::InvalidRequest, "the name cannot be asked about"});
            return;
        default: // a server failure
            answer(lookup, Error{ErrorCode::IoError, "the DNS server failed to answer"});
        }
    }

    void answer(QDnsLookup *lookup, TxtAnswer result)
    {
        const auto open = m_open.find(lookup);
        if (open == m_open.end())
            return;
        open->second->set_value(std::move(result));
        m_open.erase(open);
        lookup->abort();
        lookup->deleteLater();
    }

    std::chrono::milliseconds m_timeout;
    std::map<QDnsLookup *, std::shared_ptr<std::promise<TxtAnswer>>> m_open;
};

DnsTxtResolver::DnsTxtResolver(std::chrono::milliseconds timeout)
    : m_worker(new DnsTxtWorker(timeout))
{
    m_thread.setObjectName(QStringLiteral("DNS TXT lookups"));
    m_worker->moveToThread(&m_thread);
    QObject::connect(&m_thread, &QThread::finished, m_worker, &QObject::deleteLater);
    m_thread.start();
}

DnsTxtResolver::~DnsTxtResolver()
{
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker] { worker->cancelAll(); }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

std::shared_future<TxtAnswer> DnsTxtResolver::query(const std::string &name)
{
    auto promise = std::make_shared<std::promise<TxtAnswer>>();
    std::shared_future<TxtAnswer> future = promise->get_future().share();
    QMetaObject::invokeMethod(
        m_worker, [worker = m_worker, name, promise] { worker->start(name, promise); },
        Qt::QueuedConnection);
    return future;
}

TxtQuery systemTxtQuery(std::chrono::milliseconds timeout)
{
    auto resolver = std::make_shared<DnsTxtResolver>(timeout);
    return [resolver](const std::string &name) { return resolver->query(name); };
}

} // namespace hopscope
