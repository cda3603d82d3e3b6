// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "samplepaths.h"

#include <QFile>
#include <QStringList>

namespace hopscope::testing {

NetworkPath fullTcpPath()
{
    NetworkPath path;
    path.timestampMs = 1764000000123;
    path.pathNamespace = "lab";
    path.pathId = "3f2c9a4e-8b1d-4e6f-a7c5-0d9e8f7a6b5c";
    path.protocol = Protocol::Tcp;
    path.source.hostname = "desk";
    path.source.via = SourceVia{{"eth0", "02:00:5e:10:00:01"}, {}};
    path.destination = {"web.lab.test", "10.0.9.2", 443, {}, "web.lab.test"};
    path.hops = {
        {1, "10.0.1.1", "r1.lab.test", 0.25, true},
        {2, "unknown_hop_2", "unknown_hop_2", std::nullopt, false},
        {3, "10.0.3.1", "r3a.lab.test", 1.5, true},
        {3, "10.0.3.2", "", 1.75, true},
        {4, "10.0.9.2", "web.lab.test", 2.125, true},
    };
    path.tags = {"site:lab", "team:net"};
    HopscopeExtension extension;
    extension.toolVersion = "0.1.0";
    extension.probing = Probing::Raw;
    TraceRequest request;
    request.target = "web.lab.test";
    request.port = 443;
    request.flows = 2;
    request.rate = 500;
    extension.request = request;
    extension.probes = {
        {1, 0, "10.0.1.1", 0.25, 11, 0, 1764000000123000},
        {2, 0, "", std::nullopt, std::nullopt, std::nullopt, 1764000000123100},
        {3, 0, "10.0.3.1", 1.5, 11, 0, 1764000000123200},
        {3, 1, "10.0.3.2", 1.75, 11, 0, 1764000000123250},
        {4, 0, "10.0.9.2", 2.125, std::nullopt, std::nullopt, 1764000000123300},
    };
    path.hopscope = extension;
    return path;
}

NetworkPath minimalPath()
{
    NetworkPath path;
    path.timestampMs = 0;
    path.protocol = Protocol::Udp;
    return path;
}

NetworkPath icmpPathWithE2e()
{
    NetworkPath path;
    path.timestampMs = 1700000000000;
    path.agentVersion = "7.72.0";
    path.pathId = "e2e";
    path.protocol = Protocol::Icmp;
    path.source.hostname = "büro-rechner";
    path.source.networkId = "vpc-1";
    path.source.service = "svc";
    path.source.containerId = "c0ffee";
    path.destination = {"ziel.example.test", "192.0.2.99", std::nullopt, "dns",
                        "名前.example.test"};
    path.hops = {{1, "192.0.2.1", "路由器", 0.001, true}, {2, "192.0.2.99", "", 0.0, true}};
    path.hopCount = HopCount{2.0, 2, 2};
    path.e2eProbe = E2eProbe{{1.5, 2.25}, 3, 2, 1.0 / 3.0, 0.75, 1.875, 1.5, 2.25};
    return path;
}

QString describeHops(const NetworkPath &path)
{
    QStringList lines;
    for (const PathHop &hop : path.hops)
        lines << QStringLiteral("%1 %2 %3 %4 %5")
                     .arg(hop.ttl)
                     .arg(QString::fromStdString(hop.ipAddress),
                          hop.hostname.empty() ? QStringLiteral("-")
                                               : QString::fromStdString(hop.hostname),
                          hop.rttMs ? QString::number(*hop.rttMs) : QStringLiteral("*"),
                          hop.reachable ? QStringLiteral("yes") : QStringLiteral("no"));
    return lines.join(QLatin1Char('\n'));
}

QString fixturePath(const QString &relative)
{
    return QStringLiteral(HOPSCOPE_FIXTURES_DIR "/") + relative;
}

QByteArray readFixture(const QString &relative)
{
    QFile file(fixturePath(relative));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read fixture %s", qPrintable(relative));
    return file.readAll();
}

} // namespace hopscope::testing
