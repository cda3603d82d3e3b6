// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "common/expected.h"
#include "probe/answerfilter.h"
#include "probe/cancelsignal.h"
#include "probe/probetransport.h"
#include "probe/tracerequest.h"

#include <array>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace hopscope {

class SharedSocketTransport;

// The raw sockets the helper opens while it still holds CAP_NET_RAW, shared by all its traces.
// One thread reads them all and hands every packet to every trace that could be waiting for it
// (ICMP to all traces of that address family, TCP and UDP answers to the traces of that
// protocol), as the kernel would for raw sockets of their own; each trace's probe method then
// keeps only the answers to its own probes. Each socket's filter lets through only what is about
// a subscribed trace's destination, and nothing while no trace runs, so that a helper does not
// wake for the packets of other helpers' traces or of the host's connections.
class SharedRawSockets
{
public:
    // Opens every socket it is allowed to. Call before dropping privileges.
    SharedRawSockets();
    ~SharedRawSockets();
    SharedRawSockets(const SharedRawSockets &) = delete;
    SharedRawSockets &operator=(const SharedRawSockets &) = delete;

    // True when the ICMP, TCP and UDP sockets of `family` are all open.
    bool serves(IpAddress::Family family) const;
    // Starts the reading thread. Call after dropping privileges: capabilities are per thread.
    void start();
    // A transport over the shared sockets for one trace; ErrorCode::PermissionDenied when they are
    // not open.
    Expected<std::unique_ptr<ProbeTransport>> subscribe(const ProbedDestination &destination,
                                                        Protocol protocol);

private:
    friend class SharedSocketTransport;
    struct Socket
    {
        int fd = -1;
        IpAddress::Family family = IpAddress::Family::V4;
        int ipProtocol = 0;
        PacketChannel channel = PacketChannel::IcmpV4;
    };

    void unsubscribe(SharedSocketTransport *transport);
    // Filters the sockets of `family` for the destinations of their subscribers. Call holding
    // m_mutex.
    void refilter(IpAddress::Family family);
    void readLoop();
    void deliver(const Socket &socket, const ReceivedPacket &packet);
    const Socket *find(IpAddress::Family family, int ipProtocol) const;

    std::vector<Socket> m_sockets;
    std::mutex m_mutex;
    std::vector<SharedSocketTransport *> m_subscribers;
    CancelSignal m_stop;
    std::thread m_reader;
};

} // namespace hopscope
