// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <atomic>
#include <chrono>

namespace hopscope {

// Cancels a trace from any thread. The engine checks it between packets; the socket layer also
// polls its file descriptor so that a wait on the network ends at once.
class CancelSignal
{
public:
    CancelSignal();
    ~CancelSignal();
    CancelSignal(const CancelSignal &) = delete;
    CancelSignal &operator=(const CancelSignal &) = delete;

    void cancel();
    // Makes the signal usable for another trace. Only when nothing is waiting on it.
    void reset();
    bool isCancelled() const { return m_cancelled.load(std::memory_order_acquire); }
    // Sleeps until `deadline` or until cancelled, whichever is first; true when cancelled.
    bool waitUntil(std::chrono::steady_clock::time_point deadline) const;
    // Readable once cancelled; -1 if the kernel gave no eventfd (then only the flag works).
    int fd() const { return m_fd; }

private:
    std::atomic<bool> m_cancelled{false};
    int m_fd = -1;
};

} // namespace hopscope
