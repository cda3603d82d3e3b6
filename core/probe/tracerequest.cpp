// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "probe/tracerequest.h"

#include "probe/probetypes.h"

#include "common/safetext.h"

#include <nlohmann/json.hpp>

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
            return std::tolower(static_cast<unsigned char>(a)) ==
                   std::tolower(static_cast<unsigned char>(b));
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

constexpr std::array<std::pair<Probing, std::string_view>, 3> kProbings{{
    {Probing::Raw, "raw"},
    {Probing::Unprivileged, "unprivileged"},
    {Probing::Imported, "imported"},
}};

Error invalid(const std::string &what)
{
    return Error{ErrorCode::InvalidRequest, what};
}

} // namespace

std::string_view protocolName(Protocol protocol)
{
    return nameOf(kProtocols, protocol);
}
std::optional<Protocol> parseProtocol(std::string_view text)
{
    return lookupName(kProtocols, text);
}

std::string_view traceModeName(TraceMode mode)
{
    return nameOf(kModes, mode);
}
std::optional<TraceMode> parseTraceMode(std::string_view text)
{
    return lookupName(kModes, text);
}

std::string_view addressFamilyName(AddressFamily family)
{
    return nameOf(kFamilies, family);
}
std::optional<AddressFamily> parseAddressFamily(std::string_view text)
{
    return lookupName(kFamilies, text);
}

std::string_view probingName(Probing probing)
{
    return nameOf(kProbings, probing);
}
std::optional<Probing> parseProbing(std::string_view text)
{
    return lookupName(kProbings, text);
}

nlohmann::ordered_json probeSettingsToJson(const TraceRequest &request)
{
    nlohmann::ordered_json object = nlohmann::ordered_json::object();
    object["protocol"] = protocolName(request.protocol);
    if (request.port)
        object["port"] = *request.port;
    if (request.sourcePort)
        object["source_port"] = *request.sourcePort;
    object["max_ttl"] = request.maxTtl;
    object["timeout_ms"] = request.timeoutMs;
    object["queries"] = request.queries;
    object["flows"] = request.flows;
    object["mode"] = traceModeName(request.mode);
    object["address_family"] = addressFamilyName(request.family);
    object["unprivileged"] = request.unprivileged;
    if (request.rate)
        object["rate"] = *request.rate;
    if (request.trafficClass != 0)
        object["tos"] = request.trafficClass;
    if (request.findPathMtu)
        object["path_mtu"] = true;
    if (request.probeSize > 0)
        object["probe_size"] = request.probeSize;
    if (request.expectedHops > 0)
        object["expected_hops"] = request.expectedHops;
    if (!request.answeredTtls.empty())
        object["answered_ttls"] = request.answeredTtls;
    if (request.budgetRefillMs > 0)
        object["budget_refill_ms"] = request.budgetRefillMs;
    return object;
}

Expected<TraceRequest> normaliseTraceRequest(TraceRequest request)
{
    if (request.target.empty())
        return invalid("no target given");
    // A host name has at most 253 characters; an address with its scope, fewer.
    if (request.target.size() > kMaxTargetLength)
        return invalid("the target is longer than a host name can be (" +
                       std::to_string(kMaxTargetLength) + " characters)");
    if (containsControlCharacter(request.target))
        return invalid("the target contains a control character");
    if (request.maxTtl < 1 || request.maxTtl > 255)
        return invalid("max TTL must be between 1 and 255 (got " + std::to_string(request.maxTtl) +
                       ")");
    if (request.queries < 1 || request.queries > kMaxQueries)
        return invalid("queries must be between 1 and " + std::to_string(kMaxQueries) + " (got " +
                       std::to_string(request.queries) + ")");
    if (request.flows < 1 || request.flows > kMaxFlows)
        return invalid("flows must be between 1 and " + std::to_string(kMaxFlows) + " (got " +
                       std::to_string(request.flows) + ")");
    if (request.timeoutMs < kMinTimeoutMs || request.timeoutMs > kMaxTimeoutMs)
        return invalid("timeout must be between " + std::to_string(kMinTimeoutMs) + " and " +
                       std::to_string(kMaxTimeoutMs) + " ms (got " +
                       std::to_string(request.timeoutMs) + ")");
    if (request.rate && (*request.rate < 1 || *request.rate > kMaxProbeRate))
        return invalid("rate must be between 1 and " + std::to_string(kMaxProbeRate) +
                       " probes per second (got " + std::to_string(*request.rate) + ")");
    if (request.port && *request.port == 0)
        return invalid("port must be between 1 and 65535");
    if (request.probeSize != 0 &&
        (request.probeSize < kMinMtuV4 || request.probeSize > kMaxProbeSize))
        return invalid("probe size must be between " + std::to_string(kMinMtuV4) + " and " +
                       std::to_string(kMaxProbeSize) + " bytes (got " +
                       std::to_string(request.probeSize) + ")");
    if (request.findPathMtu && request.unprivileged)
        return invalid("finding the path MTU needs raw sockets: it cannot be done unprivileged");
    if (request.sourcePort && *request.sourcePort == 0)
        return invalid("source port must be between 1 and 65535");
    if (request.protocol == Protocol::Icmp) {
        if (request.port || request.sourcePort)
            return invalid("ICMP probes have no ports");
    } else if (!request.port) {
        request.port = request.protocol == Protocol::Tcp ? kDefaultTcpPort : kDefaultUdpPort;
    }
    return request;
}

} // namespace hopscope
