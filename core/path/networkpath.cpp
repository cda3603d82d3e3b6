#include "path/networkpath.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <utility>

namespace hopscope {

namespace {

template <typename Enum, std::size_t N>
std::optional<Enum> lookupName(const std::array<std::pair<Enum, std::string_view>, N> &table,
                               std::string_view text)
{
    const auto equalsIgnoringCase = [text](std::string_view name) {
        return std::equal(name.begin(), name.end(), text.begin(), text.end(), [](char a, char b) {
            return std::tolower(static_cast<unsigned char>(a))
                   == std::tolower(static_cast<unsigned char>(b));
        });
    };
    for (const auto &[value, name] : table)
        if (equalsIgnoringCase(name))
            return value;
    return std::nullopt;
}

template <typename Enum, std::size_t N>
std::string_view nameOf(const std::array<std::pair<Enum, std::string_view>, N> &table, Enum value)
{
    for (const auto &[candidate, name] : table)
        if (candidate == value)
            return name;
    return {};
}

constexpr std::array<std::pair<Protocol, std::string_view>, 3> kProtocols{{
    {Protocol::Tcp, "TCP"},
    {Protocol::Udp, "UDP"},
    {Protocol::Icmp, "ICMP"},
}};

constexpr std::array<std::pair<TraceMode, std::string_view>, 2> kModes{{
    {TraceMode::Parallel, "parallel"},
    {TraceMode::Sequential, "sequential"},
}};

constexpr std::array<std::pair<AddressFamily, std::string_view>, 3> kFamilies{{
    {AddressFamily::Any, "any"},
    {AddressFamily::IPv4, "ipv4"},
    {AddressFamily::IPv6, "ipv6"},
}};

} // namespace

std::string_view protocolName(Protocol protocol) { return nameOf(kProtocols, protocol); }
std::optional<Protocol> parseProtocol(std::string_view text) { return lookupName(kProtocols, text); }

std::string_view traceModeName(TraceMode mode) { return nameOf(kModes, mode); }
std::optional<TraceMode> parseTraceMode(std::string_view text) { return lookupName(kModes, text); }

std::string_view addressFamilyName(AddressFamily family) { return nameOf(kFamilies, family); }
std::optional<AddressFamily> parseAddressFamily(std::string_view text)
{
    return lookupName(kFamilies, text);
}

std::string unknownHopName(int ttl) { return "unknown_hop_" + std::to_string(ttl); }

bool NetworkPath::destinationReached() const
{
    if (destination.ipAddress.empty())
        return false;
    return std::any_of(hops.begin(), hops.end(), [this](const PathHop &hop) {
        return hop.reachable && hop.ipAddress == destination.ipAddress;
    });
}

int NetworkPath::maxTtl() const
{
    int highest = 0;
    for (const PathHop &hop : hops)
        highest = std::max(highest, hop.ttl);
    return highest;
}

} // namespace hopscope
