// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "probe/rawprobemethod.h"

#include <vector>

namespace hopscope {

// TCP SYN probes. The sequence number is identityBase + probe index, so a router's quote and the
// destination's acknowledgement (index + 1) both name the exact probe; the quoted IP ID
// (IPv4) or flow label (IPv6) must agree too.
class TcpSynMethod : public RawProbeMethod
{
public:
    explicit TcpSynMethod(RawMethodConfig config);

    OutgoingPacket build(const ProbeSlot &slot) override;
    std::optional<ReplyMatch> match(const ReceivedPacket &packet) const override;

private:
    std::uint32_t sequenceFor(int index) const;
    std::optional<int> indexOfSequence(std::uint32_t sequence) const;
    std::optional<ReplyMatch> matchTcp(const ReceivedPacket &packet) const;
    // The probe a reset acknowledges: the sequence after the SYN and, since a reset acknowledges
    // data too, after the padding of a path MTU probe of any size sent so far.
    std::optional<int> indexOfReset(std::uint32_t acknowledgement, int flow) const;

    std::vector<std::uint32_t> m_dataLengths; // of path MTU probes: what their SYNs carried
};

} // namespace hopscope
