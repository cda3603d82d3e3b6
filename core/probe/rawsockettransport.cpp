// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "probe/rawsockettransport.h"

#include "probe/cancelsignal.h"
#include "probe/rawsockets.h"
#include "probe/socketmessage.h"

#include <poll.h>
#include <unistd.h>

namespace hopscope {

Expected<std::unique_ptr<RawSocketTransport>>
RawSocketTransport::open(const ProbedDestination &destination, Protocol protocol)
{
    const IpAddress::Family family = destination.address.family();
    const auto icmpFd = openRawProbeSocket(family, icmpProtocolOf(family));
    if (!icmpFd)
        return icmpFd.error();
    attachAnswerFilter(*icmpFd, family, icmpProtocolOf(family), {destination});
    int dataFd = -1;
    if (protocol != Protocol::Icmp) {
        const int dataProtocol = dataProtocolOf(protocol, family);
        const auto opened = openRawProbeSocket(family, dataProtocol);
        if (!opened) {
            ::close(*icmpFd);
            return opened.error();
        }
        dataFd = *opened;
        attachAnswerFilter(dataFd, family, dataProtocol, {destination});
    }
    return std::unique_ptr<RawSocketTransport>(
        new RawSocketTransport(family, protocol, dataFd, *icmpFd));
}

RawSocketTransport::RawSocketTransport(IpAddress::Family family, Protocol protocol, int dataFd,
                                       int icmpFd)
    : m_family(family), m_protocol(protocol), m_dataFd(dataFd), m_icmpFd(icmpFd)
{
}

RawSocketTransport::~RawSocketTransport()
{
    if (m_dataFd >= 0)
        ::close(m_dataFd);
    ::close(m_icmpFd);
}

std::int64_t RawSocketTransport::nowNs() const
{
    return realtimeNs();
}

Expected<std::int64_t> RawSocketTransport::send(const OutgoingPacket &packet)
{
    return sendRawPacket(m_dataFd >= 0 ? m_dataFd : m_icmpFd, packet);
}

std::optional<ReceivedPacket> RawSocketTransport::receive(std::int64_t deadlineNs,
                                                          const CancelSignal &cancel)
{
    const PacketChannel dataChannel = dataChannelOf(m_protocol, m_family);
    const PacketChannel icmpChannel = icmpChannelOf(m_family);
    while (!cancel.isCancelled()) {
        // Drain what is already queued before sleeping, ICMP first: routers answer before the
        // destination, and order of handling does not change kernel timestamps.
        if (auto packet = readRawPacket(m_icmpFd, icmpChannel))
            return packet;
        if (m_dataFd >= 0)
            if (auto packet = readRawPacket(m_dataFd, dataChannel))
                return packet;
        if (realtimeNs() >= deadlineNs)
            return std::nullopt;
        // An fd of -1 is skipped by poll, so absent sockets need no special case.
        pollfd fds[3] = {{m_icmpFd, POLLIN, 0}, {m_dataFd, POLLIN, 0}, {cancel.fd(), POLLIN, 0}};
        if (!pollUntil(fds, 3, deadlineNs))
            return std::nullopt;
    }
    return std::nullopt;
}

} // namespace hopscope
