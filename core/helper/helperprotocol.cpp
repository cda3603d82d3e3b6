// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "helper/helperprotocol.h"

#include "common/jsonfields.h"
#include "common/safetext.h"
#include "network/route.h"
#include "probe/probequotejson.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <span>

namespace hopscope::helper {

using namespace jsonfields;
using nlohmann::json;
using nlohmann::ordered_json;

namespace {

// A request is a flat object; anything nested deeper than this is not one.
constexpr int kMaxRequestDepth = 4;
constexpr std::size_t kMaxRequestValues = 512; // a session's round lists up to 255 TTLs
// The longest event: a probe with everything a reply can say, or a notice.
constexpr std::size_t kMaxEventBytes = 64 * 1024;
constexpr int kMaxEventDepth = 8;
constexpr std::size_t kMaxEventValues = 4096;

constexpr std::array kCancelFields{"id", "op"};
constexpr std::array kTraceFields{
    "id",           "op",         "address", "protocol",      "port",          "source_port",
    "max_ttl",      "timeout_ms", "queries", "flows",         "mode",          "address_family",
    "unprivileged", "rate",       "tos",     "expected_hops", "answered_ttls", "budget_refill_ms",
    "path_mtu",     "probe_size"};

constexpr std::array kReplyKinds{std::pair{ReplyKind::TimeExceeded, "time-exceeded"},
                                 std::pair{ReplyKind::Unreachable, "unreachable"},
                                 std::pair{ReplyKind::DestinationReply, "destination"}};
constexpr std::array kUnreachableKinds{UnreachableKind::Network,    UnreachableKind::Host,
                                       UnreachableKind::Protocol,   UnreachableKind::Port,
                                       UnreachableKind::Prohibited, UnreachableKind::Other};

std::string line(const ordered_json &value)
{
    return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

ordered_json event(std::string_view name, std::optional<std::int64_t> id)
{
    ordered_json object = ordered_json::object();
    object["event"] = name;
    if (id)
        object["id"] = *id;
    return object;
}

void checkFields(const json &object, std::span<const char *const> allowed)
{
    for (const auto &item : object.items()) {
        if (std::find_if(allowed.begin(), allowed.end(),
                         [&](const char *name) { return item.key() == name; }) == allowed.end())
            fail(ErrorCode::UnknownField, childPointer("", item.key()),
                 "is not a field of this request");
        // Nothing a request names ever holds one; a NUL would cut the text short further down.
        if (item.value().is_string() &&
            containsControlCharacter(item.value().get_ref<const std::string &>()))
            fail(ErrorCode::ControlCharacter, childPointer("", item.key()),
                 "contains a control character");
    }
}

template <typename Enum>
Enum readName(const ObjectView &object, std::string_view key, Enum fallback,
              std::optional<Enum> (*parse)(std::string_view), const char *expected)
{
    const auto text = object.optionalString(key);
    if (!text)
        return fallback;
    const auto parsed = parse(*text);
    if (!parsed)
        fail(ErrorCode::OutOfRange, object.pointerTo(key),
             std::string("must be ") + expected + " (found \"" + *text + "\")");
    return *parsed;
}

TraceRequest readTraceFields(const ObjectView &object)
{
    TraceRequest request;
    request.protocol =
        readName(object, "protocol", Protocol::Tcp, &parseProtocol, "\"TCP\", \"UDP\" or \"ICMP\"");
    if (const auto port = object.optionalInteger("port", 1, 65535))
        request.port = static_cast<std::uint16_t>(*port);
    if (const auto port = object.optionalInteger("source_port", 1, 65535))
        request.sourcePort = static_cast<std::uint16_t>(*port);
    request.maxTtl =
        static_cast<int>(object.optionalInteger("max_ttl", 1, 255).value_or(request.maxTtl));
    request.timeoutMs =
        static_cast<int>(object.optionalInteger("timeout_ms", kMinTimeoutMs, kMaxTimeoutMs)
                             .value_or(request.timeoutMs));
    request.queries = static_cast<int>(
        object.optionalInteger("queries", 1, kMaxQueries).value_or(request.queries));
    request.flows =
        static_cast<int>(object.optionalInteger("flows", 1, kMaxFlows).value_or(request.flows));
    request.mode = readName(object, "mode", TraceMode::Parallel, &parseTraceMode,
                            "\"parallel\" or \"sequential\"");
    request.family = readName(object, "address_family", AddressFamily::Any, &parseAddressFamily,
                              "\"any\", \"ipv4\" or \"ipv6\"");
    request.unprivileged = object.optionalBool("unprivileged").value_or(false);
    if (const auto rate = object.optionalInteger("rate", 1, kProbeRateCeiling))
        request.rate = static_cast<int>(*rate);
    request.trafficClass =
        static_cast<std::uint8_t>(object.optionalInteger("tos", 0, 255).value_or(0));
    request.findPathMtu = object.optionalBool("path_mtu").value_or(false);
    request.probeSize = static_cast<int>(
        object.optionalInteger("probe_size", kMinMtuV4, kMaxProbeSize).value_or(0));
    request.expectedHops =
        static_cast<int>(object.optionalInteger("expected_hops", 1, 255).value_or(0));
    if (const auto ttls = object.optionalArray("answered_ttls")) {
        if (ttls->size() > 255)
            fail(ErrorCode::OutOfRange, ttls->pointer(), "must list at most 255 TTLs");
        for (std::size_t index = 0; index < ttls->size(); ++index)
            request.answeredTtls.push_back(static_cast<int>(ttls->integerAt(index, 1, 255)));
    }
    request.budgetRefillMs =
        static_cast<int>(object.optionalInteger("budget_refill_ms", 1, kMaxTimeoutMs).value_or(0));
    // The helper resolves no names and looks none up.
    request.resolveHostnames = false;
    return request;
}

Request readRequest(const json &document)
{
    const ObjectView object(document, "");
    Request request;
    request.id = object.requiredInteger("id", 0, kMaxRequestId);
    const std::string op = object.requiredString("op");
    if (op == "cancel") {
        checkFields(document, kCancelFields);
        request.op = Request::Op::Cancel;
        return request;
    }
    if (op != "trace")
        fail(ErrorCode::UnknownOp, object.pointerTo("op"),
             "\"" + op + "\" is not an operation (trace, cancel)");
    checkFields(document, kTraceFields);
    request.trace = readTraceFields(object);
    const std::string addressText = object.requiredString("address");
    const auto address = IpAddress::parse(addressText);
    if (!address)
        fail(ErrorCode::InvalidTarget, object.pointerTo("address"),
             "must be an IPv4 or IPv6 address: the helper resolves no names (found \"" +
                 addressText + "\")");
    const auto probeable = probeableAddress(*address, request.trace.family);
    if (!probeable)
        fail(ErrorCode::InvalidTarget, object.pointerTo("address"), probeable.error().message);
    request.address = *probeable;
    request.trace.target = probeable->toString();
    const auto checked = normaliseTraceRequest(request.trace);
    if (!checked)
        fail(ErrorCode::InvalidRequest, "", checked.error().message);
    request.trace = *checked;
    return request;
}

ordered_json replyJson(const ProbeReply &reply)
{
    ordered_json object = ordered_json::object();
    object["responder"] = reply.responder.toString();
    for (const auto &[kind, name] : kReplyKinds)
        if (kind == reply.kind)
            object["kind"] = name;
    if (reply.icmpType)
        object["icmp_type"] = *reply.icmpType;
    if (reply.icmpCode)
        object["icmp_code"] = *reply.icmpCode;
    if (reply.unreachable)
        object["unreachable"] = unreachableName(*reply.unreachable);
    if (reply.tcpFlags)
        object["tcp_flags"] = reply.tcpFlags;
    if (reply.quote)
        object["quote"] = probeQuoteJson(*reply.quote);
    if (reply.ttl)
        object["ttl"] = *reply.ttl;
    object["received_ns"] = reply.receivedNs;
    return object;
}

ProbeReply readReply(const ObjectView &object)
{
    ProbeReply reply;
    const std::string responder = object.requiredString("responder");
    const auto address = IpAddress::parse(responder);
    if (!address)
        fail(ErrorCode::OutOfRange, object.pointerTo("responder"), "is not an address");
    reply.responder = *address;
    const std::string kind = object.requiredString("kind");
    const auto known = std::find_if(kReplyKinds.begin(), kReplyKinds.end(),
                                    [&](const auto &entry) { return kind == entry.second; });
    if (known == kReplyKinds.end())
        fail(ErrorCode::OutOfRange, object.pointerTo("kind"), "is not a reply kind");
    reply.kind = known->first;
    if (const auto type = object.optionalInteger("icmp_type", 0, 255))
        reply.icmpType = static_cast<int>(*type);
    if (const auto code = object.optionalInteger("icmp_code", 0, 255))
        reply.icmpCode = static_cast<int>(*code);
    if (const auto name = object.optionalString("unreachable")) {
        for (const UnreachableKind candidate : kUnreachableKinds)
            if (unreachableName(candidate) == *name)
                reply.unreachable = candidate;
        if (!reply.unreachable)
            fail(ErrorCode::OutOfRange, object.pointerTo("unreachable"),
                 "is not an unreachable kind");
    }
    reply.tcpFlags =
        static_cast<std::uint8_t>(object.optionalInteger("tcp_flags", 0, 255).value_or(0));
    if (const auto ttl = object.optionalInteger("ttl", 0, 255))
        reply.ttl = static_cast<std::uint8_t>(*ttl);
    if (const auto quote = object.optionalObject("quote"))
        reply.quote = readProbeQuote(*quote);
    reply.receivedNs = object.requiredInteger("received_ns", 0, INT64_MAX);
    return reply;
}

Event readEvent(const json &document)
{
    const ObjectView object(document, "");
    Event result;
    if (object.has("id"))
        result.id = object.requiredInteger("id", 0, kMaxRequestId);
    const std::string name = object.requiredString("event");
    if (name == "hello") {
        result.kind = Event::Kind::Hello;
        result.version = static_cast<int>(object.requiredInteger("version", 1, 1'000'000));
        const ArrayView capabilities = object.requiredArray("capabilities");
        for (std::size_t i = 0; i < capabilities.size(); ++i)
            result.capabilities.push_back(capabilities.stringAt(i));
        result.message = object.optionalString("note").value_or(std::string());
        if (const auto sandbox = object.optionalArray("sandbox"))
            for (std::size_t i = 0; i < sandbox->size(); ++i)
                result.sandbox.push_back(sandbox->stringAt(i));
        return result;
    }
    if (!result.id && name != "error")
        fail(ErrorCode::MissingField, "/id", "required field is missing");
    if (name == "probe") {
        result.kind = Event::Kind::Probe;
        ProbeEvent &probe = result.probe;
        probe.slot.index = static_cast<int>(object.requiredInteger("index", 0, INT32_MAX));
        probe.slot.ttl = static_cast<int>(object.requiredInteger("ttl", 1, 255));
        probe.slot.flow = static_cast<int>(object.requiredInteger("flow", 0, 1023));
        probe.slot.query = static_cast<int>(object.requiredInteger("query", 0, 1023));
        probe.sentNs = object.requiredInteger("sent_ns", 0, INT64_MAX);
        if (const auto reply = object.optionalObject("reply"))
            probe.reply = readReply(*reply);
    } else if (name == "hop") {
        result.kind = Event::Kind::Hop;
        result.ttl = static_cast<int>(object.requiredInteger("ttl", 1, 255));
    } else if (name == "notice") {
        result.kind = Event::Kind::Notice;
        result.message = object.requiredString("message");
    } else if (name == "done") {
        result.kind = Event::Kind::Done;
        ProbeRunSummary &done = result.done;
        done.probing =
            readName(object, "probing", Probing::Raw, &parseProbing, "\"raw\" or \"unprivileged\"");
        const ObjectView source = object.requiredObject("source");
        const std::string sourceAddress = source.requiredString("address");
        const auto parsedSource = IpAddress::parse(sourceAddress);
        if (!parsedSource)
            fail(ErrorCode::OutOfRange, source.pointerTo("address"), "is not an address");
        done.route.source = *parsedSource;
        done.route.interfaceName = source.optionalString("interface").value_or(std::string());
        done.route.hardwareAddress = source.optionalString("hardware_addr").value_or(std::string());
        done.lastTtl = static_cast<int>(object.requiredInteger("last_ttl", 0, 255));
        done.end = readName(object, "end", PathEnd::NotReached, &parsePathEnd,
                            "\"not-reached\", \"destination\" or \"unreachable\"");
        done.startedNs = object.requiredInteger("started_ns", 0, INT64_MAX);
        done.endedNs = object.requiredInteger("ended_ns", done.startedNs, INT64_MAX);
        if (const auto mtu = object.optionalObject("path_mtu"))
            done.pathMtu = readPathMtu(*mtu);
    } else if (name == "error") {
        result.kind = Event::Kind::Error;
        // A code this build does not know (a newer helper's) is still an error, and said so.
        const std::string code = object.requiredString("code");
        result.error.code = parseErrorCode(code).value_or(ErrorCode::HelperError);
        result.error.message = object.requiredString("message");
    } else {
        fail(ErrorCode::OutOfRange, "/event", "\"" + name + "\" is not an event");
    }
    return result;
}

} // namespace

ParsedRequest parseRequest(std::string_view text)
{
    ParsedRequest parsed;
    if (text.size() > kMaxRequestLineBytes) {
        parsed.error = {ErrorCode::LineTooLong, "a request line may hold at most " +
                                                    std::to_string(kMaxRequestLineBytes) +
                                                    " bytes"};
        return parsed;
    }
    const auto document =
        parseBounded(text, {kMaxRequestLineBytes, kMaxRequestDepth, kMaxRequestValues});
    if (!document) {
        // A key given twice is named as such: JSON allows it, the protocol does not.
        parsed.error = {document.error().code == ErrorCode::DuplicateKey ? ErrorCode::DuplicateKey
                                                                         : ErrorCode::InvalidJson,
                        document.error().message};
        return parsed;
    }
    if (!document->is_object()) {
        parsed.error = {ErrorCode::WrongType,
                        "a request must be a JSON object (found " + describeType(*document) + ")"};
        return parsed;
    }
    // The id alone first, so that every later problem can be addressed to the request.
    if (const auto id = document->find("id");
        id != document->end() && id->is_number_integer() && *id >= 0 && *id <= kMaxRequestId)
        parsed.id = id->get<std::int64_t>();
    auto request = readFields([&] { return readRequest(*document); });
    if (request)
        parsed.request = *request;
    else
        parsed.error = request.error();
    return parsed;
}

std::string traceRequestLine(std::int64_t id, const TraceRequest &request, const IpAddress &address)
{
    ordered_json object = ordered_json::object();
    object["id"] = id;
    object["op"] = "trace";
    object["address"] = address.toString();
    const ordered_json settings = probeSettingsToJson(request);
    for (const auto &[key, value] : settings.items())
        object[key] = value;
    return line(object);
}

std::string cancelRequestLine(std::int64_t id)
{
    ordered_json object = ordered_json::object();
    object["id"] = id;
    object["op"] = "cancel";
    return line(object);
}

std::string helloLine(const std::vector<std::string> &capabilities, const std::string &note,
                      const std::vector<std::string> &sandbox)
{
    ordered_json object = event("hello", std::nullopt);
    object["version"] = kProtocolVersion;
    object["capabilities"] = capabilities;
    if (!note.empty())
        object["note"] = note;
    object["sandbox"] = sandbox;
    object["limits"] = {{"max_line_bytes", kMaxRequestLineBytes},
                        {"max_traces", kMaxConcurrentTraces},
                        {"max_rate", kProbeRateCeiling}};
    return line(object);
}

std::string probeLine(std::int64_t id, const ProbeEvent &probe)
{
    ordered_json object = event("probe", id);
    object["index"] = probe.slot.index;
    object["ttl"] = probe.slot.ttl;
    object["flow"] = probe.slot.flow;
    object["query"] = probe.slot.query;
    object["sent_ns"] = probe.sentNs;
    if (probe.reply)
        object["reply"] = replyJson(*probe.reply);
    return line(object);
}

std::string hopLine(std::int64_t id, int ttl)
{
    ordered_json object = event("hop", id);
    object["ttl"] = ttl;
    return line(object);
}

std::string noticeLine(std::int64_t id, const std::string &message)
{
    ordered_json object = event("notice", id);
    object["message"] = message;
    return line(object);
}

std::string doneLine(std::int64_t id, const ProbeRunSummary &summary)
{
    ordered_json object = event("done", id);
    object["probing"] = probingName(summary.probing);
    ordered_json source = ordered_json::object();
    source["address"] = summary.route.source.toString();
    if (!summary.route.interfaceName.empty())
        source["interface"] = summary.route.interfaceName;
    if (!summary.route.hardwareAddress.empty())
        source["hardware_addr"] = summary.route.hardwareAddress;
    object["source"] = std::move(source);
    object["last_ttl"] = summary.lastTtl;
    object["end"] = pathEndName(summary.end);
    object["started_ns"] = summary.startedNs;
    object["ended_ns"] = summary.endedNs;
    if (summary.pathMtu)
        object["path_mtu"] = pathMtuJson(*summary.pathMtu);
    return line(object);
}

std::string errorLine(std::optional<std::int64_t> id, const Error &error)
{
    ordered_json object = event("error", id);
    object["code"] = errorCodeName(error.code);
    object["message"] = error.message;
    return line(object);
}

Expected<Event> parseEvent(std::string_view text)
{
    const auto document = parseBounded(text, {kMaxEventBytes, kMaxEventDepth, kMaxEventValues});
    if (!document)
        return Error{ErrorCode::BadEvent,
                     "the helper wrote a line that is not JSON: " + document.error().message};
    auto parsed = readFields([&] { return readEvent(*document); });
    if (!parsed)
        return Error{ErrorCode::BadEvent,
                     "the helper wrote a malformed event: " + parsed.error().message};
    return parsed;
}

std::string rawCapabilityFor(IpAddress::Family family)
{
    return family == IpAddress::Family::V4 ? "raw-ipv4" : "raw-ipv6";
}

} // namespace hopscope::helper
