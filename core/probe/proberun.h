// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "common/expected.h"
#include "network/route.h"
#include "probe/answerfilter.h"
#include "probe/probeengine.h"
#include "probe/probetransport.h"
#include "probe/tracerequest.h"

#include <cstdint>
#include <functional>
#include <memory>
#include <vector>

namespace hopscope {

class CancelSignal;
class TokenBucket;

// Opens the raw sockets for one trace to `destination`; fails with ErrorCode::PermissionDenied
// without CAP_NET_RAW.
using RawTransportOpener = std::function<Expected<std::unique_ptr<ProbeTransport>>(
    const ProbedDestination &destination, Protocol)>;

// What a run of probes may use besides its request. A front end opens raw sockets of its own;
// the helper hands out views of the sockets it opened before dropping its privileges and holds
// every run to its ceiling.
struct ProbeEnvironment
{
    RawTransportOpener openRaw; // RawSocketTransport::open when empty
    TokenBucket *sharedRateLimit = nullptr;
    bool rawFallsBackToUnprivileged = true; // false: a raw run without raw sockets fails
};

// How a run of probes went, apart from the probes themselves: small enough for the helper's
// `done` event, everything a client needs to build the path from the probes it was streamed.
struct ProbeRunSummary
{
    Probing probing = Probing::Raw;
    RouteInfo route; // the source address the probes left from, and its interface
    int lastTtl = 0; // the highest TTL that is part of the path
    PathEnd end = PathEnd::NotReached;
    std::int64_t startedNs = 0; // CLOCK_REALTIME
    std::int64_t endedNs = 0;
    std::optional<PathMtu> pathMtu; // when the request asked to find it
    bool operator==(const ProbeRunSummary &) const = default;
};

struct ProbeRun
{
    ProbeRunSummary summary;
    std::vector<ProbeEvent> events; // every settled probe up to summary.lastTtl, in probe order
};

// Sends the probes of `request` (already normalised) to `destination` (already resolved and
// checked), streaming every probe and settled TTL to `observer`. Fails with ErrorCode::Cancelled,
// ErrorCode::PermissionDenied, ErrorCode::NoRoute, ErrorCode::NotSupported or
// ErrorCode::SocketError.
Expected<ProbeRun> runProbes(const TraceRequest &request, const IpAddress &destination,
                             ProbeObserver &observer, const CancelSignal &cancel,
                             const ProbeEnvironment &environment = {});

std::string_view pathEndName(PathEnd end); // "not-reached", "destination", "unreachable"
std::optional<PathEnd> parsePathEnd(std::string_view text);

} // namespace hopscope
