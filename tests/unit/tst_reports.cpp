// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "import/pathformat.h"
#include "path/networkpathjson.h"
#include "report/comparisonreport.h"
#include "report/pathverdict.h"
#include "report/quotefindings.h"
#include "report/redaction.h"
#include "report/reportcontent.h"
#include "report/reproducecommand.h"
#include "report/svgfigures.h"
#include "version.h"

#include <QFile>
#include <QTest>
#include <QXmlStreamReader>

using namespace hopscope;

namespace {

QString fixture(const QString &relative)
{
    return QStringLiteral(HOPSCOPE_FIXTURES_DIR "/") + relative;
}

NetworkPath readFixturePath(const QString &relative)
{
    // Any format Hopscope opens: reports are written from imported files too.
    auto paths = readPathFile(fixture(relative).toStdString());
    if (!paths)
        qFatal("%s", paths.error().message.c_str());
    return std::move(paths->front());
}

// Reports name the tool's version; golden files say VERSION so that a release does not break them.
QByteArray withoutVersion(const std::string &text)
{
    return QByteArray::fromStdString(text).replace(QByteArray("Hopscope ").append(kVersion),
                                                   QByteArray("Hopscope VERSION"));
}

// A trace with `queries` probes per TTL: rtts[ttl - 1] for every reply, `lost[ttl - 1]` of them
// lost.
NetworkPath traceWith(const std::vector<double> &rtts, const std::vector<int> &lost,
                      int queries = 10)
{
    NetworkPath path;
    path.timestampMs = 1'764'000'000'000;
    path.destination.ipAddress = "203.0.113.9";
    path.hopscope = HopscopeExtension{};
    for (std::size_t i = 0; i < rtts.size(); ++i) {
        const int ttl = static_cast<int>(i) + 1;
        const std::string responder =
            i + 1 == rtts.size() ? path.destination.ipAddress : "198.51.100." + std::to_string(ttl);
        path.hops.push_back({ttl, responder, {}, rtts[i], true});
        for (int q = 0; q < queries; ++q) {
            const bool gone = q < lost[i];
            path.hopscope->probes.push_back(
                {ttl,
                 0,
                 gone ? std::string() : responder,
                 gone ? std::nullopt : std::optional<double>(rtts[i] + 0.01 * q),
                 {},
                 {},
                 0,
                 0});
        }
    }
    return path;
}

bool wellFormedXml(const std::string &text, QString &error)
{
    QXmlStreamReader reader(QByteArray::fromStdString(text));
    while (!reader.atEnd())
        reader.readNext();
    error = reader.errorString() + QStringLiteral(" at line %1").arg(reader.lineNumber());
    return !reader.hasError();
}

std::size_t count(const std::string &text, const std::string &what)
{
    std::size_t n = 0;
    for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1))
        ++n;
    return n;
}

// Well formed, no scripts, and nothing fetched from anywhere.
void verifySelfContained(const std::string &html)
{
    QString error;
    QVERIFY2(wellFormedXml(html, error), qPrintable(error));
    QCOMPARE(html.find("<script"), std::string::npos);
    // The only address in the file is the SVG namespace.
    for (std::size_t at = html.find("://"); at != std::string::npos; at = html.find("://", at + 1))
        QVERIFY2(at >= 4 && html.compare(at - 4, 26, "http://www.w3.org/2000/svg") == 0,
                 html.substr(at >= 8 ? at - 8 : 0, 40).c_str());
    QCOMPARE(html.find("url("), std::string::npos);
    QCOMPARE(html.find("src=\""), std::string::npos);
}

} // namespace

class ReportsTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void golden_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("format");
        QTest::addColumn<QString>("golden");
        QTest::newRow("trace csv") << "hopscope/full-tcp-path.json"
                                   << "csv"
                                   << "reports/full-tcp-path.csv";
        QTest::newRow("trace md") << "hopscope/full-tcp-path.json"
                                  << "md"
                                  << "reports/full-tcp-path.md";
        QTest::newRow("session csv") << "hopscope/monitor-session.json"
                                     << "csv"
                                     << "reports/monitor-session.csv";
        QTest::newRow("session md") << "hopscope/monitor-session.json"
                                    << "md"
                                    << "reports/monitor-session.md";
        QTest::newRow("datadog csv") << "datadog/v3-pathtrace-reachable.json"
                                     << "csv"
                                     << "reports/v3.csv";
        QTest::newRow("datadog md") << "datadog/v3-pathtrace-reachable.json"
                                    << "md"
                                    << "reports/v3.md";
        // Owners looked up by Hopscope: the AS column and the AS path in the verdict.
        QTest::newRow("owners md") << "hopscope/owned-path.json"
                                   << "md"
                                   << "reports/owned-path.md";
        // macOS traceroute -a: the file's own AS numbers, AS0 meaning none.
        QTest::newRow("traceroute -a csv") << "corpus/traceroute-text/jc-generic-traceroute7.out"
                                           << "csv"
                                           << "reports/traceroute-as.csv";
        QTest::newRow("traceroute -a md") << "corpus/traceroute-text/jc-generic-traceroute7.out"
                                          << "md"
                                          << "reports/traceroute-as.md";
        // Cisco IOS traceroute with MPLS label lines: the mpls column.
        QTest::newRow("traceroute MPLS csv")
            << "corpus/traceroute-text/ntc-templates-cisco_ios_traceroute_5.raw"
            << "csv"
            << "reports/cisco-mpls.csv";
        QTest::newRow("traceroute MPLS md")
            << "corpus/traceroute-text/ntc-templates-cisco_ios_traceroute_5.raw"
            << "md"
            << "reports/cisco-mpls.md";
        // A lab trace through a NAT to a router quoting MPLS labels and its interface.
        QTest::newRow("router quotes csv") << "hopscope/nat-mpls-trace.json"
                                           << "csv"
                                           << "reports/nat-mpls-trace.csv";
        QTest::newRow("router quotes md") << "hopscope/nat-mpls-trace.json"
                                          << "md"
                                          << "reports/nat-mpls-trace.md";
        // A lab trace with path MTU discovery through links of 1400 and 1280 bytes.
        QTest::newRow("path MTU csv") << "hopscope/mtu-trace.json"
                                      << "csv"
                                      << "reports/mtu-trace.csv";
        QTest::newRow("path MTU md") << "hopscope/mtu-trace.json"
                                     << "md"
                                     << "reports/mtu-trace.md";
        // Two paths: a comparison.
        QTest::newRow("comparison csv") << "compare/before.json compare/after.json"
                                        << "csv"
                                        << "reports/compare-before-after.csv";
        QTest::newRow("comparison md") << "compare/before.json compare/after.json"
                                       << "md"
                                       << "reports/compare-before-after.md";
    }
    void golden()
    {
        QFETCH(QString, input);
        QFETCH(QString, format);
        QFETCH(QString, golden);
        const QStringList inputs = input.split(QLatin1Char(' '));
        const bool csv = format == QLatin1String("csv");
        ReportOptions options;
        options.generatedAtMs = 1'764'000'000'000;
        QByteArray actual;
        if (inputs.size() == 1) {
            const ReportContent content =
                buildReportContent(readFixturePath(input), ReportOptions{});
            actual = withoutVersion(csv ? csvReport(content) : markdownReport(content));
        } else {
            const ComparisonReportContent content = buildComparisonReportContent(
                readFixturePath(inputs[0]), readFixturePath(inputs[1]), options);
            actual = withoutVersion(csv ? comparisonCsvReport(content)
                                        : comparisonMarkdownReport(content));
        }
        QFile file(fixture(golden));
        if (qEnvironmentVariableIsSet("HOPSCOPE_UPDATE_GOLDEN")) {
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(actual);
            return;
        }
        QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.fileName()));
        QCOMPARE(actual, file.readAll());
    }

    void htmlIsWellFormedAndSelfContained_data()
    {
        QTest::addColumn<QString>("input");
        QTest::newRow("trace") << "hopscope/full-tcp-path.json";
        QTest::newRow("session") << "hopscope/monitor-session.json";
        QTest::newRow("datadog") << "datadog/v4-traceroute-runs.json";
    }
    void htmlIsWellFormedAndSelfContained()
    {
        QFETCH(QString, input);
        const std::string html =
            htmlReport(buildReportContent(readFixturePath(input), ReportOptions{}));
        QCOMPARE(count(html, "<svg"), std::size_t(2));
        verifySelfContained(html);
    }

    void comparisonHtml()
    {
        const ComparisonReportContent content = buildComparisonReportContent(
            readFixturePath(QStringLiteral("compare/before.json")),
            readFixturePath(QStringLiteral("compare/after.json")), ReportOptions{});
        QCOMPARE(content.verdict, std::string("The routes differ: 2 hops changed."));
        QCOMPARE(QList<int>(content.changedTtls.begin(), content.changedTtls.end()),
                 (QList<int>{2, 3, 4}));
        const std::string html = comparisonHtmlReport(content);
        verifySelfContained(html);
        QCOMPARE(count(html, "<svg"), std::size_t(3)); // both graphs and the chart of both medians
        QCOMPARE(count(html, "<tr class=\"changed\">"), std::size_t(3));
        // TTLs 2, 3 and 4 outlined on each graph; the two significant shifts ringed on the chart.
        QCOMPARE(count(svgPathGraph(content.second, content.changedTtls), "stroke=\"#8e24aa\""),
                 std::size_t(3));
        const std::string chart = svgComparisonChart(content);
        QString error;
        QVERIFY2(wellFormedXml(chart, error), qPrintable(error));
        QCOMPARE(count(chart, "<polyline"), std::size_t(2));
        QCOMPARE(count(chart, "r=\"8\" fill=\"none\" stroke=\"#8e24aa\""), std::size_t(2));
        QVERIFY(html.find("Slower at TTL 3: median 0.010 -&gt; 10.057 ms") != std::string::npos);
        QCOMPARE(count(html, "<h2>Reproduce both paths</h2>"),
                 std::size_t(1)); // one command, said once
    }

    // A hidden router keeps one name across both paths, so the comparison says what it said before.
    void comparisonRedaction()
    {
        const NetworkPath before = readFixturePath(QStringLiteral("compare/before.json"));
        const NetworkPath after = readFixturePath(QStringLiteral("compare/after.json"));
        Redaction redaction;
        redaction.source = redaction.privateHops = true;
        const ComparisonReportContent plain =
            buildComparisonReportContent(before, after, ReportOptions{});
        const ComparisonReportContent hidden =
            buildComparisonReportContent(before, after, {redaction, 0});
        QCOMPARE(hidden.verdict, plain.verdict);
        QCOMPARE(hidden.changedTtls, plain.changedTtls);
        const TtlComparison &first = hidden.comparison.ttls.front();
        QCOMPARE(first.change, HopChange::Same);
        QCOMPARE(first.first->responders, std::vector<std::string>{"hidden-1"});
        QCOMPARE(first.second->responders, std::vector<std::string>{"hidden-1"});
        QCOMPARE(hidden.comparison.ttls.back().second->responders,
                 std::vector<std::string>{"10.78.9.2"});
        const std::string all = comparisonHtmlReport(hidden) + comparisonMarkdownReport(hidden) +
                                comparisonCsvReport(hidden);
        for (const char *router : {"10.78.0.1", "10.78.1.2", "10.78.2.2", "10.78.3.2", "10.78.4.2"})
            QVERIFY2(all.find(router) == std::string::npos, router);
    }

    void comparisonHostileNames()
    {
        NetworkPath before = readFixturePath(QStringLiteral("compare/before.json"));
        const NetworkPath after = readFixturePath(QStringLiteral("compare/after.json"));
        before.hops.front().ipAddress = "=HYPERLINK(\"x\")<b>|";
        const ComparisonReportContent content =
            buildComparisonReportContent(before, after, ReportOptions{});
        QVERIFY(comparisonCsvReport(content).find(
                    "\n1,changed,\"'=HYPERLINK(\"\"x\"\")<b>|\",10.78.0.1,") != std::string::npos);
        QVERIFY(comparisonMarkdownReport(content).find(
                    "| 1 | =HYPERLINK(\"x\")\\<b>\\| | 10.78.0.1 |") != std::string::npos);
        const std::string html = comparisonHtmlReport(content);
        QString error;
        QVERIFY2(wellFormedXml(html, error), qPrintable(error));
        QVERIFY(html.find("&lt;b&gt;") != std::string::npos);
    }

    // Names from a resolver or a file cannot become markup in any format.
    void hostileNamesAreEscaped()
    {
        NetworkPath path = readFixturePath(QStringLiteral("hopscope/full-tcp-path.json"));
        path.hops.front().hostname = "<script>alert(1)</script>|`x`=cmd";
        path.destination.hostname = "a&b\"<c>";
        const ReportContent content = buildReportContent(path, ReportOptions{});
        const std::string html = htmlReport(content);
        QString error;
        QVERIFY2(wellFormedXml(html, error), qPrintable(error));
        QCOMPARE(html.find("<script>"), std::string::npos);
        QVERIFY(html.find("&lt;script&gt;alert(1)&lt;/script&gt;") != std::string::npos);
        const std::string md = markdownReport(content);
        for (std::size_t at = md.find('<'); at != std::string::npos; at = md.find('<', at + 1))
            QVERIFY2(at > 0 && md[at - 1] == '\\', "an unescaped < in the Markdown");
        QVERIFY(md.find("\\<script\\>") != std::string::npos ||
                md.find("\\<script>") != std::string::npos);
        QVERIFY(md.find("\\|\\`x\\`=cmd") != std::string::npos);
        NetworkPath formula = path;
        formula.hops.front().hostname = "=HYPERLINK(\"x\")";
        const std::string csv = csvReport(buildReportContent(formula, ReportOptions{}));
        QVERIFY(csv.find(",\"'=HYPERLINK(\"\"x\"\")\",") != std::string::npos);
    }

    void redaction()
    {
        NetworkPath path = traceWith({1, 2, 3, 4}, {0, 0, 0, 0});
        path.hops[0].ipAddress = "192.168.1.1";
        path.hops[0].hostname = "gateway.home";
        path.hops[1].ipAddress = "100.64.0.1";
        for (ProbeSample &probe : path.hopscope->probes) {
            if (probe.responder == "198.51.100.1")
                probe.responder = "192.168.1.1";
            if (probe.responder == "198.51.100.2")
                probe.responder = "100.64.0.1";
        }
        path.source.hostname = "alices-laptop";
        path.source.via = SourceVia{{"wlan0", "aa:bb:cc:dd:ee:ff"}, {}};

        Redaction privateOnly;
        privateOnly.source = privateOnly.privateHops = true;
        const NetworkPath hidden = redactPath(path, privateOnly);
        QCOMPARE(hidden.hops[0].ipAddress, std::string("hidden-1"));
        QCOMPARE(hidden.hops[0].hostname, std::string("hidden-1"));
        QCOMPARE(hidden.hops[1].ipAddress, std::string("hidden-2"));
        QCOMPARE(hidden.hops[2].ipAddress, std::string("198.51.100.3"));
        QCOMPARE(hidden.hops[3].ipAddress, path.destination.ipAddress);
        QVERIFY(!hidden.source.via);
        for (const ProbeSample &probe : hidden.hopscope->probes)
            QVERIFY(probe.responder != "192.168.1.1" && probe.responder != "100.64.0.1");
        const std::string html = htmlReport(buildReportContent(path, {privateOnly, 0}));
        for (const char *secret :
             {"192.168.1.1", "100.64.0.1", "gateway.home", "alices-laptop", "wlan0"})
            QVERIFY2(html.find(secret) == std::string::npos, secret);

        // The source a router saw behind a NAT is the user's outside address: it goes with the
        // source, the NAT itself stays told; a private interface address goes too.
        NetworkPath natted = path;
        ProbeQuote &quote = natted.hopscope->probes[2].quote.emplace();
        quote.source = IpAddress::parse("203.0.113.77");
        quote.interfaces = {
            {InterfaceRole::Incoming, 7u, IpAddress::parse("10.9.9.9"), "xe-1", {}}};
        const std::string redacted = htmlReport(buildReportContent(natted, {privateOnly, 0}));
        for (const char *secret : {"203.0.113.77", "10.9.9.9"})
            QVERIFY2(redacted.find(secret) == std::string::npos, secret);
        QVERIFY(redacted.find("NAT: source seen as hidden") != std::string::npos);
        QVERIFY(htmlReport(buildReportContent(natted, ReportOptions{})).find("203.0.113.77") !=
                std::string::npos);

        Redaction firstThree;
        firstThree.firstHops = 3;
        const NetworkPath early = redactPath(path, firstThree);
        QCOMPARE(early.hops[2].ipAddress, std::string("hidden-3"));
        QCOMPARE(early.hops[3].ipAddress, path.destination.ipAddress); // the destination stays
        QCOMPARE(early.source.hostname, std::string("alices-laptop"));
        QVERIFY(buildReportContent(path, {firstThree, 0}).verdict.reached);
    }

    // What a router quoted, as every view words it; a malformed extension is told, not hidden.
    // The initial TTL is the common one at or above the reply's: Linux 64, Windows 128, many
    // routers 255, some old systems 32.
    void replyTtlLineCountsTheWayBack_data()
    {
        QTest::addColumn<int>("ttl");
        QTest::addColumn<QString>("line");
        QTest::newRow("Linux, 4 routers")
            << 60 << "[reply TTL 60: 4 routers on the way back from an initial TTL of 64]";
        QTest::newRow("next door")
            << 64 << "[reply TTL 64: 0 routers on the way back from an initial TTL of 64]";
        QTest::newRow("one router")
            << 127 << "[reply TTL 127: 1 router on the way back from an initial TTL of 128]";
        QTest::newRow("a router's 255")
            << 241 << "[reply TTL 241: 14 routers on the way back from an initial TTL of 255]";
        QTest::newRow("old 32") << 20
                                << "[reply TTL 20: 12 routers on the way back from an initial TTL "
                                   "of 32]";
    }
    void replyTtlLineCountsTheWayBack()
    {
        QFETCH(int, ttl);
        QFETCH(QString, line);
        QCOMPARE(QString::fromStdString(replyTtlLine(ttl)), line);
    }

    void quoteFindingLinesTellEverything()
    {
        ProbeQuote quote;
        quote.source = IpAddress::parse("198.18.1.100");
        quote.sourcePort = 61000;
        quote.trafficClass = 8 << 2 | 1;
        quote.ttl = 2;
        quote.mpls = {{24000, 0, false, 1}, {17, 5, true, 1}};
        quote.interfaces = {{InterfaceRole::Outgoing, 3u, std::nullopt, "eth1", 9000u}};
        quote.notes = {"MPLS label stack of 3 bytes, not a multiple of 4: left out"};
        const QuoteFindings seen = quoteFindings(quote, 46 << 2);
        QVERIFY(seen.trafficClassRewritten);
        QCOMPARE(seen.mtu.value_or(0), 9000u);
        QCOMPARE(quoteFindingLines(seen, 46 << 2),
                 (std::vector<std::string>{
                     "[MPLS: Lbl 24000 TC 0 S 0 TTL 1]", "[MPLS: Lbl 17 TC 5 S 1 TTL 1]",
                     "[interface: out ifindex 3 eth1 mtu 9000]",
                     "[NAT: the router saw source 198.18.1.100 port 61000]",
                     "[DSCP 8 ECN 1 as the router saw it; sent DSCP 46 ECN 0]", "[quoted TTL 2]",
                     "[extension left out: MPLS label stack of 3 bytes, not a multiple of 4: left "
                     "out]"}));
        // As sent, nothing to tell.
        ProbeQuote plain;
        plain.trafficClass = 46 << 2;
        plain.ttl = 1;
        QVERIFY(quoteFindingLines(quoteFindings(plain, 46 << 2), 46 << 2).empty());
        // A fragmentation needed names the next link's MTU.
        plain.nextHopMtu = 1400;
        QCOMPARE(quoteFindingLines(quoteFindings(plain, 46 << 2), 46 << 2),
                 (std::vector<std::string>{"[too big: the next link carries at most 1400 bytes]"}));
    }

    void privateRanges_data()
    {
        QTest::addColumn<QString>("address");
        QTest::addColumn<bool>("isPrivate");
        QTest::newRow("10/8") << "10.1.2.3" << true;
        QTest::newRow("172.16/12") << "172.31.255.1" << true;
        QTest::newRow("172.32 is public") << "172.32.0.1" << false;
        QTest::newRow("192.168/16") << "192.168.0.1" << true;
        QTest::newRow("CGNAT") << "100.127.0.1" << true;
        QTest::newRow("100.128 is public") << "100.128.0.1" << false;
        QTest::newRow("link-local") << "169.254.1.1" << true;
        QTest::newRow("loopback") << "127.0.0.1" << true;
        QTest::newRow("documentation") << "198.51.100.1" << false;
        QTest::newRow("ULA") << "fd42::1" << true;
        QTest::newRow("v6 link-local") << "fe80::1" << true;
        QTest::newRow("v6 loopback") << "::1" << true;
        QTest::newRow("v6 global") << "2001:db8::1" << false;
        QTest::newRow("placeholder") << "unknown_hop_3" << false;
    }
    void privateRanges()
    {
        QFETCH(QString, address);
        QTEST(isPrivateAddress(address.toStdString()), "isPrivate");
    }

    void verdict_data()
    {
        QTest::addColumn<QList<double>>("rtts");
        QTest::addColumn<QList<int>>("lost");
        QTest::addColumn<int>("latencyTtl"); // 0: none
        QTest::addColumn<int>("lossTtl");    // 0: none
        QTest::addColumn<QList<int>>("rateLimited");

        QTest::newRow("clean") << QList<double>{1, 2, 3, 4} << QList<int>{0, 0, 0, 0} << 0 << 0
                               << QList<int>{};
        QTest::newRow("latency from TTL 3") << QList<double>{1, 2, 40, 41, 42}
                                            << QList<int>{0, 0, 0, 0, 0} << 3 << 0 << QList<int>{};
        // A router slow to answer for itself, with later hops fast again, is not where latency
        // starts.
        QTest::newRow("one slow router")
            << QList<double>{1, 2, 80, 4, 5} << QList<int>{0, 0, 0, 0, 0} << 0 << 0 << QList<int>{};
        QTest::newRow("loss from TTL 3")
            << QList<double>{1, 2, 3, 4} << QList<int>{0, 0, 3, 3} << 0 << 3 << QList<int>{};
        QTest::newRow("rate-limited TTL 2")
            << QList<double>{1, 2, 3, 4} << QList<int>{0, 6, 0, 0} << 0 << 0 << QList<int>{2};
        QTest::newRow("both") << QList<double>{1, 2, 30, 31} << QList<int>{0, 0, 2, 2} << 3 << 3
                              << QList<int>{};
    }
    void verdict()
    {
        QFETCH(QList<double>, rtts);
        QFETCH(QList<int>, lost);
        QFETCH(int, latencyTtl);
        QFETCH(int, lossTtl);
        QFETCH(QList<int>, rateLimited);
        const ReportContent content = buildReportContent(
            traceWith({rtts.begin(), rtts.end()}, {lost.begin(), lost.end()}), ReportOptions{});
        const PathVerdict &v = content.verdict;
        QVERIFY(v.reached);
        QCOMPARE(v.destinationTtl, std::optional<int>(static_cast<int>(rtts.size())));
        QCOMPARE(v.latencyStartsTtl.value_or(0), latencyTtl);
        QCOMPARE(v.lossStartsTtl.value_or(0), lossTtl);
        QCOMPARE(QList<int>(v.rateLimitedTtls.begin(), v.rateLimitedTtls.end()), rateLimited);
        const std::string said = content.verdictLines.at(1) + content.verdictLines.at(2);
        QCOMPARE(said.find("Latency starts at TTL " + std::to_string(latencyTtl)) !=
                     std::string::npos,
                 latencyTtl > 0);
        QCOMPARE(said.find("Loss starts at TTL " + std::to_string(lossTtl)) != std::string::npos,
                 lossTtl > 0);
    }

    void unreachedPath()
    {
        NetworkPath path = traceWith({1, 2, 3}, {0, 0, 0});
        path.destination.ipAddress = "203.0.113.200";
        for (int ttl = 4; ttl <= 30; ++ttl)
            path.hops.push_back(
                {ttl, unknownHopName(ttl), unknownHopName(ttl), std::nullopt, false});
        const ReportContent content = buildReportContent(path, ReportOptions{});
        QVERIFY(!content.verdict.reached);
        QCOMPARE(content.verdictLines.front(), std::string("The destination was not reached."));
        QCOMPARE(content.verdictLines.back(),
                 std::string("Nothing answered beyond TTL 3 (probed up to TTL 30)."));
        for (const std::string &line : content.verdictLines)
            QVERIFY2(line.find("did not answer") == std::string::npos,
                     line.c_str()); // said once, above
    }

    void reproduce_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("command");
        QTest::newRow("trace")
            << "hopscope/full-tcp-path.json"
            << "hopscope-cli trace web.lab.test --protocol tcp --port 443 --flows 2 --rate 500";
        QTest::newRow("session")
            << "hopscope/monitor-session.json"
            << "hopscope-cli monitor 198.18.3.2 --protocol udp --port 33434 --source-port 60084 "
               "--timeout 300 --queries 1 --no-dns --interval 1000";
        QTest::newRow("datadog: no request") << "datadog/v1-success.json"
                                             << "";
    }
    void reproduce()
    {
        QFETCH(QString, input);
        QTEST(QString::fromStdString(reproduceCommand(readFixturePath(input))), "command");
        QCOMPARE(shellQuote("it's; rm -rf /"), std::string("'it'\\''s; rm -rf /'"));
    }

    void svgFigures()
    {
        const ReportContent content = buildReportContent(
            readFixturePath(QStringLiteral("hopscope/full-tcp-path.json")), ReportOptions{});
        QString error;
        const std::string graph = svgPathGraph(content);
        QVERIFY2(wellFormedXml(graph, error), qPrintable(error));
        // Five nodes (one silent) and the TTL 2 -> ECMP fan-out: the two flows' links.
        QCOMPARE(count(graph, "<circle"), std::size_t(5));
        QVERIFY(graph.find("stroke-dasharray") != std::string::npos);
        QVERIFY(graph.find(">10.0.3.2<") != std::string::npos);
        const std::string chart = svgRttChart(content);
        QVERIFY2(wellFormedXml(chart, error), qPrintable(error));
        QVERIFY(chart.find("<polyline") != std::string::npos);
    }

    void formats()
    {
        QCOMPARE(parseReportFormat("md"), std::optional<ReportFormat>(ReportFormat::Markdown));
        QCOMPARE(parseReportFormat("pdf"), std::optional<ReportFormat>(ReportFormat::Pdf));
        QVERIFY(!parseReportFormat("docx"));
        QCOMPARE(reportFormatExtension(ReportFormat::Csv), std::string_view("csv"));
    }
};

QTEST_GUILESS_MAIN(ReportsTest)
#include "tst_reports.moc"
