// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "probe/pacedtransport.h"

#include "probe/cancelsignal.h"
#include "probe/socketmessage.h"

#include <algorithm>
#include <poll.h>

namespace hopscope {

double burstForRate(double ratePerSecond)
{
    return std::max(1.0, ratePerSecond / 20.0);
}

namespace {

// A backlog longer than this is not one: the clock was set back, or another process of the same
// user wrote nonsense into a shared state. Starting afresh keeps the rate without the stall.
constexpr std::int64_t kLongestBacklogNs = 60'000'000'000;

std::int64_t intervalFor(double ratePerSecond)
{
    return std::max<std::int64_t>(1, static_cast<std::int64_t>(1e9 / ratePerSecond));
}

} // namespace

TokenBucket::TokenBucket(double ratePerSecond, double burst)
    : m_intervalNs(intervalFor(ratePerSecond)),
      m_burstNs(
          static_cast<std::int64_t>(std::max(1.0, burst) * static_cast<double>(m_intervalNs))),
      m_state(&m_ownState)
{
}

TokenBucket::TokenBucket(double ratePerSecond, double burst, State &sharedState)
    : TokenBucket(ratePerSecond, burst)
{
    m_state = &sharedState;
}

std::int64_t TokenBucket::takeNs(std::int64_t nowNs)
{
    std::atomic_ref<State> state(*m_state);
    std::int64_t arrival = state.load(std::memory_order_relaxed);
    for (;;) {
        const bool credible = arrival - nowNs <= m_burstNs + kLongestBacklogNs;
        const std::int64_t next = (credible ? std::max(arrival, nowNs) : nowNs) + m_intervalNs;
        if (state.compare_exchange_weak(arrival, next, std::memory_order_relaxed))
            return std::max<std::int64_t>(0, next - nowNs - m_burstNs);
    }
}

PacedTransport::PacedTransport(ProbeTransport &inner, std::vector<TokenBucket *> buckets,
                               const CancelSignal &cancel)
    : m_inner(inner), m_buckets(std::move(buckets)), m_cancel(cancel)
{
}

Expected<std::int64_t> PacedTransport::send(const OutgoingPacket &packet)
{
    if (m_buckets.empty())
        return m_inner.send(packet);
    std::int64_t waitNs = 0;
    const std::int64_t now = realtimeNs();
    for (TokenBucket *bucket : m_buckets)
        waitNs = std::max(waitNs, bucket->takeNs(now));
    if (waitNs > 0) {
        pollfd cancelled{m_cancel.fd(), POLLIN, 0};
        const std::int64_t deadline = now + waitNs;
        while (!m_cancel.isCancelled() && realtimeNs() < deadline)
            if (!pollUntil(&cancelled, 1, deadline))
                break;
        if (m_cancel.isCancelled())
            return Error{ErrorCode::Cancelled, "the trace was cancelled"};
    }
    return m_inner.send(packet);
}

std::optional<ReceivedPacket> PacedTransport::receive(std::int64_t deadlineNs,
                                                      const CancelSignal &cancel)
{
    return m_inner.receive(deadlineNs, cancel);
}

} // namespace hopscope
