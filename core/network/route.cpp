// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "network/route.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <ifaddrs.h>
#include <linux/if_packet.h>
#include <net/if.h>
#include <netinet/in.h>
#include <random>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

namespace hopscope {

namespace {

std::string formatMac(const std::uint8_t *bytes, int length)
{
    std::string text;
    for (int i = 0; i < length; ++i) {
        char part[4];
        std::snprintf(part, sizeof part, i == 0 ? "%02x" : ":%02x", bytes[i]);
        text += part;
    }
    return text;
}

} // namespace

Expected<IpAddress> probeableAddress(const IpAddress &address, AddressFamily family)
{
    const IpAddress canonical = address.canonical();
    const std::string written = address.toString();
    const std::string named =
        canonical == address ? written : written + " (" + canonical.toString() + ")";
    const bool thisNetwork = canonical.isV4() && canonical.data()[0] == 0;
    if (canonical.isUnspecified() || thisNetwork || canonical.isMulticast() ||
        canonical.isBroadcast())
        return Error{ErrorCode::InvalidTarget, named + " is not a unicast address"};
    if ((family == AddressFamily::IPv4 && !canonical.isV4()) ||
        (family == AddressFamily::IPv6 && canonical.isV4()))
        return Error{ErrorCode::InvalidTarget,
                     named + " is not an " + (canonical.isV4() ? "IPv6" : "IPv4") + " address"};
    return canonical;
}

std::optional<int> interfaceMtu(const std::string &name)
{
    ifreq request{};
    if (name.empty() || name.size() >= sizeof request.ifr_name)
        return std::nullopt;
    std::copy(name.begin(), name.end(), request.ifr_name);
    const int fd = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return std::nullopt;
    const bool read = ::ioctl(fd, SIOCGIFMTU, &request) == 0;
    ::close(fd);
    if (!read || request.ifr_mtu <= 0)
        return std::nullopt;
    return request.ifr_mtu;
}

Expected<RouteInfo> routeTo(const IpAddress &destination)
{
    // Connecting a UDP socket sends nothing but makes the kernel pick the route and source.
    const int fd = ::socket(destination.isV4() ? AF_INET : AF_INET6, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return Error{ErrorCode::SocketError,
                     std::string("cannot open a socket: ") + std::strerror(errno)};
    sockaddr_storage address{};
    const socklen_t length = destination.toSockaddr(address, 33434);
    sockaddr_storage local{};
    socklen_t localLength = sizeof local;
    const bool routed = ::connect(fd, reinterpret_cast<sockaddr *>(&address), length) == 0 &&
                        ::getsockname(fd, reinterpret_cast<sockaddr *>(&local), &localLength) == 0;
    const int error = errno;
    ::close(fd);
    if (!routed)
        return Error{ErrorCode::NoRoute,
                     "no route to " + destination.toString() + ": " + std::strerror(error)};

    RouteInfo route;
    route.source = *IpAddress::fromSockaddr(reinterpret_cast<sockaddr *>(&local));
    ifaddrs *interfaces = nullptr;
    if (::getifaddrs(&interfaces) != 0)
        return route;
    for (const ifaddrs *it = interfaces; it; it = it->ifa_next) {
        if (!it->ifa_addr)
            continue;
        if (const auto held = IpAddress::fromSockaddr(it->ifa_addr); held && *held == route.source)
            route.interfaceName = it->ifa_name;
    }
    for (const ifaddrs *it = interfaces; it; it = it->ifa_next) {
        if (it->ifa_addr && it->ifa_addr->sa_family == AF_PACKET &&
            route.interfaceName == it->ifa_name) {
            const auto *link = reinterpret_cast<const sockaddr_ll *>(it->ifa_addr);
            if (link->sll_halen > 0)
                route.hardwareAddress = formatMac(link->sll_addr, link->sll_halen);
        }
    }
    ::freeifaddrs(interfaces);
    return route;
}

Expected<ReservedPorts> ReservedPorts::reserve(const IpAddress &source, int count, Kind kind,
                                               std::uint16_t firstPort)
{
    ReservedPorts reserved;
    if (firstPort != 0 && firstPort + count - 1 > 65535)
        return Error{ErrorCode::InvalidRequest, "source ports " + std::to_string(firstPort) +
                                                    " to " + std::to_string(firstPort + count - 1) +
                                                    " run past 65535"};
    for (int i = 0; i < count; ++i) {
        const int type = kind == Kind::Tcp ? SOCK_STREAM : SOCK_DGRAM;
        const int fd = ::socket(source.isV4() ? AF_INET : AF_INET6, type | SOCK_CLOEXEC, 0);
        if (fd < 0)
            return Error{ErrorCode::SocketError,
                         std::string("cannot reserve a port: ") + std::strerror(errno)};
        reserved.m_fds.push_back(fd);
        const auto wanted = static_cast<std::uint16_t>(firstPort == 0 ? 0 : firstPort + i);
        sockaddr_storage address{};
        const socklen_t length = source.toSockaddr(address, wanted);
        sockaddr_storage bound{};
        socklen_t boundLength = sizeof bound;
        if (::bind(fd, reinterpret_cast<sockaddr *>(&address), length) != 0 ||
            ::getsockname(fd, reinterpret_cast<sockaddr *>(&bound), &boundLength) != 0)
            return Error{wanted && errno == EADDRINUSE ? ErrorCode::InvalidRequest
                                                       : ErrorCode::SocketError,
                         wanted ? "cannot use source port " + std::to_string(wanted) + ": " +
                                      std::strerror(errno)
                                : std::string("cannot reserve a port: ") + std::strerror(errno)};
        const auto port = bound.ss_family == AF_INET
                              ? reinterpret_cast<sockaddr_in *>(&bound)->sin_port
                              : reinterpret_cast<sockaddr_in6 *>(&bound)->sin6_port;
        reserved.m_ports.push_back(ntohs(port));
    }
    return reserved;
}

ReservedPorts::ReservedPorts(ReservedPorts &&other) noexcept
    : m_fds(std::move(other.m_fds)), m_ports(std::move(other.m_ports))
{
    other.m_fds.clear();
}

ReservedPorts::~ReservedPorts()
{
    for (const int fd : m_fds)
        ::close(fd);
}

std::optional<std::uint16_t> findFreePortRange(const IpAddress &source, int count,
                                               ReservedPorts::Kind kind)
{
    // Within Linux's default ephemeral range, where no service listens.
    constexpr int kLowest = 32768;
    constexpr int kHighest = 60999;
    std::random_device random;
    std::uniform_int_distribution<int> pick(kLowest, kHighest - count + 1);
    for (int attempt = 0; attempt < 16; ++attempt) {
        const auto first = static_cast<std::uint16_t>(pick(random));
        if (ReservedPorts::reserve(source, count, kind, first))
            return first;
    }
    return std::nullopt;
}

std::string localHostname()
{
    char name[256] = {};
    if (::gethostname(name, sizeof name - 1) != 0)
        return {};
    return name;
}

} // namespace hopscope
