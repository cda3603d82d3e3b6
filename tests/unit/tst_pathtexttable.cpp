#include "path/networkpathjson.h"
#include "report/pathtexttable.h"
#include "samplepaths.h"

#include <QTest>

using namespace hopscope;
using namespace hopscope::testing;

class PathTextTableTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void tableMatchesGolden();
    void summary_data();
    void summary();
    void controlCharactersAreNeutralised();
    void unreachableStopIsNamed();
};

void PathTextTableTest::tableMatchesGolden()
{
    QCOMPARE(QByteArray::fromStdString(formatPathTable(fullTcpPath())),
             readFixture(QStringLiteral("text/full-tcp-path-table.txt")));
}

void PathTextTableTest::summary_data()
{
    QTest::addColumn<QString>("fixture");
    QTest::addColumn<QString>("summary");
    QTest::newRow("reached, ECMP counted once per TTL")
        << "datadog/v3-pathtrace-reachable.json"
        << "ICMP to dns.example.test (192.0.2.53): reached at TTL 4 in 8.020 ms; 4 TTLs, 1 silent; "
           "traced 2024-12-24 00:26:40 UTC";
    QTest::newRow("port shown for TCP")
        << "datadog/v2-namespace-protocol.json"
        << "TCP to api.example.test (203.0.113.7) port 443: reached at TTL 3 in 12.500 ms; 3 TTLs, "
           "1 silent; traced 2024-07-01 02:13:20 UTC";
}

void PathTextTableTest::unreachableStopIsNamed()
{
    NetworkPath path = minimalPath();
    path.protocol = Protocol::Tcp;
    path.destination = {"198.18.99.1", "198.18.99.1", 443, {}, {}};
    path.hops = {{1, "198.18.0.2", "", 0.1, true}, {2, "198.18.1.2", "", 0.2, true}};
    path.hopscope = HopscopeExtension{};
    path.hopscope->probes = {{2, 0, "198.18.1.2", 0.2, 3, 13, 5}};
    QVERIFY(QString::fromStdString(formatPathSummary(path))
                .contains(QStringLiteral(": stopped at TTL 2, administratively prohibited (!X) from 198.18.1.2;")));
}

void PathTextTableTest::summary()
{
    QFETCH(QString, fixture);
    const auto path = readNetworkPathFile(fixturePath(fixture).toStdString());
    QVERIFY(path.hasValue());
    QTEST(QString::fromStdString(formatPathSummary(*path)), "summary");
}

void PathTextTableTest::controlCharactersAreNeutralised()
{
    NetworkPath path = minimalPath();
    path.destination.hostname = "evil\x1b]0;title\x07";
    path.hops = {{1, "10.0.0.1", "a\nb", 1.0, true}};
    const std::string text = formatPathTable(path) + formatPathSummary(path);
    QVERIFY(text.find('\x1b') == std::string::npos);
    QVERIFY(text.find('\x07') == std::string::npos);
    QVERIFY(text.find("a?b") != std::string::npos);
    QVERIFY(text.find("destination not reached") != std::string::npos);
}

QTEST_GUILESS_MAIN(PathTextTableTest)
#include "tst_pathtexttable.moc"
