// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "owner/ownerlookup.h"

#include <QThread>

#include <chrono>
#include <memory>

namespace hopscope {

class DnsTxtWorker;

// TXT queries through the system's resolver (Qt Network's QDnsLookup, which reads
// /etc/resolv.conf), on a thread of its own with its own event loop, so that any thread may ask
// and none waits for the network unless it chooses to. Each query is given up after `timeout`;
// destroying the resolver gives up every query still open (Cancelled).
class DnsTxtResolver final
{
public:
    explicit DnsTxtResolver(std::chrono::milliseconds timeout = std::chrono::seconds(2));
    ~DnsTxtResolver();
    DnsTxtResolver(const DnsTxtResolver &) = delete;
    DnsTxtResolver &operator=(const DnsTxtResolver &) = delete;

    std::shared_future<TxtAnswer> query(const std::string &name);

private:
    QThread m_thread;
    DnsTxtWorker *m_worker; // lives on m_thread
};

// A resolver's query() as OwnerSources wants it, the resolver living as long as the query does.
TxtQuery systemTxtQuery(std::chrono::milliseconds timeout = std::chrono::seconds(2));

} // namespace hopscope
