// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "common/expected.h"
#include "path/networkpath.h"

#include <string>
#include <string_view>

namespace hopscope {

// Other tools' saved output as NetworkPaths, so that they can be shown, compared and reported
// on like Hopscope's own.

// `mtr --json` (mtr 0.95): one hop per hub, with mtr's own figures kept as the path's
// per-hop statistics (`hopscope.monitor`, one round per mtr cycle); "???" is a silent TTL.
Expected<NetworkPath> importMtrJson(std::string_view text);

// Trippy's `trip --mode json` report: a row of figures per TTL (Trippy's loss, sent, received,
// last, avg, best, worst, stddev, jitter); every host Trippy saw at a TTL is a hop. Trippy's
// report does not say which protocol it used: ICMP, its default.
Expected<NetworkPath> importTrippyJson(std::string_view text);

// The text `traceroute` (UDP, -T, -I) and `tcptraceroute` print: every RTT and every `*`
// becomes a probe, "!H"-style annotations ICMP unreachable codes, "[open]"/"[closed]" the
// destination's TCP answer. traceroute's header does not say which protocol it used: UDP unless
// told otherwise.
Expected<NetworkPath> importTracerouteText(std::string_view text,
                                           Protocol protocol = Protocol::Udp);

// A NetworkPath JSON file, or any of the formats above, told apart by their content.
Expected<NetworkPath> readAnyPathFile(const std::string &fileName);

} // namespace hopscope
