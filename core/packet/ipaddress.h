// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

struct sockaddr;
struct sockaddr_storage;

namespace hopscope {

// An IPv4 or IPv6 address in network byte order; IPv4 uses the first four bytes.
class IpAddress
{
public:
    enum class Family : std::uint8_t { V4, V6 };

    IpAddress() = default;
    static IpAddress v4(const std::uint8_t *bytes);
    static IpAddress v6(const std::uint8_t *bytes);
    // An address in its usual text form; anything else (a name, trailing text, a NUL) is none.
    static std::optional<IpAddress> parse(std::string_view text);
    static std::optional<IpAddress> fromSockaddr(const sockaddr *address);

    Family family() const { return m_family; }
    bool isV4() const { return m_family == Family::V4; }
    std::size_t size() const { return isV4() ? 4 : 16; }
    const std::uint8_t *data() const { return m_bytes.data(); }

    std::string toString() const;
    // Fills `out` with a sockaddr_in/sockaddr_in6 for this address and returns its length.
    unsigned toSockaddr(sockaddr_storage &out, std::uint16_t port = 0) const;

    // The IPv4 address an IPv4-mapped (::ffff:a.b.c.d) or IPv4-compatible (::a.b.c.d) IPv6
    // address stands for; the address itself otherwise. Checks of what an address is must look
    // at this form: the kernel sends a mapped address's packets as IPv4, or not at all.
    IpAddress canonical() const;

    bool isUnspecified() const;
    bool isMulticast() const;
    bool isBroadcast() const;

    bool operator==(const IpAddress &) const = default;

private:
    Family m_family = Family::V4;
    std::array<std::uint8_t, 16> m_bytes{};
};

// Orders address texts as addresses (10.0.0.9 before 10.0.0.10, IPv4 before IPv6); text that is
// not an address comes last, in plain string order.
bool addressTextLess(std::string_view a, std::string_view b);

} // namespace hopscope
