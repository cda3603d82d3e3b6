// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "monitor/samplehistory.h"

#include <algorithm>

namespace hopscope {

void SampleBucket::add(const MonitorSample &sample)
{
    if (sent == 0) {
        firstSentUs = sample.sentAtUs;
        firstRound = sample.round;
    }
    lastSentUs = sample.sentAtUs;
    lastRound = sample.round;
    ++sent;
    if (sample.lost())
        return;
    minMs = received == 0 ? sample.rttMs : std::min(minMs, sample.rttMs);
    maxMs = received == 0 ? sample.rttMs : std::max(maxMs, sample.rttMs);
    sumMs += sample.rttMs;
    ++received;
}

void SampleBucket::merge(const SampleBucket &later)
{
    if (later.received > 0) {
        minMs = received == 0 ? later.minMs : std::min(minMs, later.minMs);
        maxMs = received == 0 ? later.maxMs : std::max(maxMs, later.maxMs);
    }
    lastSentUs = later.lastSentUs;
    lastRound = later.lastRound;
    sent += later.sent;
    received += later.received;
    sumMs += later.sumMs;
}

SampleHistory::SampleHistory(const SampleHistoryLimits &limits)
    : m_recent(limits.recentSamples), m_maxBuckets(std::max<std::size_t>(limits.buckets, 2)),
      m_samplesPerBucket(std::max<std::size_t>(limits.samplesPerBucket, 1))
{
}

void SampleHistory::add(const MonitorSample &sample)
{
    ++m_total;
    MonitorSample evicted;
    if (m_recent.push(sample, evicted))
        fold(evicted);
}

void SampleHistory::fold(const MonitorSample &old)
{
    if (!m_open)
        m_open.emplace();
    m_open->add(old);
    if (static_cast<std::size_t>(m_open->sent) < m_samplesPerBucket)
        return;
    m_buckets.push_back(*m_open);
    m_open.reset();
    if (m_buckets.size() < m_maxBuckets)
        return;
    std::vector<SampleBucket> merged;
    merged.reserve(m_maxBuckets);
    for (std::size_t i = 0; i + 1 < m_buckets.size(); i += 2) {
        merged.push_back(m_buckets[i]);
        merged.back().merge(m_buckets[i + 1]);
    }
    if (m_buckets.size() % 2 == 1)
        merged.push_back(m_buckets.back());
    m_buckets = std::move(merged);
    m_samplesPerBucket *= 2;
}

std::vector<SampleBucket> SampleHistory::buckets() const
{
    std::vector<SampleBucket> all = m_buckets;
    if (m_open)
        all.push_back(*m_open);
    return all;
}

} // namespace hopscope
