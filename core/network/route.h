// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "common/expected.h"
#include "packet/ipaddress.h"
#include "probe/tracerequest.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace hopscope {

// The address probes go to for `address`: an IPv4-mapped or -compatible IPv6 address as the IPv4
// address it stands for. Fails with ErrorCode::InvalidTarget when that is not a unicast address
// (unspecified, 0.0.0.0/8, multicast, broadcast) or not of the requested family.
Expected<IpAddress> probeableAddress(const IpAddress &address, AddressFamily family);

// What the kernel's routing table says about reaching `destination`.
struct RouteInfo
{
    IpAddress source;            // the address probes leave from
    std::string interfaceName;   // empty when no interface holds `source`
    std::string hardwareAddress; // "aa:bb:cc:dd:ee:ff", empty for interfaces without one
};

// Fails with ErrorCode::NoRoute when the kernel has no route to the destination.
Expected<RouteInfo> routeTo(const IpAddress &destination);

// The MTU of the interface called `name`, or nothing when there is none such. (Not the path MTU
// the kernel may have learnt for a destination: that would hide where the path's MTU drops.)
std::optional<int> interfaceMtu(const std::string &name);
// Where the outgoing interface's MTU cannot be read.
inline constexpr int kEthernetMtu = 1500;

// Sockets bound to `count` ports on `source` (kernel-chosen, or firstPort, firstPort + 1, ...),
// held for a trace so that no other program takes its probes' source ports while it runs, and
// so that the kernel does not answer replies to them. Closed on destruction.
class ReservedPorts
{
public:
    enum class Kind { Tcp, Udp };
    static Expected<ReservedPorts> reserve(const IpAddress &source, int count, Kind kind,
                                           std::uint16_t firstPort = 0);
    ReservedPorts(ReservedPorts &&other) noexcept;
    ReservedPorts &operator=(ReservedPorts &&) = delete;
    ~ReservedPorts();

    const std::vector<std::uint16_t> &ports() const { return m_ports; }

private:
    ReservedPorts() = default;
    std::vector<int> m_fds;
    std::vector<std::uint16_t> m_ports;
};

// A first port such that `count` consecutive source ports on `source` are free now, so that a
// series of traces can keep the same flows (load balancers then send every round the same way).
// Empty when no such range turned up.
std::optional<std::uint16_t> findFreePortRange(const IpAddress &source, int count,
                                               ReservedPorts::Kind kind);

std::string localHostname();

} // namespace hopscope
