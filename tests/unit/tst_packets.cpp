// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "packet/checksum.h"
#include "packet/replyparser.h"
#include "packet/tcpsyn.h"
#include "packet/unreachable.h"
#include "packetcrafting.h"

#include <QTest>

#include <netinet/in.h>

using namespace hopscope;
using namespace hopscope::testing;

Q_DECLARE_METATYPE(hopscope::testing::Bytes)

namespace {

TcpSynProbe probeV4()
{
    TcpSynProbe probe;
    probe.source = v4("198.51.100.10");
    probe.destination = v4("203.0.113.5");
    probe.sourcePort = 40001;
    probe.destinationPort = 443;
    probe.sequence = 0xdeadbeef;
    probe.ttl = 7;
    probe.ipId = 0x1234;
    return probe;
}

TcpSynProbe probeV6()
{
    TcpSynProbe probe = probeV4();
    probe.source = v6("2001:db8::10");
    probe.destination = v6("2001:db8:1::5");
    return probe;
}

} // namespace

class PacketsTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void checksumOfKnownBytes();
    void synIpv4IsWellFormed();
    void synIpv6SegmentChecksums();
    void synIpv6PacketCarriesFlowLabelAndHopLimit();
    void icmpV4Quotes_data();
    void icmpV4Quotes();
    void icmpV4Rejects_data();
    void icmpV4Rejects();
    void icmpV6Quote();
    void icmpV6Rejects_data();
    void icmpV6Rejects();
    void tcpReplies_data();
    void tcpReplies();
    void addressesInTheirCanonicalForm_data();
    void addressesInTheirCanonicalForm();
    void unreachableKinds_data();
    void unreachableKinds();
};

void PacketsTest::checksumOfKnownBytes()
{
    // RFC 1071's example words 0001 f203 f4f5 f6f7 sum to ddf2; the checksum is its complement.
    const Bytes words{0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7};
    QCOMPARE(internetChecksum(words), std::uint16_t(0x220d));
    const Bytes odd{0x01};
    QCOMPARE(internetChecksum(odd), std::uint16_t(0xfeff));
}

void PacketsTest::synIpv4IsWellFormed()
{
    const Bytes datagram = buildIpv4TcpSyn(probeV4());
    QCOMPARE(datagram.size(), std::size_t(44));
    QCOMPARE(int(datagram[0]), 0x45);
    QCOMPARE(int(datagram[6] & 0x40), 0); // no DF, as traceroute and Datadog send
    QCOMPARE(int(datagram[8]), 7);
    QCOMPARE(int(datagram[9]), int(IPPROTO_TCP));
    QCOMPARE(internetChecksum({datagram.data(), 20}), std::uint16_t(0));
    const std::span<const std::uint8_t> segment(datagram.data() + 20, 24);
    QCOMPARE(transportChecksum(probeV4().source, probeV4().destination, IPPROTO_TCP, segment),
             std::uint16_t(0));
    const auto parsed = parseTcpV4(datagram);
    QVERIFY(parsed.hasValue());
    QCOMPARE(parsed->sourcePort, std::uint16_t(40001));
    QCOMPARE(parsed->destinationPort, std::uint16_t(443));
    QCOMPARE(parsed->sequence, 0xdeadbeefu);
    QCOMPARE(int(parsed->flags), int(kTcpFlagSyn));
}

void PacketsTest::synIpv6SegmentChecksums()
{
    const Bytes segment = buildTcpSynSegment(probeV6());
    QCOMPARE(transportChecksum(probeV6().source, probeV6().destination, IPPROTO_TCP, segment),
             std::uint16_t(0));
    const auto parsed = parseTcpV6(segment, probeV6().source, probeV6().destination);
    QVERIFY(parsed.hasValue());
    QCOMPARE(parsed->sequence, 0xdeadbeefu);
    // The same bytes under another pseudo-header do not check.
    QVERIFY(!parseTcpV6(segment, probeV6().source, v6("2001:db8:1::6")).hasValue());
}

void PacketsTest::synIpv6PacketCarriesFlowLabelAndHopLimit()
{
    TcpSynProbe probe = probeV6();
    probe.flowLabel = 0x12345;
    const Bytes packet = buildIpv6TcpSyn(probe);
    QCOMPARE(packet.size(), std::size_t(40 + 24));
    QCOMPARE(int(packet[0] >> 4), 6);
    QCOMPARE((std::uint32_t(packet[1] & 0x0f) << 16) | std::uint32_t(packet[2] << 8) | packet[3],
             0x12345u);
    QCOMPARE(packet[4] << 8 | packet[5], 24);
    QCOMPARE(int(packet[6]), int(IPPROTO_TCP));
    QCOMPARE(int(packet[7]), 7);
    QCOMPARE(IpAddress::v6(packet.data() + 8), probe.source);
    QCOMPARE(IpAddress::v6(packet.data() + 24), probe.destination);
    QVERIFY(parseTcpV6({packet.data() + 40, 24}, probe.source, probe.destination).hasValue());
}

void PacketsTest::icmpV4Quotes_data()
{
    QTest::addColumn<int>("type");
    QTest::addColumn<int>("code");
    QTest::addColumn<int>("quoteBytes");
    QTest::addColumn<bool>("rfc4884");
    QTest::addColumn<int>("kind");
    QTest::newRow("time exceeded, RFC 792 minimum quote")
        << 11 << 0 << 28 << false << int(IcmpKind::TimeExceeded);
    QTest::newRow("time exceeded, whole probe quoted")
        << 11 << 0 << 44 << false << int(IcmpKind::TimeExceeded);
    QTest::newRow("time exceeded, RFC 4884 with extensions")
        << 11 << 0 << 44 << true << int(IcmpKind::TimeExceeded);
    QTest::newRow("host unreachable")
        << 3 << 1 << 28 << false << int(IcmpKind::DestinationUnreachable);
    QTest::newRow("admin prohibited, RFC 4884")
        << 3 << 13 << 44 << true << int(IcmpKind::DestinationUnreachable);
}

void PacketsTest::icmpV4Quotes()
{
    QFETCH(int, type);
    QFETCH(int, code);
    QFETCH(int, quoteBytes);
    QFETCH(bool, rfc4884);
    const Bytes probe = buildIpv4TcpSyn(probeV4());
    const Bytes reply = icmpV4Error(
        v4("192.0.2.1"), probeV4().source, static_cast<std::uint8_t>(type),
        static_cast<std::uint8_t>(code), probe, static_cast<std::size_t>(quoteBytes), rfc4884);
    const auto message = parseIcmpV4(reply);
    QVERIFY2(message.hasValue(), message ? "" : message.error().message.c_str());
    QTEST(int(message->kind), "kind");
    QCOMPARE(int(message->code), code);
    QCOMPARE(message->from, v4("192.0.2.1"));
    QVERIFY(message->quote.has_value());
    QCOMPARE(message->quote->source, probeV4().source);
    QCOMPARE(message->quote->destination, probeV4().destination);
    QCOMPARE(int(message->quote->protocol), int(IPPROTO_TCP));
    QCOMPARE(message->quote->ipId, std::uint16_t(0x1234));
    const auto &t = message->quote->transport;
    QCOMPARE(t[0] << 8 | t[1], 40001);
    QCOMPARE(t[2] << 8 | t[3], 443);
    QCOMPARE(std::uint32_t(t[4]) << 24 | t[5] << 16 | t[6] << 8 | t[7], 0xdeadbeefu);
}

void PacketsTest::icmpV4Rejects_data()
{
    QTest::addColumn<Bytes>("packet");
    QTest::addColumn<QByteArray>("code");
    const Bytes probe = buildIpv4TcpSyn(probeV4());
    const Bytes good = icmpV4Error(v4("192.0.2.1"), probeV4().source, 11, 0, probe);

    QTest::newRow("empty") << Bytes{} << QByteArray("malformed");
    QTest::newRow("outer header cut")
        << Bytes(good.begin(), good.begin() + 12) << QByteArray("malformed");
    QTest::newRow("ICMP header cut")
        << Bytes(good.begin(), good.begin() + 24) << QByteArray("malformed");
    // Cutting also breaks the checksum, so recompute it to reach the length check.
    Bytes shortQuote = icmpV4Error(v4("192.0.2.1"), probeV4().source, 11, 0, probe, 24);
    QTest::newRow("quote shorter than 8 transport bytes") << shortQuote << QByteArray("malformed");
    Bytes flipped = good;
    flipped[40] ^= 0x01;
    QTest::newRow("one bit flipped in the quote") << flipped << QByteArray("bad-checksum");
    Bytes badVersion = probe;
    badVersion[0] = 0x65;
    QTest::newRow("quoted header is not IPv4")
        << icmpV4Error(v4("192.0.2.1"), probeV4().source, 11, 0, badVersion)
        << QByteArray("malformed");
    Bytes badIhl = probe;
    badIhl[0] = 0x4f; // 60-byte header, longer than the quote
    QTest::newRow("quoted header length past the end")
        << icmpV4Error(v4("192.0.2.1"), probeV4().source, 11, 0, badIhl) << QByteArray("malformed");
    Bytes notIcmp = good;
    notIcmp[9] = IPPROTO_UDP;
    QTest::newRow("outer protocol not ICMP") << notIcmp << QByteArray("malformed");
}

void PacketsTest::icmpV4Rejects()
{
    QFETCH(Bytes, packet);
    const auto message = parseIcmpV4(packet);
    QVERIFY(!message.hasValue());
    QTEST(QByteArray::fromStdString(message.error().codeName()), "code");
}

void PacketsTest::icmpV6Quote()
{
    const Bytes segment = buildTcpSynSegment(probeV6());
    const Bytes message =
        icmpV6Error(3, 0, probeV6().source, probeV6().destination, IPPROTO_TCP, segment, 0xabcde);
    const auto parsed = parseIcmpV6(message, v6("2001:db8:ff::1"));
    QVERIFY2(parsed.hasValue(), parsed ? "" : parsed.error().message.c_str());
    QCOMPARE(int(parsed->kind), int(IcmpKind::TimeExceeded));
    QCOMPARE(parsed->from, v6("2001:db8:ff::1"));
    QCOMPARE(parsed->quote->flowLabel, 0xabcdeu);
    QCOMPARE(parsed->quote->destination, probeV6().destination);
    QCOMPARE(int(parsed->quote->protocol), int(IPPROTO_TCP));
    const auto &t = parsed->quote->transport;
    QCOMPARE(std::uint32_t(t[4]) << 24 | t[5] << 16 | t[6] << 8 | t[7], 0xdeadbeefu);
}

void PacketsTest::icmpV6Rejects_data()
{
    QTest::addColumn<Bytes>("message");
    const Bytes segment = buildTcpSynSegment(probeV6());
    const Bytes good =
        icmpV6Error(1, 4, probeV6().source, probeV6().destination, IPPROTO_TCP, segment);
    QTest::newRow("header cut") << Bytes(good.begin(), good.begin() + 6);
    QTest::newRow("quoted IPv6 header cut") << Bytes(good.begin(), good.begin() + 30);
    QTest::newRow("no transport bytes") << Bytes(good.begin(), good.begin() + 48);
    Bytes notSix = good;
    notSix[8] = 0x45;
    QTest::newRow("quoted header is not IPv6") << notSix;
}

void PacketsTest::icmpV6Rejects()
{
    QFETCH(Bytes, message);
    QVERIFY(!parseIcmpV6(message, v6("2001:db8::1")).hasValue());
}

void PacketsTest::tcpReplies_data()
{
    QTest::addColumn<Bytes>("packet");
    QTest::addColumn<bool>("accepted");
    const IpAddress server = v4("203.0.113.5");
    const IpAddress client = v4("198.51.100.10");
    const Bytes synAck =
        tcpSegment(server, client, 443, 40001, 777, 0xdeadbef0, kTcpFlagSyn | kTcpFlagAck);
    QTest::newRow("SYN-ACK") << ipv4Packet(server, client, IPPROTO_TCP, synAck) << true;
    Bytes corrupted = synAck;
    corrupted[9] ^= 0x10;
    QTest::newRow("corrupted acknowledgement")
        << ipv4Packet(server, client, IPPROTO_TCP, corrupted) << false;
    // Checksum left to the NIC: only the pseudo-header sum is in the field.
    Bytes offloaded = synAck;
    offloaded[16] = offloaded[17] = 0;
    const std::uint16_t partial = pseudoHeaderSum(server, client, IPPROTO_TCP, offloaded.size());
    offloaded[16] = static_cast<std::uint8_t>(partial >> 8);
    offloaded[17] = static_cast<std::uint8_t>(partial);
    QTest::newRow("checksum offload pending")
        << ipv4Packet(server, client, IPPROTO_TCP, offloaded) << true;
    QTest::newRow("header cut") << ipv4Packet(server, client, IPPROTO_TCP,
                                              Bytes(synAck.begin(), synAck.begin() + 16))
                                << false;
    Bytes badOffset = synAck;
    badOffset[12] = 0xf0;
    QTest::newRow("data offset past the end")
        << ipv4Packet(server, client, IPPROTO_TCP, badOffset) << false;
}

void PacketsTest::tcpReplies()
{
    QFETCH(Bytes, packet);
    const auto segment = parseTcpV4(packet);
    QTEST(segment.hasValue(), "accepted");
    if (segment) {
        QCOMPARE(segment->acknowledgement, 0xdeadbef0u);
        QCOMPARE(int(segment->flags), int(kTcpFlagSyn | kTcpFlagAck));
    }
}

void PacketsTest::addressesInTheirCanonicalForm_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("canonical"); // empty: not an address
    QTest::newRow("IPv4") << QByteArray("192.0.2.1") << "192.0.2.1";
    QTest::newRow("IPv6") << QByteArray("2001:db8::7") << "2001:db8::7";
    QTest::newRow("mapped") << QByteArray("::ffff:192.0.2.1") << "192.0.2.1";
    QTest::newRow("mapped, hex") << QByteArray("::ffff:c000:201") << "192.0.2.1";
    QTest::newRow("compatible") << QByteArray("::192.0.2.1") << "192.0.2.1";
    QTest::newRow("IPv6 loopback stays") << QByteArray("::1") << "::1";
    QTest::newRow("IPv6 unspecified stays") << QByteArray("::") << "::";
    QTest::newRow("almost mapped") << QByteArray("::fffe:192.0.2.1") << "::fffe:c000:201";
    QTest::newRow("NUL after an address") << QByteArray("127.0.0.1\0<script>", 18) << "";
    QTest::newRow("a name") << QByteArray("localhost") << "";
}

void PacketsTest::addressesInTheirCanonicalForm()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, canonical);
    const auto address =
        IpAddress::parse(std::string_view(text.constData(), std::size_t(text.size())));
    QCOMPARE(address ? QString::fromStdString(address->canonical().toString()) : QString(),
             canonical);
}

void PacketsTest::unreachableKinds_data()
{
    QTest::addColumn<bool>("ipv6");
    QTest::addColumn<int>("code");
    QTest::addColumn<QString>("flag");
    QTest::newRow("v4 net") << false << 0 << "!N";
    QTest::newRow("v4 host") << false << 1 << "!H";
    QTest::newRow("v4 protocol") << false << 2 << "!P";
    QTest::newRow("v4 port") << false << 3 << "";
    QTest::newRow("v4 communication prohibited") << false << 13 << "!X";
    QTest::newRow("v4 host prohibited") << false << 10 << "!X";
    QTest::newRow("v6 no route") << true << 0 << "!N";
    QTest::newRow("v6 prohibited") << true << 1 << "!X";
    QTest::newRow("v6 address") << true << 3 << "!H";
    QTest::newRow("v6 port") << true << 4 << "";
    QTest::newRow("v6 reject route") << true << 6 << "!X";
}

void PacketsTest::unreachableKinds()
{
    QFETCH(bool, ipv6);
    QFETCH(int, code);
    QTEST(QString::fromLatin1(
              unreachableFlag(classifyUnreachable(ipv6, static_cast<std::uint8_t>(code)))),
          "flag");
}

QTEST_GUILESS_MAIN(PacketsTest)
#include "tst_packets.moc"
