// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "probe/probetransport.h"

#include <atomic>
#include <cstdint>
#include <vector>

namespace hopscope {

// At most `ratePerSecond` sends on average, with bursts of up to `burst`. Shared by threads: the
// helper puts one in front of every trace so that all of them together keep to its ceiling. Its
// whole state is one number (the generic cell rate algorithm's "theoretical arrival time"),
// updated without a lock, so it may also live in memory that several processes map: then all of
// them together keep to the rate.
class TokenBucket
{
public:
    using State = std::int64_t; // read and written through std::atomic_ref only
    static_assert(std::atomic_ref<State>::is_always_lock_free,
                  "a state shared between processes must be lock-free");

    TokenBucket(double ratePerSecond, double burst);
    // `sharedState` (zero for a bucket that is full), aligned to 8 bytes, must outlive the bucket.
    TokenBucket(double ratePerSecond, double burst, State &sharedState);
    TokenBucket(const TokenBucket &) = delete;
    TokenBucket &operator=(const TokenBucket &) = delete;

    // Takes one token; returns how long to wait first (0 when one was there). The token is
    // spoken for either way, so callers that wait are served in order.
    std::int64_t takeNs(std::int64_t nowNs);

private:
    std::int64_t m_intervalNs;
    std::int64_t m_burstNs;
    alignas(std::atomic_ref<State>::required_alignment) State m_ownState = 0;
    State *m_state;
};

// Sends through `inner` after every bucket in `buckets` has a token for the probe. Waiting for
// tokens ends early on cancellation (the probe is then not sent). Receiving is untouched, so
// answers keep their kernel timestamps while sends are held back.
class PacedTransport : public ProbeTransport
{
public:
    PacedTransport(ProbeTransport &inner, std::vector<TokenBucket *> buckets,
                   const CancelSignal &cancel);

    Expected<std::int64_t> send(const OutgoingPacket &packet) override;
    std::optional<ReceivedPacket> receive(std::int64_t deadlineNs,
                                          const CancelSignal &cancel) override;
    std::int64_t nowNs() const override { return m_inner.nowNs(); }

private:
    ProbeTransport &m_inner;
    std::vector<TokenBucket *> m_buckets;
    const CancelSignal &m_cancel;
};

// The sending burst that goes with a rate: a twentieth of a second's worth, at least one probe.
double burstForRate(double ratePerSecond);

} // namespace hopscope
