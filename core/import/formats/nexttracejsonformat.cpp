// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "import/formats/formats.h"

#include "common/jsonfields.h"
#include "import/importsupport.h"

#include <cstdio>

namespace hopscope::formats {

namespace {

using namespace importsupport;
using jsonfields::ObjectView;

// NextTrace's "[MPLS: Lbl 100, TC 0, S 1, TTL 63]".
std::optional<MplsLabel> mplsEntry(const std::string &text)
{
    unsigned label = 0;
    int trafficClass = 0;
    int bottom = 0;
    int ttl = 0;
    int consumed = 0;
    if (std::sscanf(text.c_str(), "[MPLS: Lbl %u, TC %d, S %d, TTL %d]%n", &label, &trafficClass,
                    &bottom, &ttl, &consumed) != 4 ||
        static_cast<std::size_t>(consumed) != text.size() || label > 0xFFFFF || trafficClass < 0 ||
        trafficClass > 7 || bottom < 0 || bottom > 1 || ttl < 0 || ttl > 255)
        return std::nullopt;
    return MplsLabel{label, trafficClass, bottom == 1, ttl};
}

// The AS number NextTrace's geolocation gave: "64500" or "AS64500"; anything else is none.
std::optional<std::uint32_t> geoAsn(const ObjectView &hop)
{
    const auto geo = hop.optionalObject("Geo");
    if (!geo || !geo->find("asnumber") || !geo->find("asnumber")->is_string())
        return std::nullopt;
    std::string text = geo->requiredString("asnumber");
    if (startsWith(text, "AS"))
        text.erase(0, 2);
    if (text.empty() || text.size() > 10 ||
        text.find_first_not_of("0123456789") != std::string::npos)
        return std::nullopt;
    const unsigned long long value = std::stoull(text);
    if (value > 0xFFFFFFFFull)
        return std::nullopt;
    return static_cast<std::uint32_t>(value);
}

// nexttrace --json: Hops is one array per TTL of the probes sent at it, each with Success, the
// responder's Address {IP, Zone}, Hostname, TTL, RTT in nanoseconds, the geolocation (Geo) and
// the MPLS labels as text. The target is not written; StopReason, when present, says whether the
// last hop reached it.
NetworkPath nextTraceFromJson(const nlohmann::json &document)
{
    const ObjectView root(document, "");
    const auto groups = root.requiredArray("Hops");
    if (groups.size() > static_cast<std::size_t>(kMaxImportedTtl))
        jsonfields::fail(ErrorCode::InvalidImport, groups.pointer(), "at most 255 TTLs");
    ProbePathBuilder builder(Protocol::Icmp);
    std::string lastResponder;
    int lastTtl = 0;
    for (std::size_t g = 0; g < groups.size(); ++g) {
        const jsonfields::ArrayView probes((*root.find("Hops"))[g],
                                           jsonfields::childPointer(groups.pointer(), g));
        if (probes.size() > static_cast<std::size_t>(kMaxProbesPerTtl))
            jsonfields::fail(ErrorCode::InvalidImport, probes.pointer(), "too many probes");
        for (std::size_t p = 0; p < probes.size(); ++p) {
            const ObjectView probe = probes.objectAt(p);
            const int ttl = static_cast<int>(
                probe.optionalInteger("TTL", 1, kMaxImportedTtl).value_or(static_cast<int>(g) + 1));
            const auto address = probe.optionalObject("Address");
            if (!probe.optionalBool("Success").value_or(false) || !address) {
                builder.addTimeout(ttl);
                continue;
            }
            const std::string responder = requiredAddress(*address, "IP");
            const auto rttNs = probe.optionalNumber("RTT", 0.0, 3.6e12);
            builder.addReply(ttl, responder,
                             rttNs ? std::optional<double>(*rttNs / 1e6) : std::nullopt);
            builder.nameResponder(responder, probe.optionalString("Hostname").value_or(""));
            std::vector<MplsLabel> labels;
            if (const auto mpls = probe.optionalArray("MPLS"))
                for (std::size_t m = 0; m < mpls->size(); ++m)
                    if (const auto label = mplsEntry(mpls->stringAt(m)))
                        labels.push_back(*label);
            builder.describeResponder(ttl, responder, labels, geoAsn(probe));
            if (ttl >= lastTtl) {
                lastTtl = ttl;
                lastResponder = responder;
            }
        }
    }
    if (builder.probeCount() == 0)
        jsonfields::fail(ErrorCode::InvalidImport, groups.pointer(), "no probes");
    if (const auto stop = root.optionalObject("StopReason")) {
        const std::string reason = stop->optionalString("reason").value_or("");
        if (reason == "destination_reached" || reason == "destination")
            builder.path().destination.ipAddress = lastResponder;
    }
    return builder.build();
}

class NextTraceJsonFormat final : public PathFormat
{
public:
    std::string_view id() const override { return "nexttrace-json"; }
    std::string_view description() const override { return "nexttrace --json"; }
    int recognise(const ImportText &text) const override
    {
        const nlohmann::json *document = text.json();
        if (!document || !document->is_object())
            return 0;
        const auto hops = document->find("Hops");
        return hops != document->end() && hops->is_array() ? 90 : 0;
    }
    Expected<std::vector<NetworkPath>> read(const ImportText &text) const override
    {
        return readJsonPath(text, "nexttrace --json", nextTraceFromJson);
    }
};

} // namespace

std::unique_ptr<PathFormat> nextTraceJson()
{
    return std::make_unique<NextTraceJsonFormat>();
}

} // namespace hopscope::formats
