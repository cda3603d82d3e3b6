// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "common/expected.h"
#include "probe/proberun.h"
#include "probe/probetypes.h"
#include "probe/tracerequest.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

// The line protocol between hopscope-probe and its clients (see docs/helper-protocol.md): both ends
// encode and decode with these functions, so that they cannot drift apart.
namespace hopscope::helper {

inline constexpr int kProtocolVersion = 2;
// A request line longer than this is refused unread.
inline constexpr std::size_t kMaxRequestLineBytes = 64 * 1024;
// Traces one helper runs at once; further requests are refused until one ends.
inline constexpr int kMaxConcurrentTraces = 8;
// Probes per second all traces of one helper send together, at most, and the burst allowed.
inline constexpr int kProbeRateCeiling = kMaxProbeRate;
inline constexpr int kProbeBurst = 1000;
// Request ids are JSON integers that every JSON reader holds exactly.
inline constexpr std::int64_t kMaxRequestId = (std::int64_t{1} << 53) - 1;

struct Request
{
    enum class Op { Trace, Cancel };
    Op op = Op::Trace;
    std::int64_t id = 0;
    TraceRequest trace; // for Trace: checked and normalised; its target is the address's text
    IpAddress address;  // for Trace: where the probes go, checked by probeableAddress
};

// A request line read, or why not. The id is there whenever the line carried a readable one,
// so that the error can be addressed to it.
struct ParsedRequest
{
    std::optional<std::int64_t> id;
    std::optional<Request> request;
    Error error;
};

ParsedRequest parseRequest(std::string_view line);
// The request names the address only: the helper resolves nothing, and the name the user typed
// stays with the client.
std::string traceRequestLine(std::int64_t id, const TraceRequest &request,
                             const IpAddress &address);
std::string cancelRequestLine(std::int64_t id);

// Events, as the helper writes them (each without the final newline).
std::string helloLine(const std::vector<std::string> &capabilities, const std::string &note,
                      const std::vector<std::string> &sandbox = {});
std::string probeLine(std::int64_t id, const ProbeEvent &event);
std::string hopLine(std::int64_t id, int ttl);
std::string noticeLine(std::int64_t id, const std::string &message);
// How the run ended; the client builds the path from the probes it was streamed.
std::string doneLine(std::int64_t id, const ProbeRunSummary &summary);
std::string errorLine(std::optional<std::int64_t> id, const Error &error);

struct Event
{
    enum class Kind { Hello, Probe, Hop, Notice, Done, Error };
    Kind kind = Kind::Hello;
    std::optional<std::int64_t> id;
    int version = 0;                       // Hello
    std::vector<std::string> capabilities; // Hello
    std::vector<std::string> sandbox;      // Hello
    ProbeEvent probe;                      // Probe
    int ttl = 0;                           // Hop
    std::string message;                   // Hello (its note), Notice
    ProbeRunSummary done;                  // Done
    Error error;                           // Error
};

// Reads one event line; a line that is not one fails with code ErrorCode::BadEvent.
Expected<Event> parseEvent(std::string_view line);

// The capability a trace of `family` needs from the helper: "raw-ipv4" or "raw-ipv6".
std::string rawCapabilityFor(IpAddress::Family family);

} // namespace hopscope::helper
