#include "report/redaction.h"

#include "packet/ipaddress.h"

#include <map>
#include <set>

namespace hopscope {

namespace {

class Masker
{
public:
    Masker(const NetworkPath &path, const Redaction &redaction)
        : m_redaction(redaction), m_destination(path.destination.ipAddress)
    {
        if (redaction.firstHops <= 0)
            return;
        // A router met within the first hops is hidden everywhere it appears.
        for (const PathHop &hop : path.hops)
            if (hop.ttl <= redaction.firstHops && hop.reachable)
                m_early.insert(hop.ipAddress);
        if (path.hopscope)
            for (const ProbeSample &probe : path.hopscope->probes)
                if (probe.ttl <= redaction.firstHops && !probe.responder.empty())
                    m_early.insert(probe.responder);
        if (path.hopscope && path.hopscope->monitor)
            for (const MonitorHop &hop : path.hopscope->monitor->hops)
                if (hop.ttl <= redaction.firstHops && !hop.responder.empty())
                    m_early.insert(hop.responder);
    }

    bool hides(const std::string &address) const
    {
        if (address.empty() || address == m_destination || address.rfind("unknown_hop_", 0) == 0)
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

private:
    Redaction m_redaction;
    std::string m_destination;
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
        return b[0] == 10 || b[0] == 127 || (b[0] == 172 && (b[1] & 0xf0) == 16) || (b[0] == 192 && b[1] == 168)
               || (b[0] == 100 && (b[1] & 0xc0) == 64) || (b[0] == 169 && b[1] == 254);
    bool loopback = b[15] == 1;
    for (int i = 0; i < 15; ++i)
        loopback = loopback && b[i] == 0;
    return (b[0] & 0xfe) == 0xfc || (b[0] == 0xfe && (b[1] & 0xc0) == 0x80) || loopback;
}

NetworkPath redactPath(const NetworkPath &path, const Redaction &redaction)
{
    NetworkPath result = path;
    if (redaction.source) {
        result.source = PathSource{};
        result.source.hostname = "hidden";
    }
    Masker masker(path, redaction);
    for (PathHop &hop : result.hops)
        if (masker.mask(hop.ipAddress))
            hop.hostname = hop.ipAddress;
    if (!result.hopscope)
        return result;
    for (ProbeSample &probe : result.hopscope->probes)
        masker.mask(probe.responder);
    if (MonitorSummary *monitor = result.hopscope->monitor ? &*result.hopscope->monitor : nullptr) {
        for (MonitorHop &hop : monitor->hops)
            if (masker.mask(hop.responder))
                hop.hostname.clear();
        for (RouteChange &change : monitor->routeChanges) {
            masker.maskAll(change.before);
            masker.maskAll(change.after);
        }
        for (MonitorHistoryBucket &bucket : monitor->history)
            masker.mask(bucket.responder);
    }
    return result;
}

} // namespace hopscope
