// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "packet/icmpextensions.h"
#include "packet/ipaddress.h"
#include "packet/unreachable.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace hopscope {

// Where a probe sits in a trace. Probes are numbered TTL first, then flow, then query, so that
// numbers rise in sending order.
struct ProbeSlot
{
    int index = 0;
    int ttl = 1;
    int flow = 0;
    int query = 0;
    int size = 0; // bytes of the whole packet, sent with don't-fragment; 0: the smallest probe
};

enum class ReplyKind {
    TimeExceeded,     // a router on the way
    Unreachable,      // destination-unreachable from a router or the destination
    DestinationReply, // SYN-ACK, RST, echo reply or port unreachable from the target
};

// What a router's ICMP error quoted of the probe as it saw it, and what else the error told.
struct ProbeQuote
{
    std::optional<IpAddress> source;              // when not the address the probe left with: a NAT
    std::optional<std::uint16_t> sourcePort;      // when not the port the probe left with
    std::uint8_t trafficClass = 0;                // the DSCP and ECN bits as the router saw them
    std::uint8_t ttl = 0;                         // the probe's TTL when the router quoted it
    std::optional<std::uint32_t> nextHopMtu;      // fragmentation needed, packet too big
    std::vector<MplsLabel> mpls;                  // RFC 4950
    std::vector<InterfaceInformation> interfaces; // RFC 5837
    std::vector<std::string> notes;               // extensions left out as malformed, and why

    bool operator==(const ProbeQuote &) const = default;
};

// Where a path's MTU shrinks: probes of `ttl` and beyond, larger than `mtu`, drew a
// fragmentation-needed or packet-too-big from `router` (the hop before `ttl`, whose next link
// carries no more than `mtu` bytes).
struct MtuDrop
{
    int ttl = 0;
    IpAddress router;
    int mtu = 0;
    // The hop that said so: the router whose next link is the narrow one.
    int routerTtl() const { return ttl - 1; }
    bool operator==(const MtuDrop &) const = default;
};

// What path MTU discovery found: the size the probes started at (the outgoing interface's MTU),
// the size they ended at, and each place it shrank on the way, in TTL order.
struct PathMtu
{
    int firstSize = 0;
    int size = 0;
    std::vector<MtuDrop> drops;
    bool operator==(const PathMtu &) const = default;
};

// The smallest packets path MTU discovery may shrink to: IPv4's least MTU (RFC 791) and IPv6's
// (RFC 8200).
inline constexpr int kMinMtuV4 = 68;
inline constexpr int kMinMtuV6 = 1280;
inline constexpr int kMaxProbeSize = 65535;

struct ProbeReply
{
    IpAddress responder;
    ReplyKind kind = ReplyKind::TimeExceeded;
    std::optional<int> icmpType;
    std::optional<int> icmpCode;
    std::optional<UnreachableKind> unreachable;
    std::uint8_t tcpFlags = 0;       // of a TCP answer from the destination
    std::optional<ProbeQuote> quote; // of an ICMP error
    // The TTL (hop limit) the reply itself arrived with: its sender's initial TTL less the routers
    // on the way back. Not known without raw sockets.
    std::optional<std::uint8_t> ttl;
    std::int64_t receivedNs = 0;

    // True when the reply means no probe with a higher TTL can tell more.
    bool endsPath() const { return kind != ReplyKind::TimeExceeded; }
};

// One probe's outcome, streamed as soon as it is known: a reply, or a timeout (no reply).
struct ProbeEvent
{
    ProbeSlot slot;
    std::int64_t sentNs = 0;
    std::optional<ProbeReply> reply;

    std::optional<double> rttMs() const
    {
        if (!reply)
            return std::nullopt;
        return static_cast<double>(reply->receivedNs - sentNs) / 1e6;
    }
};

} // namespace hopscope
