// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "common/ringbuffer.h"

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <vector>

namespace hopscope {

class StateReader;
class StateWriter;

// One probe, as a row keeps it: 32 bytes. The RTT keeps every bit a file holds, so that a path
// reopens exactly as it was saved.
struct MonitorSample
{
    std::int64_t sentAtUs = 0;
    double rttMs = 0.0; // NaN when the probe was lost
    std::int32_t round = 0;
    std::uint8_t flow = 0;
    std::uint8_t icmpType = 0;
    std::uint8_t icmpCode = 0;
    bool hasIcmp = false;
    std::uint8_t quote = 0;    // which of its row's distinct quotes the reply carried, from 1
    std::uint8_t replyTtl = 0; // the TTL the reply arrived with; 0: not known (none arrives so)
    std::uint32_t order = 0; // when the model took it, to keep probes sent at one instant in order

    bool lost() const { return std::isnan(rttMs); }
    std::optional<double> rtt() const
    {
        return lost() ? std::nullopt : std::optional<double>(rttMs);
    }
};
// A week of probes is kept one by one in a long session: every byte counts.
static_assert(sizeof(MonitorSample) == 32);

// Probes folded together once they are too old to keep one by one.
struct SampleBucket
{
    std::int64_t firstSentUs = 0;
    std::int64_t lastSentUs = 0;
    std::int32_t firstRound = 0;
    std::int32_t lastRound = 0;
    std::int32_t sent = 0;
    std::int32_t received = 0;
    double minMs = 0.0;
    double maxMs = 0.0;
    double sumMs = 0.0;

    std::optional<double> avgMs() const
    {
        return received > 0 ? std::optional<double>(sumMs / received) : std::nullopt;
    }
    void add(const MonitorSample &sample);
    void merge(const SampleBucket &later);
};

struct SampleHistoryLimits
{
    std::size_t recentSamples = 10'000; // kept one by one
    std::size_t buckets = 1024;         // older ones, folded
    std::size_t samplesPerBucket = 60;  // at first; doubles each time the buckets fill up
};

// The probes of one hop over a whole session in bounded memory: the most recent ones as they
// were, and everything older in buckets. When the buckets fill up, neighbours merge pairwise
// and each bucket then covers twice as many probes, so the whole session stays covered with a
// resolution that coarsens with age and nothing is dropped.
class SampleHistory
{
public:
    explicit SampleHistory(const SampleHistoryLimits &limits = {});

    void add(const MonitorSample &sample);

    const RingBuffer<MonitorSample> &recent() const { return m_recent; }
    // The buckets, oldest first, the last of them perhaps still filling; without a copy, as a
    // view redrawn many times a second reads them.
    template <typename Visit> void forEachBucket(Visit &&visit) const
    {
        for (const SampleBucket &bucket : m_buckets)
            visit(bucket);
        if (m_open)
            visit(*m_open);
    }
    std::size_t samplesPerBucket() const { return m_samplesPerBucket; }
    std::int64_t totalSamples() const { return m_total; }

    // Everything it holds, to go on from exactly (PathModel's state). Reading refuses more
    // probes or buckets than `limits` keep.
    void writeState(StateWriter &writer) const;
    static SampleHistory readState(StateReader &reader, const SampleHistoryLimits &limits);

private:
    void fold(const MonitorSample &old);

    RingBuffer<MonitorSample> m_recent;
    std::vector<SampleBucket> m_buckets; // closed buckets
    std::optional<SampleBucket> m_open;
    std::size_t m_maxBuckets;
    std::size_t m_samplesPerBucket;
    std::int64_t m_total = 0;
};

} // namespace hopscope
