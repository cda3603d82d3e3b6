// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "trace/tracerun.h"

#include <chrono>
#include <deque>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace hopscope::cli {

// The AS label ("AS64500 EXAMPLE-NET") of each responder whose owner is known, by address.
using OwnerLabels = std::map<std::string, std::string>;

// Prints one traceroute-style line per TTL as soon as the TTL is settled:
//   3  10.0.3.1  1.204 ms  1.187 ms  1.230 ms
//   4  198.18.3.2 [AS64500 EXAMPLE-NET]  2.100 ms  2.087 ms  2.130 ms
// A responder is named once per line; "*" is a probe without a reply; "!H", "!N", "!P", "!X"
// mark destination-unreachable answers and "[open]"/"[closed]" the destination port.
// Notices about how the trace is made go to stderr, whether or not hops are printed.
class TracePrinter : public RunObserver
{
public:
    explicit TracePrinter(bool printHops) : m_printHops(printHops) {}
    // Marks each responder with its AS, as far as `owners` finds it in time.
    void setOwners(std::shared_ptr<OwnerLookup> owners) { m_owners = std::move(owners); }
    // The TOS byte the probes leave with, against which routers' quotes show a rewrite.
    void setSentTrafficClass(std::uint8_t trafficClass) { m_sentTrafficClass = trafficClass; }

    void probeFinished(const ProbeEvent &event) override;
    void hopSettled(int ttl) override;
    void notice(const std::string &message) override;
    // The TTLs not settled yet start again; those settled stay.
    void restarted() override { m_eventsByTtl.clear(); }
    void roundFinished(int round, const PathModel &model, const std::vector<RouteChange> &changes,
                       double durationSeconds) override;
    // Prints every settled hop still held back for its owner (after a trace that failed or was
    // cancelled, say).
    void printPending() { printSettled(true); }

private:
    struct SettledHop
    {
        int ttl = 0;
        std::vector<ProbeEvent> events;
    };

    // Prints the settled hops in order, each once its owners' lookups have ended; with
    // `waitForOwners`, waits for them (a moment at most) rather than stopping. The engine is
    // never held up: a line waits, the probes do not.
    void printSettled(bool waitForOwners);
    OwnerLabels ownerLabels(const std::vector<ProbeEvent> &events) const;

    bool m_printHops;
    std::uint8_t m_sentTrafficClass = 0;
    std::shared_ptr<OwnerLookup> m_owners;
    std::map<std::string, std::chrono::steady_clock::time_point> m_firstSeen;
    std::map<int, std::vector<ProbeEvent>> m_eventsByTtl;
    std::deque<SettledHop> m_settled;
};

} // namespace hopscope::cli
