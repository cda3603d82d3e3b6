// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "import/formats/formats.h"

#include "common/jsonfields.h"
#include "import/importsupport.h"

#include <map>

namespace hopscope::formats {

namespace {

using namespace importsupport;
using jsonfields::ObjectView;

bool isAtlasResult(const nlohmann::json &value)
{
    return value.is_object() && value.contains("result") && value.contains("prb_id") &&
           (value.contains("dst_addr") || value.contains("dst_name"));
}

Protocol protocolOf(const ObjectView &result)
{
    const std::string proto = result.optionalString("proto").value_or("UDP");
    if (proto == "ICMP")
        return Protocol::Icmp;
    if (proto == "TCP")
        return Protocol::Tcp;
    return Protocol::Udp;
}

// The MPLS label stack of a reply's ICMP extensions (RFC 4950: class 1, type 1).
std::vector<MplsLabel> mplsLabels(const ObjectView &reply)
{
    std::vector<MplsLabel> stack;
    const auto extensions = reply.optionalObject("icmpext");
    const auto objects = extensions ? extensions->optionalArray("obj") : std::nullopt;
    for (std::size_t i = 0; objects && i < objects->size(); ++i) {
        const ObjectView object = objects->objectAt(i);
        if (object.optionalInteger("class", 0, 255) != 1 ||
            object.optionalInteger("type", 0, 255) != 1)
            continue;
        const auto entries = object.optionalArray("mpls");
        for (std::size_t e = 0; entries && e < entries->size() && stack.size() < 64; ++e) {
            stack.push_back(mplsEntryOf(entries->objectAt(e), {"label", "exp", "s", "ttl", false}));
        }
    }
    return stack;
}

// The letter a probe writes for a destination-unreachable code (the probes' traceroute.c):
// ICMP's N 0, H 1, P 2, p 3 (port, for ICMP probes) and A 13; ICMPv6's N 0, A 1, h 2 (beyond
// scope) and H 3 (address unreachable). Other codes are written as numbers.
std::optional<int> atlasUnreachableCode(const std::string &letter, bool v6)
{
    static const std::map<std::string, int> v4Codes{
        {"N", 0}, {"H", 1}, {"P", 2}, {"p", 3}, {"A", 13}};
    static const std::map<std::string, int> v6Codes{{"N", 0}, {"A", 1}, {"h", 2}, {"H", 3}};
    const auto &codes = v6 ? v6Codes : v4Codes;
    const auto found = codes.find(letter);
    return found == codes.end() ? std::nullopt : std::optional<int>(found->second);
}

// What a router's error quoted, as far as the reply tells it: the probe's TTL when it was not 1
// ("ittl"), its TOS byte when not 0 ("itos"), the next-hop MTU of a packet too big ("mtu") and
// the label stack of its extensions. Nothing when the reply tells none of them.
std::optional<ProbeQuote> quoteOf(const ObjectView &reply, const std::vector<MplsLabel> &labels)
{
    const auto quotedTtl = reply.optionalInteger("ittl", 0, 255);
    const auto quotedTos = reply.optionalInteger("itos", 0, 255);
    const auto mtu = reply.optionalInteger("mtu", 0, 65'535);
    if (!quotedTtl && !quotedTos && !mtu && labels.empty())
        return std::nullopt;
    ProbeQuote quote;
    quote.ttl = static_cast<std::uint8_t>(quotedTtl.value_or(1));
    quote.trafficClass = static_cast<std::uint8_t>(quotedTos.value_or(0));
    if (mtu)
        quote.nextHopMtu = static_cast<std::uint32_t>(*mtu);
    quote.mpls = labels;
    return quote;
}

// One traceroute result: {af, dst_addr, dst_name, from, src_addr, proto, timestamp, prb_id,
// result: [{hop, result: [{from, rtt, ttl, size, err, ittl, itos, mtu, icmpext} | {x: "*"}]} |
// {error}]}.
NetworkPath readResult(const ObjectView &result)
{
    ProbePathBuilder builder(protocolOf(result));
    NetworkPath &path = builder.path();
    path.destination.hostname = result.optionalString("dst_name").value_or("");
    path.destination.ipAddress = result.optionalString("dst_addr").value_or("");
    // The probe's public address, else the address it sent from.
    path.source.hostname = result.optionalString("from").value_or("");
    if (path.source.hostname.empty())
        path.source.hostname = result.optionalString("src_addr").value_or("");
    if (const auto probe = result.optionalInteger("prb_id", 0, 1'000'000'000))
        path.source.service = "RIPE Atlas probe " + std::to_string(*probe);
    if (const auto seconds = result.optionalInteger("timestamp", 0, 32'503'680'000))
        path.timestampMs = *seconds * 1000;
    const auto hops = result.requiredArray("result");
    for (std::size_t i = 0; i < hops.size(); ++i) {
        const ObjectView hop = hops.objectAt(i);
        const auto number = hop.optionalInteger("hop", 1, 255);
        if (!number)
            continue; // {"error": "..."}: the measurement did not run
        const int ttl = static_cast<int>(*number);
        const auto replies = hop.optionalArray("result");
        if (!replies) {
            builder.addTimeout(ttl);
            continue;
        }
        for (std::size_t r = 0; r < replies->size(); ++r) {
            const ObjectView reply = replies->objectAt(r);
            const auto from = reply.optionalString("from");
            if (!from || from->empty() || reply.has("x")) {
                builder.addTimeout(ttl);
                continue;
            }
            const auto address = addressAsWritten(*from);
            if (!address)
                jsonfields::fail(ErrorCode::InvalidImport, reply.pointerTo("from"),
                                 "'" + *from + "' is not an IP address");
            std::optional<int> type;
            std::optional<int> code;
            if (const nlohmann::json *err = reply.find("err")) {
                const bool v6 = address->find(':') != std::string::npos;
                type = v6 ? 1 : 3;
                if (err->is_number_integer())
                    code = err->get<int>();
                else if (err->is_string())
                    code = atlasUnreachableCode(err->get<std::string>(), v6);
                if (!code)
                    type.reset();
            }
            auto labels = mplsLabels(reply);
            const auto replyTtl = reply.optionalInteger("ttl", 0, 255);
            builder.addReply(ttl, *address, reply.optionalNumber("rtt", 0.0, 3'600'000.0), type,
                             code, replyTtl ? std::optional<int>(*replyTtl) : std::nullopt,
                             quoteOf(reply, labels));
            builder.describeResponder(ttl, *address, labels);
        }
    }
    NetworkPath built = builder.build();
    if (built.destination.ipAddress == built.destination.hostname &&
        !addressAsWritten(built.destination.ipAddress))
        built.destination.ipAddress.clear(); // a name that was never resolved
    return built;
}

// RIPE Atlas traceroute results as the API gives them: one result, or an array of many probes'.
class RipeAtlasFormat final : public PathFormat
{
public:
    std::string_view id() const override { return "ripe-atlas"; }
    std::string_view description() const override { return "RIPE Atlas traceroute results"; }
    int recognise(const ImportText &text) const override
    {
        const nlohmann::json *document = text.json();
        if (!document)
            return 0;
        if (isAtlasResult(*document))
            return 95;
        if (document->is_array() && !document->empty() && isAtlasResult(document->front()))
            return 95;
        return 0;
    }
    Expected<std::vector<NetworkPath>> read(const ImportText &text) const override
    {
        if (!text.json())
            return Error{ErrorCode::NotJson, "RIPE Atlas: not a JSON document"};
        const nlohmann::json &document = *text.json();
        auto paths = jsonfields::readFields([&document] {
            std::vector<NetworkPath> all;
            if (document.is_object()) {
                all.push_back(readResult(ObjectView(document, "")));
                return all;
            }
            const jsonfields::ArrayView results(document, "");
            if (results.size() == 0)
                jsonfields::fail(ErrorCode::InvalidImport, "", "an empty list of results");
            if (results.size() > kMaxPathsPerFile)
                jsonfields::fail(ErrorCode::InvalidImport, "",
                                 "at most " + std::to_string(kMaxPathsPerFile) + " results");
            for (std::size_t i = 0; i < results.size(); ++i)
                all.push_back(readResult(results.objectAt(i)));
            return all;
        });
        if (!paths)
            return Error{paths.error().code, "RIPE Atlas: " + paths.error().message};
        return paths;
    }
};

} // namespace

std::unique_ptr<PathFormat> ripeAtlas()
{
    return std::make_unique<RipeAtlasFormat>();
}

} // namespace hopscope::formats
