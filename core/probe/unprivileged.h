// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "probe/probemethod.h"
#include "probe/probetransport.h"
#include "probe/tracerequest.h"

#include <deque>
#include <map>
#include <memory>
#include <vector>

namespace hopscope {

// Probing without CAP_NET_RAW, through ordinary sockets with IP_RECVERR / IPV6_RECVERR, which
// hand a socket the ICMP errors its packets caused, with the offending router's address:
//   ICMP: one ping socket (SOCK_DGRAM/IPPROTO_ICMP, allowed by net.ipv4.ping_group_range) per
//         flow; the kernel sets the echo identifier, the sequence number names the probe.
//   UDP:  one connected socket per flow (its source port fixed for the flow); the payload names
//         the probe, and routers' errors hand it back.
//   TCP:  one non-blocking connect() per probe (so each probe has its own source port); an
//         error names the router, a connection or a refusal the destination.
struct UnprivilegedConfig
{
    Protocol protocol = Protocol::Icmp;
    IpAddress source;
    IpAddress destination;
    std::uint16_t destinationPort = 0;
    std::uint16_t firstSourcePort = 0; // 0: chosen by the kernel
    int flows = 1;
    std::uint32_t cookie = 0;      // random per trace, in every payload
    std::uint8_t trafficClass = 0; // IP_TOS / IPV6_TCLASS of every socket
};

class UnprivilegedTransport : public ProbeTransport
{
public:
    // Fails with ErrorCode::PermissionDenied when even these sockets are refused (for ICMP: a group
    // outside net.ipv4.ping_group_range).
    static Expected<std::unique_ptr<UnprivilegedTransport>> open(const UnprivilegedConfig &config);
    ~UnprivilegedTransport() override;

    Expected<std::int64_t> send(const OutgoingPacket &packet) override;
    std::optional<ReceivedPacket> receive(std::int64_t deadlineNs,
                                          const CancelSignal &cancel) override;
    std::int64_t nowNs() const override;

private:
    explicit UnprivilegedTransport(UnprivilegedConfig config);
    std::optional<ReceivedPacket> readErrorQueue(int fd, int flow, int probeIndex);
    std::optional<ReceivedPacket> readData(int fd, int flow);
    std::optional<ReceivedPacket> checkConnect(int fd, int probeIndex);
    void closeProbeSocket(int probeIndex);

    UnprivilegedConfig m_config;
    std::vector<int> m_flowFds;    // ICMP and UDP
    std::map<int, int> m_probeFds; // TCP: probe index -> socket still connecting
    std::map<int, std::int64_t> m_probeSentNs;
    std::deque<ReceivedPacket> m_ready; // read from the kernel, not yet handed out
};

// Builds payloads that name their probe and matches what UnprivilegedTransport reports.
class UnprivilegedMethod : public ProbeMethod
{
public:
    UnprivilegedMethod(const UnprivilegedConfig &config, int maxTtl, int queries);

    OutgoingPacket build(const ProbeSlot &slot) override;
    std::optional<ReplyMatch> match(const ReceivedPacket &packet) const override;

private:
    std::optional<int> indexOfPayload(const std::vector<std::uint8_t> &payload, int flow) const;

    UnprivilegedConfig m_config;
    int m_maxTtl;
    int m_queries;
};

} // namespace hopscope
