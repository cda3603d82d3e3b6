// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "packet/replyparser.h"
#include "probe/probemethod.h"

#include <cstdint>
#include <optional>
#include <vector>

namespace hopscope {

// What every raw-socket method shares: the trace's addresses and flows, the numbering of probes
// within a flow, and reading a router's ICMP error about one of our probes.
struct RawMethodConfig
{
    IpAddress source;
    IpAddress destination;
    std::uint16_t destinationPort = 0;     // TCP and UDP
    std::vector<std::uint16_t> flowPorts;  // TCP and UDP: one source port per flow
    std::vector<std::uint32_t> flowLabels; // IPv6: one flow label per flow
    std::uint32_t identityBase = 0;        // random per trace: keeps concurrent traces apart
    std::uint16_t ipIdBase = 0;
    std::uint8_t trafficClass = 0; // the probes' TOS byte or IPv6 traffic class
    int maxTtl = 30;
    int flows = 1;
    int queries = 3;
};

class RawProbeMethod : public ProbeMethod
{
protected:
    explicit RawProbeMethod(RawMethodConfig config);

    int probeCount() const { return m_config.maxTtl * m_config.flows * m_config.queries; }
    // A probe's number within its flow: (ttl - 1) * queries + query.
    int indexInFlow(const ProbeSlot &slot) const;
    // The probe index of the `inFlow`-th probe of `flow`, or nothing if out of range.
    std::optional<int> probeIndex(int flow, int inFlow) const;
    std::optional<int> flowOfPort(std::uint16_t port) const;
    // The flow a probe index belongs to.
    int flowOfIndex(int index) const;
    // The probe whose IP ID this is (IPv4), or nothing when no probe of this trace carries it.
    std::optional<int> indexOfIpId(std::uint16_t id) const;
    std::optional<int> flowOfLabel(std::uint32_t label) const;
    std::uint16_t ipIdFor(int index) const;
    std::uint32_t flowLabelOf(int flow) const;

    // A time-exceeded or destination-unreachable quoting a `protocol` packet to our destination;
    // nothing for any other packet. The quoted source may not be ours: a NAT on the way that
    // rewrote it leaves the quote as the router behind it saw the probe.
    std::optional<IcmpMessage> quotedError(const ReceivedPacket &packet,
                                           std::uint8_t protocol) const;
    bool sourceRewritten(const QuotedPacket &quote) const
    {
        return quote.source != m_config.source;
    }
    // The flow a TCP or UDP quote names: by its source port, or when a NAT rewrote the port too,
    // by the fields it leaves alone (IP ID, IPv6 flow label).
    std::optional<int> flowOfQuote(const QuotedPacket &quote) const;
    // Checks the quoted IP ID (IPv4) or flow label (IPv6) against the probe's.
    bool quoteNamesProbe(const QuotedPacket &quote, int index, int flow) const;
    // The reply an error stands for: time exceeded from a router, port unreachable from the
    // destination itself (the answer of UDP probes), or another unreachable that ends the path.
    // What the router saw of the probe (a rewritten source, its DSCP, its TTL) and what else it
    // told (extensions, next-hop MTU) travel with the reply.
    ProbeReply replyFromError(const IcmpMessage &message, const ReceivedPacket &packet,
                              int flow) const;

    RawMethodConfig m_config;
};

inline std::uint16_t readU16(const std::array<std::uint8_t, 8> &bytes, std::size_t at)
{
    return static_cast<std::uint16_t>(bytes[at] << 8 | bytes[at + 1]);
}

} // namespace hopscope
