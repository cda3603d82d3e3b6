// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "helper/sharedrawsockets.h"

#include "probe/rawsockets.h"
#include "probe/socketmessage.h"

#include <algorithm>
#include <cstdint>
#include <deque>
#include <netinet/in.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <unistd.h>

namespace hopscope {

namespace {

// More than a trace can have in flight (255 TTLs x 10 queries x 32 flows) is not needed in a
// queue: beyond this the oldest packets go, as they would from a full socket buffer.
constexpr std::size_t kMaxQueuedPackets = 8192;

} // namespace

// One trace's view of the shared sockets: sends on them, receives from its own queue.
class SharedSocketTransport : public ProbeTransport
{
public:
    SharedSocketTransport(SharedRawSockets &owner, const ProbedDestination &destination,
                          Protocol protocol, int sendFd)
        : m_owner(owner), m_destination(destination), m_protocol(protocol), m_sendFd(sendFd),
          m_wakeFd(::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK))
    {
    }

    ~SharedSocketTransport() override
    {
        m_owner.unsubscribe(this);
        if (m_wakeFd >= 0)
            ::close(m_wakeFd);
    }

    bool wants(IpAddress::Family family, PacketChannel channel) const
    {
        if (family != m_destination.address.family())
            return false;
        return channel == icmpChannelOf(family) || channel == dataChannelOf(m_protocol, family);
    }

    const ProbedDestination &destination() const { return m_destination; }

    void push(const ReceivedPacket &packet)
    {
        {
            const std::lock_guard lock(m_mutex);
            if (m_queue.size() >= kMaxQueuedPackets)
                m_queue.pop_front();
            m_queue.push_back(packet);
        }
        const std::uint64_t one = 1;
        [[maybe_unused]] const auto written = ::write(m_wakeFd, &one, sizeof one);
    }

    Expected<std::int64_t> send(const OutgoingPacket &packet) override
    {
        return sendRawPacket(m_sendFd, packet);
    }

    std::optional<ReceivedPacket> receive(std::int64_t deadlineNs,
                                          const CancelSignal &cancel) override
    {
        while (!cancel.isCancelled()) {
            {
                const std::lock_guard lock(m_mutex);
                if (!m_queue.empty()) {
                    ReceivedPacket packet = std::move(m_queue.front());
                    m_queue.pop_front();
                    return packet;
                }
            }
            if (realtimeNs() >= deadlineNs)
                return std::nullopt;
            pollfd fds[2] = {{m_wakeFd, POLLIN, 0}, {cancel.fd(), POLLIN, 0}};
            if (!pollUntil(fds, 2, deadlineNs))
                return std::nullopt;
            std::uint64_t count = 0;
            [[maybe_unused]] const auto read = ::read(m_wakeFd, &count, sizeof count);
        }
        return std::nullopt;
    }

    std::int64_t nowNs() const override { return realtimeNs(); }

private:
    SharedRawSockets &m_owner;
    ProbedDestination m_destination;
    Protocol m_protocol;
    int m_sendFd;
    int m_wakeFd;
    std::mutex m_mutex;
    std::deque<ReceivedPacket> m_queue;
};

SharedRawSockets::SharedRawSockets()
{
    for (const auto family : {IpAddress::Family::V4, IpAddress::Family::V6}) {
        for (const int ipProtocol : {icmpProtocolOf(family), int{IPPROTO_TCP}, int{IPPROTO_UDP}}) {
            const auto fd = openRawProbeSocket(family, ipProtocol);
            if (!fd)
                continue;
            const PacketChannel channel =
                ipProtocol == IPPROTO_TCP   ? dataChannelOf(Protocol::Tcp, family)
                : ipProtocol == IPPROTO_UDP ? dataChannelOf(Protocol::Udp, family)
                                            : icmpChannelOf(family);
            // Until a trace subscribes there is nothing to read.
            attachAnswerFilter(*fd, family, ipProtocol, {});
            m_sockets.push_back({*fd, family, ipProtocol, channel});
        }
    }
}

SharedRawSockets::~SharedRawSockets()
{
    m_stop.cancel();
    if (m_reader.joinable())
        m_reader.join();
    for (const Socket &socket : m_sockets)
        ::close(socket.fd);
}

const SharedRawSockets::Socket *SharedRawSockets::find(IpAddress::Family family,
                                                       int ipProtocol) const
{
    const auto it = std::find_if(m_sockets.begin(), m_sockets.end(), [&](const Socket &socket) {
        return socket.family == family && socket.ipProtocol == ipProtocol;
    });
    return it == m_sockets.end() ? nullptr : &*it;
}

bool SharedRawSockets::serves(IpAddress::Family family) const
{
    return find(family, icmpProtocolOf(family)) && find(family, IPPROTO_TCP) &&
           find(family, IPPROTO_UDP);
}

void SharedRawSockets::start()
{
    if (!m_sockets.empty() && !m_reader.joinable())
        m_reader = std::thread([this] { readLoop(); });
}

Expected<std::unique_ptr<ProbeTransport>>
SharedRawSockets::subscribe(const ProbedDestination &destination, Protocol protocol)
{
    const IpAddress::Family family = destination.address.family();
    const Socket *sender = find(family, dataProtocolOf(protocol, family));
    if (!sender || !find(family, icmpProtocolOf(family)))
        return Error{
            ErrorCode::PermissionDenied,
            std::string("the helper has no raw ") +
                (family == IpAddress::Family::V4 ? "IPv4" : "IPv6") +
                " sockets (it was started without CAP_NET_RAW, or the system lacks that family)"};
    auto transport =
        std::make_unique<SharedSocketTransport>(*this, destination, protocol, sender->fd);
    const std::lock_guard lock(m_mutex);
    m_subscribers.push_back(transport.get());
    // Before the trace sends anything, its answers must get through.
    refilter(family);
    return std::unique_ptr<ProbeTransport>(std::move(transport));
}

void SharedRawSockets::unsubscribe(SharedSocketTransport *transport)
{
    const std::lock_guard lock(m_mutex);
    std::erase(m_subscribers, transport);
    refilter(transport->destination().address.family());
}

void SharedRawSockets::refilter(IpAddress::Family family)
{
    for (const Socket &socket : m_sockets) {
        if (socket.family != family)
            continue;
        std::vector<ProbedDestination> destinations;
        for (const SharedSocketTransport *subscriber : m_subscribers)
            if (subscriber->wants(family, socket.channel))
                destinations.push_back(subscriber->destination());
        attachAnswerFilter(socket.fd, family, socket.ipProtocol, destinations);
    }
}

void SharedRawSockets::deliver(const Socket &socket, const ReceivedPacket &packet)
{
    const std::lock_guard lock(m_mutex);
    for (SharedSocketTransport *subscriber : m_subscribers)
        if (subscriber->wants(socket.family, socket.channel))
            subscriber->push(packet);
}

void SharedRawSockets::readLoop()
{
    std::vector<pollfd> fds;
    for (const Socket &socket : m_sockets)
        fds.push_back({socket.fd, POLLIN, 0});
    fds.push_back({m_stop.fd(), POLLIN, 0});
    constexpr std::int64_t kNoDeadline = std::int64_t{1} << 62;
    while (!m_stop.isCancelled()) {
        if (!pollUntil(fds.data(), fds.size(), kNoDeadline))
            return;
        for (std::size_t i = 0; i < m_sockets.size(); ++i) {
            if (!fds[i].revents)
                continue;
            // Every packet is read, wanted or not, so that stale ones never reach a later trace.
            while (auto packet = readRawPacket(m_sockets[i].fd, m_sockets[i].channel))
                deliver(m_sockets[i], *packet);
        }
    }
}

} // namespace hopscope
