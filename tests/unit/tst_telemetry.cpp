// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "telemetry/dogstatsdsender.h"
#include "telemetry/networkpathtelemetry.h"

#include <QTest>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace hopscope;

namespace {

// A DogStatsD server of the test's own on loopback: a UDP socket that collects datagrams.
class UdpListener
{
public:
    UdpListener()
    {
        m_fd = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t length = sizeof address;
        if (m_fd >= 0 &&
            ::bind(m_fd, reinterpret_cast<sockaddr *>(&address), sizeof address) == 0 &&
            ::getsockname(m_fd, reinterpret_cast<sockaddr *>(&address), &length) == 0)
            m_port = ntohs(address.sin_port);
    }
    ~UdpListener() { ::close(m_fd); }

    int port() const { return m_port; }
    std::string address() const { return "127.0.0.1:" + std::to_string(m_port); }

    // Every line of every datagram that arrives within `waitMs`.
    QStringList lines(int waitMs = 300)
    {
        QStringList lines;
        pollfd watched{m_fd, POLLIN, 0};
        while (::poll(&watched, 1, waitMs) > 0) {
            char buffer[65536];
            const ssize_t size = ::recv(m_fd, buffer, sizeof buffer, 0);
            if (size <= 0)
                break;
            ++m_datagrams;
            lines += QString::fromUtf8(buffer, static_cast<int>(size)).split(QLatin1Char('\n'));
            waitMs = 50;
        }
        return lines;
    }
    int datagrams() const { return m_datagrams; }

private:
    int m_fd = -1;
    int m_port = 0;
    int m_datagrams = 0;
};

// Collects gauges as given, for the cases that need no wire.
class RecordingSender : public MetricSender
{
public:
    void gauge(std::string_view name, double value, const std::vector<std::string> &tags) override
    {
        QString line = QString::fromUtf8(name.data(), static_cast<int>(name.size())) +
                       QLatin1Char('=') + QString::number(value);
        QStringList tagList;
        for (const std::string &tag : tags)
            tagList << QString::fromStdString(tag);
        lines << line + QLatin1Char(' ') + tagList.join(QLatin1Char(','));
    }
    void flush() override { ++flushes; }
    QStringList lines;
    int flushes = 0;
};

NetworkPath samplePath(bool reached, Protocol protocol, std::optional<std::uint16_t> port)
{
    NetworkPath path;
    path.protocol = protocol;
    path.destination.hostname = "server.example";
    path.destination.ipAddress = "198.18.3.2";
    path.destination.port = port;
    path.hops.push_back({1, "198.18.0.2", "", 0.5, true});
    path.hops.push_back({2, "198.18.1.2", "", 0.7, true});
    path.hops.push_back({2, "198.18.10.2", "", 0.8, true}); // ECMP: still one hop more, not two
    if (reached)
        path.hops.push_back({3, "198.18.3.2", "", 1.0, true});
    else
        path.hops.push_back({3, unknownHopName(3), unknownHopName(3), std::nullopt, false});
    return path;
}

} // namespace

class TelemetryTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void gauges_data();
    void gauges();
    void overTheWire();
    void hostileHostnameCannotAddTags();
    void tags_data();
    void tags();
    void badAddresses_data();
    void badAddresses();
    void nothingListeningIsReportedOnce();
};

void TelemetryTest::gauges_data()
{
    QTest::addColumn<bool>("reached");
    QTest::addColumn<int>("protocol");
    QTest::addColumn<int>("port");
    QTest::addColumn<double>("interval");
    QTest::addColumn<QStringList>("expected");

    const QString tcpTags =
        QStringLiteral(" collector:hopscope,destination_hostname:server.example,"
                       "destination_port:443,env:lab,protocol:TCP,team:net");
    QTest::newRow("reached, monitored every 60 s")
        << true << int(Protocol::Tcp) << 443 << 60.0
        << QStringList{QStringLiteral("datadog.network_path.check_duration=0.25") + tcpTags,
                       QStringLiteral("datadog.network_path.check_interval=60") + tcpTags,
                       QStringLiteral("datadog.network_path.path.monitored=1") + tcpTags,
                       QStringLiteral("datadog.network_path.path.hops=3") + tcpTags,
                       QStringLiteral("datadog.network_path.path.reachable=1") + tcpTags,
                       QStringLiteral("datadog.network_path.path.unreachable=0") + tcpTags};
    const QString icmpTags =
        QStringLiteral(" collector:hopscope,destination_hostname:server.example,"
                       "destination_port:unspecified,env:lab,protocol:ICMP,team:net");
    QTest::newRow("not reached, one trace")
        << false << int(Protocol::Icmp) << 0 << 0.0
        << QStringList{QStringLiteral("datadog.network_path.check_duration=0.25") + icmpTags,
                       QStringLiteral("datadog.network_path.path.monitored=1") + icmpTags,
                       QStringLiteral("datadog.network_path.path.reachable=0") + icmpTags,
                       QStringLiteral("datadog.network_path.path.unreachable=1") + icmpTags};
}

void TelemetryTest::gauges()
{
    QFETCH(bool, reached);
    QFETCH(int, protocol);
    QFETCH(int, port);
    QFETCH(double, interval);
    RecordingSender sender;
    const auto path = samplePath(
        reached, static_cast<Protocol>(protocol),
        port ? std::optional<std::uint16_t>(static_cast<std::uint16_t>(port)) : std::nullopt);
    submitNetworkPathTelemetry(sender, PathModel::fromPath(path), 0.25, interval,
                               {"team:net", "env:lab"});
    QTEST(sender.lines, "expected");
    QCOMPARE(sender.flushes, 1);
}

void TelemetryTest::overTheWire()
{
    UdpListener listener;
    QVERIFY(listener.port() > 0);
    auto sender = DogStatsdSender::open(listener.address(), {});
    QVERIFY2(sender, sender ? "" : sender.error().message.c_str());
    submitNetworkPathTelemetry(**sender,
                               PathModel::fromPath(samplePath(true, Protocol::Udp, 33434)), 0.0125,
                               1.5, {"env:lab"});
    const QStringList lines = listener.lines();
    const QString tags =
        QStringLiteral("|g|#collector:hopscope,destination_hostname:server.example,"
                       "destination_port:33434,env:lab,protocol:UDP");
    QCOMPARE(lines,
             (QStringList{QStringLiteral("datadog.network_path.check_duration:0.0125") + tags,
                          QStringLiteral("datadog.network_path.check_interval:1.5") + tags,
                          QStringLiteral("datadog.network_path.path.monitored:1") + tags,
                          QStringLiteral("datadog.network_path.path.hops:3") + tags,
                          QStringLiteral("datadog.network_path.path.reachable:1") + tags,
                          QStringLiteral("datadog.network_path.path.unreachable:0") + tags}));
    QCOMPARE(listener.datagrams(), 1); // six short lines fit one datagram

    // Long tags split the lines over several datagrams, none over DogStatsD's limit.
    std::vector<std::string> longTags;
    for (int i = 0; i < 6; ++i)
        longTags.push_back("tag" + std::to_string(i) + ":" + std::string(150, 'x'));
    submitNetworkPathTelemetry(
        **sender, PathModel::fromPath(samplePath(true, Protocol::Udp, 33434)), 0.5, 0, longTags);
    const QStringList longLines = listener.lines();
    QCOMPARE(longLines.size(), 5);
    QVERIFY(listener.datagrams() > 2);
    for (const QString &line : longLines)
        QVERIFY(line.size() < int(DogStatsdSender::kMaxDatagramBytes));
}

void TelemetryTest::hostileHostnameCannotAddTags()
{
    RecordingSender sender;
    NetworkPath path = samplePath(true, Protocol::Tcp, 443);
    path.destination.hostname = "evil|c,env:prod\nnext";
    submitNetworkPathTelemetry(sender, PathModel::fromPath(path), 1, 0, {});
    QVERIFY2(
        sender.lines.first().contains(QLatin1String("destination_hostname:evil_c_env:prod_next,")),
        qPrintable(sender.lines.first()));
}

void TelemetryTest::tags_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QStringList>("tags");
    QTest::addColumn<QString>("error");

    QTest::newRow("two") << QStringLiteral("env:lab,team:net")
                         << QStringList{QStringLiteral("env:lab"), QStringLiteral("team:net")}
                         << QString();
    QTest::newRow("bare tag") << QStringLiteral("canary") << QStringList{QStringLiteral("canary")}
                              << QString();
    QTest::newRow("empty") << QString() << QStringList{} << QStringLiteral("empty tag in ''");
    QTest::newRow("trailing comma")
        << QStringLiteral("a:b,") << QStringList{} << QStringLiteral("empty tag in 'a:b,'");
    QTest::newRow("pipe") << QStringLiteral("a|b") << QStringList{}
                          << QStringLiteral("tag 'a|b' holds a character DogStatsD cannot carry");
    QTest::newRow("space") << QStringLiteral("a b") << QStringList{}
                           << QStringLiteral("tag 'a b' holds a character DogStatsD cannot carry");
    QTest::newRow("too long") << QString(201, QLatin1Char('t')) << QStringList{}
                              << QStringLiteral("is longer than 200 characters");
}

void TelemetryTest::tags()
{
    QFETCH(QString, text);
    QFETCH(QString, error);
    const auto tags = parseTags(text.toStdString());
    if (!error.isEmpty()) {
        QVERIFY(!tags);
        QVERIFY2(QString::fromStdString(tags.error().message).contains(error),
                 tags.error().message.c_str());
        return;
    }
    QVERIFY(tags);
    QStringList got;
    for (const std::string &tag : *tags)
        got << QString::fromStdString(tag);
    QTEST(got, "tags");
}

void TelemetryTest::badAddresses_data()
{
    QTest::addColumn<QString>("address");
    QTest::addColumn<QString>("code");
    QTest::addColumn<QString>("message");

    QTest::newRow("no port") << QStringLiteral("localhost") << QStringLiteral("invalid-address")
                             << QStringLiteral("expected HOST:PORT");
    QTest::newRow("port 0") << QStringLiteral("127.0.0.1:0") << QStringLiteral("invalid-address")
                            << QStringLiteral("between 1 and 65535 (got '0')");
    QTest::newRow("port too big") << QStringLiteral("127.0.0.1:70000")
                                  << QStringLiteral("invalid-address")
                                  << QStringLiteral("(got '70000')");
    QTest::newRow("port not a number")
        << QStringLiteral("127.0.0.1:statsd") << QStringLiteral("invalid-address")
        << QStringLiteral("(got 'statsd')");
    QTest::newRow("no host") << QStringLiteral(":8125") << QStringLiteral("invalid-address")
                             << QStringLiteral("no host");
    QTest::newRow("bare IPv6") << QStringLiteral("::1:8125") << QStringLiteral("invalid-address")
                               << QStringLiteral("in brackets");
    QTest::newRow("unclosed bracket")
        << QStringLiteral("[::1:8125") << QStringLiteral("invalid-address")
        << QStringLiteral("no ']'");
    QTest::newRow("unknown host") << QStringLiteral("no-such-host.invalid:8125")
                                  << QStringLiteral("unknown-host")
                                  << QStringLiteral("DogStatsD host 'no-such-host.invalid'");
}

void TelemetryTest::badAddresses()
{
    QFETCH(QString, address);
    QFETCH(QString, message);
    const auto sender = DogStatsdSender::open(address.toStdString(), {});
    QVERIFY(!sender);
    QTEST(QString::fromStdString(sender.error().codeName()), "code");
    QVERIFY2(QString::fromStdString(sender.error().message).contains(message),
             sender.error().message.c_str());
}

void TelemetryTest::nothingListeningIsReportedOnce()
{
    int port = 0;
    {
        UdpListener closed; // bound and closed again: a port nobody listens on
        port = closed.port();
    }
    QStringList problems;
    auto sender = DogStatsdSender::open(
        "[::ffff:127.0.0.1]:" + std::to_string(port),
        [&problems](const std::string &problem) { problems << QString::fromStdString(problem); });
    QVERIFY2(sender, sender ? "" : sender.error().message.c_str());
    for (int i = 0; i < 5; ++i) {
        submitNetworkPathTelemetry(
            **sender, PathModel::fromPath(samplePath(true, Protocol::Tcp, 443)), 0.1, 1, {});
        QTest::qWait(20); // lets the port-unreachable come back
    }
    QCOMPARE(problems.size(), 1);
    QVERIFY2(problems.first().contains(QLatin1String("nothing is listening there")),
             qPrintable(problems.first()));

    // One trace, one datagram: the refusal comes back after the send and is said as the sender
    // closes.
    problems.clear();
    auto once = DogStatsdSender::open(
        "127.0.0.1:" + std::to_string(port),
        [&problems](const std::string &problem) { problems << QString::fromStdString(problem); });
    QVERIFY(once);
    submitNetworkPathTelemetry(**once, PathModel::fromPath(samplePath(true, Protocol::Tcp, 443)),
                               0.1, 0, {});
    QTest::qWait(20);
    QVERIFY(problems.isEmpty());
    once.value().reset();
    QCOMPARE(problems.size(), 1);
}

QTEST_GUILESS_MAIN(TelemetryTest)
#include "tst_telemetry.moc"
