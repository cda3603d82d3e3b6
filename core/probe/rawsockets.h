// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "common/expected.h"
#include "probe/probetransport.h"
#include "probe/tracerequest.h"

#include <optional>

namespace hopscope {

// One raw socket that sends probes with our own IP header (IP_HDRINCL / IPV6_HDRINCL), so that
// the IP ID (IPv4) and flow label (IPv6) that name them are exactly what we wrote, and receives
// with kernel timestamps (SO_TIMESTAMPNS). An ICMPv6 socket lets through only the messages a
// trace reads. `ipProtocol` is IPPROTO_ICMP, IPPROTO_ICMPV6, IPPROTO_TCP or IPPROTO_UDP.
// Fails with ErrorCode::PermissionDenied without CAP_NET_RAW.
Expected<int> openRawProbeSocket(IpAddress::Family family, int ipProtocol);

// True when this process may open raw sockets (it holds CAP_NET_RAW).
bool rawSocketsAllowed();

// The IP protocol of the socket a probe of `protocol` is sent on and answers are read from.
int icmpProtocolOf(IpAddress::Family family);
int dataProtocolOf(Protocol protocol, IpAddress::Family family); // the ICMP one for ICMP probes

PacketChannel icmpChannelOf(IpAddress::Family family);
PacketChannel dataChannelOf(Protocol protocol, IpAddress::Family family);

// Reads one queued packet without waiting.
std::optional<ReceivedPacket> readRawPacket(int fd, PacketChannel channel);

// Sends a whole packet built by a probe method; returns the time it left.
Expected<std::int64_t> sendRawPacket(int fd, const OutgoingPacket &packet);

} // namespace hopscope
