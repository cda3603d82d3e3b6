// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "probe/rawprobemethod.h"
#include "probe/tracerequest.h"

namespace hopscope {

// UDP probes with fixed ports per flow. The UDP checksum, which routers quote back, carries the
// probe's number within its flow; the quoted IP ID (IPv4) or flow label (IPv6) must agree too.
// The destination answers with port unreachable, or with UDP if something listens there.
class UdpMethod : public RawProbeMethod
{
public:
    explicit UdpMethod(RawMethodConfig config);

    OutgoingPacket build(const ProbeSlot &slot) override;
    std::optional<ReplyMatch> match(const ReceivedPacket &packet) const override;

private:
    std::uint16_t checksumFor(int inFlow) const;
    std::optional<int> inFlowOfChecksum(std::uint16_t checksum) const;
    // The quoted checksum as the probe carried it before a NAT rewrote its source and port.
    std::uint16_t checksumBeforeRewrite(const QuotedPacket &quote, int flow) const;
    std::optional<ReplyMatch> matchUdp(const ReceivedPacket &packet) const;
};

} // namespace hopscope
