// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "path/networkpathjson.h"
#include "samplepaths.h"

#include <QTest>

#include <nlohmann/json.hpp>

using namespace hopscope;
using namespace hopscope::testing;

Q_DECLARE_METATYPE(hopscope::NetworkPath)

class NetworkPathRoundTripTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTrip_data();
    void roundTrip();
    void writesGoldenFile();
    void silentHopIsWrittenAsDatadogPlaceholder();
    void keysFollowSchemaOrder();
};

void NetworkPathRoundTripTest::roundTrip_data()
{
    QTest::addColumn<NetworkPath>("path");
    QTest::newRow("full TCP path with extension") << fullTcpPath();
    QTest::newRow("minimal") << minimalPath();
    QTest::newRow("ICMP, unicode, e2e and hop_count") << icmpPathWithE2e();
    NetworkPath noExtensionRequest = fullTcpPath();
    noExtensionRequest.hopscope->request.reset();
    noExtensionRequest.hopscope->probes.clear();
    QTest::newRow("extension without request or probes") << noExtensionRequest;
    NetworkPath subnetOnly = fullTcpPath();
    subnetOnly.source.via = SourceVia{{}, "subnet-a"};
    QTest::newRow("via with a subnet alias only") << subnetOnly;
    NetworkPath owned = fullTcpPath();
    owned.hopscope->owners["10.0.9.2"] = {
        64500u,       "EXAMPLE-NET - Example Net, NL", "10.0.9.0/24", "NL", kOwnerSourceCymru,
        1764000000456};
    owned.hopscope->owners["10.0.3.1"] = {64501u, "", "", "", kOwnerSourceFile, 0};
    owned.hopscope->owners["2001:db8::1"] = {std::nullopt, "", "", "DE", "mmdb:country.mmdb", 1};
    QTest::newRow("owners of the responders") << owned;
    NetworkPath searched = fullTcpPath();
    searched.hopscope->request->findPathMtu = true;
    searched.hopscope->request->probeSize = 9000;
    searched.hopscope->pathMtu = PathMtu{
        9000,
        1280,
        {{3, *IpAddress::parse("10.0.3.1"), 1500}, {6, *IpAddress::parse("2001:db8::1"), 1280}}};
    QTest::newRow("path MTU found") << searched;
    NetworkPath quoted = fullTcpPath();
    QVERIFY(quoted.hopscope->probes.size() >= 2);
    ProbeQuote &seen = quoted.hopscope->probes[0].quote.emplace();
    seen.source = IpAddress::parse("198.18.1.100");
    seen.sourcePort = 61000;
    seen.trafficClass = 0x22;
    seen.ttl = 2;
    seen.nextHopMtu = 1400;
    seen.mpls = {{24000, 0, false, 1}, {17, 5, true, 255}};
    seen.interfaces = {
        {InterfaceRole::Incoming, 17u, IpAddress::parse("10.0.2.1"), "ge-0/0/1", 1500u},
        {InterfaceRole::Outgoing, std::nullopt, std::nullopt, "", 9000u}};
    seen.notes = {"MPLS label stack of 3 bytes, not a multiple of 4: left out"};
    quoted.hopscope->probes[0].replyTtl = 253;
    quoted.hopscope->probes[1].quote = ProbeQuote{};
    quoted.hopscope->probes[1].replyTtl = 60;
    QTest::newRow("what routers quoted of the probes") << quoted;
}

void NetworkPathRoundTripTest::roundTrip()
{
    QFETCH(NetworkPath, path);
    const std::string written = networkPathToJson(path);
    const Expected<NetworkPath> read = networkPathFromJson(written);
    QVERIFY2(read.hasValue(), read ? "" : read.error().message.c_str());
    QVERIFY2(*read == path, written.c_str());
    QCOMPARE(QByteArray::fromStdString(networkPathToJson(*read)),
             QByteArray::fromStdString(written));
}

void NetworkPathRoundTripTest::writesGoldenFile()
{
    const QByteArray golden = readFixture(QStringLiteral("hopscope/full-tcp-path.json"));
    QCOMPARE(QByteArray::fromStdString(networkPathToJson(fullTcpPath()) + "\n"), golden);
}

void NetworkPathRoundTripTest::silentHopIsWrittenAsDatadogPlaceholder()
{
    NetworkPath path = minimalPath();
    path.hops = {{7, "", "", 12.0, false}};
    const nlohmann::ordered_json hop = networkPathToJsonValue(path)["hops"][0];
    QCOMPARE(QByteArray::fromStdString(hop.dump()),
             QByteArray(R"({"ttl":7,"ip_address":"unknown_hop_7",)"
                        R"("hostname":"unknown_hop_7","reachable":false})"));
}

void NetworkPathRoundTripTest::keysFollowSchemaOrder()
{
    const nlohmann::ordered_json root = networkPathToJsonValue(fullTcpPath());
    QByteArrayList keys;
    for (const auto &item : root.items())
        keys << QByteArray::fromStdString(item.key());
    QCOMPARE(
        keys.join(' '),
        QByteArray("timestamp namespace path_id protocol source destination hops tags hopscope"));
}

QTEST_GUILESS_MAIN(NetworkPathRoundTripTest)
#include "tst_networkpathroundtrip.moc"
