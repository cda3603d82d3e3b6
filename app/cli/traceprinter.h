// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "trace/tracerun.h"

#include <map>
#include <vector>

namespace hopscope::cli {

// Prints one traceroute-style line per TTL as soon as the TTL is settled:
//   3  10.0.3.1  1.204 ms  1.187 ms  1.230 ms
// A responder is named once per line; "*" is a probe without a reply; "!H", "!N", "!P", "!X"
// mark destination-unreachable answers and "[open]"/"[closed]" the destination port.
// Notices about how the trace is made go to stderr, whether or not hops are printed.
class TracePrinter : public RunObserver
{
public:
    explicit TracePrinter(bool printHops) : m_printHops(printHops) {}

    void probeFinished(const ProbeEvent &event) override;
    void hopSettled(int ttl) override;
    void notice(const std::string &message) override;
    // The TTLs not printed yet start again; those printed stay.
    void restarted() override { m_eventsByTtl.clear(); }

private:
    bool m_printHops;
    std::map<int, std::vector<ProbeEvent>> m_eventsByTtl;
};

} // namespace hopscope::cli
