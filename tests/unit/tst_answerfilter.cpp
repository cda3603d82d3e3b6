// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "packet/bytes.h"
#include "packet/tcpsyn.h"
#include "packetcrafting.h"
#include "probe/answerfilter.h"
#include "probe/cancelsignal.h"
#include "probe/icmpmethod.h"
#include "probe/rawsockets.h"
#include "probe/rawsockettransport.h"
#include "probe/tcpsynmethod.h"
#include "probe/udpmethod.h"

#include <QTest>

#include <memory>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace hopscope;
using namespace hopscope::testing;

namespace {

enum class Answer { RouterQuote, RewrittenQuote, FromDestination };

// A datagram socket pair: the kernel runs the receiving socket's filter on each datagram sent to
// it, from its first byte, as it runs a raw socket's on each packet.
class FilteredPair
{
public:
    FilteredPair()
    {
        if (::socketpair(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0, m_fds) != 0)
            qFatal("socketpair failed");
    }
    ~FilteredPair()
    {
        ::close(m_fds[0]);
        ::close(m_fds[1]);
    }
    FilteredPair(const FilteredPair &) = delete;
    FilteredPair &operator=(const FilteredPair &) = delete;

    bool filter(IpAddress::Family family, int ipProtocol,
                const std::vector<ProbedDestination> &destinations)
    {
        return attachAnswerFilter(m_fds[1], family, ipProtocol, destinations);
    }

    bool passes(const Bytes &packet)
    {
        [[maybe_unused]] const auto sent = ::send(m_fds[0], packet.data(), packet.size(), 0);
        std::uint8_t buffer[2048];
        const auto received = ::recv(m_fds[1], buffer, sizeof buffer, MSG_DONTWAIT);
        return received == static_cast<ssize_t>(packet.size());
    }

private:
    int m_fds[2] = {-1, -1};
};

// Whether the kernel lets `packet` through the answer filter for `destinations`.
bool passes(IpAddress::Family family, int ipProtocol,
            const std::vector<ProbedDestination> &destinations, const Bytes &packet)
{
    FilteredPair pair;
    if (!pair.filter(family, ipProtocol, destinations))
        qFatal("the kernel refused the answer filter");
    return pair.passes(packet);
}

std::unique_ptr<RawProbeMethod> methodFor(const QString &protocol, const IpAddress &source,
                                          const IpAddress &destination, std::uint16_t port)
{
    RawMethodConfig config;
    config.source = source;
    config.destination = destination;
    config.destinationPort = port;
    config.flows = 2;
    config.queries = 3;
    config.maxTtl = 8;
    config.flowPorts = {40001, 40002};
    config.flowLabels = {0x1111, 0x2222};
    config.identityBase = 0x12345678;
    config.ipIdBase = 4000;
    if (protocol == QLatin1String("udp"))
        return std::make_unique<UdpMethod>(config);
    if (protocol == QLatin1String("tcp"))
        return std::make_unique<TcpSynMethod>(config);
    return std::make_unique<IcmpMethod>(config);
}

int ipProtocolOf(const QString &protocol, bool v6)
{
    if (protocol == QLatin1String("udp"))
        return IPPROTO_UDP;
    if (protocol == QLatin1String("tcp"))
        return IPPROTO_TCP;
    return v6 ? int{IPPROTO_ICMPV6} : int{IPPROTO_ICMP};
}

// What a router or the destination sends back about `probe` (a whole packet as sent), as the raw
// socket that receives it reads it.
ReceivedPacket answerTo(const Bytes &probe, const QString &protocol, bool v6, Answer answer,
                        const IpAddress &router)
{
    const IpAddress source =
        v6 ? IpAddress::v6(probe.data() + 8) : IpAddress::v4(probe.data() + 12);
    const IpAddress destination =
        v6 ? IpAddress::v6(probe.data() + 24) : IpAddress::v4(probe.data() + 16);
    const std::size_t transportAt = v6 ? 40 : 20;
    const Bytes segment(probe.begin() + static_cast<long>(transportAt), probe.end());
    const std::uint32_t flowLabel = v6 ? (probe[1] & 0x0fu) << 16 | probe[2] << 8 | probe[3] : 0;
    const std::uint8_t protocolNumber = static_cast<std::uint8_t>(ipProtocolOf(protocol, v6));
    ReceivedPacket packet;
    packet.channel = v6 ? PacketChannel::IcmpV6 : PacketChannel::IcmpV4;
    if (answer != Answer::FromDestination) {
        packet.from = router;
        packet.bytes =
            v6 ? icmpV6Error(3, 0, source, destination, protocolNumber, segment, flowLabel)
               : icmpV4Error(router, source, 11, 0, probe, probe.size());
        return packet;
    }
    packet.from = destination;
    if (protocol == QLatin1String("udp")) {
        packet.bytes =
            v6 ? icmpV6Error(1, 4, source, destination, protocolNumber, segment, flowLabel)
               : icmpV4Error(destination, source, 3, 3, probe, probe.size());
    } else if (protocol == QLatin1String("tcp")) {
        packet.channel = v6 ? PacketChannel::TcpV6 : PacketChannel::TcpV4;
        const std::uint16_t sourcePort = static_cast<std::uint16_t>(segment[0] << 8 | segment[1]);
        const std::uint16_t destinationPort =
            static_cast<std::uint16_t>(segment[2] << 8 | segment[3]);
        const std::uint32_t sequence =
            std::uint32_t{segment[4]} << 24 | segment[5] << 16 | segment[6] << 8 | segment[7];
        const Bytes synAck = tcpSegment(destination, source, destinationPort, sourcePort, 7000,
                                        sequence + 1, kTcpFlagSyn | kTcpFlagAck);
        packet.bytes = v6 ? synAck : ipv4Packet(destination, source, IPPROTO_TCP, synAck);
    } else {
        packet.bytes = echoReply(probe);
    }
    return packet;
}

} // namespace

// A raw socket is handed every packet of its protocol the host receives. The answer filter must
// let through every answer a trace's probe method accepts, and keep out what is about other
// destinations, so that a trace, or a helper, wakes only for its own answers.
class AnswerFilterTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void answersReachTheirTraceOnly_data();
    void answersReachTheirTraceOnly();
    void aDestinationWithoutPortLetsEveryDatagramThrough();
    void aFilterTheKernelRefusesLetsEverythingThrough();
    void aRawSocketWakesOnlyForItsDestination();
};

void AnswerFilterTest::answersReachTheirTraceOnly_data()
{
    QTest::addColumn<QString>("protocol");
    QTest::addColumn<bool>("v6");
    QTest::addColumn<int>("answer");
    const std::pair<Answer, const char *> answers[] = {
        {Answer::RouterQuote, "a router's time exceeded"},
        {Answer::RewrittenQuote, "a router behind a NAT, its quote rewritten"},
        {Answer::FromDestination, "the destination's answer"},
    };
    for (const char *protocol : {"udp", "tcp", "icmp"})
        for (const bool v6 : {false, true})
            for (const auto &[answer, name] : answers)
                QTest::addRow("%s %s, %s", protocol, v6 ? "IPv6" : "IPv4", name)
                    << QString::fromLatin1(protocol) << v6 << int(answer);
}

void AnswerFilterTest::answersReachTheirTraceOnly()
{
    QFETCH(QString, protocol);
    QFETCH(bool, v6);
    QFETCH(int, answer);
    const IpAddress source = v6 ? testing::v6("2001:db8:1::10") : v4("198.51.100.10");
    const IpAddress outside = v6 ? testing::v6("2001:db8:2::77") : v4("192.0.2.77");
    const IpAddress router = v6 ? testing::v6("2001:db8:3::1") : v4("192.0.2.200");
    const std::uint16_t port = protocol == QLatin1String("udp") ? 33434 : 443;
    const ProbedDestination ours{v6 ? testing::v6("2001:db8:9::5") : v4("203.0.113.5"), port};
    // Another trace's destination, to another port: IPv6 TCP and UDP answers are told apart by
    // their port, the filter not seeing the IPv6 header.
    const ProbedDestination theirs{v6 ? testing::v6("2001:db8:9::6") : v4("203.0.113.6"),
                                   static_cast<std::uint16_t>(port + 1)};
    const auto method = methodFor(protocol, source, ours.address, port);
    // Behind a NAT that rewrites the source, a router quotes the probe as if sent from outside.
    const auto sender = methodFor(
        protocol, answer == int(Answer::RewrittenQuote) ? outside : source, ours.address, port);
    const int ipProtocol =
        answer == int(Answer::FromDestination) && protocol == QLatin1String("tcp")
            ? int{IPPROTO_TCP}
            : (v6 ? int{IPPROTO_ICMPV6} : int{IPPROTO_ICMP});
    const auto family = ours.address.family();
    // Every IPv6 echo reply passes: its source is in the IPv6 header only.
    const bool passesAnyFilter =
        v6 && protocol == QLatin1String("icmp") && answer == int(Answer::FromDestination);

    for (int index : {0, 7, 47}) {
        ProbeSlot slot;
        slot.index = index;
        slot.query = index % 3;
        slot.flow = index / 3 % 2;
        slot.ttl = index / 6 + 1;
        const Bytes probe = sender->build(slot).bytes;
        const ReceivedPacket packet = answerTo(probe, protocol, v6, Answer(answer), router);
        QVERIFY2(
            method->match(packet).has_value(),
            qPrintable(QStringLiteral("probe %1: the method does not take the answer").arg(index)));
        QVERIFY(passes(family, ipProtocol, {ours}, packet.bytes));
        QVERIFY(passes(family, ipProtocol, {theirs, ours}, packet.bytes));
        QCOMPARE(passes(family, ipProtocol, {theirs}, packet.bytes), passesAnyFilter);
        QVERIFY(!passes(family, ipProtocol, {}, packet.bytes));
    }
}

// Without a port to filter on, IPv6 TCP and UDP answers all pass: the filter cannot see the
// address they came from.
void AnswerFilterTest::aDestinationWithoutPortLetsEveryDatagramThrough()
{
    const IpAddress source = testing::v6("2001:db8:1::10");
    const IpAddress elsewhere = testing::v6("2001:db8:7::7");
    const Bytes segment = tcpSegment(elsewhere, source, 22, 50000, 1, 2, kTcpFlagAck);
    const ProbedDestination portless{testing::v6("2001:db8:9::5"), 0};
    const ProbedDestination https{testing::v6("2001:db8:9::5"), 443};
    QVERIFY(passes(IpAddress::Family::V6, IPPROTO_TCP, {portless}, segment));
    QVERIFY(!passes(IpAddress::Family::V6, IPPROTO_TCP, {https}, segment));
    // An IPv4 destination says nothing about IPv6 sockets, whose filter then lets nothing by.
    QVERIFY(!passes(IpAddress::Family::V6, IPPROTO_TCP, {{v4("203.0.113.5"), 0}}, segment));
}

// A helper runs up to 8 traces at once, so its sockets filter for up to 8 destinations. Should
// the kernel refuse a program (the memory it charges for one is bounded by net.core.optmem_max),
// the socket must not keep the filter it had, which may leave out the newest trace's answers:
// it then lets everything through.
void AnswerFilterTest::aFilterTheKernelRefusesLetsEverythingThrough()
{
    const IpAddress source = testing::v6("2001:db8:1::10");
    const auto destinationNumber = [](int n) {
        return testing::v6(QStringLiteral("2001:db8:9::%1").arg(n, 0, 16).toLatin1().constData());
    };
    const auto quoteAbout = [&](int n) {
        return icmpV6Error(3, 0, source, destinationNumber(n), IPPROTO_UDP,
                           Bytes{0x9c, 0x41, 0x82, 0x9a, 0, 8, 0, 0});
    };
    const auto firstDestinations = [&](int count) {
        std::vector<ProbedDestination> destinations;
        for (int n = 1; n <= count; ++n)
            destinations.push_back({destinationNumber(n), 33434});
        return destinations;
    };
    FilteredPair pair;
    QVERIFY(pair.filter(IpAddress::Family::V6, IPPROTO_ICMPV6, firstDestinations(8)));
    for (int n = 1; n <= 8; ++n)
        QVERIFY(pair.passes(quoteAbout(n)));
    QVERIFY(!pair.passes(quoteAbout(9)));

    // Past 4,096 instructions no program is built: everything passes.
    const auto tooMany = firstDestinations(1000);
    QCOMPARE(answerFilterProgram(IpAddress::Family::V6, IPPROTO_ICMPV6, tooMany).size(), 1u);
    QVERIFY(pair.filter(IpAddress::Family::V6, IPPROTO_ICMPV6, tooMany));
    QVERIFY(pair.passes(quoteAbout(1001)));

    // 450 destinations make a program of 4,058 instructions. The kernel converts each load into
    // several instructions of its own, and with the default net.core.optmem_max (20 KiB before
    // Linux 6.9, 128 KiB since) a socket cannot hold the result.
    const auto refused = firstDestinations(450);
    QVERIFY(answerFilterProgram(IpAddress::Family::V6, IPPROTO_ICMPV6, refused).size() <=
            BPF_MAXINSNS);
    QVERIFY(pair.filter(IpAddress::Family::V6, IPPROTO_ICMPV6, firstDestinations(1)));
    QVERIFY(!pair.passes(quoteAbout(2)));
    if (pair.filter(IpAddress::Family::V6, IPPROTO_ICMPV6, refused))
        QSKIP("this kernel lets a socket hold a filter for 450 destinations (a raised "
              "net.core.optmem_max): there is no refusal to check");
    QVERIFY(pair.passes(quoteAbout(2)));
    QVERIFY(pair.passes(quoteAbout(451)));
}

// The kernel runs the filter on real raw sockets, which see IPv4 packets from the IP header and
// IPv6 ones from the ICMPv6 header: echo replies from two loopback addresses, only one of which
// the socket is for.
void AnswerFilterTest::aRawSocketWakesOnlyForItsDestination()
{
    if (!rawSocketsAllowed())
        QSKIP("raw sockets need CAP_NET_RAW");
    const IpAddress ours = v4("127.0.0.2");
    const IpAddress theirs = v4("127.0.0.3");
    auto transport = RawSocketTransport::open({ours, 0}, Protocol::Icmp);
    QVERIFY(transport.hasValue());
    const auto echoTo = [](const IpAddress &destination, std::uint32_t identity) {
        RawMethodConfig config;
        config.source = v4("127.0.0.1");
        config.destination = destination;
        config.identityBase = identity;
        config.queries = 1;
        return IcmpMethod(config);
    };
    auto theirProbes = echoTo(theirs, 0x4242);
    auto ourProbes = echoTo(ours, 0x4343);
    ProbeSlot slot;
    slot.ttl = 8;
    slot.index = 7;
    QVERIFY((*transport)->send(theirProbes.build(slot)).hasValue());
    QVERIFY((*transport)->send(ourProbes.build(slot)).hasValue());

    CancelSignal cancel;
    int ourReplies = 0;
    while (const auto packet = (*transport)->receive(realtimeNs() + 300'000'000, cancel)) {
        QVERIFY2(packet->from == ours, packet->from.toString().c_str());
        QVERIFY(ourProbes.match(*packet).has_value());
        ++ourReplies;
    }
    // Our own echo request, looped back to the raw socket, is from 127.0.0.1 and stays out too.
    QCOMPARE(ourReplies, 1);
}

QTEST_APPLESS_MAIN(AnswerFilterTest)
#include "tst_answerfilter.moc"
