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

NetworkPath trippyFromJson(const nlohmann::json &document)
{
    const ObjectView root(document, "");
    const ObjectView target = root.requiredObject("info").requiredObject("target");
    const auto hops = root.requiredArray("hops");
    if (hops.size() > static_cast<std::size_t>(kMaxImportedTtl))
        jsonfields::fail(ErrorCode::InvalidImport, hops.pointer(), "at most 255 hops");
    NetworkPath path;
    path.protocol = Protocol::Icmp;
    path.destination.ipAddress = requiredAddress(target, "ip");
    path.destination.hostname =
        target.optionalString("hostname").value_or(path.destination.ipAddress);
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
            row.stats.jitterMs = trippyFigure(hop, "jitter");
        }
        addFiguresRow(path, summary, std::move(row), hosts);
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
