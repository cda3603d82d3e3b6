// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "packet/icmpextensions.h"
#include "path/addressowner.h"
#include "path/monitorsummary.h"
#include "probe/probetypes.h"
#include "probe/tracerequest.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hopscope {

// The placeholder address and hostname Datadog writes for a TTL that never answered.
std::string unknownHopName(int ttl);

struct NetworkInterface
{
    std::string name;
    std::string hardwareAddr;
    bool operator==(const NetworkInterface &) const = default;
};

struct SourceVia
{
    NetworkInterface interface;
    std::string subnetAlias;
    bool operator==(const SourceVia &) const = default;
};

struct PathSource
{
    std::string hostname;
    std::optional<SourceVia> via;
    std::string networkId;
    std::string service;
    std::string containerId;
    bool operator==(const PathSource &) const = default;
};

struct PathDestination
{
    std::string hostname;
    std::string ipAddress;
    std::optional<std::uint16_t> port; // absent for ICMP and when the payload had none
    std::string service;
    std::string reverseDnsHostname;
    bool operator==(const PathDestination &) const = default;
};

// One responder at one TTL. Several responders at one TTL (ECMP) are several hops with the same
// ttl; a TTL that never answered is one hop with reachable == false and no rtt.
struct PathHop
{
    int ttl = 0;
    std::string ipAddress;
    std::string hostname;
    std::optional<double> rttMs;
    bool reachable = false;
    // What the file that held the hop said of it, when it said: the labels the router quoted and
    // the AS its address is in.
    std::vector<MplsLabel> mpls = {};
    std::optional<std::uint32_t> asn = std::nullopt;
    bool operator==(const PathHop &) const = default;
};

// The end-to-end probe figures of the newer agent payloads, kept so they survive a reload.
struct E2eProbe
{
    std::vector<double> rttsMs;
    int packetsSent = 0;
    int packetsReceived = 0;
    double packetLossFraction = 0.0; // 0..1, as the agent writes it
    double jitterMs = 0.0;
    std::optional<double> rttAvgMs;
    std::optional<double> rttMinMs;
    std::optional<double> rttMaxMs;
    bool operator==(const E2eProbe &) const = default;
};

struct HopCount
{
    double avg = 0.0;
    int min = 0;
    int max = 0;
    bool operator==(const HopCount &) const = default;
};

// One probe and its fate: a reply from `responder` after rttMs, or a timeout (empty responder,
// no rtt). ICMP type and code are those of the reply when it was ICMP.
struct ProbeSample
{
    int ttl = 0;
    int flow = 0;
    std::string responder;
    std::optional<double> rttMs;
    std::optional<int> icmpType;
    std::optional<int> icmpCode;
    std::int64_t sentAtUs = 0; // Unix time of sending, microseconds
    int round = 0;             // the monitoring round it belongs to; 0 in a single trace
    std::optional<ProbeQuote> quote = std::nullopt; // what the router's ICMP error quoted and told
    std::optional<int> replyTtl = std::nullopt;     // the TTL the reply arrived with
    bool operator==(const ProbeSample &) const = default;
};

// Hopscope's own part of the file, ignored by Datadog tooling.
struct HopscopeExtension
{
    int formatVersion = 1;
    std::string toolVersion;
    std::optional<TraceRequest> request;
    Probing probing = Probing::Unknown;
    std::vector<ProbeSample> probes;
    std::optional<MonitorSummary> monitor; // only for a monitoring session
    // Whose network each responder is in, by address, as far as it was learnt.
    std::map<std::string, AddressOwner> owners;
    std::optional<PathMtu> pathMtu; // what path MTU discovery found
    bool operator==(const HopscopeExtension &) const = default;
};

struct NetworkPath
{
    std::int64_t timestampMs = 0;
    std::string agentVersion;
    std::string pathNamespace;
    std::string pathId;
    Protocol protocol = Protocol::Tcp;
    PathSource source;
    PathDestination destination;
    std::vector<PathHop> hops;
    std::vector<std::string> tags;
    std::optional<HopCount> hopCount;
    std::optional<E2eProbe> e2eProbe;
    std::optional<HopscopeExtension> hopscope;
    bool operator==(const NetworkPath &) const = default;

    // True when a hop answering for the destination address is present and reachable.
    bool destinationReached() const;
    // The highest TTL present, 0 for an empty path.
    int maxTtl() const;
};

// The AS number the file gave a hop, as an owner (source "file"); nothing for none or AS 0.
std::optional<AddressOwner> fileOwnerOf(const PathHop &hop);
// Whose network a hop's responder is in: what a lookup found for its address, else the AS number
// the file gave the hop; nothing when neither says.
std::optional<AddressOwner> ownerOf(const NetworkPath &path, const PathHop &hop);
// The same for a responder's address: what a lookup found, else the AS a hop of the path with
// that address was given by its file.
std::optional<AddressOwner> ownerOf(const NetworkPath &path, const std::string &address);
// Adds owners found later (a lookup for a file written without them) to the path's own, leaving
// those it names already as they are.
void addOwners(NetworkPath &path, const std::map<std::string, AddressOwner> &owners);

} // namespace hopscope
