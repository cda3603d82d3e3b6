// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "probe/proberun.h"

#include "probe/cancelsignal.h"
#include "probe/icmpmethod.h"
#include "probe/pacedtransport.h"
#include "probe/rawsockettransport.h"
#include "probe/socketmessage.h"
#include "probe/tcpsynmethod.h"
#include "probe/udpmethod.h"
#include "probe/unprivileged.h"

#include <random>

namespace hopscope {

namespace {

std::unique_ptr<ProbeMethod> makeMethod(Protocol protocol, const RawMethodConfig &config)
{
    switch (protocol) {
    case Protocol::Tcp:
        return std::make_unique<TcpSynMethod>(config);
    case Protocol::Udp:
        return std::make_unique<UdpMethod>(config);
    case Protocol::Icmp:
        return std::make_unique<IcmpMethod>(config);
    }
    return nullptr;
}

Expected<std::unique_ptr<ProbeTransport>> openOwnRawSockets(const ProbedDestination &destination,
                                                            Protocol protocol)
{
    auto transport = RawSocketTransport::open(destination, protocol);
    if (!transport)
        return transport.error();
    return std::unique_ptr<ProbeTransport>(std::move(*transport));
}

// The sockets and probe method of one trace, and the ports held for it while it runs.
struct PreparedProbing
{
    std::unique_ptr<ProbeTransport> transport;
    std::unique_ptr<ProbeMethod> method;
    std::optional<ReservedPorts> ports;
    Probing kind = Probing::Raw;
};

Expected<PreparedProbing> prepareRawProbing(std::unique_ptr<ProbeTransport> transport,
                                            const TraceRequest &request,
                                            const IpAddress &destination, const RouteInfo &route)
{
    // ICMP probes have no ports; their flows differ in the echo identifier.
    auto reserved = ReservedPorts::reserve(
        route.source, request.protocol == Protocol::Icmp ? 0 : request.flows,
        request.protocol == Protocol::Tcp ? ReservedPorts::Kind::Tcp : ReservedPorts::Kind::Udp,
        request.sourcePort.value_or(0));
    if (!reserved)
        return reserved.error();
    std::random_device random;
    RawMethodConfig config;
    config.source = route.source;
    config.destination = destination;
    config.destinationPort = request.port.value_or(0);
    config.flowPorts = reserved->ports();
    for (int flow = 0; flow < request.flows; ++flow)
        config.flowLabels.push_back((random() & 0xfffff) | 1); // never 0: "no label"
    config.identityBase = random();
    config.ipIdBase = static_cast<std::uint16_t>(random());
    config.trafficClass = request.trafficClass;
    config.maxTtl = request.maxTtl;
    config.flows = request.flows;
    config.queries = engineQueries(request.queries);
    PreparedProbing probing;
    probing.transport = std::move(transport);
    probing.method = makeMethod(request.protocol, config);
    probing.ports.emplace(std::move(*reserved));
    probing.kind = Probing::Raw;
    return probing;
}

Expected<PreparedProbing> prepareUnprivilegedProbing(const TraceRequest &request,
                                                     const IpAddress &destination,
                                                     const RouteInfo &route,
                                                     ProbeObserver &observer)
{
    if (request.protocol == Protocol::Tcp && request.flows > 1)
        return Error{ErrorCode::NotSupported,
                     "multipath flows with TCP need raw sockets (CAP_NET_RAW): "
                     "without them every TCP probe has a source port of its own"};
    if (request.protocol == Protocol::Tcp)
        observer.notice("without raw sockets every TCP probe has a source port of its own, so load "
                        "balancers may send the probes of one TTL different ways");
    if (request.findPathMtu)
        return Error{ErrorCode::NotSupported,
                     "finding the path MTU needs raw sockets (CAP_NET_RAW, or the helper): "
                     "ordinary sockets cannot send packets of a chosen size unfragmented"};
    UnprivilegedConfig config;
    config.protocol = request.protocol;
    config.source = route.source;
    config.destination = destination;
    config.destinationPort = request.port.value_or(0);
    config.firstSourcePort = request.sourcePort.value_or(0);
    config.flows = request.flows;
    config.cookie = std::random_device()();
    config.trafficClass = request.trafficClass;
    auto transport = UnprivilegedTransport::open(config);
    if (!transport)
        return transport.error();
    PreparedProbing probing;
    probing.transport = std::move(*transport);
    probing.method = std::make_unique<UnprivilegedMethod>(config, request.maxTtl,
                                                          engineQueries(request.queries));
    probing.kind = Probing::Unprivileged;
    return probing;
}

// Raw sockets when this process may open them (unless the request says not to), ordinary
// sockets otherwise, with a notice that says so.
Expected<PreparedProbing> prepareProbing(const TraceRequest &request, const IpAddress &destination,
                                         const RouteInfo &route, ProbeObserver &observer,
                                         const ProbeEnvironment &environment)
{
    if (!request.unprivileged) {
        auto raw = (environment.openRaw ? environment.openRaw : openOwnRawSockets)(
            ProbedDestination{destination, request.port.value_or(0)}, request.protocol);
        if (raw)
            return prepareRawProbing(std::move(*raw), request, destination, route);
        if (raw.error().code != ErrorCode::PermissionDenied ||
            !environment.rawFallsBackToUnprivileged)
            return raw.error();
        observer.notice(
            "raw sockets are not allowed here (no CAP_NET_RAW): probing without privileges");
    } else {
        observer.notice("probing without privileges, as requested");
    }
    return prepareUnprivilegedProbing(request, destination, route, observer);
}

} // namespace

Expected<ProbeRun> runProbes(const TraceRequest &request, const IpAddress &destination,
                             ProbeObserver &observer, const CancelSignal &cancel,
                             const ProbeEnvironment &environment)
{
    if (request.findPathMtu) {
        const int smallest = destination.isV4() ? kMinMtuV4 : kMinMtuV6;
        if (request.probeSize < smallest || request.probeSize > kMaxProbeSize)
            return Error{ErrorCode::InvalidRequest,
                         "finding the path MTU needs a first probe size of " +
                             std::to_string(smallest) + " to " + std::to_string(kMaxProbeSize) +
                             " bytes (got " + std::to_string(request.probeSize) + ")"};
    }
    const auto route = routeTo(destination);
    if (!route)
        return route.error();
    ProbeRun run;
    run.summary.route = *route;
    run.summary.startedNs = realtimeNs();
    auto probing = prepareProbing(request, destination, *route, observer, environment);
    if (!probing)
        return probing.error();
    run.summary.probing = probing->kind;

    std::vector<TokenBucket *> buckets;
    std::optional<TokenBucket> requestRate;
    if (request.rate) {
        requestRate.emplace(*request.rate, burstForRate(*request.rate));
        buckets.push_back(&*requestRate);
    }
    if (environment.sharedRateLimit)
        buckets.push_back(environment.sharedRateLimit);
    PacedTransport paced(*probing->transport, buckets, cancel);

    EngineConfig engineConfig;
    engineConfig.maxTtl = request.maxTtl;
    engineConfig.queries = request.queries;
    engineConfig.flows = request.flows;
    engineConfig.timeoutNs = std::int64_t{request.timeoutMs} * 1'000'000;
    engineConfig.mode = request.mode;
    engineConfig.expectedEndTtl = std::min(request.expectedHops, request.maxTtl);
    engineConfig.answeredBefore = request.answeredTtls;
    engineConfig.budgetRefillNs = std::int64_t{request.budgetRefillMs} * 1'000'000;
    // Only a session's rounds are told of budgets; they have a whole interval to send in.
    if (request.budgetRefillMs > 0)
        engineConfig.probeGapNs = kPacedProbeGapNs;
    if (request.findPathMtu)
        engineConfig.probeSize = request.probeSize;
    auto outcome = runProbeEngine(engineConfig, *probing->method, paced, observer, cancel);
    if (!outcome)
        return outcome.error();
    if (outcome->cancelled)
        return Error{ErrorCode::Cancelled, "the trace was cancelled"};
    run.summary.lastTtl = outcome->lastTtl;
    run.summary.end = outcome->end;
    run.summary.endedNs = realtimeNs();
    run.summary.pathMtu = outcome->pathMtu;
    run.events = std::move(outcome->events);
    return run;
}

std::string_view pathEndName(PathEnd end)
{
    switch (end) {
    case PathEnd::NotReached:
        return "not-reached";
    case PathEnd::Destination:
        return "destination";
    case PathEnd::Unreachable:
        return "unreachable";
    }
    return "not-reached";
}

std::optional<PathEnd> parsePathEnd(std::string_view text)
{
    for (const PathEnd end : {PathEnd::NotReached, PathEnd::Destination, PathEnd::Unreachable})
        if (pathEndName(end) == text)
            return end;
    return std::nullopt;
}

} // namespace hopscope
