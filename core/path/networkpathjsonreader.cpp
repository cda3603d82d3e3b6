// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "path/networkpathjson.h"

#include "common/jsonfields.h"
#include "file/regularfile.h"
#include "packet/ipaddress.h"
#include "path/jsonlimits.h"
#include "path/monitorsummaryjson.h"
#include "probe/probequotejson.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <limits>

namespace hopscope {

using namespace jsonfields;
using nlohmann::json;

namespace {

constexpr double kNoUpperLimit = std::numeric_limits<double>::max();

std::string stringOr(const ObjectView &object, std::string_view key, std::string fallback = {})
{
    return object.optionalString(key).value_or(std::move(fallback));
}

// A port of 0 is how Go's uint16 says "none" (ICMP, or no port configured).
std::optional<std::uint16_t> readPort(const ObjectView &object)
{
    const auto port = object.optionalInteger("port", 0, 65535);
    if (!port || *port == 0)
        return std::nullopt;
    return static_cast<std::uint16_t>(*port);
}

Protocol readProtocol(const ObjectView &object, std::string_view key, Protocol fallback)
{
    const auto text = object.optionalString(key);
    if (!text)
        return fallback;
    // datadog-traceroute writes the protocol in lower case.
    std::string upper = *text;
    std::transform(upper.begin(), upper.end(), upper.begin(),
                   [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
    const auto protocol = parseProtocol(upper);
    if (!protocol)
        fail(ErrorCode::OutOfRange, object.pointerTo(key),
             "must be \"TCP\", \"UDP\" or \"ICMP\" (found \"" + *text + "\")");
    return *protocol;
}

PathSource readSource(const ObjectView &object)
{
    PathSource source;
    source.hostname = stringOr(object, "hostname");
    if (const auto via = object.optionalObject("via")) {
        SourceVia sourceVia;
        if (const auto interface = via->optionalObject("interface")) {
            sourceVia.interface.name = stringOr(*interface, "name");
            sourceVia.interface.hardwareAddr = stringOr(*interface, "hardware_addr");
        }
        if (const auto subnet = via->optionalObject("subnet"))
            sourceVia.subnetAlias = stringOr(*subnet, "alias");
        source.via = sourceVia;
    }
    source.networkId = stringOr(object, "network_id");
    source.service = stringOr(object, "service");
    source.containerId = stringOr(object, "container_id");
    return source;
}

PathDestination readDestination(const ObjectView &object)
{
    PathDestination destination;
    destination.hostname = stringOr(object, "hostname");
    destination.ipAddress = stringOr(object, "ip_address");
    destination.port = readPort(object);
    destination.service = stringOr(object, "service");
    destination.reverseDnsHostname = stringOr(object, "reverse_dns_hostname");
    return destination;
}

// Unanswered TTLs always carry Datadog's placeholders and never an rtt, whichever shape they came
// in, so that the model has one spelling of "silent".
void normaliseHop(PathHop &hop)
{
    // A hop that names its responder's address answered, whatever flag came with it: some
    // payloads mark every hop unreachable (the agent's placeholders, test results).
    if (!hop.reachable && IpAddress::parse(hop.ipAddress))
        hop.reachable = true;
    if (hop.reachable)
        return;
    hop.rttMs.reset();
    if (hop.ipAddress.empty())
        hop.ipAddress = unknownHopName(hop.ttl);
    if (hop.hostname.empty())
        hop.hostname = unknownHopName(hop.ttl);
}

void requireAddressWhenReachable(const PathHop &hop, const ObjectView &object)
{
    if (hop.reachable && hop.ipAddress.empty())
        fail(ErrorCode::MissingField, object.pointerTo("ip_address"),
             "a reachable hop needs an address");
}

// Hopscope's additions to a hop, kept from other tools' files: the MPLS label stack the router
// quoted and the hop's AS number.
void readHopDetails(const ObjectView &object, PathHop &hop)
{
    if (const auto labels = object.optionalArray("mpls_labels"))
        hop.mpls = readMplsLabels(*labels);
    if (const auto asn = object.optionalInteger("asn", 0, 4'294'967'295))
        hop.asn = static_cast<std::uint32_t>(*asn);
}

// v1-v3 hops: {ttl, ip_address, hostname, rtt, reachable | success}
PathHop readHop(const ObjectView &object)
{
    PathHop hop;
    // Some agent payloads carry placeholder hops at ttl 0.
    hop.ttl = static_cast<int>(object.requiredInteger("ttl", 0, kMaxTtl));
    hop.ipAddress = object.requiredString("ip_address");
    hop.hostname = stringOr(object, "hostname");
    hop.rttMs = object.optionalNumber("rtt", 0.0, kMaxRttMs);
    if (const auto reachable = object.optionalBool("reachable"))
        hop.reachable = *reachable;
    else if (const auto success = object.optionalBool("success"))
        hop.reachable = *success;
    else
        fail(ErrorCode::MissingField, object.pointerTo("reachable"),
             "required field is missing (older payloads call it \"success\")");
    requireAddressWhenReachable(hop, object);
    normaliseHop(hop);
    readHopDetails(object, hop);
    return hop;
}

// Reads an array of hops with `readOne` and requires their TTLs never to go down.
std::vector<PathHop> readOrderedHops(const ArrayView &array,
                                     PathHop (*readOne)(const ObjectView &object))
{
    std::vector<PathHop> hops;
    hops.reserve(array.size());
    for (std::size_t i = 0; i < array.size(); ++i) {
        const ObjectView object = array.objectAt(i);
        PathHop hop = readOne(object);
        if (!hops.empty() && hop.ttl < hops.back().ttl)
            fail(ErrorCode::OutOfOrder, object.pointerTo("ttl"),
                 "hops must be in TTL order (ttl " + std::to_string(hop.ttl) + " after ttl " +
                     std::to_string(hops.back().ttl) + ")");
        hops.push_back(std::move(hop));
    }
    return hops;
}

std::string firstReverseDns(const ObjectView &object)
{
    const auto names = object.optionalArray("reverse_dns");
    if (!names || names->size() == 0)
        return {};
    for (std::size_t i = 1; i < names->size(); ++i)
        names->stringAt(i); // validated even though only the first is kept
    return names->stringAt(0);
}

// v4 run hops: {ttl, ip_address ("" when silent), reverse_dns[], rtt, reachable}
PathHop readRunHop(const ObjectView &object)
{
    PathHop hop;
    hop.ttl = static_cast<int>(object.requiredInteger("ttl", 0, kMaxTtl));
    hop.ipAddress = stringOr(object, "ip_address");
    hop.hostname = firstReverseDns(object);
    hop.rttMs = object.optionalNumber("rtt", 0.0, kMaxRttMs);
    hop.reachable = object.requiredBool("reachable");
    requireAddressWhenReachable(hop, object);
    normaliseHop(hop);
    readHopDetails(object, hop);
    return hop;
}

// Several runs become one hop list: the same responder at the same TTL is kept once (first run
// wins), and a TTL silent in one run but answered in another keeps only its responders.
std::vector<PathHop> mergeRuns(std::vector<PathHop> all)
{
    std::stable_sort(all.begin(), all.end(),
                     [](const PathHop &a, const PathHop &b) { return a.ttl < b.ttl; });
    std::vector<PathHop> merged;
    for (PathHop &hop : all) {
        const bool duplicate = std::any_of(merged.begin(), merged.end(), [&](const PathHop &m) {
            return m.ttl == hop.ttl && m.ipAddress == hop.ipAddress;
        });
        if (!duplicate)
            merged.push_back(std::move(hop));
    }
    const auto answered = [&merged](int ttl) {
        return std::any_of(merged.begin(), merged.end(),
                           [ttl](const PathHop &m) { return m.ttl == ttl && m.reachable; });
    };
    std::erase_if(merged, [&](const PathHop &hop) { return !hop.reachable && answered(hop.ttl); });
    return merged;
}

// v4: traceroute.runs[] each with its destination and hops.
void readRuns(const ObjectView &traceroute, NetworkPath &path)
{
    const ArrayView runs = traceroute.requiredArray("runs");
    std::vector<PathHop> all;
    for (std::size_t r = 0; r < runs.size(); ++r) {
        const ObjectView run = runs.objectAt(r);
        if (const auto destination = run.optionalObject("destination")) {
            if (path.destination.ipAddress.empty())
                path.destination.ipAddress = stringOr(*destination, "ip_address");
            if (path.destination.reverseDnsHostname.empty())
                path.destination.reverseDnsHostname = firstReverseDns(*destination);
            if (!path.destination.port)
                path.destination.port = readPort(*destination);
        }
        std::vector<PathHop> runHops = readOrderedHops(run.requiredArray("hops"), readRunHop);
        std::move(runHops.begin(), runHops.end(), std::back_inserter(all));
    }
    path.hops = mergeRuns(std::move(all));
}

std::optional<HopCount> readHopCount(const ObjectView &traceroute)
{
    const auto object = traceroute.optionalObject("hop_count");
    if (!object)
        return std::nullopt;
    HopCount count;
    count.avg = object->requiredNumber("avg", 0.0, static_cast<double>(kMaxTtl));
    count.min = static_cast<int>(object->requiredInteger("min", 0, kMaxTtl));
    count.max = static_cast<int>(object->requiredInteger("max", count.min, kMaxTtl));
    return count;
}

E2eProbe readE2eProbe(const ObjectView &object)
{
    E2eProbe probe;
    if (const auto rtts = object.optionalArray("rtts"))
        for (std::size_t i = 0; i < rtts->size(); ++i)
            probe.rttsMs.push_back(rtts->numberAt(i, 0.0, kMaxRttMs));
    probe.packetsSent =
        static_cast<int>(object.optionalInteger("packets_sent", 0, 1'000'000).value_or(0));
    probe.packetsReceived = static_cast<int>(
        object.optionalInteger("packets_received", 0, probe.packetsSent).value_or(0));
    probe.packetLossFraction =
        object.optionalNumber("packet_loss_percentage", 0.0, 1.0).value_or(0.0);
    probe.jitterMs = object.optionalNumber("jitter", 0.0, kMaxRttMs).value_or(0.0);
    if (const auto rtt = object.optionalObject("rtt")) {
        probe.rttAvgMs = rtt->optionalNumber("avg", 0.0, kMaxRttMs);
        probe.rttMinMs = rtt->optionalNumber("min", 0.0, kMaxRttMs);
        probe.rttMaxMs = rtt->optionalNumber("max", 0.0, kMaxRttMs);
    }
    return probe;
}

ProbeSample readProbe(const ObjectView &object)
{
    ProbeSample probe;
    probe.ttl = static_cast<int>(object.requiredInteger("ttl", 1, kMaxTtl));
    probe.flow = static_cast<int>(object.optionalInteger("flow", 0, 1023).value_or(0));
    probe.responder = stringOr(object, "responder");
    probe.rttMs = object.optionalNumber("rtt", 0.0, kMaxRttMs);
    if (probe.rttMs && probe.responder.empty())
        fail(ErrorCode::MissingField, object.pointerTo("responder"),
             "a probe with an rtt needs a responder");
    if (const auto type = object.optionalInteger("icmp_type", 0, 255))
        probe.icmpType = static_cast<int>(*type);
    if (const auto code = object.optionalInteger("icmp_code", 0, 255))
        probe.icmpCode = static_cast<int>(*code);
    probe.sentAtUs = object.requiredInteger("sent_at_us", 0, kLatestTimestampMs * 1000);
    probe.round =
        static_cast<int>(object.optionalInteger("round", 0, kMaxMonitorRounds).value_or(0));
    if (const auto quote = object.optionalObject("quote")) {
        probe.quote = readProbeQuote(*quote);
        // Files of the first releases with quotes kept an error's own TTL inside its quote.
        if (const auto ttl = quote->optionalInteger("reply_ttl", 0, 255))
            probe.replyTtl = static_cast<int>(*ttl);
    }
    if (const auto ttl = object.optionalInteger("reply_ttl", 0, 255))
        probe.replyTtl = static_cast<int>(*ttl);
    return probe;
}

// Whose network an address is in, as a lookup or the imported file said.
std::pair<std::string, AddressOwner> readOwner(const ObjectView &object)
{
    const std::string address = object.requiredString("address");
    if (!IpAddress::parse(address))
        fail(ErrorCode::InvalidAddress, object.pointerTo("address"),
             "is not an IP address (found \"" + address + "\")");
    AddressOwner owner;
    if (const auto asn = object.optionalInteger("asn", 0, 4'294'967'295))
        owner.asn = static_cast<std::uint32_t>(*asn);
    owner.asName = stringOr(object, "as_name");
    owner.prefix = stringOr(object, "prefix");
    owner.country = stringOr(object, "country");
    owner.source = stringOr(object, "source");
    owner.lookedUpAtMs = object.optionalInteger("looked_up_at", 0, kLatestTimestampMs).value_or(0);
    return {IpAddress::parse(address)->toString(), std::move(owner)};
}

HopscopeExtension readExtension(const ObjectView &object)
{
    HopscopeExtension extension;
    extension.formatVersion =
        static_cast<int>(object.requiredInteger("format_version", 1, 1'000'000));
    if (extension.formatVersion > kHopscopeFormatVersion)
        fail(ErrorCode::UnsupportedVersion, object.pointerTo("format_version"),
             "written by a newer Hopscope (format " + std::to_string(extension.formatVersion) +
                 "; this build reads up to " + std::to_string(kHopscopeFormatVersion) + ")");
    extension.toolVersion = stringOr(object, "tool_version");
    if (const auto request = object.optionalObject("request"))
        extension.request = readTraceRequest(*request, kFileRequestLimits);
    if (const auto probing = object.optionalString("probing")) {
        const auto parsed = parseProbing(*probing);
        if (!parsed)
            fail(ErrorCode::OutOfRange, object.pointerTo("probing"),
                 "must be \"raw\", \"unprivileged\" or \"imported\" (found \"" + *probing + "\")");
        extension.probing = *parsed;
    }
    if (const auto probes = object.optionalArray("probes")) {
        extension.probes.reserve(probes->size());
        for (std::size_t i = 0; i < probes->size(); ++i)
            extension.probes.push_back(readProbe(probes->objectAt(i)));
    }
    if (const auto monitor = object.optionalObject("monitor"))
        extension.monitor = readMonitorSummary(*monitor);
    if (const auto owners = object.optionalArray("owners")) {
        for (std::size_t i = 0; i < owners->size(); ++i) {
            auto [address, owner] = readOwner(owners->objectAt(i));
            if (!extension.owners.emplace(address, std::move(owner)).second)
                fail(ErrorCode::DuplicateKey, childPointer(owners->pointer(), i),
                     "names " + address + " a second time");
        }
    }
    if (const auto mtu = object.optionalObject("path_mtu"))
        extension.pathMtu = readPathMtu(*mtu);
    return extension;
}

NetworkPath readPath(const json &document, const std::string &pointer)
{
    const ObjectView root(document, pointer);
    NetworkPath path;
    // datadog-traceroute's own output carries no time: 0 says the file does not tell.
    path.timestampMs = root.optionalInteger("timestamp", 0, kLatestTimestampMs).value_or(0);
    path.agentVersion = stringOr(root, "agent_version");
    path.pathNamespace = stringOr(root, "namespace");
    path.pathId = stringOr(root, "path_id", stringOr(root, "pathtrace_id"));
    // The first payloads predate the protocol field, when UDP was the only method.
    path.protocol = readProtocol(root, "protocol", Protocol::Udp);
    if (const auto source = root.optionalObject("source"))
        path.source = readSource(*source);
    path.destination = readDestination(root.requiredObject("destination"));
    const auto traceroute = root.optionalObject("traceroute");
    if (const auto hops = root.optionalArray("hops"))
        path.hops = readOrderedHops(*hops, readHop);
    else if (traceroute)
        readRuns(*traceroute, path);
    else
        fail(ErrorCode::MissingField, root.pointerTo("hops"),
             "required field is missing (nor is there a /traceroute)");
    if (traceroute)
        path.hopCount = readHopCount(*traceroute);
    if (const auto tags = root.optionalArray("tags"))
        for (std::size_t i = 0; i < tags->size(); ++i)
            path.tags.push_back(tags->stringAt(i));
    if (const auto e2e = root.optionalObject("e2e_probe"))
        path.e2eProbe = readE2eProbe(*e2e);
    if (const auto extension = root.optionalObject("hopscope"))
        path.hopscope = readExtension(*extension);
    return path;
}

} // namespace

TraceRequest readTraceRequest(const ObjectView &object, const TraceRequestLimits &limits)
{
    TraceRequest request;
    request.target = object.requiredString("target");
    request.protocol = readProtocol(object, "protocol", request.protocol);
    if (const auto port = object.optionalInteger("port", 1, 65535))
        request.port = static_cast<std::uint16_t>(*port);
    if (const auto port = object.optionalInteger("source_port", 1, 65535))
        request.sourcePort = static_cast<std::uint16_t>(*port);
    request.maxTtl = static_cast<int>(object.requiredInteger("max_ttl", 1, kMaxTtl));
    request.timeoutMs = static_cast<int>(
        object.requiredInteger("timeout_ms", limits.minTimeoutMs, limits.maxTimeoutMs));
    request.queries = static_cast<int>(object.requiredInteger("queries", 1, limits.maxQueries));
    request.flows =
        static_cast<int>(object.optionalInteger("flows", 1, limits.maxFlows).value_or(1));
    if (const auto mode = object.optionalString("mode")) {
        const auto parsed = parseTraceMode(*mode);
        if (!parsed)
            fail(ErrorCode::OutOfRange, object.pointerTo("mode"),
                 "must be \"parallel\" or \"sequential\" (found \"" + *mode + "\")");
        request.mode = *parsed;
    }
    if (const auto family = object.optionalString("address_family")) {
        const auto parsed = parseAddressFamily(*family);
        if (!parsed)
            fail(ErrorCode::OutOfRange, object.pointerTo("address_family"),
                 "must be \"any\", \"ipv4\" or \"ipv6\" (found \"" + *family + "\")");
        request.family = *parsed;
    }
    request.resolveHostnames = object.optionalBool("resolve_hostnames").value_or(true);
    request.unprivileged = object.optionalBool("unprivileged").value_or(false);
    if (const auto rate = object.optionalInteger("rate", 1, limits.maxRate))
        request.rate = static_cast<int>(*rate);
    request.trafficClass =
        static_cast<std::uint8_t>(object.optionalInteger("tos", 0, 255).value_or(0));
    request.findPathMtu = object.optionalBool("path_mtu").value_or(false);
    request.probeSize = static_cast<int>(
        object.optionalInteger("probe_size", kMinMtuV4, kMaxProbeSize).value_or(0));
    return request;
}

Expected<NetworkPath> networkPathFromJsonValue(const json &document, const std::string &pointer)
{
    return readFields([&document, &pointer] { return readPath(document, pointer); });
}

Expected<NetworkPath> networkPathFromJson(std::string_view text)
{
    const auto document = parseBounded(text, kNetworkPathJsonLimits);
    if (!document)
        return document.error();
    return networkPathFromJsonValue(*document);
}

Expected<std::vector<ProbeSample>> probeSamplesFromJson(std::string_view text)
{
    const auto document = parseBounded(text, kNetworkPathJsonLimits);
    if (!document)
        return document.error();
    return readFields([&document] {
        const ObjectView root(*document, "");
        const auto list = root.requiredArray("probes");
        std::vector<ProbeSample> probes;
        probes.reserve(list.size());
        for (std::size_t i = 0; i < list.size(); ++i)
            probes.push_back(readProbe(list.objectAt(i)));
        return probes;
    });
}

Expected<std::string> readPathFileText(const std::string &fileName)
{
    return readRegularFile(fileName, kMaxNetworkPathBytes);
}

Expected<NetworkPath> readNetworkPathFile(const std::string &fileName)
{
    const auto text = readPathFileText(fileName);
    if (!text)
        return text.error();
    auto path = networkPathFromJson(*text);
    if (!path)
        return Error{path.error().code, fileName + ": " + path.error().message};
    return path;
}

} // namespace hopscope
