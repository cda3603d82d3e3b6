// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "monitor/samplehistory.h"
#include "path/networkpath.h"
#include "path/pathmodel.h"

#include <cstdint>
#include <string>
#include <vector>

namespace hopscope {

// A stretch of a monitoring session as if it had run only then: what a timeline's focus shows in
// the table and the graph, and what a report or an export of the period holds.
//
// The probes the session still keeps one by one are played again in their rounds, so the period
// has every figure, link and rate-limit flag a session of its own would have. Older probes are
// only in folded buckets: a bucket that overlaps the period counts whole in its row's sent,
// received, best, average and worst, and the row's median, p95, deviation and jitter are then
// left unknown, as the buckets do not hold them. Route changes and alerts are the session's own
// within the period. Its toNetworkPath() is the period as a file. Nothing (an empty optional)
// when the period holds no probe.
std::optional<PathModel> sessionPeriod(const PathModel &session, std::int64_t fromUs,
                                       std::int64_t toUs);

// A row's probes in `count` equal slices of time from `fromUs` to `toUs`, for a timeline: each
// slice folds the probes sent in it and the buckets whose middle falls in it, `older` ones (a
// saved session's, from fileBucketsOf) first. Slices without a probe are left out; the rest come
// oldest first.
std::vector<SampleBucket> timeSlices(const SampleHistory &history, std::int64_t fromUs,
                                     std::int64_t toUs, int count,
                                     const std::vector<SampleBucket> &older = {});

// The folded buckets of one row of the file a saved session was read from (its rows then hold
// only the probes the file lists one by one); nothing for a session traced here.
std::vector<SampleBucket> fileBucketsOf(const PathModel &session, int ttl,
                                        const std::string &responder);

} // namespace hopscope
