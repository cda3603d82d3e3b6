#pragma once

#include "probe/probemethod.h"

#include <cstdint>
#include <vector>

namespace hopscope {

struct TcpSynMethodConfig
{
    IpAddress source;
    IpAddress destination;
    std::uint16_t destinationPort = 443;
    std::vector<std::uint16_t> flowPorts; // one source port per flow, fixed for the whole trace
    std::vector<std::uint32_t> flowLabels; // IPv6: one flow label per flow, fixed likewise
    std::uint32_t sequenceBase = 0;       // random per trace: keeps concurrent traces apart
    std::uint16_t ipIdBase = 0;
    int probeCount = 0;                   // indexes at or above this are not ours
};

// TCP SYN probes. The sequence number is sequenceBase + probe index, so a router's quote and the
// destination's acknowledgement (index + 1) both name the exact probe; the quoted IP ID
// (ipIdBase + index, IPv4) or flow label (the flow's, IPv6) must agree too.
class TcpSynMethod : public ProbeMethod
{
public:
    explicit TcpSynMethod(TcpSynMethodConfig config);

    OutgoingPacket build(const ProbeSlot &slot) override;
    std::optional<ReplyMatch> match(const ReceivedPacket &packet) const override;

    std::uint32_t sequenceFor(int index) const;
    std::uint16_t ipIdFor(int index) const;
    std::uint32_t flowLabelOf(int flow) const;

private:
    std::optional<int> flowOfPort(std::uint16_t port) const;
    std::optional<int> indexOfSequence(std::uint32_t sequence) const;
    std::optional<ReplyMatch> matchIcmp(const ReceivedPacket &packet) const;
    std::optional<ReplyMatch> matchTcp(const ReceivedPacket &packet) const;

    TcpSynMethodConfig m_config;
};

} // namespace hopscope
