// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "packet/unreachable.h"

namespace hopscope {

UnreachableKind classifyUnreachable(bool ipv6, std::uint8_t code)
{
    if (ipv6) {
        switch (code) {
        case 0:
            return UnreachableKind::Network; // no route to destination
        case 1:
            return UnreachableKind::Prohibited; // administratively prohibited
        case 3:
            return UnreachableKind::Host; // address unreachable
        case 4:
            return UnreachableKind::Port;
        case 5: // source address failed policy
        case 6:
            return UnreachableKind::Prohibited; // reject route
        default:
            return UnreachableKind::Other;
        }
    }
    switch (code) {
    case 0:
    case 6:
    case 11:
        return UnreachableKind::Network;
    case 1:
    case 7:
    case 12:
        return UnreachableKind::Host;
    case 2:
        return UnreachableKind::Protocol;
    case 3:
        return UnreachableKind::Port;
    case 9:
    case 10:
    case 13:
        return UnreachableKind::Prohibited;
    default:
        return UnreachableKind::Other;
    }
}

std::string_view unreachableFlag(UnreachableKind kind)
{
    switch (kind) {
    case UnreachableKind::Network:
        return "!N";
    case UnreachableKind::Host:
        return "!H";
    case UnreachableKind::Protocol:
        return "!P";
    case UnreachableKind::Port:
        return "";
    case UnreachableKind::Prohibited:
        return "!X";
    case UnreachableKind::Other:
        return "!?";
    }
    return "!?";
}

std::string_view unreachableName(UnreachableKind kind)
{
    switch (kind) {
    case UnreachableKind::Network:
        return "network unreachable";
    case UnreachableKind::Host:
        return "host unreachable";
    case UnreachableKind::Protocol:
        return "protocol unreachable";
    case UnreachableKind::Port:
        return "port unreachable";
    case UnreachableKind::Prohibited:
        return "administratively prohibited";
    case UnreachableKind::Other:
        return "unreachable";
    }
    return "unreachable";
}

} // namespace hopscope
