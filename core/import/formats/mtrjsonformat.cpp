// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "import/formats/formats.h"

#include "common/jsonfields.h"
#include "common/safetext.h"
#include "import/importsupport.h"

#include <cmath>

namespace hopscope::formats {

namespace {

using namespace importsupport;

// mtr 0.91 and 0.92 write some numbers as strings ("count": "1", "tests": "5"); later versions
// write numbers. Both are taken; anything else is named with its JSON pointer.
std::optional<double> figure(const nlohmann::json &object, const char *key,
                             const std::string &pointer)
{
    const auto it = object.find(key);
    if (it == object.end() || it->is_null())
        return std::nullopt;
    if (it->is_number()) {
        const double value = it->get<double>();
        if (std::isfinite(value) && value >= 0)
            return value;
    } else if (it->is_string()) {
        if (const auto value = number(trimmed(it->get_ref<const std::string &>())))
            return value;
    }
    jsonfields::fail(ErrorCode::InvalidImport, jsonfields::childPointer(pointer, key),
                     "expected a number of at least 0 (found " + jsonfields::describeType(*it) +
                         ")");
}

// "host" is an address, a name, or with -b "name (address)".
std::pair<std::string, std::string> hostAndAddress(const std::string &host)
{
    const auto open = host.rfind(" (");
    if (open != std::string::npos && host.back() == ')')
        return {host.substr(0, open), host.substr(open + 2, host.size() - open - 3)};
    return {host, host};
}

NetworkPath readMtr(const nlohmann::json &document)
{
    using jsonfields::ObjectView;
    const ObjectView report = ObjectView(document, "").requiredObject("report");
    const ObjectView mtr = report.requiredObject("mtr");
    const auto hubs = report.requiredArray("hubs");
    if (hubs.size() > static_cast<std::size_t>(kMaxImportedTtl))
        jsonfields::fail(ErrorCode::InvalidImport, hubs.pointer(),
                         "at most 255 hops (found " + std::to_string(hubs.size()) + ")");
    NetworkPath path;
    path.protocol = Protocol::Icmp; // mtr's default; its JSON does not say
    const auto [dstName, dstAddress] = hostAndAddress(mtr.requiredString("dst"));
    path.destination.hostname = dstName;
    path.destination.ipAddress = dstAddress;
    path.source.hostname = mtr.optionalString("src").value_or("");
    MonitorSummary summary;
    summary.rounds =
        static_cast<int>(figure(document["report"]["mtr"], "tests", mtr.pointer()).value_or(0));
    int previous = 0;
    for (std::size_t i = 0; i < hubs.size(); ++i) {
        const ObjectView hub = hubs.objectAt(i);
        const nlohmann::json &raw = document["report"]["hubs"][i];
        const auto count = figure(raw, "count", hub.pointer());
        if (!count)
            jsonfields::fail(ErrorCode::MissingField, hub.pointerTo("count"),
                             "required field is missing");
        const int ttl = static_cast<int>(*count);
        if (ttl <= previous || ttl > kMaxImportedTtl || ttl != *count)
            jsonfields::fail(ErrorCode::OutOfOrder, hub.pointerTo("count"),
                             "hop numbers must rise from 1 to at most 255 (found " +
                                 jsonfields::formatNumber(*count) + ")");
        // The same TTL at every position from the previous one up: mtr leaves no gaps, but a
        // file cut by hand may.
        previous = ttl;
        const auto [name, address] = hostAndAddress(hub.requiredString("host"));
        const bool silent = address == "???";
        const double loss = figure(raw, "Loss%", hub.pointer()).value_or(silent ? 100.0 : 0.0);
        const auto sent = figure(raw, "Snt", hub.pointer());
        if (loss > 100)
            jsonfields::fail(ErrorCode::OutOfRange, hub.pointerTo("Loss%"),
                             "must be at most 100 (found " + jsonfields::formatNumber(loss) + ")");
        MonitorHop row;
        row.ttl = ttl;
        row.responder = silent ? std::string() : address;
        row.hostname = silent || name == address ? std::string() : name;
        row.stats.sent = static_cast<int>(sent.value_or(summary.rounds));
        // Rcv when mtr was asked for it (-o), else what Loss% says of the sent probes.
        row.stats.received =
            static_cast<int>(figure(raw, "Rcv", hub.pointer())
                                 .value_or(std::round(row.stats.sent * (100.0 - loss) / 100.0)));
        row.stats.lossPercent = loss;
        // With -o mtr writes only the columns asked for; the figures it left out stay unknown.
        if (row.stats.received > 0) {
            row.stats.lastMs = figure(raw, "Last", hub.pointer());
            row.stats.avgMs = figure(raw, "Avg", hub.pointer());
            row.stats.minMs = figure(raw, "Best", hub.pointer());
            row.stats.maxMs = figure(raw, "Wrst", hub.pointer());
            row.stats.stdDevMs = figure(raw, "StDev", hub.pointer());
            row.stats.jitterMs = figure(raw, "Javg", hub.pointer());
        }
        row.firstRound = 1;
        row.lastRound = std::max(1, summary.rounds);
        row.destination = !silent && address == path.destination.ipAddress;
        path.hops.push_back({ttl, silent ? unknownHopName(ttl) : address,
                             silent ? unknownHopName(ttl) : name, row.stats.avgMs,
                             !silent && row.stats.received > 0});
        if (!silent && row.stats.received == 0)
            path.hops.back() = {ttl, address, name, std::nullopt, true};
        summary.hops.push_back(std::move(row));
    }
    return withToolFigures(std::move(path), std::move(summary));
}

class MtrJsonFormat final : public PathFormat
{
public:
    std::string_view id() const override { return "mtr-json"; }
    std::string_view description() const override { return "mtr --json"; }
    int recognise(const ImportText &text) const override
    {
        const nlohmann::json *document = text.json();
        if (!document || !document->is_object())
            return 0;
        const auto report = document->find("report");
        return report != document->end() && report->is_object() &&
                       (report->contains("hubs") || report->contains("mtr"))
                   ? 95
                   : 0;
    }
    Expected<std::vector<NetworkPath>> read(const ImportText &text) const override
    {
        return readJsonPath(text, "mtr --json", readMtr);
    }
};

} // namespace

std::unique_ptr<PathFormat> mtrJson()
{
    return std::make_unique<MtrJsonFormat>();
}

} // namespace hopscope::formats
