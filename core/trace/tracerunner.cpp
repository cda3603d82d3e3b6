#include "trace/tracerunner.h"

#include "common/safetext.h"
#include "common/uuid.h"
#include "probe/cancelsignal.h"
#include "probe/rawsockettransport.h"
#include "probe/icmpmethod.h"
#include "probe/pacedtransport.h"
#include "probe/tcpsynmethod.h"
#include "probe/udpmethod.h"
#include "probe/unprivileged.h"
#include "trace/network.h"
#include "trace/pathbuilder.h"
#include "trace/reversedns.h"
#include "version.h"

#include <algorithm>
#include <random>

namespace hopscope {

namespace {

constexpr std::chrono::milliseconds kReverseDnsBudget{2000};

Error invalid(const std::string &what) { return Error{"invalid-request", what}; }

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

Expected<std::unique_ptr<ProbeTransport>> openOwnRawSockets(IpAddress::Family family, Protocol protocol)
{
    auto transport = RawSocketTransport::open(family, protocol);
    if (!transport)
        return transport.error();
    return std::unique_ptr<ProbeTransport>(std::move(*transport));
}

// The sockets and probe method of one trace, and the ports held for it while it runs.
struct Probing
{
    std::unique_ptr<ProbeTransport> transport;
    std::unique_ptr<ProbeMethod> method;
    std::optional<ReservedPorts> ports;
    std::string name; // "raw" or "unprivileged", as the NetworkPath records it
};

Expected<Probing> prepareRawProbing(std::unique_ptr<ProbeTransport> transport, const TraceRequest &request,
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
    config.maxTtl = request.maxTtl;
    config.flows = request.flows;
    config.queries = request.queries;
    Probing probing;
    probing.transport = std::move(transport);
    probing.method = makeMethod(request.protocol, config);
    probing.ports.emplace(std::move(*reserved));
    probing.name = "raw";
    return probing;
}

Expected<Probing> prepareUnprivilegedProbing(const TraceRequest &request, const IpAddress &destination,
                                             const RouteInfo &route, ProbeObserver &observer)
{
    if (request.protocol == Protocol::Tcp && request.flows > 1)
        return Error{"not-supported", "multipath flows with TCP need raw sockets (CAP_NET_RAW): "
                                      "without them every TCP probe has a source port of its own"};
    if (request.protocol == Protocol::Tcp)
        observer.notice("without raw sockets every TCP probe has a source port of its own, so load "
                        "balancers may send the probes of one TTL different ways");
    UnprivilegedConfig config;
    config.protocol = request.protocol;
    config.source = route.source;
    config.destination = destination;
    config.destinationPort = request.port.value_or(0);
    config.firstSourcePort = request.sourcePort.value_or(0);
    config.flows = request.flows;
    config.cookie = std::random_device()();
    auto transport = UnprivilegedTransport::open(config);
    if (!transport)
        return transport.error();
    Probing probing;
    probing.transport = std::move(*transport);
    probing.method = std::make_unique<UnprivilegedMethod>(config, request.maxTtl, request.queries);
    probing.name = "unprivileged";
    return probing;
}

// Raw sockets when this process may open them (unless the request says not to), ordinary
// sockets otherwise, with a notice that says so.
Expected<Probing> prepareProbing(const TraceRequest &request, const IpAddress &destination,
                                 const RouteInfo &route, ProbeObserver &observer,
                                 const TraceEnvironment &environment)
{
    if (!request.unprivileged) {
        auto raw = (environment.openRaw ? environment.openRaw : openOwnRawSockets)(destination.family(),
                                                                                  request.protocol);
        if (raw)
            return prepareRawProbing(std::move(*raw), request, destination, route);
        if (raw.error().code != "permission-denied" || !environment.rawFallsBackToUnprivileged)
            return raw.error();
        observer.notice("raw sockets are not allowed here (no CAP_NET_RAW): probing without privileges");
    } else {
        observer.notice("probing without privileges, as requested");
    }
    return prepareUnprivilegedProbing(request, destination, route, observer);
}

} // namespace

Expected<TraceRequest> normaliseTraceRequest(TraceRequest request)
{
    if (request.target.empty())
        return invalid("no target given");
    // A host name has at most 253 characters; an address with its scope, fewer.
    if (request.target.size() > kMaxTargetLength)
        return invalid("the target is longer than a host name can be (" + std::to_string(kMaxTargetLength)
                       + " characters)");
    if (containsControlCharacter(request.target))
        return invalid("the target contains a control character");
    if (request.maxTtl < 1 || request.maxTtl > 255)
        return invalid("max TTL must be between 1 and 255 (got " + std::to_string(request.maxTtl) + ")");
    if (request.queries < 1 || request.queries > kMaxQueries)
        return invalid("queries must be between 1 and " + std::to_string(kMaxQueries) + " (got "
                       + std::to_string(request.queries) + ")");
    if (request.flows < 1 || request.flows > kMaxFlows)
        return invalid("flows must be between 1 and " + std::to_string(kMaxFlows) + " (got "
                       + std::to_string(request.flows) + ")");
    if (request.timeoutMs < kMinTimeoutMs || request.timeoutMs > kMaxTimeoutMs)
        return invalid("timeout must be between " + std::to_string(kMinTimeoutMs) + " and "
                       + std::to_string(kMaxTimeoutMs) + " ms (got "
                       + std::to_string(request.timeoutMs) + ")");
    if (request.rate && (*request.rate < 1 || *request.rate > kMaxProbeRate))
        return invalid("rate must be between 1 and " + std::to_string(kMaxProbeRate)
                       + " probes per second (got " + std::to_string(*request.rate) + ")");
    if (request.port && *request.port == 0)
        return invalid("port must be between 1 and 65535");
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

Expected<NetworkPath> runTrace(const TraceRequest &rawRequest, ProbeObserver &observer,
                               const CancelSignal &cancel, const TraceEnvironment &environment)
{
    const auto request = normaliseTraceRequest(rawRequest);
    if (!request)
        return request.error();
    if (environment.literalTargetsOnly && !IpAddress::parse(request->target))
        return invalid("the target must be an IPv4 or IPv6 address, not a host name");
    const auto destination = resolveTarget(request->target, request->family);
    if (!destination)
        return destination.error();
    const auto route = routeTo(*destination);
    if (!route)
        return route.error();
    TraceContext context;
    context.request = *request;
    context.startedMs = realtimeNs() / 1'000'000;
    context.destination = *destination;
    context.route = *route;
    context.sourceHostname = localHostname();
    context.pathId = makeUuidV4();
    context.toolVersion = kVersion;

    auto probing = prepareProbing(*request, *destination, *route, observer, environment);
    if (!probing)
        return probing.error();
    context.probing = probing->name;

    std::vector<TokenBucket *> buckets;
    std::optional<TokenBucket> requestRate;
    if (request->rate) {
        requestRate.emplace(*request->rate, burstForRate(*request->rate));
        buckets.push_back(&*requestRate);
    }
    if (environment.sharedRateLimit)
        buckets.push_back(environment.sharedRateLimit);
    PacedTransport paced(*probing->transport, buckets, cancel);

    EngineConfig engineConfig;
    engineConfig.maxTtl = request->maxTtl;
    engineConfig.queries = request->queries;
    engineConfig.flows = request->flows;
    engineConfig.timeoutNs = std::int64_t{request->timeoutMs} * 1'000'000;
    engineConfig.mode = request->mode;

    const auto outcome =
        runProbeEngine(engineConfig, *probing->method, paced, observer, cancel);
    if (!outcome)
        return outcome.error();
    if (outcome->cancelled)
        return Error{"cancelled", "the trace was cancelled"};

    NetworkPath path = buildNetworkPath(context, *outcome);
    if (request->resolveHostnames && !environment.literalTargetsOnly)
        addHostnames(path);
    return path;
}

void addHostnames(NetworkPath &path)
{
    nameNetworkPath(path, reverseLookupAll(addressesToName(path), kReverseDnsBudget));
}

} // namespace hopscope
