// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "common/expected.h"
#include "packet/ipaddress.h"

#include <cstdint>
#include <optional>
#include <vector>

namespace hopscope {

class CancelSignal;

// Which socket a packet came in on, which says how its bytes begin. The raw channels carry
// packets; the socket channels carry what ordinary sockets report without privileges.
enum class PacketChannel {
    IcmpV4,
    IcmpV6,
    TcpV4,
    TcpV6,
    UdpV4,
    UdpV6,
    SocketError, // an ICMP error from a socket's error queue: the offender, type and code
    SocketData,  // a datagram the destination sent to a flow's socket (echo reply, UDP)
    TcpOutcome,  // a probe's connect() finished: connected, or refused
};

struct ReceivedPacket
{
    PacketChannel channel = PacketChannel::IcmpV4;
    IpAddress from;
    std::vector<std::uint8_t> bytes; // raw IPv4: with the IP header; raw IPv6: without;
                                     // socket channels: the probe's payload as quoted or echoed
    std::int64_t receivedNs = 0;     // kernel receive time, CLOCK_REALTIME
    int flow = -1;                   // socket channels: whose socket
    int probeIndex = -1;             // TcpOutcome and per-probe sockets
    std::uint8_t icmpType = 0;       // SocketError
    std::uint8_t icmpCode = 0;
    bool refused = false; // TcpOutcome: a reset rather than a connection
    // The TTL (hop limit) the packet arrived with, when the socket tells it: raw IPv4 packets carry
    // it in their header, raw IPv6 ones in a control message (IPV6_RECVHOPLIMIT).
    std::optional<std::uint8_t> ttl;
};

struct OutgoingPacket
{
    IpAddress destination;
    int ttl = 1;
    std::vector<std::uint8_t> bytes; // raw: a whole IPv4 or IPv6 packet, our own header first;
                                     // unprivileged: the payload
    int flow = 0;
    int probeIndex = 0;
};

// The engine's only view of the network, so that tests can put a scripted network behind it.
class ProbeTransport
{
public:
    virtual ~ProbeTransport() = default;

    // Sends one probe and returns the time it left, CLOCK_REALTIME nanoseconds.
    virtual Expected<std::int64_t> send(const OutgoingPacket &packet) = 0;
    // Returns the next packet, or nothing once `deadlineNs` has passed or `cancel` fired.
    virtual std::optional<ReceivedPacket> receive(std::int64_t deadlineNs,
                                                  const CancelSignal &cancel) = 0;
    virtual std::int64_t nowNs() const = 0;
};

} // namespace hopscope
