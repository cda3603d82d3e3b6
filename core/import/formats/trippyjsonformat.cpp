// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "import/formats/formats.h"

#include "common/jsonfields.h"
#include "common/safetext.h"
#include "import/importsupport.h"
#include "packet/ipaddress.h"

#include <cmath>

namespace hopscope::formats {

namespace {

using namespace importsupport;

using jsonfields::ObjectView;

// Trippy writes its figures as text with two decimals ("0.05"); a number is taken as well.
double trippyFigure(const ObjectView &object, std::string_view key)
{
    const nlohmann::json *value = object.find(key);
    if (!value)
        jsonfields::fail(ErrorCode::MissingField, object.pointerTo(key),
                         "required field is missing");
    std::optional<double> parsed;
    if (value->is_number())
        parsed = value->get<double>();
    else if (value->is_string())
        parsed = number(value->get_ref<const std::string &>());
    if (!parsed || !std::isfinite(*parsed) || *parsed < 0)
        jsonfields::fail(ErrorCode::InvalidImport, object.pointerTo(key),
                         "expected a figure of at least 0 (found " +
                             jsonfields::describeType(*value) + ")");
    return *parsed;
}

// The label stack of a hop's `extensions` (Trippy 0.9.0 on): [{"mpls": {"members": [{"label",
// "exp", "bos", "ttl"}]}} | {"unknown": {"class_num", "class_subtype", "bytes"}}]. An unknown
// object has no place on a hop and is passed over.
std::vector<MplsLabel> trippyLabels(const ObjectView &hop)
{
    std::vector<MplsLabel> stack;
    const auto extensions = hop.optionalArray("extensions");
    for (std::size_t i = 0; extensions && i < extensions->size(); ++i) {
        const auto mpls = extensions->objectAt(i).optionalObject("mpls");
        const auto members = mpls ? std::optional(mpls->requiredArray("members")) : std::nullopt;
        for (std::size_t m = 0; members && m < members->size() && stack.size() < 64; ++m) {
            stack.push_back(
                mplsEntryOf(members->objectAt(m), {"label", "exp", "bos", "ttl", true}));
        }
    }
    return stack;
}

NetworkPath trippyFromJson(const nlohmann::json &document)
{
    const ObjectView root(document, "");
    const ObjectView info = root.requiredObject("info");
    const ObjectView target = info.requiredObject("target");
    const auto hops = root.requiredArray("hops");
    if (hops.size() > static_cast<std::size_t>(kMaxImportedTtl))
        jsonfields::fail(ErrorCode::InvalidImport, hops.pointer(), "at most 255 hops");
    NetworkPath path;
    path.protocol = Protocol::Icmp;
    path.destination.ipAddress = requiredAddress(target, "ip");
    path.destination.hostname =
        target.optionalString("hostname").value_or(path.destination.ipAddress);
    // Trippy writes when the trace started since 0.13.0.
    if (const auto started = info.optionalString("start_timestamp")) {
        const auto milliseconds = utcMilliseconds(*started);
        if (!milliseconds)
            jsonfields::fail(ErrorCode::InvalidImport, info.pointerTo("start_timestamp"),
                             "expected a UTC time such as 2025-05-04T09:50:10Z");
        path.timestampMs = *milliseconds;
    }
    MonitorSummary summary;
    int previous = 0;
    for (std::size_t i = 0; i < hops.size(); ++i) {
        const ObjectView hop = hops.objectAt(i);
        const int ttl = static_cast<int>(hop.requiredInteger("ttl", 1, kMaxImportedTtl));
        if (ttl <= previous)
            jsonfields::fail(ErrorCode::OutOfOrder, hop.pointerTo("ttl"),
                             "hops must be in TTL order (ttl " + std::to_string(ttl) +
                                 " after ttl " + std::to_string(previous) + ")");
        previous = ttl;
        const double loss = trippyFigure(hop, "loss_pct");
        if (loss > 100)
            jsonfields::fail(ErrorCode::OutOfRange, hop.pointerTo("loss_pct"),
                             "must be at most 100");
        const int sent = static_cast<int>(hop.requiredInteger("sent", 0, 100'000'000));
        const int received = static_cast<int>(hop.requiredInteger("recv", 0, sent));
        std::vector<TableHost> hosts;
        const auto hostList = hop.requiredArray("hosts");
        for (std::size_t h = 0; h < hostList.size(); ++h) {
            const ObjectView host = hostList.objectAt(h);
            const std::string ip = requiredAddress(host, "ip");
            hosts.push_back({ip, host.optionalString("hostname").value_or(ip)});
        }
        MonitorHop row;
        row.ttl = ttl;
        row.stats.sent = sent;
        row.stats.received = received;
        row.stats.lossPercent = loss;
        if (received > 0) {
            row.stats.lastMs = trippyFigure(hop, "last");
            row.stats.avgMs = trippyFigure(hop, "avg");
            row.stats.minMs = trippyFigure(hop, "best");
            row.stats.maxMs = trippyFigure(hop, "worst");
            row.stats.stdDevMs = trippyFigure(hop, "stddev");
            // Trippy writes jitter since 0.10.0.
            if (hop.has("jitter"))
                row.stats.jitterMs = trippyFigure(hop, "jitter");
        }
        const std::size_t firstAdded = path.hops.size();
        addFiguresRow(path, summary, std::move(row), hosts);
        // Trippy keeps the extensions of the hop's latest reply without naming its host; they go
        // to the host its row of figures is kept under.
        if (auto labels = trippyLabels(hop); !labels.empty() && !hosts.empty())
            path.hops[firstAdded].mpls = std::move(labels);
    }
    if (summary.hops.empty())
        jsonfields::fail(ErrorCode::InvalidImport, hops.pointer(), "no hops");
    return withToolFigures(std::move(path), std::move(summary));
}

class TrippyJsonFormat final : public PathFormat
{
public:
    std::string_view id() const override { return "trippy-json"; }
    std::string_view description() const override { return "trip --mode json"; }
    int recognise(const ImportText &text) const override
    {
        const nlohmann::json *document = text.json();
        return document && document->is_object() && document->contains("info") &&
                       document->contains("hops")
                   ? 90
                   : 0;
    }
    Expected<std::vector<NetworkPath>> read(const ImportText &text) const override
    {
        return readJsonPath(text, "trip --mode json", trippyFromJson);
    }
};

} // namespace

std::unique_ptr<PathFormat> trippyJson()
{
    return std::make_unique<TrippyJsonFormat>();
}

} // namespace hopscope::formats
