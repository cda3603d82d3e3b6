// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "common/expected.h"

#include <nlohmann/json_fwd.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hopscope {

enum class Protocol { Tcp, Udp, Icmp };
enum class TraceMode { Parallel, Sequential };
enum class AddressFamily { Any, IPv4, IPv6 };
// How a path's probes were sent. Text only on the wire and in files: "raw", "unprivileged",
// "imported" (another tool made the file), nothing when unknown.
enum class Probing { Unknown, Raw, Unprivileged, Imported };

// Upper case, as in Datadog payloads: "TCP", "UDP", "ICMP".
std::string_view protocolName(Protocol protocol);
// Accepts either case, since the Datadog library prints lower case and payloads upper case.
std::optional<Protocol> parseProtocol(std::string_view text);

std::string_view traceModeName(TraceMode mode);
std::optional<TraceMode> parseTraceMode(std::string_view text);

std::string_view addressFamilyName(AddressFamily family);
std::optional<AddressFamily> parseAddressFamily(std::string_view text);

std::string_view probingName(Probing probing); // "" for Unknown
std::optional<Probing> parseProbing(std::string_view text);

// What the user asked for: enough to repeat the trace exactly.
struct TraceRequest
{
    std::string target; // as the user typed it: a host name or an address
    Protocol protocol = Protocol::Tcp;
    std::optional<std::uint16_t> port;
    std::optional<std::uint16_t> sourcePort; // first flow's; the others count up from it
    int maxTtl = 30;
    int timeoutMs = 1000;
    int queries = 3;
    int flows = 1;
    TraceMode mode = TraceMode::Parallel;
    AddressFamily family = AddressFamily::Any;
    bool resolveHostnames = true;
    bool unprivileged = false; // probe without raw sockets even when they are allowed
    std::optional<int> rate;   // most probes sent per second; unpaced when absent
    // The probes' TOS byte (IPv4) or traffic class (IPv6): DSCP in the upper six bits, ECN in
    // the lower two. Routers quote it back, so a rewrite on the way shows where it happens.
    std::uint8_t trafficClass = 0;
    // Path MTU discovery: probes of `probeSize` bytes (IP header included) with don't-fragment,
    // sent again smaller where a router says they are too big, so that the trace tells the
    // largest packet the path carries and the hop where that shrinks. prepareTrace sizes the
    // first probes to the outgoing interface's MTU. Raw sockets only.
    bool findPathMtu = false;
    int probeSize = 0;
    // The TTL the previous round of a session found the destination at (0: not known): probes
    // go no further until an answer shows the path is longer. Never saved in a file.
    int expectedHops = 0;
    // The TTLs that answered in the previous round, where a miss earns a second chance, and how
    // long a router's ICMP budget takes to refill (0 in a single trace; see EngineConfig).
    // Never saved in a file either.
    std::vector<int> answeredTtls;
    int budgetRefillMs = 0;
    bool operator==(const TraceRequest &) const = default;
};

// Limits every front end and the helper apply to a request.
inline constexpr int kMaxQueries = 10;
inline constexpr int kMaxFlows = 32;
inline constexpr int kMinTimeoutMs = 10;
inline constexpr int kMaxTimeoutMs = 60000;
inline constexpr int kMaxProbeRate = 10000; // probes per second
inline constexpr std::uint16_t kDefaultTcpPort = 443;
inline constexpr std::uint16_t kDefaultUdpPort = 33434;
inline constexpr std::size_t kMaxTargetLength = 255;
// Linux answers one ICMP error a second per peer once its burst is spent (icmp_ratelimit).
inline constexpr int kRouterBudgetRefillMs = 1000;

// How the probes go, as JSON: protocol, ports, TTL, timeout, queries, flows, mode, family,
// unprivileged, rate. The helper's requests and the files' `request` both write these; neither the
// target (a file keeps the name, a request gives the address) nor the names' lookup is among them.
nlohmann::ordered_json probeSettingsToJson(const TraceRequest &request);

// Checks ranges and fills defaults (the port: 443 for TCP, 33434 for UDP, none for ICMP).
// Errors (ErrorCode::InvalidRequest) name the option and its range.
Expected<TraceRequest> normaliseTraceRequest(TraceRequest request);

} // namespace hopscope
