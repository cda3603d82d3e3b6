// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "import/formats/formats.h"

#include "common/jsonfields.h"
#include "import/importsupport.h"

#include <cmath>

namespace hopscope::formats {

namespace {

using namespace importsupport;
using jsonfields::ObjectView;

// Dublin Traceroute's JSON: {"flows": {"<destination port>": [probe, ...]}}, each probe with
// what was sent (sent.ip.ttl, sent.ip.dst, a timestamp) and what came back (received.ip.src,
// ICMP type and code) or null, and rtt_usec. Every flow is one path through the load
// balancers; together they are one path with several responders per TTL.
NetworkPath readDublin(const nlohmann::json &document)
{
    const ObjectView root(document, "");
    const ObjectView flows = root.requiredObject("flows");
    ProbePathBuilder builder(Protocol::Udp);
    NetworkPath &path = builder.path();
    for (const auto &[port, probesValue] : document.at("flows").items()) {
        const jsonfields::ArrayView probes(probesValue, flows.pointerTo(port));
        for (std::size_t i = 0; i < probes.size(); ++i) {
            const ObjectView probe = probes.objectAt(i);
            const ObjectView sent = probe.requiredObject("sent");
            const ObjectView sentIp = sent.requiredObject("ip");
            const int ttl = static_cast<int>(sentIp.requiredInteger("ttl", 1, 255));
            if (path.destination.ipAddress.empty()) {
                path.destination.ipAddress = requiredAddress(sentIp, "dst");
                path.source.hostname = sentIp.optionalString("src").value_or("");
                if (const auto udp = sent.optionalObject("udp"))
                    if (const auto dport = udp->optionalInteger("dport", 1, 65535))
                        path.destination.port = static_cast<std::uint16_t>(*dport);
                if (const auto stamp = sent.optionalString("timestamp"))
                    if (const auto seconds = number(*stamp))
                        path.timestampMs = static_cast<std::int64_t>(std::llround(*seconds * 1000));
            }
            const auto received = probe.optionalObject("received");
            if (!received) {
                builder.addTimeout(ttl);
                continue;
            }
            const std::string responder = requiredAddress(received->requiredObject("ip"), "src");
            std::optional<int> type;
            std::optional<int> code;
            if (const auto icmp = received->optionalObject("icmp")) {
                type = static_cast<int>(icmp->optionalInteger("type", 0, 255).value_or(0));
                code = static_cast<int>(icmp->optionalInteger("code", 0, 255).value_or(0));
            }
            const auto microseconds = probe.optionalNumber("rtt_usec", 0.0, 3.6e9);
            builder.addReply(ttl, responder,
                             microseconds ? std::optional(*microseconds / 1000.0) : std::nullopt,
                             type, code);
            if (const auto name = probe.optionalString("name"))
                builder.nameResponder(responder, *name);
        }
    }
    return builder.build();
}

class DublinTracerouteFormat final : public PathFormat
{
public:
    std::string_view id() const override { return "dublin-traceroute"; }
    std::string_view description() const override { return "Dublin Traceroute JSON"; }
    int recognise(const ImportText &text) const override
    {
        const nlohmann::json *document = text.json();
        return document && document->is_object() && document->contains("flows") ? 90 : 0;
    }
    Expected<std::vector<NetworkPath>> read(const ImportText &text) const override
    {
        return readJsonPath(text, "Dublin Traceroute", readDublin);
    }
};

} // namespace

std::unique_ptr<PathFormat> dublinTraceroute()
{
    return std::make_unique<DublinTracerouteFormat>();
}

} // namespace hopscope::formats
