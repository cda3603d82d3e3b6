// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "packet/ipaddress.h"

#include <algorithm>
#include <arpa/inet.h>
#include <cstring>
#include <netinet/in.h>
#include <sys/socket.h>

namespace hopscope {

IpAddress IpAddress::v4(const std::uint8_t *bytes)
{
    IpAddress address;
    address.m_family = Family::V4;
    std::copy_n(bytes, 4, address.m_bytes.begin());
    return address;
}

IpAddress IpAddress::v6(const std::uint8_t *bytes)
{
    IpAddress address;
    address.m_family = Family::V6;
    std::copy_n(bytes, 16, address.m_bytes.begin());
    return address;
}

std::optional<IpAddress> IpAddress::parse(std::string_view text)
{
    if (text.find('\0') != std::string_view::npos)
        return std::nullopt;
    const std::string copy(text);
    std::uint8_t buffer[16];
    if (::inet_pton(AF_INET, copy.c_str(), buffer) == 1)
        return v4(buffer);
    if (::inet_pton(AF_INET6, copy.c_str(), buffer) == 1)
        return v6(buffer);
    return std::nullopt;
}

std::optional<IpAddress> IpAddress::fromSockaddr(const sockaddr *address)
{
    if (address->sa_family == AF_INET) {
        const auto *in = reinterpret_cast<const sockaddr_in *>(address);
        return v4(reinterpret_cast<const std::uint8_t *>(&in->sin_addr));
    }
    if (address->sa_family == AF_INET6) {
        const auto *in6 = reinterpret_cast<const sockaddr_in6 *>(address);
        return v6(in6->sin6_addr.s6_addr);
    }
    return std::nullopt;
}

std::string IpAddress::toString() const
{
    char buffer[INET6_ADDRSTRLEN] = {};
    ::inet_ntop(isV4() ? AF_INET : AF_INET6, m_bytes.data(), buffer, sizeof buffer);
    return buffer;
}

unsigned IpAddress::toSockaddr(sockaddr_storage &out, std::uint16_t port) const
{
    std::memset(&out, 0, sizeof out);
    if (isV4()) {
        auto *in = reinterpret_cast<sockaddr_in *>(&out);
        in->sin_family = AF_INET;
        in->sin_port = htons(port);
        std::memcpy(&in->sin_addr, m_bytes.data(), 4);
        return sizeof(sockaddr_in);
    }
    auto *in6 = reinterpret_cast<sockaddr_in6 *>(&out);
    in6->sin6_family = AF_INET6;
    in6->sin6_port = htons(port);
    std::memcpy(&in6->sin6_addr, m_bytes.data(), 16);
    return sizeof(sockaddr_in6);
}

bool IpAddress::isUnspecified() const
{
    return std::all_of(m_bytes.begin(), m_bytes.begin() + static_cast<long>(size()),
                       [](std::uint8_t b) { return b == 0; });
}

IpAddress IpAddress::canonical() const
{
    if (isV4())
        return *this;
    const auto zeros = [this](std::size_t from, std::size_t to) {
        return std::all_of(m_bytes.begin() + static_cast<long>(from),
                           m_bytes.begin() + static_cast<long>(to),
                           [](std::uint8_t b) { return b == 0; });
    };
    const bool mapped = zeros(0, 10) && m_bytes[10] == 0xff && m_bytes[11] == 0xff;
    // ::a.b.c.d, except :: and ::1, which are IPv6's own unspecified and loopback addresses.
    const bool compatible = zeros(0, 12) && !zeros(12, 16) && !(zeros(12, 15) && m_bytes[15] == 1);
    return mapped || compatible ? v4(m_bytes.data() + 12) : *this;
}

bool IpAddress::isMulticast() const
{
    return isV4() ? (m_bytes[0] & 0xf0) == 0xe0 : m_bytes[0] == 0xff;
}

bool IpAddress::isBroadcast() const
{
    return isV4() && std::all_of(m_bytes.begin(), m_bytes.begin() + 4,
                                 [](std::uint8_t b) { return b == 0xff; });
}

bool addressTextLess(std::string_view a, std::string_view b)
{
    const auto x = IpAddress::parse(a);
    const auto y = IpAddress::parse(b);
    if (x && y) {
        if (x->family() != y->family())
            return x->isV4();
        return std::lexicographical_compare(x->data(), x->data() + 16, y->data(), y->data() + 16);
    }
    if (x || y)
        return x.has_value();
    return a < b;
}

} // namespace hopscope
