// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "helper/helperprotocol.h"
#include "packet/bytes.h"
#include "packet/checksum.h"
#include "packetcrafting.h"
#include "probe/icmpmethod.h"
#include "probe/tcpsynmethod.h"
#include "probe/udpmethod.h"

#include <QTest>

#include <memory>
#include <netinet/in.h>

using namespace hopscope;
using namespace hopscope::testing;

namespace {

enum class Rewrite {
    None,           // the quote is the probe as sent
    Address,        // the source address, checksums left as they were (payload rewrite, notrack)
    AddressAndSum,  // the source address, the transport checksum updated with it
    AddressAndPort, // address and source port (or echo identifier), checksum updated
};

struct Trace
{
    IpAddress source;
    IpAddress destination;
    std::uint32_t identityBase;
    std::uint16_t ipIdBase;
    std::uint16_t firstPort;
    std::uint32_t firstLabel;
};

std::unique_ptr<RawProbeMethod> methodFor(const QString &protocol, const Trace &trace)
{
    RawMethodConfig config;
    config.source = trace.source;
    config.destination = trace.destination;
    config.destinationPort = protocol == QLatin1String("udp") ? 33434 : 443;
    config.flows = 3;
    config.queries = 2;
    config.maxTtl = 12;
    for (int flow = 0; flow < config.flows; ++flow) {
        config.flowPorts.push_back(static_cast<std::uint16_t>(trace.firstPort + flow));
        config.flowLabels.push_back(trace.firstLabel + static_cast<std::uint32_t>(flow));
    }
    config.identityBase = trace.identityBase;
    config.ipIdBase = trace.ipIdBase;
    if (protocol == QLatin1String("udp"))
        return std::make_unique<UdpMethod>(config);
    if (protocol == QLatin1String("tcp"))
        return std::make_unique<TcpSynMethod>(config);
    return std::make_unique<IcmpMethod>(config);
}

// What a NAT between us and the router did to the probe, the router then quoting it so.
Bytes rewritten(Bytes packet, bool v6, std::uint8_t protocol, Rewrite rewrite,
                const IpAddress &outside)
{
    if (rewrite == Rewrite::None)
        return packet;
    const std::size_t addressAt = v6 ? 8 : 12;
    const std::size_t addressBytes = v6 ? 16 : 4;
    const std::size_t transportAt = v6 ? 40 : 20;
    const bool icmp = protocol == IPPROTO_ICMP || protocol == IPPROTO_ICMPV6;
    const std::size_t portAt = transportAt + (icmp ? 4 : 0);
    const std::size_t sumAt = transportAt + (protocol == IPPROTO_UDP   ? 6
                                             : protocol == IPPROTO_TCP ? 16
                                                                       : 2);
    // The checksum covers the address through the pseudo-header, except ICMPv4's.
    const bool sumCoversAddress = protocol != IPPROTO_ICMP;
    const auto sum = [&] {
        return static_cast<std::uint16_t>(packet[sumAt] << 8 | packet[sumAt + 1]);
    };
    if (rewrite != Rewrite::Address && sumCoversAddress) {
        const std::span<const std::uint8_t> before(packet.data() + addressAt, addressBytes);
        putU16(packet, sumAt, adjustedChecksum(sum(), before, {outside.data(), addressBytes}));
    }
    std::copy_n(outside.data(), addressBytes, packet.begin() + static_cast<long>(addressAt));
    if (rewrite == Rewrite::AddressAndPort) {
        const Bytes before{packet[portAt], packet[portAt + 1]};
        const Bytes after{0xee, 0x01};
        putU16(packet, sumAt, adjustedChecksum(sum(), before, after));
        packet[portAt] = after[0];
        packet[portAt + 1] = after[1];
    }
    return packet;
}

} // namespace

// A router behind a NAT quotes the probe as it saw it: with the NAT's address as its source, its
// port or identifier perhaps rewritten, its checksum perhaps updated. The probe must still be
// found, and another trace's probe never taken for one of ours.
class ReplyMatchingTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void quoteRewrittenByANat_data();
    void quoteRewrittenByANat();
    void quoteCrossesTheHelperProtocol();
};

void ReplyMatchingTest::quoteRewrittenByANat_data()
{
    QTest::addColumn<QString>("protocol");
    QTest::addColumn<bool>("v6");
    QTest::addColumn<int>("rewrite");
    QTest::addColumn<bool>("foreign");
    const std::pair<Rewrite, const char *> rewrites[] = {
        {Rewrite::None, "as sent"},
        {Rewrite::Address, "address rewritten"},
        {Rewrite::AddressAndSum, "address rewritten, checksum updated"},
        {Rewrite::AddressAndPort, "address and port rewritten"},
    };
    for (const char *protocol : {"udp", "tcp", "icmp"})
        for (const bool v6 : {false, true})
            for (const auto &[rewrite, name] : rewrites)
                for (const bool foreign : {false, true})
                    QTest::addRow("%s %s, %s%s", protocol, v6 ? "IPv6" : "IPv4", name,
                                  foreign ? ", another trace's probe" : "")
                        << QString::fromLatin1(protocol) << v6 << int(rewrite) << foreign;
}

void ReplyMatchingTest::quoteRewrittenByANat()
{
    QFETCH(QString, protocol);
    QFETCH(bool, v6);
    QFETCH(int, rewrite);
    QFETCH(bool, foreign);
    const IpAddress source = v6 ? testing::v6("2001:db8:1::10") : v4("198.51.100.10");
    const IpAddress destination = v6 ? testing::v6("2001:db8:9::5") : v4("203.0.113.5");
    const IpAddress outside = v6 ? testing::v6("2001:db8:2::77") : v4("192.0.2.77");
    const IpAddress router = v6 ? testing::v6("2001:db8:3::1") : v4("192.0.2.200");
    const Trace ours{source, destination, 0x12345678, 4000, 40001, 0x1111};
    // Another trace from the same host to the same destination: its own numbers throughout.
    const Trace theirs{source, destination, 0x9abcdef0, 51000, 45001, 0x2222};
    const auto method = methodFor(protocol, ours);
    const auto sender = methodFor(protocol, foreign ? theirs : ours);

    std::uint8_t protocolNumber = v6 ? int{IPPROTO_ICMPV6} : int{IPPROTO_ICMP};
    if (protocol == QLatin1String("udp"))
        protocolNumber = IPPROTO_UDP;
    else if (protocol == QLatin1String("tcp"))
        protocolNumber = IPPROTO_TCP;
    int matched = 0;
    // Every probe of a trace of 12 TTLs, 3 flows and 2 queries.
    for (int index = 0; index < 72; ++index) {
        ProbeSlot slot;
        slot.index = index;
        slot.query = index % 2;
        slot.flow = index / 2 % 3;
        slot.ttl = index / 6 + 1;
        const Bytes sent = sender->build(slot).bytes;
        const Bytes quoted =
            rewritten(sent, v6, protocolNumber, static_cast<Rewrite>(rewrite), outside);
        ReceivedPacket packet;
        packet.from = router;
        if (v6) {
            const IpAddress quotedSource = IpAddress::v6(quoted.data() + 8);
            packet.channel = PacketChannel::IcmpV6;
            packet.bytes = icmpV6Error(3, 0, quotedSource, destination, protocolNumber,
                                       Bytes(quoted.begin() + 40, quoted.end()),
                                       (quoted[1] & 0x0fu) << 16 | quoted[2] << 8 | quoted[3]);
        } else {
            packet.channel = PacketChannel::IcmpV4;
            packet.bytes = icmpV4Error(router, source, 11, 0, quoted, quoted.size());
        }
        const auto match = method->match(packet);
        if (foreign) {
            QVERIFY2(!match,
                     qPrintable(QStringLiteral("another trace's probe %1 taken").arg(index)));
            continue;
        }
        QVERIFY2(match && match->probeIndex,
                 qPrintable(QStringLiteral("probe %1 lost").arg(index)));
        QCOMPARE(*match->probeIndex, index);
        QCOMPARE(match->flow, slot.flow);
        QVERIFY(match->reply.quote.has_value());
        QCOMPARE(match->reply.quote->source.has_value(), rewrite != int(Rewrite::None));
        if (rewrite != int(Rewrite::None))
            QCOMPARE(*match->reply.quote->source, outside);
        const bool ports = protocolNumber == IPPROTO_UDP || protocolNumber == IPPROTO_TCP;
        QCOMPARE(match->reply.quote->sourcePort.has_value(),
                 ports && rewrite == int(Rewrite::AddressAndPort));
        QCOMPARE(int(match->reply.quote->trafficClass), 0);
        ++matched;
    }
    QCOMPARE(matched, foreign ? 0 : 72);
}

// What the helper matched travels to the client whole: a reply's quote, extensions and all.
void ReplyMatchingTest::quoteCrossesTheHelperProtocol()
{
    ProbeEvent event;
    event.slot = {7, 3, 1, 1};
    event.sentNs = 1'700'000'000'000'000'000;
    ProbeReply &reply = event.reply.emplace();
    reply.responder = v4("198.18.2.2");
    reply.icmpType = 11;
    reply.icmpCode = 0;
    reply.receivedNs = event.sentNs + 1'500'000;
    ProbeQuote &quote = reply.quote.emplace();
    quote.source = v4("198.18.1.100");
    quote.trafficClass = 0x20;
    quote.ttl = 1;
    reply.ttl = 62;
    quote.mpls = {{24000, 0, false, 1}, {17, 5, true, 255}};
    quote.interfaces = {{InterfaceRole::Incoming, 17u, v4("10.0.2.1"), "ge-0/0/1", 1500u}};
    const std::string line = helper::probeLine(42, event);
    const auto parsed = helper::parseEvent(line);
    QVERIFY2(parsed.hasValue(), parsed ? line.c_str() : parsed.error().message.c_str());
    QVERIFY(parsed->probe.reply.has_value());
    QVERIFY(parsed->probe.reply->quote == quote);
    QCOMPARE(int(parsed->probe.reply->ttl.value_or(0)), 62);

    // A helper line whose quote is out of range is refused, saying where.
    std::string bad = line;
    bad.replace(bad.find("\"label\":24000"), 13, "\"label\":2000000");
    const auto refused = helper::parseEvent(bad);
    QVERIFY(!refused.hasValue());
    QVERIFY2(refused.error().message.find("/reply/quote/mpls_labels/0/label") != std::string::npos,
             refused.error().message.c_str());
}

QTEST_APPLESS_MAIN(ReplyMatchingTest)
#include "tst_replymatching.moc"
