// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "probe/probetransport.h"
#include "probe/probetypes.h"

#include <optional>

namespace hopscope {

// A reply matched to its probe. A reply that names its flow but not the probe (a bare TCP RST
// carries no acknowledgement number) leaves `probeIndex` empty; the engine gives it to the
// earliest unanswered probe of that flow.
struct ReplyMatch
{
    std::optional<int> probeIndex;
    int flow = 0;
    ProbeReply reply;
};

// What differs between TCP, UDP and ICMP: how a probe is built and how a reply names it.
class ProbeMethod
{
public:
    virtual ~ProbeMethod() = default;
    virtual OutgoingPacket build(const ProbeSlot &slot) = 0;
    // Nothing for packets that are not replies to this trace's probes.
    virtual std::optional<ReplyMatch> match(const ReceivedPacket &packet) const = 0;
};

} // namespace hopscope
