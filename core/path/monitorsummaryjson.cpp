// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "path/monitorsummaryjson.h"

#include "path/jsonlimits.h"
#include "path/jsonwrite.h"
#include "probe/probequotejson.h"

namespace hopscope {

using namespace jsonfields;
using nlohmann::ordered_json;
using namespace jsonwrite;

namespace {

constexpr std::int64_t kLatestTimestampUs = kLatestTimestampMs * 1000;
constexpr std::int64_t kMaxRouteChanges = kMaxMonitorRounds * kMaxTtl;

ordered_json hopJson(const MonitorHop &hop)
{
    ordered_json object = ordered_json::object();
    object["ttl"] = hop.ttl;
    putIfNotEmpty(object, "responder", hop.responder);
    putIfNotEmpty(object, "hostname", hop.hostname);
    object["destination"] = hop.destination;
    object["sent"] = hop.stats.sent;
    object["received"] = hop.stats.received;
    object["loss_percent"] = hop.stats.lossPercent;
    putIfSet(object, "last", hop.stats.lastMs);
    putIfSet(object, "best", hop.stats.minMs);
    putIfSet(object, "avg", hop.stats.avgMs);
    putIfSet(object, "worst", hop.stats.maxMs);
    putIfSet(object, "stddev", hop.stats.stdDevMs);
    putIfSet(object, "jitter", hop.stats.jitterMs);
    putIfSet(object, "median", hop.stats.medianMs);
    putIfSet(object, "p95", hop.stats.p95Ms);
    object["likely_rate_limited"] = hop.likelyRateLimited;
    object["first_round"] = hop.firstRound;
    object["last_round"] = hop.lastRound;
    putIfSet(object, "unreachable_code", hop.unreachableCode);
    if (hop.quote)
        object["quote"] = probeQuoteJson(*hop.quote);
    putIfSet(object, "reply_ttl", hop.replyTtl);
    return object;
}

ordered_json routeChangeJson(const RouteChange &change)
{
    ordered_json object = ordered_json::object();
    object["round"] = change.round;
    object["time_us"] = change.timeUs;
    object["kind"] = routeChangeKindName(change.kind);
    if (change.kind == RouteChange::Kind::Responders) {
        object["ttl"] = change.ttl;
        object["before"] = change.before;
        object["after"] = change.after;
    } else if (change.kind == RouteChange::Kind::PathLength) {
        object["length_before"] = change.lengthBefore;
        object["length_after"] = change.lengthAfter;
    }
    return object;
}

ordered_json bucketJson(const MonitorHistoryBucket &bucket)
{
    ordered_json object = ordered_json::object();
    object["ttl"] = bucket.ttl;
    putIfNotEmpty(object, "responder", bucket.responder);
    object["first_sent_us"] = bucket.firstSentUs;
    object["last_sent_us"] = bucket.lastSentUs;
    object["first_round"] = bucket.firstRound;
    object["last_round"] = bucket.lastRound;
    object["sent"] = bucket.sent;
    object["received"] = bucket.received;
    putIfSet(object, "min", bucket.minMs);
    putIfSet(object, "avg", bucket.avgMs);
    putIfSet(object, "max", bucket.maxMs);
    return object;
}

ordered_json alertJson(const AlertEvent &event)
{
    ordered_json object = ordered_json::object();
    object["round"] = event.round;
    object["time_us"] = event.timeUs;
    object["rule"] = event.rule.text;
    object["raised"] = event.raised;
    object["value"] = event.value;
    putIfNotEmpty(object, "detail", event.detail);
    return object;
}

int readCount(const ObjectView &object, std::string_view key)
{
    return static_cast<int>(object.requiredInteger(key, 0, std::numeric_limits<int>::max()));
}

int readRound(const ObjectView &object, std::string_view key)
{
    return static_cast<int>(object.requiredInteger(key, 0, kMaxMonitorRounds));
}

void requireReceivedWithinSent(const ObjectView &object, int sent, int received)
{
    if (received > sent)
        fail(ErrorCode::OutOfRange, object.pointerTo("received"),
             "more received (" + std::to_string(received) + ") than sent (" + std::to_string(sent) +
                 ")");
}

MonitorHop readHop(const ObjectView &object)
{
    MonitorHop hop;
    hop.ttl = static_cast<int>(object.requiredInteger("ttl", 1, kMaxTtl));
    hop.responder = object.optionalString("responder").value_or("");
    hop.hostname = object.optionalString("hostname").value_or("");
    hop.destination = object.optionalBool("destination").value_or(false);
    hop.stats.sent = readCount(object, "sent");
    hop.stats.received = readCount(object, "received");
    requireReceivedWithinSent(object, hop.stats.sent, hop.stats.received);
    hop.stats.lossPercent = object.requiredNumber("loss_percent", 0.0, 100.0);
    hop.stats.lastMs = object.optionalNumber("last", 0.0, kMaxRttMs);
    hop.stats.minMs = object.optionalNumber("best", 0.0, kMaxRttMs);
    hop.stats.avgMs = object.optionalNumber("avg", 0.0, kMaxRttMs);
    hop.stats.maxMs = object.optionalNumber("worst", 0.0, kMaxRttMs);
    hop.stats.stdDevMs = object.optionalNumber("stddev", 0.0, kMaxRttMs);
    hop.stats.jitterMs = object.optionalNumber("jitter", 0.0, kMaxRttMs);
    hop.stats.medianMs = object.optionalNumber("median", 0.0, kMaxRttMs);
    hop.stats.p95Ms = object.optionalNumber("p95", 0.0, kMaxRttMs);
    hop.likelyRateLimited = object.optionalBool("likely_rate_limited").value_or(false);
    hop.firstRound = readRound(object, "first_round");
    hop.lastRound = readRound(object, "last_round");
    if (const auto code = object.optionalInteger("unreachable_code", 0, 255))
        hop.unreachableCode = static_cast<int>(*code);
    if (const auto quote = object.optionalObject("quote"))
        hop.quote = readProbeQuote(*quote);
    if (const auto ttl = object.optionalInteger("reply_ttl", 1, 255))
        hop.replyTtl = static_cast<int>(*ttl);
    return hop;
}

std::vector<std::string> readStrings(const ArrayView &array)
{
    std::vector<std::string> strings;
    for (std::size_t i = 0; i < array.size(); ++i)
        strings.push_back(array.stringAt(i));
    return strings;
}

RouteChange readRouteChange(const ObjectView &object)
{
    RouteChange change;
    change.round = readRound(object, "round");
    change.timeUs = object.requiredInteger("time_us", 0, kLatestTimestampUs);
    const std::string kind = object.requiredString("kind");
    if (!parseRouteChangeKind(kind, change.kind))
        fail(ErrorCode::OutOfRange, object.pointerTo("kind"),
             "must be route-change, path-length, destination-lost or destination-answering (found "
             "\"" +
                 kind + "\")");
    if (change.kind == RouteChange::Kind::Responders) {
        change.ttl = static_cast<int>(object.requiredInteger("ttl", 1, kMaxTtl));
        change.before = readStrings(object.requiredArray("before"));
        change.after = readStrings(object.requiredArray("after"));
    } else if (change.kind == RouteChange::Kind::PathLength) {
        change.lengthBefore = static_cast<int>(object.requiredInteger("length_before", 1, kMaxTtl));
        change.lengthAfter = static_cast<int>(object.requiredInteger("length_after", 1, kMaxTtl));
    }
    return change;
}

MonitorHistoryBucket readBucket(const ObjectView &object)
{
    MonitorHistoryBucket bucket;
    bucket.ttl = static_cast<int>(object.requiredInteger("ttl", 1, kMaxTtl));
    bucket.responder = object.optionalString("responder").value_or("");
    bucket.firstSentUs = object.requiredInteger("first_sent_us", 0, kLatestTimestampUs);
    bucket.lastSentUs =
        object.requiredInteger("last_sent_us", bucket.firstSentUs, kLatestTimestampUs);
    bucket.firstRound = readRound(object, "first_round");
    bucket.lastRound = readRound(object, "last_round");
    bucket.sent = readCount(object, "sent");
    bucket.received = readCount(object, "received");
    requireReceivedWithinSent(object, bucket.sent, bucket.received);
    bucket.minMs = object.optionalNumber("min", 0.0, kMaxRttMs);
    bucket.avgMs = object.optionalNumber("avg", 0.0, kMaxRttMs);
    bucket.maxMs = object.optionalNumber("max", 0.0, kMaxRttMs);
    return bucket;
}

AlertEvent readAlert(const ObjectView &object)
{
    AlertEvent event;
    event.round = readRound(object, "round");
    event.timeUs = object.requiredInteger("time_us", 0, kLatestTimestampUs);
    auto rule = parseAlertRule(object.requiredString("rule"));
    if (!rule)
        fail(ErrorCode::OutOfRange, object.pointerTo("rule"), rule.error().message);
    event.rule = std::move(*rule);
    event.raised = object.optionalBool("raised").value_or(true);
    event.value = object.requiredNumber("value", 0.0, kMaxRttMs);
    event.detail = object.optionalString("detail").value_or("");
    return event;
}

template <typename Item, typename Read>
std::vector<Item> readList(const ObjectView &object, std::string_view key, Read read)
{
    std::vector<Item> items;
    if (const auto array = object.optionalArray(key))
        for (std::size_t i = 0; i < array->size(); ++i)
            items.push_back(read(array->objectAt(i)));
    return items;
}

} // namespace

ordered_json monitorSummaryToJsonValue(const MonitorSummary &summary)
{
    ordered_json object = ordered_json::object();
    object["rounds"] = summary.rounds;
    object["failed_rounds"] = summary.failedRounds;
    object["interval_ms"] = summary.intervalMs;
    object["started_at_us"] = summary.startedUs;
    object["ended_at_us"] = summary.endedUs;
    ordered_json hops = ordered_json::array();
    for (const MonitorHop &hop : summary.hops)
        hops.push_back(hopJson(hop));
    object["hops"] = std::move(hops);
    ordered_json changes = ordered_json::array();
    for (const RouteChange &change : summary.routeChanges)
        changes.push_back(routeChangeJson(change));
    object["route_changes"] = std::move(changes);
    object["forgotten_route_changes"] = summary.forgottenRouteChanges;
    ordered_json history = ordered_json::array();
    for (const MonitorHistoryBucket &bucket : summary.history)
        history.push_back(bucketJson(bucket));
    object["history"] = std::move(history);
    ordered_json alerts = ordered_json::array();
    for (const AlertEvent &event : summary.alerts)
        alerts.push_back(alertJson(event));
    object["alerts"] = std::move(alerts);
    object["forgotten_alerts"] = summary.forgottenAlerts;
    return object;
}

MonitorSummary readMonitorSummary(const ObjectView &object)
{
    MonitorSummary summary;
    summary.rounds = readRound(object, "rounds");
    summary.failedRounds = readRound(object, "failed_rounds");
    summary.intervalMs =
        static_cast<int>(object.requiredInteger("interval_ms", 0, 24 * 3600 * 1000));
    summary.startedUs = object.requiredInteger("started_at_us", 0, kLatestTimestampUs);
    summary.endedUs = object.requiredInteger("ended_at_us", summary.startedUs, kLatestTimestampUs);
    summary.hops = readList<MonitorHop>(object, "hops", readHop);
    summary.routeChanges = readList<RouteChange>(object, "route_changes", readRouteChange);
    summary.forgottenRouteChanges =
        object.optionalInteger("forgotten_route_changes", 0, kMaxRouteChanges).value_or(0);
    summary.history = readList<MonitorHistoryBucket>(object, "history", readBucket);
    summary.alerts = readList<AlertEvent>(object, "alerts", readAlert);
    summary.forgottenAlerts =
        object.optionalInteger("forgotten_alerts", 0, kMaxRouteChanges).value_or(0);
    return summary;
}

} // namespace hopscope
