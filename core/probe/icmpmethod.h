// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "probe/rawprobemethod.h"

namespace hopscope {

// ICMP echo probes: the identifier is identityBase + flow, the sequence number the probe's number
// within its flow, and the checksum is held constant per flow. Routers quote identifier and
// sequence back; the destination answers with an echo reply carrying both.
class IcmpMethod : public RawProbeMethod
{
public:
    explicit IcmpMethod(RawMethodConfig config);

    OutgoingPacket build(const ProbeSlot &slot) override;
    std::optional<ReplyMatch> match(const ReceivedPacket &packet) const override;

private:
    std::uint16_t identifierOf(int flow) const;
    std::optional<int> flowOfIdentifier(std::uint16_t identifier) const;
    // The probe an ICMP error's quote names.
    std::optional<int> indexOfQuote(const QuotedPacket &quote) const;
    std::optional<ReplyMatch> matchEchoReply(const ReceivedPacket &packet) const;
};

} // namespace hopscope
