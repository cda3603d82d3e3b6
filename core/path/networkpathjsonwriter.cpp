// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "path/networkpathjson.h"

#include "path/jsonwrite.h"
#include "path/monitorsummaryjson.h"
#include "probe/probequotejson.h"

namespace hopscope {

using nlohmann::ordered_json;
using namespace jsonwrite;

namespace {

ordered_json sourceJson(const PathSource &source)
{
    ordered_json object = ordered_json::object();
    object["hostname"] = source.hostname;
    if (source.via) {
        ordered_json via = ordered_json::object();
        if (!source.via->subnetAlias.empty())
            via["subnet"] = {{"alias", source.via->subnetAlias}};
        ordered_json interface = ordered_json::object();
        putIfNotEmpty(interface, "name", source.via->interface.name);
        putIfNotEmpty(interface, "hardware_addr", source.via->interface.hardwareAddr);
        via["interface"] = interface;
        object["via"] = via;
    }
    putIfNotEmpty(object, "network_id", source.networkId);
    putIfNotEmpty(object, "service", source.service);
    putIfNotEmpty(object, "container_id", source.containerId);
    return object;
}

ordered_json destinationJson(const PathDestination &destination)
{
    ordered_json object = ordered_json::object();
    object["hostname"] = destination.hostname;
    object["ip_address"] = destination.ipAddress;
    putIfSet(object, "port", destination.port);
    putIfNotEmpty(object, "service", destination.service);
    putIfNotEmpty(object, "reverse_dns_hostname", destination.reverseDnsHostname);
    return object;
}

// What another tool's file said of a hop: its MPLS labels and AS number, only when known.
void putHopDetails(ordered_json &object, const PathHop &hop)
{
    if (!hop.mpls.empty())
        object["mpls_labels"] = mplsLabelsJson(hop.mpls);
    putIfSet(object, "asn", hop.asn);
}

ordered_json hopJson(const PathHop &hop)
{
    ordered_json object = ordered_json::object();
    object["ttl"] = hop.ttl;
    if (hop.reachable) {
        object["ip_address"] = hop.ipAddress;
        putIfNotEmpty(object, "hostname", hop.hostname);
        putIfSet(object, "rtt", hop.rttMs);
    } else {
        object["ip_address"] = hop.ipAddress.empty() ? unknownHopName(hop.ttl) : hop.ipAddress;
        object["hostname"] = hop.hostname.empty() ? unknownHopName(hop.ttl) : hop.hostname;
    }
    object["reachable"] = hop.reachable;
    putHopDetails(object, hop);
    return object;
}

// A hop of the agent's newer shape: silent is an empty address; the name is a reverse-DNS list.
ordered_json runHopJson(const PathHop &hop)
{
    ordered_json object = ordered_json::object();
    object["ttl"] = hop.ttl;
    object["ip_address"] = hop.reachable ? hop.ipAddress : std::string();
    ordered_json names = ordered_json::array();
    if (hop.reachable && !hop.hostname.empty() && hop.hostname != hop.ipAddress)
        names.push_back(hop.hostname);
    object["reverse_dns"] = std::move(names);
    if (hop.reachable)
        putIfSet(object, "rtt", hop.rttMs);
    object["reachable"] = hop.reachable;
    putHopDetails(object, hop);
    return object;
}

ordered_json e2eProbeJson(const E2eProbe &probe)
{
    ordered_json object = ordered_json::object();
    object["rtts"] = probe.rttsMs;
    object["packets_sent"] = probe.packetsSent;
    object["packets_received"] = probe.packetsReceived;
    object["packet_loss_percentage"] = probe.packetLossFraction;
    object["jitter"] = probe.jitterMs;
    ordered_json rtt = ordered_json::object();
    putIfSet(rtt, "avg", probe.rttAvgMs);
    putIfSet(rtt, "min", probe.rttMinMs);
    putIfSet(rtt, "max", probe.rttMaxMs);
    object["rtt"] = rtt;
    return object;
}

} // namespace

ordered_json traceRequestToJsonValue(const TraceRequest &request)
{
    ordered_json object = ordered_json::object();
    object["target"] = request.target;
    const ordered_json settings = probeSettingsToJson(request);
    for (const auto &[key, value] : settings.items()) {
        if (key == "unprivileged") // where files have always had it
            object["resolve_hostnames"] = request.resolveHostnames;
        object[key] = value;
    }
    return object;
}

namespace {

ordered_json probeJson(const ProbeSample &probe)
{
    ordered_json object = ordered_json::object();
    object["ttl"] = probe.ttl;
    object["flow"] = probe.flow;
    putIfNotEmpty(object, "responder", probe.responder);
    putIfSet(object, "rtt", probe.rttMs);
    putIfSet(object, "icmp_type", probe.icmpType);
    putIfSet(object, "icmp_code", probe.icmpCode);
    object["sent_at_us"] = probe.sentAtUs;
    if (probe.round > 0)
        object["round"] = probe.round;
    if (probe.quote)
        object["quote"] = probeQuoteJson(*probe.quote);
    putIfSet(object, "reply_ttl", probe.replyTtl);
    return object;
}

ordered_json ownerJson(const std::string &address, const AddressOwner &owner)
{
    ordered_json object = ordered_json::object();
    object["address"] = address;
    putIfSet(object, "asn", owner.asn);
    putIfNotEmpty(object, "as_name", owner.asName);
    putIfNotEmpty(object, "prefix", owner.prefix);
    putIfNotEmpty(object, "country", owner.country);
    putIfNotEmpty(object, "source", owner.source);
    if (owner.lookedUpAtMs > 0)
        object["looked_up_at"] = owner.lookedUpAtMs;
    return object;
}

ordered_json extensionJson(const HopscopeExtension &extension)
{
    ordered_json object = ordered_json::object();
    object["format_version"] = extension.formatVersion;
    object["tool_version"] = extension.toolVersion;
    if (extension.request)
        object["request"] = traceRequestToJsonValue(*extension.request);
    putIfNotEmpty(object, "probing", std::string(probingName(extension.probing)));
    ordered_json probes = ordered_json::array();
    for (const ProbeSample &probe : extension.probes)
        probes.push_back(probeJson(probe));
    object["probes"] = std::move(probes);
    if (extension.monitor)
        object["monitor"] = monitorSummaryToJsonValue(*extension.monitor);
    if (!extension.owners.empty()) {
        ordered_json owners = ordered_json::array();
        for (const auto &[address, owner] : extension.owners)
            owners.push_back(ownerJson(address, owner));
        object["owners"] = std::move(owners);
    }
    if (extension.pathMtu)
        object["path_mtu"] = pathMtuJson(*extension.pathMtu);
    return object;
}

} // namespace

ordered_json networkPathToJsonValue(const NetworkPath &path, DatadogShape shape)
{
    ordered_json root = ordered_json::object();
    root["timestamp"] = path.timestampMs;
    putIfNotEmpty(root, "agent_version", path.agentVersion);
    root["namespace"] = path.pathNamespace;
    root["path_id"] = path.pathId;
    root["protocol"] = protocolName(path.protocol);
    root["source"] = sourceJson(path.source);
    root["destination"] = destinationJson(path.destination);
    ordered_json hops = ordered_json::array();
    for (const PathHop &hop : path.hops)
        hops.push_back(shape == DatadogShape::Runs ? runHopJson(hop) : hopJson(hop));
    ordered_json traceroute = ordered_json::object();
    if (shape == DatadogShape::Runs) {
        // One run: the path as this file holds it.
        ordered_json run = ordered_json::object();
        run["run_id"] = path.pathId;
        ordered_json destination = ordered_json::object();
        destination["ip_address"] = path.destination.ipAddress;
        putIfSet(destination, "port", path.destination.port);
        run["destination"] = std::move(destination);
        run["hops"] = std::move(hops);
        traceroute["runs"] = ordered_json::array({std::move(run)});
    } else {
        root["hops"] = std::move(hops);
    }
    root["tags"] = path.tags;
    if (path.hopCount)
        traceroute["hop_count"] = {
            {"avg", path.hopCount->avg}, {"min", path.hopCount->min}, {"max", path.hopCount->max}};
    if (!traceroute.empty())
        root["traceroute"] = std::move(traceroute);
    if (path.e2eProbe)
        root["e2e_probe"] = e2eProbeJson(*path.e2eProbe);
    if (path.hopscope)
        root["hopscope"] = extensionJson(*path.hopscope);
    return root;
}

std::string probeSamplesToJson(const std::vector<ProbeSample> &probes)
{
    ordered_json list = ordered_json::array();
    for (const ProbeSample &probe : probes)
        list.push_back(probeJson(probe));
    return ordered_json{{"probes", std::move(list)}}.dump(-1, ' ', false,
                                                          ordered_json::error_handler_t::replace);
}

std::string networkPathToJson(const NetworkPath &path, int indent, DatadogShape shape)
{
    // Strings came from parsed JSON or from our own code, but a hostname from a resolver may hold
    // any bytes: replace invalid UTF-8 rather than throw.
    return networkPathToJsonValue(path, shape)
        .dump(indent, ' ', false, ordered_json::error_handler_t::replace);
}

} // namespace hopscope
