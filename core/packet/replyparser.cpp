// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "packet/replyparser.h"

#include "packet/bytes.h"
#include "packet/checksum.h"

#include <algorithm>
#include <netinet/in.h>

namespace hopscope {

namespace {

constexpr std::size_t kIcmpHeaderBytes = 8;
constexpr std::size_t kIpv6HeaderBytes = 40;
constexpr std::size_t kQuotedTransportBytes = 8;

Error malformed(std::string what)
{
    return Error{ErrorCode::Malformed, std::move(what)};
}

struct Ipv4Header
{
    std::size_t headerBytes = 0;
    std::uint8_t trafficClass = 0;
    std::uint8_t ttl = 0;
    std::uint8_t protocol = 0;
    std::uint16_t id = 0;
    IpAddress source;
    IpAddress destination;
};

Expected<Ipv4Header> readIpv4Header(std::span<const std::uint8_t> bytes)
{
    const ByteReader reader(bytes);
    if (bytes.size() < 20)
        return malformed("IPv4 header truncated");
    if ((bytes[0] >> 4) != 4)
        return malformed("not an IPv4 header");
    Ipv4Header header;
    header.headerBytes = static_cast<std::size_t>(bytes[0] & 0x0f) * 4;
    if (header.headerBytes < 20 || header.headerBytes > bytes.size())
        return malformed("IPv4 header length out of range");
    header.trafficClass = bytes[1];
    header.ttl = bytes[8];
    header.protocol = bytes[9];
    header.id = *reader.u16(4);
    header.source = IpAddress::v4(bytes.data() + 12);
    header.destination = IpAddress::v4(bytes.data() + 16);
    return header;
}

// Skips IPv6 extension headers a probe could carry, returning the transport protocol and offset.
std::optional<std::pair<std::uint8_t, std::size_t>>
skipIpv6Extensions(const ByteReader &reader, std::uint8_t next, std::size_t at)
{
    for (int guard = 0; guard < 8; ++guard) {
        if (next != 0 && next != 43 && next != 60) // hop-by-hop, routing, destination options
            return std::pair{next, at};
        const auto following = reader.u8(at);
        const auto length = reader.u8(at + 1);
        if (!following || !length)
            return std::nullopt;
        next = *following;
        at += (static_cast<std::size_t>(*length) + 1) * 8;
    }
    return std::nullopt;
}

Expected<QuotedPacket> readQuotedIpv4(std::span<const std::uint8_t> bytes)
{
    const auto header = readIpv4Header(bytes);
    if (!header)
        return malformed("quoted " + header.error().message);
    if (bytes.size() < header->headerBytes + kQuotedTransportBytes)
        return malformed("quote shorter than the IP header and 8 transport bytes");
    QuotedPacket quote;
    quote.source = header->source;
    quote.destination = header->destination;
    quote.protocol = header->protocol;
    quote.trafficClass = header->trafficClass;
    quote.ttl = header->ttl;
    quote.ipId = header->id;
    std::copy_n(bytes.begin() + static_cast<long>(header->headerBytes), kQuotedTransportBytes,
                quote.transport.begin());
    return quote;
}

Expected<QuotedPacket> readQuotedIpv6(std::span<const std::uint8_t> bytes)
{
    const ByteReader reader(bytes);
    if (bytes.size() < kIpv6HeaderBytes)
        return malformed("quoted IPv6 header truncated");
    if ((bytes[0] >> 4) != 6)
        return malformed("quoted header is not IPv6");
    const auto transport = skipIpv6Extensions(reader, bytes[6], kIpv6HeaderBytes);
    if (!transport || bytes.size() < transport->second + kQuotedTransportBytes)
        return malformed("quote shorter than the IPv6 header and 8 transport bytes");
    QuotedPacket quote;
    quote.flowLabel = *reader.u32(0) & 0xfffff;
    quote.trafficClass = static_cast<std::uint8_t>(*reader.u32(0) >> 20);
    quote.ttl = bytes[7];
    quote.protocol = transport->first;
    quote.source = IpAddress::v6(bytes.data() + 8);
    quote.destination = IpAddress::v6(bytes.data() + 24);
    std::copy_n(bytes.begin() + static_cast<long>(transport->second), kQuotedTransportBytes,
                quote.transport.begin());
    return quote;
}

Expected<TcpSegment> readTcp(std::span<const std::uint8_t> segment, const IpAddress &from,
                             const IpAddress &to)
{
    const ByteReader reader(segment);
    if (segment.size() < 20)
        return malformed("TCP header truncated");
    const std::size_t headerBytes = static_cast<std::size_t>(segment[12] >> 4) * 4;
    if (headerBytes < 20 || headerBytes > segment.size())
        return malformed("TCP data offset out of range");
    const bool complete = transportChecksum(from, to, IPPROTO_TCP, segment) == 0;
    const bool offloadPending =
        *reader.u16(16) == pseudoHeaderSum(from, to, IPPROTO_TCP, segment.size());
    if (!complete && !offloadPending)
        return Error{ErrorCode::BadChecksum, "TCP checksum does not match"};
    TcpSegment tcp;
    tcp.from = from;
    tcp.to = to;
    tcp.sourcePort = *reader.u16(0);
    tcp.destinationPort = *reader.u16(2);
    tcp.sequence = *reader.u32(4);
    tcp.acknowledgement = *reader.u32(8);
    tcp.flags = segment[13];
    return tcp;
}

} // namespace

namespace {

// The ICMP or ICMPv6 message itself, from its type byte on; the two differ only in numbers.
Expected<IcmpMessage> readIcmp(std::span<const std::uint8_t> icmp, const IpAddress &from, bool v6)
{
    const ByteReader reader(icmp);
    IcmpMessage message;
    message.from = from;
    message.type = icmp[0];
    message.code = icmp[1];
    if (message.type == (v6 ? 3 : 11))
        message.kind = IcmpKind::TimeExceeded;
    else if (message.type == (v6 ? 1 : 3))
        message.kind = IcmpKind::DestinationUnreachable;
    else if (v6 && message.type == 2)
        message.kind = IcmpKind::PacketTooBig;
    else if (message.type == (v6 ? 129 : 0))
        message.kind = IcmpKind::EchoReply;
    if (message.kind == IcmpKind::EchoReply) {
        message.echoId = *reader.u16(4);
        message.echoSequence = *reader.u16(6);
    } else if (message.kind != IcmpKind::Other) {
        // RFC 4884 gives the quote's length; without it the quote runs to the end. The probe's
        // first bytes are all the matching needs from it.
        auto quoted = icmp.subspan(kIcmpHeaderBytes);
        if (const auto length = rfc4884QuoteLength(icmp, v6); length && *length <= quoted.size())
            quoted = quoted.first(*length);
        auto quote = v6 ? readQuotedIpv6(quoted) : readQuotedIpv4(quoted);
        if (!quote)
            return quote.error();
        message.quote = *quote;
        message.extensions = parseIcmpExtensions(icmp, v6);
        if (message.kind == IcmpKind::PacketTooBig)
            message.nextHopMtu = *reader.u32(4);
        else if (!v6 && message.kind == IcmpKind::DestinationUnreachable && message.code == 4)
            message.nextHopMtu = *reader.u16(6); // fragmentation needed (RFC 1191)
    }
    return message;
}

} // namespace

Expected<IcmpMessage> parseIcmpV4(std::span<const std::uint8_t> packet)
{
    const auto outer = readIpv4Header(packet);
    if (!outer)
        return outer.error();
    if (outer->protocol != IPPROTO_ICMP)
        return malformed("not ICMP");
    const auto icmp = packet.subspan(outer->headerBytes);
    if (icmp.size() < kIcmpHeaderBytes)
        return malformed("ICMP header truncated");
    if (internetChecksum(icmp) != 0)
        return Error{ErrorCode::BadChecksum, "ICMP checksum does not match"};
    auto message = readIcmp(icmp, outer->source, false);
    if (message)
        message->ttl = outer->ttl;
    return message;
}

Expected<IcmpMessage> parseIcmpV6(std::span<const std::uint8_t> bytes, const IpAddress &from)
{
    if (bytes.size() < kIcmpHeaderBytes)
        return malformed("ICMPv6 header truncated");
    return readIcmp(bytes, from, true);
}

Expected<TcpSegment> parseTcpV4(std::span<const std::uint8_t> packet)
{
    const auto outer = readIpv4Header(packet);
    if (!outer)
        return outer.error();
    if (outer->protocol != IPPROTO_TCP)
        return malformed("not TCP");
    return readTcp(packet.subspan(outer->headerBytes), outer->source, outer->destination);
}

Expected<TcpSegment> parseTcpV6(std::span<const std::uint8_t> segment, const IpAddress &from,
                                const IpAddress &to)
{
    return readTcp(segment, from, to);
}

} // namespace hopscope
