#pragma once

#include "probe/probetransport.h"

#include <memory>

namespace hopscope {

// Raw sockets for TCP SYN probes of one address family: one TCP socket that sends (IPv4 with
// our own IP header) and receives the destination's answers, and one ICMP socket for routers'
// errors. Receive times come from the kernel (SO_TIMESTAMPNS).
class RawSocketTransport : public ProbeTransport
{
public:
    // Fails with code "permission-denied" without CAP_NET_RAW.
    static Expected<std::unique_ptr<RawSocketTransport>> open(IpAddress::Family family);
    ~RawSocketTransport() override;

    Expected<std::int64_t> send(const OutgoingPacket &packet) override;
    std::optional<ReceivedPacket> receive(std::int64_t deadlineNs,
                                          const CancelSignal &cancel) override;
    std::int64_t nowNs() const override;

private:
    RawSocketTransport(IpAddress::Family family, int tcpFd, int icmpFd);
    std::optional<ReceivedPacket> readFrom(int fd, PacketChannel channel);

    IpAddress::Family m_family;
    int m_tcpFd;
    int m_icmpFd;
};

std::int64_t realtimeNs();

} // namespace hopscope
