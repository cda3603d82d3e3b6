// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <cstdint>
#include <string_view>

namespace hopscope {

// What a destination-unreachable says, in the terms traceroute users know (!N !H !P !X).
enum class UnreachableKind { Network, Host, Protocol, Port, Prohibited, Other };

// Destination-unreachable is ICMP type 3, ICMPv6 type 1.
constexpr bool isUnreachableType(bool ipv6, int icmpType)
{
    return icmpType == (ipv6 ? 1 : 3);
}

UnreachableKind classifyUnreachable(bool ipv6, std::uint8_t code);
// "!N", "!H", "!P", "!X", "!<code>" for others, and "" for a port unreachable.
std::string_view unreachableFlag(UnreachableKind kind);
std::string_view unreachableName(UnreachableKind kind);

} // namespace hopscope
