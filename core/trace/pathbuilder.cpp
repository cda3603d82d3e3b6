#include "trace/pathbuilder.h"

#include <algorithm>

namespace hopscope {

namespace {

double median(std::vector<double> values)
{
    std::sort(values.begin(), values.end());
    const std::size_t n = values.size();
    return n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2.0;
}

std::string nameOf(const std::unordered_map<std::string, std::string> &hostnames,
                   const std::string &address)
{
    const auto it = hostnames.find(address);
    return it == hostnames.end() ? std::string() : it->second;
}

} // namespace

ProbeSample probeSampleOf(const ProbeEvent &event)
{
    ProbeSample sample;
    sample.ttl = event.slot.ttl;
    sample.flow = event.slot.flow;
    sample.sentAtUs = event.sentNs / 1000;
    if (event.reply) {
        sample.responder = event.reply->responder.toString();
        sample.rttMs = event.rttMs();
        sample.icmpType = event.reply->icmpType;
        sample.icmpCode = event.reply->icmpCode;
    }
    return sample;
}

NetworkPath buildNetworkPath(const TraceContext &context, const EngineOutcome &outcome)
{
    NetworkPath path;
    path.timestampMs = context.startedMs;
    path.pathNamespace = "default";
    path.pathId = context.pathId;
    path.protocol = context.request.protocol;
    path.source.hostname = context.sourceHostname;
    if (!context.route.interfaceName.empty())
        path.source.via = SourceVia{{context.route.interfaceName, context.route.hardwareAddress}, {}};
    path.destination.hostname = context.request.target;
    path.destination.ipAddress = context.destination.toString();
    path.destination.port = context.request.port;

    for (int ttl = 1; ttl <= outcome.lastTtl; ++ttl) {
        std::vector<std::string> responders;
        std::vector<std::vector<double>> rtts;
        for (const ProbeEvent &event : outcome.events) {
            if (event.slot.ttl != ttl || !event.reply)
                continue;
            const std::string address = event.reply->responder.toString();
            auto it = std::find(responders.begin(), responders.end(), address);
            if (it == responders.end()) {
                responders.push_back(address);
                rtts.emplace_back();
                it = responders.end() - 1;
            }
            rtts[static_cast<std::size_t>(it - responders.begin())].push_back(*event.rttMs());
        }
        if (responders.empty())
            path.hops.push_back({ttl, unknownHopName(ttl), unknownHopName(ttl), std::nullopt, false});
        for (std::size_t i = 0; i < responders.size(); ++i)
            path.hops.push_back({ttl, responders[i], {}, median(rtts[i]), true});
    }

    HopscopeExtension extension;
    extension.toolVersion = context.toolVersion;
    extension.request = context.request;
    extension.probing = context.probing;
    for (const ProbeEvent &event : outcome.events)
        extension.probes.push_back(probeSampleOf(event));
    path.hopscope = std::move(extension);
    return path;
}

std::vector<IpAddress> addressesToName(const NetworkPath &path)
{
    std::vector<IpAddress> addresses;
    const auto add = [&addresses](const std::string &text) {
        const auto address = IpAddress::parse(text);
        if (address && std::find(addresses.begin(), addresses.end(), *address) == addresses.end())
            addresses.push_back(*address);
    };
    add(path.destination.ipAddress);
    for (const PathHop &hop : path.hops)
        if (hop.reachable)
            add(hop.ipAddress);
    return addresses;
}

void nameNetworkPath(NetworkPath &path, const std::unordered_map<std::string, std::string> &hostnames)
{
    path.destination.reverseDnsHostname = nameOf(hostnames, path.destination.ipAddress);
    for (PathHop &hop : path.hops)
        if (hop.reachable)
            hop.hostname = nameOf(hostnames, hop.ipAddress);
}

} // namespace hopscope
