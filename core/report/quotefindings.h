// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "path/monitorsummary.h"
#include "path/networkpath.h"
#include "probe/probetypes.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

// What a router's quote says happened to a probe on its way, in the words every view uses: the
// CLI's lines under a hop, the report's columns, the window's cells and tooltips.
namespace hopscope {

struct QuoteFindings
{
    std::string natSource;      // the source the router saw, when a NAT before it rewrote ours
    std::optional<int> natPort; // the source port it saw, when rewritten too
    int dscp = 0;               // as the router saw them
    int ecn = 0;
    bool trafficClassRewritten = false;      // not what the probe was sent with
    std::optional<int> quotedTtl;            // when not 1: a tunnel or a hop that copies TTLs
    std::optional<std::uint32_t> mtu;        // next-hop MTU, else an interface's MTU
    std::optional<std::uint32_t> nextHopMtu; // of a fragmentation-needed or packet-too-big answer
    std::vector<MplsLabel> mpls;
    std::vector<InterfaceInformation> interfaces;
    std::vector<std::string> notes; // extensions left out as malformed, and why
};

// The MTU a router told: the next-hop MTU of a too-big answer, else an interface's (RFC 5837).
std::optional<std::uint32_t> toldMtu(const ProbeQuote &quote);

// The TOS byte (traffic class) the path's probes left with: its request's, 0 when it has none.
std::uint8_t sentTrafficClassOf(const NetworkPath &path);

// `sentTrafficClass` is the TOS byte (traffic class) the probes left with.
QuoteFindings quoteFindings(const ProbeQuote &quote, std::uint8_t sentTrafficClass = 0);

// The lines a trace prints under a hop, as mtr -e prints label stacks:
//   [MPLS: Lbl 24000 TC 0 S 1 TTL 1]
//   [interface: in ifindex 17 ge-0/0/1 10.0.2.1 mtu 1500]
//   [NAT: the router saw source 198.18.1.100]
//   [DSCP 8 ECN 0 as the router saw it; sent DSCP 0 ECN 0]
//   [quoted TTL 2]
//   [too big: the next link carries at most 1400 bytes]
//   [extension left out: MPLS label stack of 3 bytes, not a multiple of 4: left out]
std::vector<std::string> quoteFindingLines(const QuoteFindings &findings,
                                           std::uint8_t sentTrafficClass = 0);

// Everything a hop's replies told, as the trace prints it under the hop and `show` lists it: the
// lines of each responder's quote, then, for the destination, its reply TTL line.
std::vector<std::string> replyFindingLines(const std::vector<ProbeQuote> &quotes,
                                           std::optional<int> destinationReplyTtl,
                                           std::uint8_t sentTrafficClass);

// The destination's answer as traceroute users read it: "[reply TTL 60: 4 routers on the way
// back from an initial TTL of 64]", the initial TTL being the common one (32, 64, 128, 255) at or
// above it. A return path of another length than the way there is an asymmetric route.
std::string replyTtlLine(int replyTtl);

// The label stacks a file gave its hops, by TTL and address: only the hops that have one.
using FileLabels = std::map<std::pair<int, std::string>, std::vector<MplsLabel>>;
FileLabels fileLabelsOf(const std::vector<PathHop> *fileHops);

// The label stack of a row: the one its router quoted, else the one its file listed.
std::vector<MplsLabel> rowLabels(const MonitorHop &hop, const FileLabels &fileLabels);

// The size probes to `ttl` went at once path MTU discovery had shrunk them: the first size,
// less every drop at or before it. Nothing when the path's MTU was not searched.
std::optional<int> discoveredMtuAt(const NetworkPath &path, int ttl);

// A row's MTU: the one its router told (next-hop MTU, or an interface's), else the size path
// MTU discovery reached it with.
std::optional<std::uint32_t> rowMtu(const MonitorHop &hop, const NetworkPath &path);

// What path MTU discovery found, one sentence per finding:
//   "The path MTU is 1400 bytes (probes started at 1500, the outgoing interface's MTU)."
//   "It drops from 1500 to 1400 bytes after TTL 2 (10.0.2.2): the link to TTL 3 carries no more."
std::vector<std::string> describePathMtu(const PathMtu &mtu, bool reached);

} // namespace hopscope
