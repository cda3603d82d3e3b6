// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "report/redaction.h"

#include "packet/ipaddress.h"

#include <array>
#include <map>
#include <set>

namespace hopscope {

namespace {

class Masker
{
public:
    explicit Masker(const Redaction &redaction) : m_redaction(redaction) {}

    // Learns a path's destination (never hidden) and, when the first hops are hidden, the
    // routers met there: those are hidden everywhere they appear, in every path of the report.
    void learn(const NetworkPath &path)
    {
        m_destinations.insert(path.destination.ipAddress);
        if (m_redaction.firstHops <= 0)
            return;
        for (const PathHop &hop : path.hops)
            if (hop.ttl <= m_redaction.firstHops && hop.reachable)
                m_early.insert(hop.ipAddress);
        if (path.hopscope)
            for (const ProbeSample &probe : path.hopscope->probes)
                if (probe.ttl <= m_redaction.firstHops && !probe.responder.empty())
                    m_early.insert(probe.responder);
        if (path.hopscope && path.hopscope->monitor)
            for (const MonitorHop &hop : path.hopscope->monitor->hops)
                if (hop.ttl <= m_redaction.firstHops && !hop.responder.empty())
                    m_early.insert(hop.responder);
    }

    bool hides(const std::string &address) const
    {
        if (address.empty() || m_destinations.contains(address) ||
            address.rfind("unknown_hop_", 0) == 0)
            return false;
        return m_early.contains(address) || (m_redaction.privateHops && isPrivateAddress(address));
    }

    // Rewrites `address` in place when hidden; true when it did.
    bool mask(std::string &address)
    {
        if (!hides(address))
            return false;
        auto [it, added] = m_names.try_emplace(address, std::string());
        if (added)
            it->second = "hidden-" + std::to_string(m_names.size());
        address = it->second;
        return true;
    }

    void maskAll(std::vector<std::string> &addresses)
    {
        for (std::string &address : addresses)
            mask(address);
    }

    // What a router quoted: the source it saw behind a NAT is the user's own outside address,
    // hidden with the source (as the unspecified address, which the report calls hidden); an
    // interface address goes when its router's would.
    void maskQuote(std::optional<ProbeQuote> &quote) const
    {
        if (!quote)
            return;
        if (m_redaction.source && quote->source) {
            const std::array<std::uint8_t, 16> zeros{};
            quote->source =
                quote->source->isV4() ? IpAddress::v4(zeros.data()) : IpAddress::v6(zeros.data());
        }
        for (InterfaceInformation &interface : quote->interfaces)
            if (interface.address && hides(interface.address->toString()))
                interface.address.reset();
    }

private:
    Redaction m_redaction;
    std::set<std::string> m_destinations;
    std::set<std::string> m_early;
    std::map<std::string, std::string> m_names;
};

} // namespace

bool isPrivateAddress(std::string_view text)
{
    const auto address = IpAddress::parse(text);
    if (!address)
        return false;
    const std::uint8_t *b = address->data();
    if (address->isV4())
        return b[0] == 10 || b[0] == 127 || (b[0] == 172 && (b[1] & 0xf0) == 16) ||
               (b[0] == 192 && b[1] == 168) || (b[0] == 100 && (b[1] & 0xc0) == 64) ||
               (b[0] == 169 && b[1] == 254);
    bool loopback = b[15] == 1;
    for (int i = 0; i < 15; ++i)
        loopback = loopback && b[i] == 0;
    return (b[0] & 0xfe) == 0xfc || (b[0] == 0xfe && (b[1] & 0xc0) == 0x80) || loopback;
}

namespace {

NetworkPath redactWith(Masker &masker, const NetworkPath &path, const Redaction &redaction)
{
    NetworkPath result = path;
    if (redaction.source) {
        result.source = PathSource{};
        result.source.hostname = "hidden";
    }
    for (PathHop &hop : result.hops)
        if (masker.mask(hop.ipAddress))
            hop.hostname = hop.ipAddress;
    if (!result.hopscope)
        return result;
    for (ProbeSample &probe : result.hopscope->probes) {
        masker.mask(probe.responder);
        masker.maskQuote(probe.quote);
    }
    if (MonitorSummary *monitor = result.hopscope->monitor ? &*result.hopscope->monitor : nullptr) {
        for (MonitorHop &hop : monitor->hops) {
            if (masker.mask(hop.responder))
                hop.hostname.clear();
            masker.maskQuote(hop.quote);
        }
        for (RouteChange &change : monitor->routeChanges) {
            masker.maskAll(change.before);
            masker.maskAll(change.after);
        }
        for (MonitorHistoryBucket &bucket : monitor->history)
            masker.mask(bucket.responder);
    }
    return result;
}

} // namespace

NetworkPath redactPath(const NetworkPath &path, const Redaction &redaction)
{
    return redactPaths({path}, redaction).front();
}

std::vector<NetworkPath> redactPaths(const std::vector<NetworkPath> &paths,
                                     const Redaction &redaction)
{
    Masker masker(redaction);
    for (const NetworkPath &path : paths)
        masker.learn(path);
    std::vector<NetworkPath> result;
    for (const NetworkPath &path : paths)
        result.push_back(redactWith(masker, path, redaction));
    return result;
}

} // namespace hopscope
