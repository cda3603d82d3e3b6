// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "packet/ipaddress.h"

#include <cstdint>
#include <linux/filter.h>
#include <vector>

namespace hopscope {

// Where a trace sends its probes. Every answer a trace reads is about one of these: an ICMP
// error quoting a probe to the address, or a reply from it.
struct ProbedDestination
{
    IpAddress address;
    std::uint16_t port = 0; // TCP and UDP probes
};

// A classic BPF program for a raw socket of `family` receiving `ipProtocol` (IPPROTO_ICMP,
// IPPROTO_ICMPV6, IPPROTO_TCP or IPPROTO_UDP) that lets through only what a trace to one of
// `destinations` could read, and nothing when there is none. A raw socket is otherwise handed
// every packet of its protocol the host receives, so each trace, and each helper process, would
// wake for every other trace's answers and every TCP segment of the host's own connections.
//
// What passes is a superset of what the probe methods accept:
// - IPv4 (the program sees the IP header): anything from a destination; ICMP time exceeded and
//   destination unreachable whose quoted packet was sent to one.
// - IPv6 (the program sees the ICMPv6 or transport header, not the IPv6 header): ICMPv6 errors
//   (unreachable, packet too big, time exceeded) quoting a packet to a destination; every echo
//   reply; TCP and UDP from a destination's port, or everything when a destination has no port.
std::vector<sock_filter> answerFilterProgram(IpAddress::Family family, int ipProtocol,
                                             const std::vector<ProbedDestination> &destinations);

// Attaches answerFilterProgram() to `fd`, replacing any filter it had. False when the kernel
// refuses it (it bounds a socket's filter memory by net.core.optmem_max): the socket is then left
// without a filter, which costs wake-ups but no answers.
bool attachAnswerFilter(int fd, IpAddress::Family family, int ipProtocol,
                        const std::vector<ProbedDestination> &destinations);

} // namespace hopscope
