// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "monitor/samplehistory.h"

#include "common/statecodec.h"

#include <algorithm>
#include <limits>

namespace hopscope {

namespace {

constexpr std::size_t kSampleStateBytes = 30;
constexpr std::size_t kBucketStateBytes = 56;

void writeSample(StateWriter &writer, const MonitorSample &sample)
{
    writer.put(sample.sentAtUs);
    writer.put(sample.rttMs);
    writer.put(sample.round);
    for (const std::uint8_t byte :
         {sample.flow, sample.icmpType, sample.icmpCode, static_cast<std::uint8_t>(sample.hasIcmp),
          sample.quote, sample.replyTtl})
        writer.put(byte);
    writer.put(sample.order);
}

MonitorSample readSample(StateReader &reader)
{
    MonitorSample sample;
    sample.sentAtUs = reader.get<std::int64_t>();
    sample.rttMs = reader.get<double>();
    sample.round = reader.get<std::int32_t>();
    sample.flow = reader.get<std::uint8_t>();
    sample.icmpType = reader.get<std::uint8_t>();
    sample.icmpCode = reader.get<std::uint8_t>();
    sample.hasIcmp = reader.get<bool>();
    sample.quote = reader.get<std::uint8_t>();
    sample.replyTtl = reader.get<std::uint8_t>();
    sample.order = reader.get<std::uint32_t>();
    return sample;
}

void writeBucket(StateWriter &writer, const SampleBucket &bucket)
{
    writer.put(bucket.firstSentUs);
    writer.put(bucket.lastSentUs);
    writer.put(bucket.firstRound);
    writer.put(bucket.lastRound);
    writer.put(bucket.sent);
    writer.put(bucket.received);
    writer.put(bucket.minMs);
    writer.put(bucket.maxMs);
    writer.put(bucket.sumMs);
}

SampleBucket readBucket(StateReader &reader)
{
    SampleBucket bucket;
    bucket.firstSentUs = reader.get<std::int64_t>();
    bucket.lastSentUs = reader.get<std::int64_t>();
    bucket.firstRound = reader.get<std::int32_t>();
    bucket.lastRound = reader.get<std::int32_t>();
    bucket.sent = reader.get<std::int32_t>(0, std::numeric_limits<std::int32_t>::max(),
                                           "a bucket's probe count");
    bucket.received = reader.get<std::int32_t>(0, bucket.sent, "a bucket's reply count");
    bucket.minMs = reader.get<double>();
    bucket.maxMs = reader.get<double>();
    bucket.sumMs = reader.get<double>();
    return bucket;
}

} // namespace

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

void SampleHistory::writeState(StateWriter &writer) const
{
    writer.put<std::uint64_t>(m_samplesPerBucket);
    writer.put(m_total);
    writer.putSize(m_recent.size());
    m_recent.forEach([&writer](const MonitorSample &sample) { writeSample(writer, sample); });
    writer.putSize(m_buckets.size());
    for (const SampleBucket &bucket : m_buckets)
        writeBucket(writer, bucket);
    writer.put(m_open.has_value());
    if (m_open)
        writeBucket(writer, *m_open);
}

SampleHistory SampleHistory::readState(StateReader &reader, const SampleHistoryLimits &limits)
{
    SampleHistory history(limits);
    // Doubled each time the buckets filled up: a power of two times the first size.
    history.m_samplesPerBucket = reader.get<std::uint64_t>(
        history.m_samplesPerBucket, history.m_samplesPerBucket << 40, "the probes per bucket");
    history.m_total =
        reader.get<std::int64_t>(0, std::numeric_limits<std::int64_t>::max(), "a probe count");
    const std::size_t recent = reader.getCount(kSampleStateBytes);
    if (recent > history.m_recent.capacity())
        reader.fail("more probes than a row keeps one by one");
    MonitorSample evicted;
    for (std::size_t i = 0; i < recent; ++i)
        history.m_recent.push(readSample(reader), evicted);
    const std::size_t buckets = reader.getCount(kBucketStateBytes);
    if (buckets >= history.m_maxBuckets)
        reader.fail("more buckets than a row keeps");
    for (std::size_t i = 0; i < buckets; ++i)
        history.m_buckets.push_back(readBucket(reader));
    if (reader.get<bool>())
        history.m_open = readBucket(reader);
    return history;
}

} // namespace hopscope
