// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "helper/helperprotocol.h"
#include "probe/pacedtransport.h"

#include <atomic>
#include <cstdint>
#include <functional>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>

namespace hopscope {
class SharedRawSockets;
}

namespace hopscope::helper {

// The helper's request handling: checks each request line, runs every trace on a thread of its
// own over the shared raw sockets, and writes the events of all of them, a line at a time,
// through `writeLine` (never called by two threads at once). Every trace request ends in exactly
// one `done` or `error` event with its id; a bad request gets an `error` and changes nothing else.
class HelperServer
{
public:
    using LineWriter = std::function<void(const std::string &line)>;

    // `sockets` may serve no family at all (no CAP_NET_RAW): then only unprivileged traces run.
    // Every trace keeps to `ceiling` (kProbeRateCeiling), which other helpers may share.
    HelperServer(SharedRawSockets &sockets, TokenBucket &ceiling, LineWriter writeLine);
    // Cancels every trace and waits for its thread.
    ~HelperServer();
    HelperServer(const HelperServer &) = delete;
    HelperServer &operator=(const HelperServer &) = delete;

    // `sandbox` lists the protections in force, for the client and for tests.
    void sayHello(const std::vector<std::string> &sandbox);
    void handleLine(std::string_view line);
    void handleOverlongLine();
    // Cancels every running trace and waits until each has written its last event.
    void stopAll();

private:
    struct RunningTrace;

    void write(const std::string &line);
    void startTrace(const Request &request);
    void cancelTrace(std::int64_t id);
    void runTrace(RunningTrace &trace, const Request &request);
    void reapFinished();

    SharedRawSockets &m_sockets;
    LineWriter m_writeLine;
    std::mutex m_writeMutex;
    TokenBucket &m_ceiling;
    std::mutex m_tracesMutex;
    std::list<std::unique_ptr<RunningTrace>> m_traces;
};

} // namespace hopscope::helper
