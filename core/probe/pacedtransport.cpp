#include "probe/pacedtransport.h"

#include "probe/cancelsignal.h"
#include "probe/socketmessage.h"

#include <algorithm>
#include <poll.h>

namespace hopscope {

double burstForRate(double ratePerSecond) { return std::max(1.0, ratePerSecond / 20.0); }

TokenBucket::TokenBucket(double ratePerSecond, double burst)
    : m_ratePerNs(ratePerSecond / 1e9), m_burst(burst), m_tokens(burst)
{
}

std::int64_t TokenBucket::takeNs(std::int64_t nowNs)
{
    const std::lock_guard lock(m_mutex);
    if (m_lastNs != 0 && nowNs > m_lastNs)
        m_tokens = std::min(m_burst, m_tokens + static_cast<double>(nowNs - m_lastNs) * m_ratePerNs);
    m_lastNs = std::max(m_lastNs, nowNs);
    m_tokens -= 1.0;
    if (m_tokens >= 0.0)
        return 0;
    return static_cast<std::int64_t>(-m_tokens / m_ratePerNs);
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
            return Error{"cancelled", "the trace was cancelled"};
    }
    return m_inner.send(packet);
}

std::optional<ReceivedPacket> PacedTransport::receive(std::int64_t deadlineNs, const CancelSignal &cancel)
{
    return m_inner.receive(deadlineNs, cancel);
}

} // namespace hopscope
