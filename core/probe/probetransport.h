#pragma once

#include "common/expected.h"
#include "packet/ipaddress.h"

#include <cstdint>
#include <optional>
#include <vector>

namespace hopscope {

class CancelSignal;

// Which socket a packet came in on, which says how its bytes begin.
enum class PacketChannel { IcmpV4, IcmpV6, TcpV4, TcpV6, UdpV4, UdpV6 };

struct ReceivedPacket
{
    PacketChannel channel = PacketChannel::IcmpV4;
    IpAddress from;
    std::vector<std::uint8_t> bytes; // IPv4: with the IP header; IPv6: without
    std::int64_t receivedNs = 0;     // kernel receive time, CLOCK_REALTIME
};

struct OutgoingPacket
{
    IpAddress destination;
    int ttl = 1;
    std::vector<std::uint8_t> bytes; // a whole IPv4 or IPv6 packet, our own header first
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
