// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "common/safetext.h"
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
    void printableText_data();
    void printableText();
    void unreachableStopIsNamed();
};

void PathTextTableTest::tableMatchesGolden()
{
    QCOMPARE(QByteArray::fromStdString(formatPathTable(PathModel::fromPath(fullTcpPath()))),
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
    QVERIFY(QString::fromStdString(formatPathSummary(PathModel::fromPath(path)))
                .contains(QStringLiteral(
                    ": stopped at TTL 2, administratively prohibited (!X) from 198.18.1.2;")));
}

void PathTextTableTest::summary()
{
    QFETCH(QString, fixture);
    const auto path = readNetworkPathFile(fixturePath(fixture).toStdString());
    QVERIFY(path.hasValue());
    QTEST(QString::fromStdString(formatPathSummary(PathModel::fromPath(*path))), "summary");
}

void PathTextTableTest::controlCharactersAreNeutralised()
{
    NetworkPath path = minimalPath();
    path.destination.hostname = "evil\x1b]0;title\x07";
    path.hops = {{1, "10.0.0.1", "a\nb", 1.0, true}};
    const std::string text =
        formatPathTable(PathModel::fromPath(path)) + formatPathSummary(PathModel::fromPath(path));
    QVERIFY(text.find('\x1b') == std::string::npos);
    QVERIFY(text.find('\x07') == std::string::npos);
    QVERIFY(text.find("a?b") != std::string::npos);
    QVERIFY(text.find("destination not reached") != std::string::npos);
}

void PathTextTableTest::printableText_data()
{
    QTest::addColumn<QByteArray>("raw");
    QTest::addColumn<bool>("keepLineBreaks");
    QTest::addColumn<QByteArray>("shown");
    QTest::newRow("plain") << QByteArray("router-1.example") << false
                           << QByteArray("router-1.example");
    QTest::newRow("UTF-8 kept") << QByteArray("b\xc3\xbc"
                                              "cher \xe2\x86\x92 \xf0\x9f\x9a\x80")
                                << false
                                << QByteArray("b\xc3\xbc"
                                              "cher \xe2\x86\x92 \xf0\x9f\x9a\x80");
    QTest::newRow("escape and bell") << QByteArray("\x1b]0;x\x07") << false << QByteArray("?]0;x?");
    QTest::newRow("C1 CSI") << QByteArray("a\xc2\x9b"
                                          "31mb")
                            << false << QByteArray("a?31mb");
    QTest::newRow("raw 8-bit CSI") << QByteArray("a\x9b"
                                                 "31mb")
                                   << false << QByteArray("a?31mb");
    QTest::newRow("DEL") << QByteArray("a\x7f") << false << QByteArray("a?");
    QTest::newRow("overlong slash") << QByteArray("\xc0\xaf") << false << QByteArray("??");
    QTest::newRow("surrogate") << QByteArray("\xed\xa0\x80") << false << QByteArray("???");
    QTest::newRow("cut short") << QByteArray("ab\xe2\x86") << false << QByteArray("ab??");
    QTest::newRow("NUL") << QByteArray("a\0b", 3) << false << QByteArray("a?b");
    QTest::newRow("lines, one line") << QByteArray("a\nb\tc") << false << QByteArray("a?b?c");
    QTest::newRow("lines kept") << QByteArray("a\nb\tc\rd") << true << QByteArray("a\nb\tc?d");
}

void PathTextTableTest::printableText()
{
    QFETCH(QByteArray, raw);
    QFETCH(bool, keepLineBreaks);
    QFETCH(QByteArray, shown);
    const std::string_view text(raw.constData(), std::size_t(raw.size()));
    QCOMPARE(QByteArray::fromStdString(printable(text, keepLineBreaks)), shown);
    QCOMPARE(containsControlCharacter(text), raw.contains('\x1b') || raw.contains('\x07') ||
                                                 raw.contains("\xc2\x9b") || raw.contains('\x7f') ||
                                                 raw.contains('\0') || raw.contains('\n'));
}

QTEST_GUILESS_MAIN(PathTextTableTest)
#include "tst_pathtexttable.moc"
