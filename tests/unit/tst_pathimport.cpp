// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "compare/pathcomparison.h"
#include "import/pathformat.h"
#include "path/pathmodel.h"

#include <QTemporaryDir>
#include <QTest>

#include <nlohmann/json.hpp>

using namespace hopscope;

namespace {

std::string fixtureText(const char *name)
{
    QFile file(QStringLiteral(HOPSCOPE_FIXTURES_DIR "/imports/") + QLatin1String(name));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", name);
    return file.readAll().toStdString();
}

QString describe(const NetworkPath &path)
{
    QStringList hops;
    for (const PathHop &hop : path.hops)
        hops << QStringLiteral("%1 %2").arg(hop.ttl).arg(
            hop.reachable ? QString::fromStdString(hop.ipAddress) : QStringLiteral("*"));
    return hops.join(QStringLiteral(", "));
}

// A text read by the format the registry chooses for it; the first path it holds.
Expected<NetworkPath> readFirst(std::string_view text)
{
    auto paths = readPaths(text);
    if (!paths)
        return paths.error();
    return std::move(paths->front());
}

int probesAt(const NetworkPath &path, int ttl, bool answered)
{
    int count = 0;
    for (const ProbeSample &probe : path.hopscope->probes)
        if (probe.ttl == ttl && probe.rttMs.has_value() == answered)
            ++count;
    return count;
}

} // namespace

// Fixtures made by tests/fixtures/imports/make-fixtures.sh: Debian's tools run through a lab of
// namespaces (client, r1, a silent r2, r3, a server listening on TCP 443).
class PathImportTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void traceroute_data()
    {
        QTest::addColumn<QString>("fixture");
        QTest::addColumn<QString>("hops");
        QTest::addColumn<int>("protocol");
        QTest::addColumn<int>("port");
        QTest::addColumn<int>("lostAtFirstTtl");
        QTest::newRow("traceroute -n (UDP)")
            << "traceroute-udp.txt"
            << "1 10.77.0.1, 2 *, 3 10.77.2.2, 4 10.77.3.2" << int(Protocol::Udp) << 0 << 0;
        // Probing all TTLs at once, traceroute -T and -I met r1's and r3's ICMP rate limits.
        QTest::newRow("traceroute -T")
            << "traceroute-tcp.txt"
            << "1 10.77.0.1, 2 *, 3 *, 4 *, 5 *, 6 10.77.3.2" << int(Protocol::Udp) << 0 << 1;
        QTest::newRow("traceroute -I")
            << "traceroute-icmp.txt"
            << "1 10.77.0.1, 2 *, 3 *, 4 *, 5 *, 6 10.77.3.2" << int(Protocol::Udp) << 0 << 1;
        QTest::newRow("tcptraceroute")
            << "tcptraceroute.txt"
            << "1 10.77.0.1, 2 *, 3 10.77.2.2, 4 10.77.3.2" << int(Protocol::Tcp) << 443 << 0;
    }
    void traceroute()
    {
        QFETCH(QString, fixture);
        QFETCH(QString, hops);
        QFETCH(int, protocol);
        QFETCH(int, port);
        QFETCH(int, lostAtFirstTtl);
        const auto path = readFirst(fixtureText(qPrintable(fixture)));
        QVERIFY2(path, path ? "" : path.error().message.c_str());
        QCOMPARE(describe(*path), hops);
        QCOMPARE(int(path->protocol), protocol);
        QCOMPARE(path->destination.ipAddress, std::string("10.77.3.2"));
        QCOMPARE(path->destination.port.value_or(0), port);
        QVERIFY(path->destinationReached());
        QCOMPARE(probesAt(*path, 1, false), lostAtFirstTtl);
        QCOMPARE(probesAt(*path, 1, true), 3 - lostAtFirstTtl);
        QCOMPARE(probesAt(*path, 2, false), 3);
        QCOMPARE(probingName(path->hopscope->probing), std::string_view("imported"));
        // The figures of a trace of Hopscope's own follow from its probes.
        const PathModel rows = PathModel::fromPath(*path);
        QVERIFY(rows.counted());
        QCOMPARE(rows.hops().front().stats.sent, 3);
    }

    // Every other output mode of Debian's mtr and traceroute, run through the same lab.
    void labOutputs_data()
    {
        QTest::addColumn<QString>("fixture");
        QTest::addColumn<QString>("format");
        QTest::newRow("mtr --raw") << "mtr-raw.txt"
                                   << "mtr-raw";
        QTest::newRow("mtr --csv") << "mtr.csv"
                                   << "mtr-report";
        QTest::newRow("mtr --report") << "mtr-report.txt"
                                      << "mtr-report";
        QTest::newRow("mtr --report-wide") << "mtr-report-wide.txt"
                                           << "mtr-report";
        QTest::newRow("mtr --json -o LSRAJM") << "mtr-fields.json"
                                              << "mtr-json";
        QTest::newRow("traceroute -e") << "traceroute-extensions.txt"
                                       << "traceroute";
        QTest::newRow("busybox traceroute") << "busybox-traceroute.txt"
                                            << "traceroute";
        QTest::newRow("busybox traceroute -I") << "busybox-traceroute-icmp.txt"
                                               << "traceroute";
        QTest::newRow("inetutils-traceroute") << "inetutils-traceroute.txt"
                                              << "traceroute";
        QTest::newRow("inetutils-traceroute -M icmp") << "inetutils-traceroute-icmp.txt"
                                                      << "traceroute";
        QTest::newRow("scamper trace udp-paris") << "scamper-trace.json"
                                                 << "scamper-json";
        QTest::newRow("scamper trace icmp-paris") << "scamper-trace-icmp.json"
                                                  << "scamper-json";
        QTest::newRow("scamper tracelb") << "scamper-tracelb.json"
                                         << "scamper-json";
    }
    void labOutputs()
    {
        QFETCH(QString, fixture);
        QFETCH(QString, format);
        const std::string text = fixtureText(qPrintable(fixture));
        const PathFormat *chosen = recogniseFormat(ImportText(text));
        QVERIFY(chosen);
        QCOMPARE(QString::fromUtf8(chosen->id().data(), static_cast<int>(chosen->id().size())),
                 format);
        const auto path = readFirst(text);
        QVERIFY2(path, path ? "" : path.error().message.c_str());
        // mtr's raw stream lists the probes it sent past the destination too, as they came back.
        QCOMPARE(describe(*path),
                 format == QLatin1String("mtr-raw")
                     ? QStringLiteral("1 10.77.0.1, 2 *, 3 10.77.2.2, 4 10.77.3.2, 5 10.77.3.2")
                     : QStringLiteral("1 10.77.0.1, 2 *, 3 10.77.2.2, 4 10.77.3.2"));
        // mtr's text and raw output name no target: the last hop is not known to be it.
        if (format != QLatin1String("mtr-raw") && fixture != QLatin1String("mtr-report.txt") &&
            fixture != QLatin1String("mtr-report-wide.txt"))
            QVERIFY(path->destinationReached());
        const PathModel rows = PathModel::fromPath(*path);
        QVERIFY(rows.counted());
        QCOMPARE(rows.hops()[1].stats.lossPercent, 100.0);
    }

    void unreachableAnnotations()
    {
        const auto path =
            readFirst("traceroute to 192.0.2.9 (192.0.2.9), 30 hops max, 60 byte packets\n"
                      " 1  192.0.2.1  0.5 ms  0.4 ms  0.4 ms\n"
                      " 2  192.0.2.2  1.0 ms !X  1.1 ms !H  *\n");
        QVERIFY(path);
        QCOMPARE(path->hopscope->probes.at(3).icmpCode, std::optional<int>(13));
        QCOMPARE(path->hopscope->probes.at(4).icmpCode, std::optional<int>(1));
        QCOMPARE(path->hopscope->probes.at(3).icmpType, std::optional<int>(3));
        QVERIFY(!path->destinationReached());
    }

    void mtr_data()
    {
        QTest::addColumn<QString>("fixture");
        QTest::newRow("mtr -n --json") << "mtr.json";
        QTest::newRow("mtr --tcp --json") << "mtr-tcp.json";
    }
    void mtr()
    {
        QFETCH(QString, fixture);
        const auto path = readFirst(fixtureText(qPrintable(fixture)));
        QVERIFY2(path, path ? "" : path.error().message.c_str());
        QCOMPARE(describe(*path), QStringLiteral("1 10.77.0.1, 2 *, 3 10.77.2.2, 4 10.77.3.2"));
        QVERIFY(path->destinationReached());
        const MonitorSummary &summary = *path->hopscope->monitor;
        QCOMPARE(summary.rounds, 5);
        QCOMPARE(summary.hops.size(), std::size_t(4));
        QCOMPARE(summary.hops[1].stats.lossPercent, 100.0);
        QVERIFY(!summary.hops[1].stats.avgMs);
        QVERIFY(summary.hops[3].destination);
        QCOMPARE(summary.hops[0].stats.sent, 5);
        if (fixture == QLatin1String("mtr.json")) {
            QCOMPARE(summary.hops[2].stats.lossPercent, 40.0);
            QCOMPARE(summary.hops[2].stats.received, 3);
            QCOMPARE(*summary.hops[2].stats.avgMs, 0.089);
        }
        const PathModel rows = PathModel::fromPath(*path);
        QVERIFY(rows.counted());
        QCOMPARE(rows.hops().size(), std::size_t(4));
    }

    // Trippy's report, written as its JSON serializer writes it (figures as text with two
    // decimals).
    void trippy()
    {
        const auto path = readFirst(fixtureText("trippy.json"));
        QVERIFY2(path, path ? "" : path.error().message.c_str());
        QCOMPARE(describe(*path), QStringLiteral("1 10.77.0.1, 2 *, 3 10.77.2.2, 4 10.77.3.2"));
        QVERIFY(path->destinationReached());
        QCOMPARE(path->protocol, Protocol::Icmp);
        QCOMPARE(path->hops[2].hostname, std::string("r3.lab.test"));
        const MonitorSummary &summary = *path->hopscope->monitor;
        QCOMPARE(summary.rounds, 5);
        QCOMPARE(summary.hops[2].stats.lossPercent, 40.0);
        QCOMPARE(summary.hops[2].stats.received, 3);
        QCOMPARE(*summary.hops[2].stats.avgMs, 0.09);
        QCOMPARE(*summary.hops[2].stats.jitterMs, 0.01);
        QVERIFY(!summary.hops[1].stats.avgMs);
        QVERIFY(summary.hops[3].destination);

        // Two hosts at one TTL (load balancing) are both hops; numbers instead of text are read
        // too.
        auto document = nlohmann::json::parse(fixtureText("trippy.json"));
        document["hops"][2]["hosts"].push_back({{"ip", "10.77.2.3"}, {"hostname", ""}});
        document["hops"][2]["avg"] = 0.5;
        const auto balanced = readFirst(document.dump());
        QVERIFY2(balanced, balanced ? "" : balanced.error().message.c_str());
        QCOMPARE(describe(*balanced),
                 QStringLiteral("1 10.77.0.1, 2 *, 3 10.77.2.2, 3 10.77.2.3, 4 10.77.3.2"));
        QCOMPARE(*balanced->hopscope->monitor->hops[2].stats.avgMs, 0.5);
        QCOMPARE(
            comparePaths(PathModel::fromPath(*path), PathModel::fromPath(*balanced)).ttls[2].change,
            HopChange::EcmpChanged);
    }

    // Trippy's own hop objects with an MPLS extension (its 0.9.0 release notes and issue #806, in
    // the reference corpus), each under the report header of its 0.13.0 notes: the label stack
    // lands on the hop's host, and a report of the releases before 0.10.0, without jitter, opens.
    void trippyExtensions_data()
    {
        QTest::addColumn<QString>("hopFile");
        QTest::addColumn<int>("ttl");
        QTest::addColumn<QString>("host");
        QTest::addColumn<int>("label");
        QTest::newRow("0.9.0 release notes")
            << QStringLiteral("trippy-RELEASES-0.9.0-json-hop-mpls-extensions.fragment.json") << 14
            << QStringLiteral("129.250.3.125") << 91106;
        QTest::newRow("issue 806") << QStringLiteral("trippy-issue806-json-hop-mpls-extension-"
                                                     "ttl11.fragment.json")
                                   << 11 << QStringLiteral("129.250.2.50") << 48268;
    }
    void trippyExtensions()
    {
        QFETCH(QString, hopFile);
        QFETCH(int, ttl);
        QFETCH(QString, host);
        QFETCH(int, label);
        const auto corpusJson = [](const QString &name) {
            QFile file(QStringLiteral(HOPSCOPE_FIXTURES_DIR "/corpus/trippy/") + name);
            if (!file.open(QIODevice::ReadOnly))
                qFatal("cannot read %s", qPrintable(name));
            return nlohmann::json::parse(file.readAll().toStdString());
        };
        auto document = corpusJson(
            QStringLiteral("trippy-RELEASES-0.13.0-json-info-start_end_timestamp.fragment.json"));
        document["hops"] = nlohmann::json::array({corpusJson(hopFile)});
        const auto path = readFirst(document.dump());
        QVERIFY2(path, path ? "" : path.error().message.c_str());
        QCOMPARE(path->hops.size(), std::size_t(1));
        const PathHop &hop = path->hops.front();
        QCOMPARE(hop.ttl, ttl);
        QCOMPARE(QString::fromStdString(hop.ipAddress), host);
        QCOMPARE(hop.mpls,
                 (std::vector<MplsLabel>{{static_cast<std::uint32_t>(label), 0, true, 1}}));
        QVERIFY(!path->hopscope->monitor->hops.front().stats.jitterMs);
        QCOMPARE(path->hopscope->monitor->hops.front().stats.received, 1);
        QCOMPARE(path->timestampMs, std::int64_t{1'746'352'210'383}); // 2025-05-04T09:50:10.383Z

        // An unknown object is passed over; a second host at the TTL gets no labels.
        document["hops"][0]["extensions"].push_back(
            {{"unknown", {{"class_num", 2}, {"class_subtype", 1}, {"bytes", {0, 0, 0, 7}}}}});
        document["hops"][0]["hosts"].push_back({{"ip", "192.0.2.7"}, {"hostname", ""}});
        const auto balanced = readFirst(document.dump());
        QVERIFY2(balanced, balanced ? "" : balanced.error().message.c_str());
        QCOMPARE(balanced->hops.size(), std::size_t(2));
        QCOMPARE(balanced->hops[0].mpls, hop.mpls);
        QVERIFY(balanced->hops[1].mpls.empty());
    }

    // RIPE Atlas results from RIPE's own parser's tests: what each reply tells besides its round
    // trip lands on its probe, as the probes' traceroute.c writes it.
    void ripeAtlasReplyDetails()
    {
        const auto corpusPath = [](const char *name) {
            QFile file(QStringLiteral(HOPSCOPE_FIXTURES_DIR "/corpus/ripe-atlas/") +
                       QLatin1String(name));
            if (!file.open(QIODevice::ReadOnly))
                qFatal("cannot read %s", name);
            return readFirst(file.readAll().toStdString());
        };
        const auto quoteAt = [](const NetworkPath &path, int ttl) {
            std::vector<ProbeQuote> quotes;
            for (const ProbeSample &probe : path.hopscope->probes)
                if (probe.ttl == ttl && probe.quote)
                    quotes.push_back(*probe.quote);
            return quotes;
        };
        // An MPLS tunnel that copies the IP TTL: the routers inside quote TTLs 2 and 3.
        const auto tunnel = corpusPath(
            "sagan-traceroute_responding_target-L297-fw4610-udp-v4-icmpext-mpls-ittl.json");
        QVERIFY2(tunnel, tunnel ? "" : tunnel.error().message.c_str());
        QCOMPARE(quoteAt(*tunnel, 7).size(), std::size_t(3));
        QCOMPARE(quoteAt(*tunnel, 7).front().ttl, std::uint8_t(1));
        QCOMPARE(quoteAt(*tunnel, 8).front().ttl, std::uint8_t(2));
        QCOMPARE(quoteAt(*tunnel, 8).front().mpls, (std::vector<MplsLabel>{{1692, 0, true, 1}}));
        QCOMPARE(quoteAt(*tunnel, 9).front().ttl, std::uint8_t(3));
        QVERIFY(quoteAt(*tunnel, 10).empty()); // nothing told beyond the round trip
        const PathModel rows = PathModel::fromPath(*tunnel);
        QCOMPARE(rows.hops()[19].replyTtl, std::optional<int>(45));
        QCOMPARE(rows.hops()[8].quote->ttl, std::uint8_t(3));

        // A packet too big names the MTU; ICMPv6's "H" is code 3, address unreachable.
        const auto tooBig =
            corpusPath("sagan-traceroute_v6_mtu-L357-fw4610-icmp-v6-mtu-err-H-ittl.json");
        QVERIFY2(tooBig, tooBig ? "" : tooBig.error().message.c_str());
        const ProbeSample &first = tooBig->hopscope->probes.front();
        QCOMPARE(first.quote->nextHopMtu, std::optional<std::uint32_t>(1500));
        QVERIFY(!first.icmpType);
        const ProbeSample &unreachable = tooBig->hopscope->probes[2];
        QCOMPARE(unreachable.icmpType, std::optional<int>(1));
        QCOMPARE(unreachable.icmpCode, std::optional<int>(3));
        QCOMPARE(quoteAt(*tooBig, 2).front().ttl, std::uint8_t(2));
    }

    // trip --mode csv as Trippy's report writer lays it out: "???" where it has nothing, a hop's
    // addresses and names joined with ':'.
    void trippyCsv()
    {
        const std::string text = fixtureText("trippy.csv");
        const PathFormat *chosen = recogniseFormat(ImportText(text));
        QVERIFY(chosen);
        QCOMPARE(std::string(chosen->id()), std::string("trippy-csv"));
        const auto path = readFirst(text);
        QVERIFY2(path, path ? "" : path.error().message.c_str());
        QCOMPARE(describe(*path),
                 QStringLiteral("1 10.77.0.1, 2 *, 3 10.77.2.2, 3 10.77.2.3, 4 10.77.3.2"));
        QVERIFY(path->destinationReached());
        QCOMPARE(path->hops[2].hostname, std::string("r3.lab"));
        QCOMPARE(path->hops[3].hostname, std::string("10.77.2.3"));
        const MonitorSummary &summary = *path->hopscope->monitor;
        QCOMPARE(summary.rounds, 5);
        QCOMPARE(summary.hops[2].stats.lossPercent, 40.0);
        QCOMPARE(summary.hops[2].stats.received, 3);
        QCOMPARE(*summary.hops[2].stats.avgMs, 0.09);
        QVERIFY(!summary.hops[1].stats.avgMs);
        QVERIFY(!summary.hops[1].stats.lastMs);
        QVERIFY(summary.hops[3].destination);
        // A hop's IPv6 address stays whole, however many ':' it holds.
        const auto v6 = readFirst("Target,TargetIp,Hop,IPs,Addrs,Loss%,Snt,Recv,Last,Avg,Best,"
                                  "Wrst,StdDev,\n"
                                  "x,2001:db8::9,1,2001:db8::1,gw.example,0.00,1,1,1.0,1.00,1.0,"
                                  "1.0,0.00,\n");
        QVERIFY2(v6, v6 ? "" : v6.error().message.c_str());
        QCOMPARE(describe(*v6), QStringLiteral("1 2001:db8::1"));
        QCOMPARE(v6->hops[0].hostname, std::string("gw.example"));
    }

    // nexttrace --json as NextTrace's Result marshals: one array of probes per TTL, RTTs in
    // nanoseconds, the AS number from its geolocation and MPLS labels as text.
    void nextTrace()
    {
        const std::string text = fixtureText("nexttrace.json");
        const PathFormat *chosen = recogniseFormat(ImportText(text));
        QVERIFY(chosen);
        QCOMPARE(std::string(chosen->id()), std::string("nexttrace-json"));
        const auto path = readFirst(text);
        QVERIFY2(path, path ? "" : path.error().message.c_str());
        QCOMPARE(describe(*path), QStringLiteral("1 10.77.0.1, 2 *, 3 10.77.2.2, 4 10.77.3.2"));
        QVERIFY(path->destinationReached());
        QCOMPARE(path->hops[2].hostname, std::string("r3.lab"));
        QCOMPARE(path->hops[2].asn, std::optional<std::uint32_t>(64500));
        QCOMPARE(path->hops[2].mpls, (std::vector<MplsLabel>{{16000, 0, true, 1}}));
        const PathModel rows = PathModel::fromPath(*path);
        QCOMPARE(rows.hops()[0].stats.sent, 3);
        QVERIFY(qAbs(*rows.hops()[0].stats.avgMs - (0.07125 + 0.0619 + 0.0583) / 3) < 1e-9);
        QCOMPARE(rows.hops()[2].stats.received, 2);
        QCOMPARE(rows.hops()[1].stats.lossPercent, 100.0);
        // Without StopReason the file does not say whether the last hop is the target.
        auto document = nlohmann::json::parse(text);
        document.erase("StopReason");
        const auto unsure = readFirst(document.dump());
        QVERIFY(unsure);
        QVERIFY(!unsure->destinationReached());
    }

    // The same route seen by several tools compares as the same.
    void toolsAgree()
    {
        const auto udp = readFirst(fixtureText("traceroute-udp.txt"));
        const auto tcp = readFirst(fixtureText("tcptraceroute.txt"));
        const auto mtr = readFirst(fixtureText("mtr.json"));
        const auto trippy = readFirst(fixtureText("trippy.json"));
        QVERIFY(udp && tcp && mtr && trippy);
        QVERIFY(!comparePaths(PathModel::fromPath(*udp), PathModel::fromPath(*tcp)).routesDiffer());
        QVERIFY(!comparePaths(PathModel::fromPath(*udp), PathModel::fromPath(*mtr)).routesDiffer());
        QVERIFY(
            !comparePaths(PathModel::fromPath(*mtr), PathModel::fromPath(*trippy)).routesDiffer());
    }

    void badInput_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("format");
        QTest::addColumn<QString>("message");
        const QString header =
            QStringLiteral("traceroute to 192.0.2.9 (192.0.2.9), 30 hops max, 60 byte packets\n");
        QTest::newRow("no header") << " 1  192.0.2.1  0.5 ms\n"
                                   << "traceroute"
                                   << "not a file Hopscope reads; it reads NetworkPath JSON";
        QTest::newRow("empty") << ""
                               << "traceroute"
                               << "not a file Hopscope reads";
        QTest::newRow("no hops") << header << "traceroute"
                                 << "without a single hop";
        QTest::newRow("not a TTL")
            << header + QStringLiteral("one 192.0.2.1 0.5 ms\n") << "traceroute"
            << "traceroute line 2: expected a hop line starting with its TTL, found 'one'";
        QTest::newRow("TTL backwards")
            << header + QStringLiteral(" 2  192.0.2.1  0.5 ms\n 1  192.0.2.2  0.6 ms\n")
            << "traceroute"
            << "line 3: TTL 1 is out of order";
        QTest::newRow("TTL 300") << header + QStringLiteral(" 300  192.0.2.1  0.5 ms\n")
                                 << "traceroute"
                                 << "line 2: TTL 300 is out of order or out of 1 to 255";
        QTest::newRow("RTT first") << header + QStringLiteral(" 1  0.5 ms\n") << "traceroute"
                                   << "line 2: a round trip before any address";
        QTest::newRow("hostile name")
            << header + QStringLiteral(" 1  $(reboot)  0.5 ms\n") << "traceroute"
            << "line 2: expected an address, a round trip or '*', found '$(reboot)'";
        QTest::newRow("mtr not an object") << "[1, 2]"
                                           << "mtr"
                                           << "/0: must be an object (found integer)";
        QTest::newRow("mtr no hubs") << R"({"report": {"mtr": {"dst": "x"}}})"
                                     << "mtr"
                                     << "mtr --json: /report/hubs: required field is missing";
        QTest::newRow("mtr count backwards")
            << R"({"report": {"mtr": {"dst": "x"}, "hubs": [{"count": 2, "host": "a", "Loss%": 0, "Snt": 1, "Last": 1, "Avg": 1, "Best": 1, "Wrst": 1, "StDev": 0}, {"count": 1, "host": "b", "Loss%": 0, "Snt": 1, "Last": 1, "Avg": 1, "Best": 1, "Wrst": 1, "StDev": 0}]}})"
            << "mtr"
            << "mtr --json: /report/hubs/1/count: hop numbers must rise from 1 to at most 255 "
               "(found 1)";
        QTest::newRow("mtr loss 150")
            << R"({"report": {"mtr": {"dst": "x"}, "hubs": [{"count": 1, "host": "a", "Loss%": 150, "Snt": 1, "Last": 1, "Avg": 1, "Best": 1, "Wrst": 1, "StDev": 0}]}})"
            << "mtr"
            << "mtr --json: /report/hubs/0/Loss%: must be at most 100 (found 150)";
        QTest::newRow("mtr host a number")
            << R"({"report": {"mtr": {"dst": "x"}, "hubs": [{"count": 1, "host": 7, "Loss%": 0, "Snt": 1}]}})"
            << "mtr"
            << "mtr --json: /report/hubs/0/host: must be a string";
        const QString trippyHop = QStringLiteral(
            R"({"ttl": %1, "hosts": [{"ip": "%2", "hostname": ""}], "loss_pct": "%3", "sent": 5, "recv": %4, "last": "1.00", "avg": "%5", "best": "1.00", "worst": "1.00", "stddev": "0.00", "jitter": "0.00"})");
        const auto trippy = [&](const QString &target, const QStringList &hops) {
            return QStringLiteral(
                       R"({"info": {"target": {"ip": "%1", "hostname": "x"}}, "hops": [%2]})")
                .arg(target, hops.join(QLatin1Char(',')));
        };
        QTest::newRow("trippy no hops") << trippy(QStringLiteral("192.0.2.9"), {}) << "trippy"
                                        << "trip --mode json: /hops: no hops";
        QTest::newRow("trippy target not an address")
            << trippy(QStringLiteral("$(reboot)"), {}) << "trippy"
            << "/info/target/ip: '$(reboot)' is not an IP address";
        QTest::newRow("trippy host not an address")
            << trippy(QStringLiteral("192.0.2.9"),
                      {trippyHop.arg(1).arg(QStringLiteral("<b>")).arg(0).arg(5).arg(1)})
            << "trippy"
            << "trip --mode json: /hops/0/hosts/0/ip: '<b>' is not an IP address";
        QTest::newRow("trippy TTL backwards")
            << trippy(QStringLiteral("192.0.2.9"),
                      {trippyHop.arg(2).arg(QStringLiteral("192.0.2.1")).arg(0).arg(5).arg(1),
                       trippyHop.arg(1).arg(QStringLiteral("192.0.2.2")).arg(0).arg(5).arg(1)})
            << "trippy"
            << "trip --mode json: /hops/1/ttl: hops must be in TTL order (ttl 1 after ttl 2)";
        QTest::newRow("trippy more received than sent")
            << trippy(QStringLiteral("192.0.2.9"),
                      {trippyHop.arg(1).arg(QStringLiteral("192.0.2.1")).arg(0).arg(9).arg(1)})
            << "trippy"
            << "trip --mode json: /hops/0/recv: must be between 0 and 5 (found 9)";
        QTest::newRow("trippy a figure that is not one")
            << trippy(QStringLiteral("192.0.2.9"), {trippyHop.arg(1)
                                                        .arg(QStringLiteral("192.0.2.1"))
                                                        .arg(0)
                                                        .arg(5)
                                                        .arg(QStringLiteral("fast"))})
            << "trippy"
            << "trip --mode json: /hops/0/avg: expected a figure of at least 0 (found string)";
        const QString labelled =
            trippyHop.arg(1).arg(QStringLiteral("192.0.2.1")).arg(0).arg(5).arg(1).chopped(1) +
            QStringLiteral(R"(, "extensions": [{"mpls": %1}]})");
        QTest::newRow("ripe atlas quoted TTL out of range")
            << QStringLiteral(R"({"prb_id": 1, "dst_addr": "192.0.2.9", "result": [{"hop": 1, )"
                              R"("result": [{"from": "192.0.2.1", "rtt": 1.0, "ittl": 256}]}]})")
            << "ripe-atlas"
            << "RIPE Atlas: /result/0/result/0/ittl: must be between 0 and 255 (found 256)";
        QTest::newRow("trippy start not a UTC time")
            << QStringLiteral(R"({"info": {"target": {"ip": "192.0.2.9"}, )"
                              R"("start_timestamp": "2025-02-30T09:50:10Z"}, "hops": []})")
            << "trippy"
            << "trip --mode json: /info/start_timestamp: expected a UTC time such as "
               "2025-05-04T09:50:10Z";
        QTest::newRow("trippy MPLS label out of range")
            << trippy(QStringLiteral("192.0.2.9"),
                      {labelled.arg(QStringLiteral(
                          R"({"members": [{"label": 1048576, "exp": 0, "bos": 1, "ttl": 1}]})"))})
            << "trippy"
            << "trip --mode json: /hops/0/extensions/0/mpls/members/0/label: must be between 0 "
               "and 1048575 (found 1048576)";
        QTest::newRow("trippy MPLS stack without members")
            << trippy(QStringLiteral("192.0.2.9"), {labelled.arg(QStringLiteral("{}"))}) << "trippy"
            << "trip --mode json: /hops/0/extensions/0/mpls/members: required field is missing";
        const QString mtrReport = QStringLiteral(
            "HOST: c1                    Loss%   Snt   Last   Avg  Best  Wrst StDev\n"
            "  1. AS???    192.0.2.1      0.0%    10    0.7   0.7   0.5   0.9   0.1\n");
        QTest::newRow("mtr raw MPLS label out of range")
            << QStringLiteral("x 0 1\nh 0 192.0.2.1\nm 0 1048576 0 1 1\np 0 500 1\n") << "mtr-raw"
            << "mtr --raw line 3: expected 'm POS LABEL TC S TTL' with a label below 2^20, TC "
               "0-7, S 0-1 and TTL 0-255";
        QTest::newRow("mtr raw MPLS label before its host")
            << QStringLiteral("x 0 1\nm 0 16 0 1 1\nh 0 192.0.2.1\np 0 500 1\n") << "mtr-raw"
            << "mtr --raw line 2: an MPLS label at position 0 before its 'h' line";
        QTest::newRow("mtr report MPLS label out of range")
            << mtrReport + QStringLiteral("       [MPLS: Lbl 1048576 TC 0 S 1 TTL 1]\n")
            << "mtr-report"
            << "mtr --report line 3: expected '[MPLS: Lbl N TC N S N TTL N]'";
        QTest::newRow("mtr report MPLS line cut short")
            << mtrReport + QStringLiteral("       [MPLS: Lbl 21 TC 0\n") << "mtr-report"
            << "mtr --report line 3: expected '[MPLS: Lbl N TC N S N TTL N]'";
        QTest::newRow("mtr report MPLS before any hop")
            << QStringLiteral("HOST: c1  Loss%   Snt\n  [MPLS: Lbl 21 TC 0 S 1 TTL 1]\n")
            << "mtr-report"
            << "mtr --report line 2: an MPLS label before any hop";
        QTest::newRow("mtr report AS column without a host")
            << QStringLiteral("HOST: c1  Loss%   Snt\n  1. AS64500  0.0%  10\n") << "mtr-report"
            << "mtr --report line 2: expected a host and 2 figures";
        // Other tools' JSON has the limits of a NetworkPath file.
        QTest::newRow("mtr nested too deep")
            << QStringLiteral(R"({"report": )") + QString(100, QLatin1Char('[')) << "mtr"
            << "(document): nested more than 64 levels deep";
        QTest::newRow("trippy nested too deep")
            << QStringLiteral(R"({"info": )") + QString(100, QLatin1Char('{')) << "trippy"
            << "(document): nested more than 64";
        QTest::newRow("trippy hops not an array")
            << QStringLiteral(R"({"info": {"target": {"ip": "192.0.2.9"}}, "hops": 3})") << "trippy"
            << "trip --mode json: /hops: must be an array";
        const QString trippyCsvHeader = QStringLiteral(
            "Target,TargetIp,Hop,IPs,Addrs,Loss%,Snt,Recv,Last,Avg,Best,Wrst,StdDev\n");
        QTest::newRow("trippy csv no rows") << trippyCsvHeader << "trippy-csv"
                                            << "trip --mode csv: no hop after the header";
        QTest::newRow("trippy csv hostile address")
            << trippyCsvHeader + QStringLiteral("x,192.0.2.9,1,$(reboot),???,0.00,1,1,1.0,1.00,1.0,"
                                                "1.0,0.00\n")
            << "trippy-csv"
            << "trip --mode csv line 2: IPs: '$(reboot)' is not an address";
        QTest::newRow("trippy csv more received than sent")
            << trippyCsvHeader + QStringLiteral("x,192.0.2.9,1,192.0.2.1,???,0.00,1,4,1.0,1.00,1.0,"
                                                "1.0,0.00\n")
            << "trippy-csv"
            << "trip --mode csv line 2: Snt and Recv: expected counts with Recv at most Snt";
        QTest::newRow("trippy csv a figure that is not one")
            << trippyCsvHeader + QStringLiteral("x,192.0.2.9,1,192.0.2.1,???,0.00,1,1,1.0,fast,1.0,"
                                                "1.0,0.00\n")
            << "trippy-csv"
            << "trip --mode csv line 2: Avg: 'fast' is not a figure";
        QStringList manyAddresses;
        for (int i = 0; i < 5000; ++i)
            manyAddresses << QStringLiteral("192.0.2.1");
        QTest::newRow("trippy csv thousands of addresses at a TTL")
            << trippyCsvHeader + QStringLiteral("x,192.0.2.9,1,") +
                   manyAddresses.join(QLatin1Char(':')) +
                   QStringLiteral(",???,0.00,1,1,1.0,1.00,1.0,1.0,0.00\n")
            << "trippy-csv"
            << "trip --mode csv line 2: IPs: more than 1000 addresses at one TTL";
        QTest::newRow("nexttrace hops not arrays")
            << QStringLiteral(R"({"Hops": [3], "TraceMapUrl": ""})") << "nexttrace-json"
            << "nexttrace --json: /Hops/0: must be an array";
        QTest::newRow("nexttrace address not one")
            << QStringLiteral(
                   R"({"Hops": [[{"Success": true, "Address": {"IP": "<b>"}, "TTL": 1, "RTT": 5}]]})")
            << "nexttrace-json"
            << "nexttrace --json: /Hops/0/0/Address/IP: '<b>' is not an IP address";
        QTest::newRow("nexttrace no probes")
            << QStringLiteral(R"({"Hops": [], "TraceMapUrl": ""})") << "nexttrace-json"
            << "nexttrace --json: /Hops: no probes";
    }
    void badInput()
    {
        QFETCH(QString, text);
        QFETCH(QString, format);
        QFETCH(QString, message);
        const std::string input = text.toStdString();
        // Each text is recognised as the format the row names, or as none.
        const PathFormat *chosen = recogniseFormat(ImportText(input));
        const std::string expectedFormat = format == QLatin1String("mtr")      ? "mtr-json"
                                           : format == QLatin1String("trippy") ? "trippy-json"
                                           : format.contains(QLatin1Char('-'))
                                               ? format.toStdString()
                                               : "traceroute";
        QVERIFY(!chosen || chosen->id() == expectedFormat);
        const auto path = readFirst(input);
        QVERIFY(!path);
        QVERIFY2(QString::fromStdString(path.error().message).contains(message),
                 path.error().message.c_str());
    }

    void readAnyFile()
    {
        QTemporaryDir dir;
        const auto write = [&dir](const char *name, const std::string &text) {
            QFile file(dir.filePath(QLatin1String(name)));
            file.open(QIODevice::WriteOnly);
            file.write(text.c_str(), static_cast<qint64>(text.size()));
            return dir.filePath(QLatin1String(name)).toStdString();
        };
        const auto mtr = readAnyPathFile(write("a.json", fixtureText("mtr.json")));
        QVERIFY(mtr && mtr->hopscope->monitor);
        // Other tools' output carries no date: the path says so instead of taking the file's.
        QCOMPARE(mtr->timestampMs, std::int64_t(0));
        const auto trippy = readAnyPathFile(write("e.json", fixtureText("trippy.json")));
        QVERIFY(trippy && trippy->hopscope->monitor);
        QCOMPARE(trippy->hopscope->monitor->startedUs, std::int64_t(0));
        const auto text = readAnyPathFile(write("b.txt", fixtureText("tcptraceroute.txt")));
        QVERIFY(text && text->protocol == Protocol::Tcp);
        QCOMPARE(text->timestampMs, std::int64_t(0));
        const auto own = readAnyPathFile(HOPSCOPE_FIXTURES_DIR "/hopscope/full-tcp-path.json");
        QVERIFY(own && own->hopscope->probes.size() > 3);
        const auto junk = readAnyPathFile(write("c.txt", "hello\n"));
        QVERIFY(!junk);
        QCOMPARE(junk.error().codeName(), std::string("unknown-format"));
        QVERIFY(
            QString::fromStdString(junk.error().message)
                .contains(QLatin1String("c.txt: not a file Hopscope reads; it reads NetworkPath "
                                        "JSON")));
        // A JSON file that is not a path still says what is wrong with it as one.
        const auto wrongShape = readAnyPathFile(write("d.json", "{\"hops\": 3}"));
        QVERIFY(!wrongShape);
        QVERIFY2(
            QString::fromStdString(wrongShape.error().message).contains(QLatin1String("d.json: ")),
            wrongShape.error().message.c_str());
    }
};

QTEST_GUILESS_MAIN(PathImportTest)
#include "tst_pathimport.moc"
