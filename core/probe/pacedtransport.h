#pragma once

#include "probe/probetransport.h"

#include <cstdint>
#include <mutex>
#include <vector>

namespace hopscope {

// At most `ratePerSecond` sends on average, with bursts of up to `burst`. Shared by threads: the
// helper puts one in front of every trace so that all of them together keep to its ceiling.
class TokenBucket
{
public:
    TokenBucket(double ratePerSecond, double burst);

    // Takes one token; returns how long to wait first (0 when one was there). The token is
    // spoken for either way, so callers that wait are served in order.
    std::int64_t takeNs(std::int64_t nowNs);

private:
    std::mutex m_mutex;
    double m_ratePerNs;
    double m_burst;
    double m_tokens;
    std::int64_t m_lastNs = 0;
};

// Sends through `inner` after every bucket in `buckets` has a token for the probe. Waiting for
// tokens ends early on cancellation (the probe is then not sent). Receiving is untouched, so
// answers keep their kernel timestamps while sends are held back.
class PacedTransport : public ProbeTransport
{
public:
    PacedTransport(ProbeTransport &inner, std::vector<TokenBucket *> buckets, const CancelSignal &cancel);

    Expected<std::int64_t> send(const OutgoingPacket &packet) override;
    std::optional<ReceivedPacket> receive(std::int64_t deadlineNs, const CancelSignal &cancel) override;
    std::int64_t nowNs() const override { return m_inner.nowNs(); }

private:
    ProbeTransport &m_inner;
    std::vector<TokenBucket *> m_buckets;
    const CancelSignal &m_cancel;
};

// The sending burst that goes with a rate: a twentieth of a second's worth, at least one probe.
double burstForRate(double ratePerSecond);

} // namespace hopscope
