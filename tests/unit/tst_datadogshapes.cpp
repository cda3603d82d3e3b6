// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "path/networkpathjson.h"
#include "samplepaths.h"

#include <QTest>

using namespace hopscope;
using namespace hopscope::testing;

// Payloads in every shape the Datadog Agent has emitted, written by hand from its schema.
class DatadogShapesTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsShape_data();
    void readsShape();
    void keepsSourceDetails();
    void keepsE2eProbeAndHopCount();
    void mergesRunsIntoHops();
    void acceptsLowerCaseProtocol();
};

void DatadogShapesTest::readsShape_data()
{
    QTest::addColumn<QString>("fixture");
    QTest::addColumn<QString>("protocol");
    QTest::addColumn<QString>("pathId");
    QTest::addColumn<QString>("destination");
    QTest::addColumn<int>("port");
    QTest::addColumn<int>("tagCount");
    QTest::addColumn<QString>("hops");

    QTest::newRow("v1: success, no protocol") << "datadog/v1-success.json"
                                              << "UDP"
                                              << "5bd0e7a0-6f0a-4b0d-8c1e-0a1b2c3d4e5f"
                                              << "198.51.100.20" << 0 << 1
                                              << "1 192.0.2.1 gw.example.test 0.512 yes\n"
                                                 "2 unknown_hop_2 unknown_hop_2 * no\n"
                                                 "3 198.51.100.20 db.example.test 4.25 yes";
    QTest::newRow("v2: namespace, protocol, via, still success")
        << "datadog/v2-namespace-protocol.json"
        << "TCP"
        << "0f6a8f1e-1d6b-4c55-9a0e-1234567890ab"
        << "203.0.113.7" << 443 << 0
        << "1 10.1.0.1 - 0.3 yes\n"
           "2 unknown_hop_2 unknown_hop_2 * no\n"
           "3 203.0.113.7 api.example.test 12.5 yes";
    QTest::newRow("v3: pathtrace_id, reachable, ECMP, port 0")
        << "datadog/v3-pathtrace-reachable.json"
        << "ICMP"
        << "a9c8b7d6-5e4f-4a3b-9c2d-1e0f9a8b7c6d"
        << "192.0.2.53" << 0 << 2
        << "1 192.0.2.1 gw 0.7 yes\n"
           "2 192.0.2.9 core-a 3.1 yes\n"
           "2 192.0.2.10 core-b 3.4 yes\n"
           "3 unknown_hop_3 unknown_hop_3 * no\n"
           "4 192.0.2.53 resolver1.example.test 8.02 yes";
    QTest::newRow("v4: traceroute runs, hop_count, e2e_probe")
        << "datadog/v4-traceroute-runs.json"
        << "UDP"
        << ""
        << "203.0.113.80" << 33434 << 1
        << "1 10.0.0.1 gw.example.test 0.4 yes\n"
           "2 10.9.9.9 - 5 yes\n"
           "3 203.0.113.80 app-1.example.test 9.5 yes";
}

void DatadogShapesTest::readsShape()
{
    QFETCH(QString, fixture);
    const auto path = readNetworkPathFile(fixturePath(fixture).toStdString());
    QVERIFY2(path.hasValue(), path ? "" : path.error().message.c_str());
    QTEST(QString::fromLatin1(protocolName(path->protocol)), "protocol");
    QTEST(QString::fromStdString(path->pathId), "pathId");
    QTEST(QString::fromStdString(path->destination.ipAddress), "destination");
    QTEST(int(path->destination.port.value_or(0)), "port");
    QTEST(int(path->tags.size()), "tagCount");
    QTEST(describeHops(*path), "hops");
}

void DatadogShapesTest::keepsSourceDetails()
{
    const auto path = readNetworkPathFile(
        fixturePath(QStringLiteral("datadog/v2-namespace-protocol.json")).toStdString());
    QVERIFY(path.hasValue());
    QCOMPARE(QString::fromStdString(path->pathNamespace), QStringLiteral("default"));
    QVERIFY(path->source.via.has_value());
    QCOMPARE(QString::fromStdString(path->source.via->subnetAlias), QStringLiteral("subnet-a"));
    QCOMPARE(QString::fromStdString(path->source.via->interface.hardwareAddr),
             QStringLiteral("02:42:ac:11:00:02"));
    QCOMPARE(QString::fromStdString(path->source.networkId), QStringLiteral("vpc-123"));
    QCOMPARE(QString::fromStdString(path->source.containerId), QStringLiteral("abc123"));
    QCOMPARE(QString::fromStdString(path->destination.service), QStringLiteral("api"));
    QCOMPARE(path->timestampMs, std::int64_t(1719800000123));
}

void DatadogShapesTest::keepsE2eProbeAndHopCount()
{
    const auto path = readNetworkPathFile(
        fixturePath(QStringLiteral("datadog/v4-traceroute-runs.json")).toStdString());
    QVERIFY(path.hasValue());
    QVERIFY(path->e2eProbe.has_value());
    QCOMPARE(path->e2eProbe->rttsMs, (std::vector<double>{9.1, 9.4, 10.2}));
    QCOMPARE(path->e2eProbe->packetsSent, 4);
    QCOMPARE(path->e2eProbe->packetsReceived, 3);
    QCOMPARE(path->e2eProbe->packetLossFraction, 0.25);
    QCOMPARE(path->e2eProbe->jitterMs, 0.55);
    QCOMPARE(path->e2eProbe->rttMaxMs.value_or(-1), 10.2);
    QVERIFY(path->hopCount.has_value());
    QCOMPARE(path->hopCount->avg, 3.0);
    QCOMPARE(path->hopCount->max, 3);
    QCOMPARE(QString::fromStdString(path->destination.reverseDnsHostname),
             QStringLiteral("app-1.example.test"));
    QCOMPARE(QString::fromStdString(path->agentVersion), QStringLiteral("7.72.0"));

    // What was read is written back and reads the same.
    const auto again = networkPathFromJson(networkPathToJson(*path));
    QVERIFY(again.hasValue());
    QVERIFY(*again == *path);
}

void DatadogShapesTest::mergesRunsIntoHops()
{
    // A TTL silent in one run but answered in another keeps only the responder; the same
    // responder in two runs is one hop, the first run's.
    const auto path = networkPathFromJson(R"({
        "timestamp": 1, "protocol": "TCP", "destination": {"hostname": "x", "port": 80},
        "traceroute": {"runs": [
            {"hops": [{"ttl": 1, "ip_address": "", "reachable": false},
                      {"ttl": 2, "ip_address": "10.0.0.2", "rtt": 2, "reachable": true}]},
            {"hops": [{"ttl": 1, "ip_address": "10.0.0.1", "rtt": 1, "reachable": true},
                      {"ttl": 2, "ip_address": "10.0.0.2", "rtt": 3, "reachable": true},
                      {"ttl": 3, "ip_address": "", "reachable": false}]}]}})");
    QVERIFY2(path.hasValue(), path ? "" : path.error().message.c_str());
    QCOMPARE(describeHops(*path), QStringLiteral("1 10.0.0.1 - 1 yes\n"
                                                 "2 10.0.0.2 - 2 yes\n"
                                                 "3 unknown_hop_3 unknown_hop_3 * no"));
}

void DatadogShapesTest::acceptsLowerCaseProtocol()
{
    const auto path = networkPathFromJson(
        R"({"timestamp": 5, "protocol": "icmp", "destination": {}, "hops": []})");
    QVERIFY(path.hasValue());
    QCOMPARE(path->protocol, Protocol::Icmp);
}

QTEST_GUILESS_MAIN(DatadogShapesTest)
#include "tst_datadogshapes.moc"
