// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "path/pathmodelstate.h"

#include "common/jsonfields.h"
#include "common/statecodec.h"
#include "path/jsonlimits.h"
#include "path/monitorsummaryjson.h"
#include "path/networkpathjson.h"
#include "probe/probequotejson.h"

#include <nlohmann/json.hpp>

#include <limits>

namespace hopscope {

namespace {

constexpr std::string_view kMagic = "HSPM";
constexpr std::uint32_t kStateVersion = 1;

constexpr int kMaxRound = static_cast<int>(kMaxMonitorRounds);

void writeQuote(StateWriter &writer, const ProbeQuote &quote)
{
    writer.putString(probeQuoteJson(quote).dump());
}

ProbeQuote readQuote(StateReader &reader)
{
    const std::string text = reader.getString();
    const auto document = nlohmann::json::parse(text, nullptr, false);
    auto quote = jsonfields::readFields([&document] {
        if (!document.is_object())
            jsonfields::fail(ErrorCode::Malformed, "", "a quote is not an object");
        return readProbeQuote(jsonfields::ObjectView(document, ""));
    });
    if (!quote)
        reader.fail("a quote does not read (" + quote.error().message + ")");
    return std::move(*quote);
}

void writeRouteChange(StateWriter &writer, const RouteChange &change)
{
    writer.put(static_cast<std::uint8_t>(change.kind));
    writer.put(change.round);
    writer.put(change.timeUs);
    writer.put(change.ttl);
    writer.putStrings(change.before);
    writer.putStrings(change.after);
    writer.put(change.lengthBefore);
    writer.put(change.lengthAfter);
}

RouteChange readRouteChange(StateReader &reader)
{
    RouteChange change;
    change.kind = static_cast<RouteChange::Kind>(reader.get<std::uint8_t>(
        0, static_cast<std::uint8_t>(RouteChange::Kind::DestinationAnswering),
        "a route change's kind"));
    change.round = reader.get<int>(0, kMaxRound, "a route change's round");
    change.timeUs = reader.get<std::int64_t>();
    change.ttl = reader.get<int>();
    change.before = reader.getStrings();
    change.after = reader.getStrings();
    change.lengthBefore = reader.get<int>();
    change.lengthAfter = reader.get<int>();
    return change;
}

void writeAlert(StateWriter &writer, const AlertEvent &event)
{
    writer.putString(event.rule.text);
    writer.put(event.raised);
    writer.put(event.round);
    writer.put(event.timeUs);
    writer.put(event.value);
    writer.putString(event.detail);
}

AlertEvent readAlert(StateReader &reader)
{
    AlertEvent event;
    auto rule = parseAlertRule(reader.getString());
    if (!rule)
        reader.fail("an alert's rule does not read (" + rule.error().message + ")");
    event.rule = std::move(*rule);
    event.raised = reader.get<bool>();
    event.round = reader.get<int>(0, kMaxRound, "an alert's round");
    event.timeUs = reader.get<std::int64_t>();
    event.value = reader.get<double>();
    event.detail = reader.getString();
    return event;
}

} // namespace

void PathModel::writeState(StateWriter &writer) const
{
    writer.putString(networkPathToJson(m_header, -1));
    writer.put(m_monitoring);
    writer.put(m_intervalMs);
    writer.put(m_counted);
    writer.put(m_rounds);
    writer.put(m_failedRounds);
    writer.put(m_latestRound);
    writer.put(m_firstRoundUs);
    writer.put(m_latestRoundUs);
    writer.putOptional(m_destinationTtl);
    writer.put(m_probesTaken);

    writer.putSize(m_series.size());
    for (const auto &[ttl, atTtl] : m_series) {
        writer.put(ttl);
        writer.putSize(atTtl.size());
        for (const Series &series : atTtl) {
            writer.putString(series.responder);
            writer.putString(series.hostname);
            writer.put(series.destination);
            writer.put(series.firstRound);
            writer.put(series.lastRound);
            writer.putOptional(series.unreachableCode);
            writer.putSize(series.quotes.size());
            for (const ProbeQuote &quote : series.quotes)
                writeQuote(writer, quote);
            writer.put(series.latestQuote);
            writer.put(series.latestReplyTtl);
            series.history.writeState(writer);
            series.statistics.writeState(writer);
        }
    }
    writer.putSize(m_lastResponder.size());
    for (const auto &[slot, responder] : m_lastResponder) {
        writer.put(slot.first);
        writer.put(slot.second);
        writer.putString(responder);
    }
    writer.putSize(m_edges.size());
    for (const auto &[edge, rounds] : m_edges) {
        writer.put(edge.ttl);
        writer.putString(edge.from);
        writer.putString(edge.to);
        writer.put(rounds);
    }
    writer.putSize(m_routeChanges.size());
    for (const RouteChange &change : m_routeChanges)
        writeRouteChange(writer, change);
    writer.put<std::uint64_t>(m_forgottenRouteChanges);
    writer.putSize(m_alerts.size());
    for (const AlertEvent &event : m_alerts)
        writeAlert(writer, event);
    writer.put<std::uint64_t>(m_forgottenAlerts);
    m_tracker.writeState(writer);
}

PathModel PathModel::readState(StateReader &reader, const MonitorLimits &limits)
{
    PathModel model(limits);
    auto header = networkPathFromJson(reader.getString());
    if (!header)
        reader.fail("its header does not read (" + header.error().message + ")");
    model.setHeader(std::move(*header));
    model.m_monitoring = reader.get<bool>();
    model.m_intervalMs = reader.get<int>(0, std::numeric_limits<int>::max(), "the interval");
    model.m_counted = reader.get<bool>();
    model.m_rounds = reader.get<int>(0, kMaxRound, "the rounds");
    model.m_failedRounds = reader.get<int>(0, kMaxRound, "the failed rounds");
    model.m_latestRound = reader.get<int>(0, kMaxRound, "the latest round");
    model.m_routeRound = model.m_latestRound; // a state is taken between rounds
    model.m_firstRoundUs = reader.get<std::int64_t>();
    model.m_latestRoundUs = reader.get<std::int64_t>();
    model.m_destinationTtl = reader.getOptional<int>();
    model.m_probesTaken = reader.get<std::uint32_t>();

    for (std::size_t ttls = reader.getCount(8); ttls > 0; --ttls) {
        const int ttl = reader.get<int>(1, static_cast<int>(kMaxTtl), "a row's TTL");
        auto &atTtl = model.m_series[ttl];
        const std::size_t rows = reader.getCount(16);
        if (rows == 0 || rows > static_cast<std::size_t>(limits.maxRespondersPerTtl) + 1)
            reader.fail("TTL " + std::to_string(ttl) + " has " + std::to_string(rows) + " rows");
        for (std::size_t row = 0; row < rows; ++row) {
            Series series(ttl, reader.getString(), limits.history);
            series.hostname = reader.getString();
            series.destination = reader.get<bool>();
            series.firstRound = reader.get<int>(0, kMaxRound, "a row's first round");
            series.lastRound = reader.get<int>(0, kMaxRound, "a row's last round");
            series.unreachableCode = reader.getOptional<int>();
            const std::size_t quotes = reader.getCount(4);
            if (quotes > 255)
                reader.fail("a row has more than 255 quotes");
            for (std::size_t i = 0; i < quotes; ++i)
                series.quotes.push_back(readQuote(reader));
            series.latestQuote = reader.get<std::uint8_t>();
            series.latestReplyTtl = reader.get<std::uint8_t>();
            series.history = SampleHistory::readState(reader, limits.history);
            series.statistics = RunningStatistics::readState(reader);
            atTtl.push_back(std::move(series));
        }
    }
    for (std::size_t count = reader.getCount(12); count > 0; --count) {
        const int ttl = reader.get<int>();
        const int flow = reader.get<int>();
        model.m_lastResponder[{ttl, flow}] = reader.getString();
    }
    for (std::size_t count = reader.getCount(16); count > 0; --count) {
        HopEdge edge;
        edge.ttl = reader.get<int>();
        edge.from = reader.getString();
        edge.to = reader.getString();
        model.m_edges[std::move(edge)] = reader.get<int>(0, kMaxRound, "a link's rounds");
    }
    for (std::size_t count = reader.getCount(30); count > 0; --count)
        model.m_routeChanges.push_back(readRouteChange(reader));
    if (model.m_routeChanges.size() > limits.maxRouteChanges)
        reader.fail("more route changes than a session keeps");
    model.m_forgottenRouteChanges = reader.get<std::uint64_t>();
    for (std::size_t count = reader.getCount(30); count > 0; --count)
        model.m_alerts.push_back(readAlert(reader));
    if (model.m_alerts.size() > limits.maxAlerts)
        reader.fail("more alerts than a session keeps");
    model.m_forgottenAlerts = reader.get<std::uint64_t>();
    model.m_tracker = RouteTracker::readState(reader, limits.confirmRounds);
    return model;
}

std::string savePathModelState(const PathModel &model)
{
    StateWriter writer;
    for (const char letter : kMagic)
        writer.put(static_cast<std::uint8_t>(letter));
    writer.put(kStateVersion);
    model.writeState(writer);
    return writer.bytes();
}

Expected<PathModel> restorePathModelState(std::string_view state, const MonitorLimits &limits)
{
    if (!state.starts_with(kMagic))
        return Error{ErrorCode::Malformed, "it is not a session's state"};
    StateReader reader(state.substr(kMagic.size()));
    try {
        const auto version = reader.get<std::uint32_t>();
        if (version != kStateVersion)
            return Error{ErrorCode::NotSupported,
                         "it was written as version " + std::to_string(version) +
                             " of a session's state; this build reads version " +
                             std::to_string(kStateVersion)};
        PathModel model = PathModel::readState(reader, limits);
        if (!reader.atEnd())
            reader.fail("more follows the state");
        return model;
    } catch (const StateError &error) {
        return Error{ErrorCode::Corrupt, error.what()};
    }
}

} // namespace hopscope
