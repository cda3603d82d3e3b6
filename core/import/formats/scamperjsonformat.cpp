// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "import/formats/formats.h"

#include "common/jsonfields.h"
#include "import/importsupport.h"
#include "path/networkpathjson.h"

#include <map>

namespace hopscope::formats {

namespace {

using namespace importsupport;
using jsonfields::ObjectView;

Protocol protocolOfMethod(const std::string &method)
{
    if (startsWith(method, "udp"))
        return Protocol::Udp;
    if (startsWith(method, "tcp"))
        return Protocol::Tcp;
    return Protocol::Icmp;
}

// What every record says of the path: the method, the destination, the source and the start.
ProbePathBuilder startPath(const ObjectView &record)
{
    ProbePathBuilder builder(protocolOfMethod(record.optionalString("method").value_or("")));
    NetworkPath &path = builder.path();
    path.destination.ipAddress = requiredAddress(record, "dst");
    path.source.hostname = record.optionalString("src").value_or("");
    if (const auto start = record.optionalObject("start"))
        if (const auto seconds = start->optionalInteger("sec", 0, 32'503'680'000))
            path.timestampMs =
                *seconds * 1000 + start->optionalInteger("usec", 0, 999'999).value_or(0) / 1000;
    return builder;
}

// A `trace` record: hops[] lists the replies; every TTL from firsthop to hop_count was probed.
NetworkPath readTrace(const ObjectView &record)
{
    ProbePathBuilder builder = startPath(record);
    const int first = static_cast<int>(record.optionalInteger("firsthop", 1, 255).value_or(1));
    const int last = static_cast<int>(record.optionalInteger("hop_count", 0, 255).value_or(0));
    std::map<int, bool> answered;
    if (const auto hops = record.optionalArray("hops"))
        for (std::size_t i = 0; i < hops->size(); ++i) {
            const ObjectView hop = hops->objectAt(i);
            const int ttl = static_cast<int>(hop.requiredInteger("probe_ttl", 1, 255));
            std::optional<int> type;
            std::optional<int> code;
            if (const auto t = hop.optionalInteger("icmp_type", 0, 255)) {
                type = static_cast<int>(*t);
                code = static_cast<int>(hop.optionalInteger("icmp_code", 0, 255).value_or(0));
            }
            builder.addReply(ttl, requiredAddress(hop, "addr"),
                             hop.optionalNumber("rtt", 0.0, 3'600'000.0), type, code);
            answered[ttl] = true;
        }
    for (int ttl = first; ttl <= last; ++ttl)
        if (!answered[ttl])
            builder.addTimeout(ttl);
    return builder.build();
}

// A `tracelb` record (MDA): nodes, each with the link that leads from it to the next node: one
// array per TTL past the node, holding the hops seen there ("*" for flows nobody answered).
NetworkPath readTracelb(const ObjectView &record)
{
    ProbePathBuilder builder = startPath(record);
    const int first = static_cast<int>(record.optionalInteger("firsthop", 1, 255).value_or(1));
    std::map<std::string, int> ttlOf;
    const auto nodes = record.requiredArray("nodes");
    for (std::size_t n = 0; n < nodes.size(); ++n) {
        const ObjectView node = nodes.objectAt(n);
        const std::string address = requiredAddress(node, "addr");
        auto known = ttlOf.find(address);
        if (known == ttlOf.end()) {
            known = ttlOf.emplace(address, n == 0 ? first : 0).first;
            if (n == 0)
                builder.addReply(first, address, std::nullopt);
        }
        const int nodeTtl = known->second;
        const auto links = node.optionalArray("links");
        if (!links || nodeTtl == 0)
            continue;
        for (std::size_t l = 0; l < links->size(); ++l) {
            const jsonfields::ArrayView hops((*node.find("links"))[l],
                                             jsonfields::childPointer(links->pointer(), l));
            for (std::size_t h = 0; h < hops.size(); ++h) {
                const ObjectView hop = hops.objectAt(h);
                const std::string text = hop.requiredString("addr");
                int ttl = nodeTtl + static_cast<int>(l) + 1;
                const auto probes = hop.optionalArray("probes");
                if (probes && probes->size() > 0)
                    ttl = static_cast<int>(probes->objectAt(0).requiredInteger("ttl", 1, 255));
                if (ttl > kMaxImportedTtl)
                    continue;
                if (text == "*") {
                    builder.addTimeout(ttl);
                    continue;
                }
                const std::string responder = requiredAddress(hop, "addr");
                ttlOf.emplace(responder, ttl);
                bool replied = false;
                for (std::size_t p = 0; probes && p < probes->size(); ++p) {
                    const ObjectView probe = probes->objectAt(p);
                    const auto replies = probe.optionalArray("replies");
                    if (!replies || replies->size() == 0) {
                        builder.addTimeout(ttl);
                        continue;
                    }
                    for (std::size_t r = 0; r < replies->size(); ++r) {
                        builder.addReply(
                            ttl, responder,
                            replies->objectAt(r).optionalNumber("rtt", 0.0, 3'600'000.0));
                        replied = true;
                    }
                }
                if (!replied)
                    builder.addReply(ttl, responder, std::nullopt);
            }
        }
    }
    return builder.build();
}

// scamper's JSON (sc_warts2json, or scamper -O json): one JSON object per line; `trace` and
// `tracelb` records are paths, the others (cycle-start, cycle-stop, a collector's metadata) are
// not.
class ScamperJsonFormat final : public PathFormat
{
public:
    std::string_view id() const override { return "scamper-json"; }
    std::string_view description() const override { return "scamper JSON (trace, tracelb)"; }
    int recognise(const ImportText &text) const override
    {
        for (std::string_view line : text.lines()) {
            line = trimmed(line);
            if (!startsWith(line, "{"))
                continue;
            if (line.find("\"type\":\"trace") != std::string_view::npos ||
                line.find("\"type\": \"trace") != std::string_view::npos ||
                line.find("\"type\":\"cycle-start\"") != std::string_view::npos ||
                line.find("\"type\": \"cycle-start\"") != std::string_view::npos)
                return 90;
        }
        return 0;
    }
    Expected<std::vector<NetworkPath>> read(const ImportText &text) const override
    {
        std::vector<NetworkPath> paths;
        int lineNumber = 0;
        for (std::string_view line : text.lines()) {
            ++lineNumber;
            if (trimmed(line).empty())
                continue;
            auto document = jsonfields::parseBounded(line, kNetworkPathJsonLimits);
            if (!document)
                return lineError("scamper JSON", lineNumber, document.error().message);
            if (!document->is_object())
                return lineError("scamper JSON", lineNumber, "expected a JSON object");
            const auto type = document->find("type");
            if (type == document->end() || !type->is_string())
                continue; // a collector's own metadata line
            const std::string kind = type->get<std::string>();
            if (kind != "trace" && kind != "tracelb")
                continue;
            auto path = jsonfields::readFields([&] {
                const ObjectView record(*document, "");
                return kind == "trace" ? readTrace(record) : readTracelb(record);
            });
            if (!path)
                return lineError("scamper JSON", lineNumber, path.error().message);
            if (paths.size() >= kMaxPathsPerFile)
                return lineError("scamper JSON", lineNumber, "too many traces in one file");
            paths.push_back(std::move(*path));
        }
        if (paths.empty())
            return Error{ErrorCode::InvalidImport,
                         "scamper JSON: no trace or tracelb record in the file"};
        return paths;
    }
};

} // namespace

std::unique_ptr<PathFormat> scamperJson()
{
    return std::make_unique<ScamperJsonFormat>();
}

} // namespace hopscope::formats
