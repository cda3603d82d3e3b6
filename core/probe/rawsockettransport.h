// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "probe/answerfilter.h"
#include "probe/probetransport.h"
#include "probe/socketmessage.h"
#include "probe/tracerequest.h"

#include <memory>

namespace hopscope {

// Raw sockets for the probes of one protocol and address family: for TCP and UDP, a socket of
// that protocol that sends (with our own IP header) and receives the destination's answers; for
// all, an ICMP socket for routers' errors (and for ICMP probes, their sending and echo replies).
// Receive times come from the kernel (SO_TIMESTAMPNS). Both sockets are filtered to what is about
// `destination` (answerFilterProgram()).
class RawSocketTransport : public ProbeTransport
{
public:
    // Fails with code ErrorCode::PermissionDenied without CAP_NET_RAW.
    static Expected<std::unique_ptr<RawSocketTransport>> open(const ProbedDestination &destination,
                                                              Protocol protocol);
    ~RawSocketTransport() override;

    Expected<std::int64_t> send(const OutgoingPacket &packet) override;
    std::optional<ReceivedPacket> receive(std::int64_t deadlineNs,
                                          const CancelSignal &cancel) override;
    std::int64_t nowNs() const override;

private:
    RawSocketTransport(IpAddress::Family family, Protocol protocol, int dataFd, int icmpFd);
    std::optional<ReceivedPacket> readFrom(int fd, PacketChannel channel);

    IpAddress::Family m_family;
    Protocol m_protocol;
    int m_dataFd; // -1 for ICMP probes
    int m_icmpFd;
};

} // namespace hopscope
