// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "path/networkpathjson.h"

#include <QTemporaryDir>
#include <QTest>

#include <fcntl.h>
#include <unistd.h>

using namespace hopscope;

namespace {

// A valid v3 payload; each bad case replaces one piece of it.
const QByteArray kValid = R"({
  "timestamp": 1735000000000, "namespace": "n", "path_id": "p", "protocol": "TCP",
  "source": {"hostname": "h"},
  "destination": {"hostname": "d", "ip_address": "192.0.2.4", "port": 443},
  "hops": [
    {"ttl": 1, "ip_address": "192.0.2.1", "rtt": 1.0, "reachable": true},
    {"ttl": 2, "ip_address": "unknown_hop_2", "hostname": "unknown_hop_2", "reachable": false},
    {"ttl": 3, "ip_address": "192.0.2.3", "rtt": 3.0, "reachable": true},
    {"ttl": 4, "ip_address": "192.0.2.4", "rtt": 4.0, "reachable": true}
  ],
  "tags": ["a:b"],
  "hopscope": {"format_version": 1, "tool_version": "0.1.0",
               "request": {"target": "d", "protocol": "TCP", "port": 443, "max_ttl": 30,
                           "timeout_ms": 1000, "queries": 3},
               "probes": [{"ttl": 1, "flow": 0, "responder": "192.0.2.1", "rtt": 1.0,
                           "sent_at_us": 1735000000000000}]}
})";

QByteArray replaced(const QByteArray &from, const QByteArray &to)
{
    QByteArray document = kValid;
    const qsizetype at = document.indexOf(from);
    if (at < 0)
        qFatal("test bug: '%s' is not in the valid document", from.constData());
    return document.replace(at, from.size(), to);
}

} // namespace

class NetworkPathBadInputTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void validDocumentIsAccepted();
    void rejects_data();
    void rejects();
    void acceptsWhatDatadogToolsWrite();
    void rejectsHugeDocument();
    void rejectsHugeFileWithoutReadingIt();
    void reportsUnreadableFiles();
    void messagesCarryNoControlCharacters();
};

void NetworkPathBadInputTest::validDocumentIsAccepted()
{
    const auto path = networkPathFromJson(kValid.toStdString());
    QVERIFY2(path.hasValue(), path ? "" : path.error().message.c_str());
    QCOMPARE(path->hops.size(), std::size_t(4));
}

void NetworkPathBadInputTest::rejects_data()
{
    QTest::addColumn<QByteArray>("document");
    QTest::addColumn<QByteArray>("code");
    QTest::addColumn<QByteArray>("where"); // the JSON pointer the message must start with

    QTest::newRow("not JSON") << QByteArray("hello") << QByteArray("not-json")
                              << QByteArray("(document)");
    QTest::newRow("empty") << QByteArray() << QByteArray("not-json") << QByteArray("(document)");
    QTest::newRow("truncated") << kValid.left(kValid.size() / 2) << QByteArray("not-json")
                               << QByteArray("(document)");
    QTest::newRow("invalid UTF-8")
        << replaced("\"n\"", "\"\xff\xfe\"") << QByteArray("not-json") << QByteArray("(document)");
    QTest::newRow("trailing garbage")
        << kValid + "}" << QByteArray("not-json") << QByteArray("(document)");
    QTest::newRow("root is an array")
        << QByteArray("[1,2]") << QByteArray("wrong-type") << QByteArray("(document)");
    QTest::newRow("duplicate top-level key")
        << replaced("\"namespace\": \"n\",", "\"namespace\": \"n\", \"namespace\": \"m\",")
        << QByteArray("duplicate-key") << QByteArray("/namespace");
    QTest::newRow("duplicate key in a hop")
        << replaced("\"rtt\": 3.0,", "\"rtt\": 3.0, \"rtt\": 1.0,") << QByteArray("duplicate-key")
        << QByteArray("/hops/2/rtt");
    QTest::newRow("duplicate key deep inside")
        << replaced("\"queries\": 3}", "\"queries\": 3, \"queries\": 3}")
        << QByteArray("duplicate-key") << QByteArray("/hopscope/request/queries");
    QTest::newRow("more values than a path can hold")
        << replaced("[\"a:b\"]", "[" + QByteArray("0,").repeated(4'000'001) + "0]")
        << QByteArray("too-large") << QByteArray("(document)");
    QTest::newRow("owner of no address")
        << replaced("\"probes\":",
                    "\"owners\": [{\"address\": \"example.net\", \"asn\": 1}], \"probes\":")
        << QByteArray("invalid-address") << QByteArray("/hopscope/owners/0/address");
    QTest::newRow("owner named twice")
        << replaced("\"probes\":", "\"owners\": [{\"address\": \"2001:db8::1\"}, {\"address\": "
                                   "\"2001:0db8::1\"}], \"probes\":")
        << QByteArray("duplicate-key") << QByteArray("/hopscope/owners/1");
    QTest::newRow("AS number past 32 bits")
        << replaced("\"probes\":", "\"owners\": [{\"address\": \"192.0.2.1\", \"asn\": "
                                   "4294967296}], \"probes\":")
        << QByteArray("out-of-range") << QByteArray("/hopscope/owners/0/asn");
    QTest::newRow("path MTU drop of no router")
        << replaced("\"probes\":",
                    "\"path_mtu\": {\"first_size\": 1500, \"size\": 1400, \"drops\": "
                    "[{\"ttl\": 3, \"router\": \"r2\", \"mtu\": 1400}]}, \"probes\":")
        << QByteArray("invalid-address") << QByteArray("/hopscope/path_mtu/drops/0/router");
    // Each drop is smaller than the size before it: a drop that grows is no drop.
    QTest::newRow("path MTU drop that grows")
        << replaced("\"probes\":",
                    "\"path_mtu\": {\"first_size\": 1500, \"size\": 1280, \"drops\": "
                    "[{\"ttl\": 3, \"router\": \"192.0.2.2\", \"mtu\": 1280}, "
                    "{\"ttl\": 4, \"router\": \"192.0.2.3\", \"mtu\": 1400}]}, "
                    "\"probes\":")
        << QByteArray("out-of-range") << QByteArray("/hopscope/path_mtu/drops/1/mtu");
    QTest::newRow("path MTU larger than its first size")
        << replaced("\"probes\":",
                    "\"path_mtu\": {\"first_size\": 1400, \"size\": 1500}, \"probes\":")
        << QByteArray("out-of-range") << QByteArray("/hopscope/path_mtu/size");
    QTest::newRow("probe size below any MTU")
        << replaced("\"queries\": 3}", "\"queries\": 3, \"path_mtu\": true, \"probe_size\": 40}")
        << QByteArray("out-of-range") << QByteArray("/hopscope/request/probe_size");
    QTest::newRow("deep nesting") << QByteArray(100000, '[') << QByteArray("too-deep")
                                  << QByteArray("(document)");
    QTest::newRow("deep nesting inside a valid key")
        << replaced("\"a:b\"", QByteArray(70, '[') + QByteArray(70, ']')) << QByteArray("too-deep")
        << QByteArray("(document)");

    QTest::newRow("timestamp string") << replaced("1735000000000,", "\"yesterday\",")
                                      << QByteArray("wrong-type") << QByteArray("/timestamp");
    QTest::newRow("timestamp negative") << replaced("1735000000000,", "-5,")
                                        << QByteArray("out-of-range") << QByteArray("/timestamp");
    QTest::newRow("timestamp fractional") << replaced("1735000000000,", "1735000000000.5,")
                                          << QByteArray("wrong-type") << QByteArray("/timestamp");
    QTest::newRow("timestamp beyond uint64 range")
        << replaced("1735000000000,", "18446744073709551615,") << QByteArray("out-of-range")
        << QByteArray("/timestamp");
    QTest::newRow("timestamp in microseconds")
        << replaced("1735000000000,", "1735000000000000,") << QByteArray("out-of-range")
        << QByteArray("/timestamp");
    QTest::newRow("unknown protocol") << replaced("\"TCP\",", "\"SCTP\",")
                                      << QByteArray("out-of-range") << QByteArray("/protocol");
    QTest::newRow("source not an object") << replaced("{\"hostname\": \"h\"}", "\"h\"")
                                          << QByteArray("wrong-type") << QByteArray("/source");
    QTest::newRow("destination missing")
        << replaced("\"destination\": {\"hostname\": \"d\", \"ip_address\": \"192.0.2.4\", "
                    "\"port\": 443},",
                    "")
        << QByteArray("missing-field") << QByteArray("/destination");
    QTest::newRow("port out of range")
        << replaced("\"port\": 443}", "\"port\": 70000}") << QByteArray("out-of-range")
        << QByteArray("/destination/port");
    QTest::newRow("hops missing") << replaced("\"hops\"", "\"hopz\"") << QByteArray("missing-field")
                                  << QByteArray("/hops");
    QTest::newRow("hops not an array") << replaced("\"hops\": [", "\"hops\": 3, \"x\": [")
                                       << QByteArray("wrong-type") << QByteArray("/hops");
    QTest::newRow("hop not an object")
        << replaced(
               "{\"ttl\": 3, \"ip_address\": \"192.0.2.3\", \"rtt\": 3.0, \"reachable\": true}",
               "42")
        << QByteArray("wrong-type") << QByteArray("/hops/2");
    QTest::newRow("ttl negative") << replaced("\"ttl\": 1,", "\"ttl\": -1,")
                                  << QByteArray("out-of-range") << QByteArray("/hops/0/ttl");
    QTest::newRow("ttl 256") << replaced("\"ttl\": 4,", "\"ttl\": 256,")
                             << QByteArray("out-of-range") << QByteArray("/hops/3/ttl");
    QTest::newRow("ttl negative") << replaced("\"ttl\": 1,", "\"ttl\": -1,")
                                  << QByteArray("out-of-range") << QByteArray("/hops/0/ttl");
    QTest::newRow("ttl as text") << replaced("\"ttl\": 3,", "\"ttl\": \"3\",")
                                 << QByteArray("wrong-type") << QByteArray("/hops/2/ttl");
    QTest::newRow("ttl missing") << replaced("\"ttl\": 3,", "") << QByteArray("missing-field")
                                 << QByteArray("/hops/2/ttl");
    QTest::newRow("hops out of order") << replaced("\"ttl\": 3,", "\"ttl\": 1,")
                                       << QByteArray("out-of-order") << QByteArray("/hops/2/ttl");
    QTest::newRow("rtt negative") << replaced("\"rtt\": 4.0", "\"rtt\": -4.0")
                                  << QByteArray("out-of-range") << QByteArray("/hops/3/rtt");
    QTest::newRow("rtt absurd") << replaced("\"rtt\": 4.0", "\"rtt\": 1e300")
                                << QByteArray("out-of-range") << QByteArray("/hops/3/rtt");
    QTest::newRow("rtt as text") << replaced("\"rtt\": 3.0", "\"rtt\": \"3 ms\"")
                                 << QByteArray("wrong-type") << QByteArray("/hops/2/rtt");
    QTest::newRow("reachable missing")
        << replaced(", \"reachable\": false", "") << QByteArray("missing-field")
        << QByteArray("/hops/1/reachable");
    QTest::newRow("reachable as text")
        << replaced("\"reachable\": false", "\"reachable\": \"no\"") << QByteArray("wrong-type")
        << QByteArray("/hops/1/reachable");
    QTest::newRow("reachable hop without address")
        << replaced("\"ip_address\": \"192.0.2.1\"", "\"ip_address\": \"\"")
        << QByteArray("missing-field") << QByteArray("/hops/0/ip_address");
    QTest::newRow("tag not a string") << replaced("[\"a:b\"]", "[\"a:b\", 7]")
                                      << QByteArray("wrong-type") << QByteArray("/tags/1");
    QTest::newRow("newer format version")
        << replaced("\"format_version\": 1", "\"format_version\": 9")
        << QByteArray("unsupported-version") << QByteArray("/hopscope/format_version");
    QTest::newRow("probing unknown")
        << replaced("\"tool_version\": \"0.1.0\",",
                    "\"tool_version\": \"0.1.0\", \"probing\": \"magic\",")
        << QByteArray("out-of-range") << QByteArray("/hopscope/probing");
    QTest::newRow("request max_ttl zero")
        << replaced("\"max_ttl\": 30", "\"max_ttl\": 0") << QByteArray("out-of-range")
        << QByteArray("/hopscope/request/max_ttl");
    QTest::newRow("request mode unknown")
        << replaced("\"queries\": 3}", "\"queries\": 3, \"mode\": \"fast\"}")
        << QByteArray("out-of-range") << QByteArray("/hopscope/request/mode");
    QTest::newRow("probe rtt without responder")
        << replaced("\"responder\": \"192.0.2.1\", ", "") << QByteArray("missing-field")
        << QByteArray("/hopscope/probes/0/responder");
    QTest::newRow("probe icmp type out of range")
        << replaced("\"sent_at_us\"", "\"icmp_type\": 300, \"sent_at_us\"")
        << QByteArray("out-of-range") << QByteArray("/hopscope/probes/0/icmp_type");

    const QByteArray runsPrefix = R"({"timestamp": 1, "destination": {}, "traceroute": )";
    QTest::newRow("runs missing") << runsPrefix + "{}}" << QByteArray("missing-field")
                                  << QByteArray("/traceroute/runs");
    QTest::newRow("run hop reachable as number")
        << runsPrefix + R"({"runs": [{"hops": [{"ttl": 1, "ip_address": "", "reachable": false},
                                                {"ttl": 2, "ip_address": "10.0.0.1", "reachable": 1}]}]}})"
        << QByteArray("wrong-type") << QByteArray("/traceroute/runs/0/hops/1/reachable");
    QTest::newRow("hop_count max below min")
        << runsPrefix + R"({"runs": [], "hop_count": {"avg": 2, "min": 3, "max": 1}}})"
        << QByteArray("out-of-range") << QByteArray("/traceroute/hop_count/max");
    QTest::newRow("e2e loss over 1")
        << runsPrefix + R"({"runs": []}, "e2e_probe": {"packet_loss_percentage": 25}})"
        << QByteArray("out-of-range") << QByteArray("/e2e_probe/packet_loss_percentage");
    QTest::newRow("e2e received more than sent")
        << runsPrefix + R"({"runs": []}, "e2e_probe": {"packets_sent": 1, "packets_received": 2}})"
        << QByteArray("out-of-range") << QByteArray("/e2e_probe/packets_received");

    // A monitoring session's summary, valid as written here, then broken one field at a time.
    const QByteArray session =
        R"({"timestamp": 1, "destination": {}, "hops": [], "hopscope": {"format_version": 1, "monitor":
        {"rounds": 2, "failed_rounds": 0, "interval_ms": 1000, "started_at_us": 10, "ended_at_us": 20,
         "hops": [{"ttl": 1, "responder": "10.0.0.1", "sent": 4, "received": 3, "loss_percent": 25, "first_round": 1,
                   "last_round": 2}],
         "route_changes": [{"round": 2, "time_us": 20, "kind": "route-change", "ttl": 1, "before": ["10.0.0.9"],
                            "after": ["10.0.0.1"]}],
         "history": [{"ttl": 1, "first_sent_us": 10, "last_sent_us": 12, "first_round": 1, "last_round": 1,
                      "sent": 2, "received": 2}],
         "alerts": [{"round": 2, "time_us": 20, "rule": "loss>20%/2", "raised": true, "value": 25}]}}})";
    const auto sessionWith = [&session](const char *from, const char *to) {
        QByteArray document = session;
        return document.replace(from, to);
    };
    QTest::newRow("monitor rounds missing")
        << sessionWith("\"rounds\": 2,", "") << QByteArray("missing-field")
        << QByteArray("/hopscope/monitor/rounds");
    QTest::newRow("monitor ends before it starts")
        << sessionWith("\"ended_at_us\": 20", "\"ended_at_us\": 5") << QByteArray("out-of-range")
        << QByteArray("/hopscope/monitor/ended_at_us");
    QTest::newRow("monitor hop received more than sent")
        << sessionWith("\"received\": 3", "\"received\": 5") << QByteArray("out-of-range")
        << QByteArray("/hopscope/monitor/hops/0/received");
    QTest::newRow("monitor hop loss over 100")
        << sessionWith("\"loss_percent\": 25", "\"loss_percent\": 250")
        << QByteArray("out-of-range") << QByteArray("/hopscope/monitor/hops/0/loss_percent");
    QTest::newRow("monitor change of unknown kind")
        << sessionWith("\"kind\": \"route-change\"", "\"kind\": \"flap\"")
        << QByteArray("out-of-range") << QByteArray("/hopscope/monitor/route_changes/0/kind");
    QTest::newRow("monitor change without before")
        << sessionWith("\"before\": [\"10.0.0.9\"],", "") << QByteArray("missing-field")
        << QByteArray("/hopscope/monitor/route_changes/0/before");
    QTest::newRow("monitor history ends before it starts")
        << sessionWith("\"last_sent_us\": 12", "\"last_sent_us\": 9") << QByteArray("out-of-range")
        << QByteArray("/hopscope/monitor/history/0/last_sent_us");
    QTest::newRow("monitor alert of no known rule")
        << sessionWith("\"rule\": \"loss>20%/2\"", "\"rule\": \"drops\"")
        << QByteArray("out-of-range") << QByteArray("/hopscope/monitor/alerts/0/rule");
    QTest::newRow("monitor alert without its value")
        << sessionWith(", \"value\": 25", "") << QByteArray("missing-field")
        << QByteArray("/hopscope/monitor/alerts/0/value");
}

void NetworkPathBadInputTest::rejects()
{
    QFETCH(QByteArray, document);
    QFETCH(QByteArray, code);
    QFETCH(QByteArray, where);
    const auto path = networkPathFromJson(document.toStdString());
    QVERIFY2(!path.hasValue(), "a bad document was accepted");
    const QByteArray message = QByteArray::fromStdString(path.error().message);
    QCOMPARE(QByteArray::fromStdString(path.error().codeName()), code);
    QVERIFY2(message.startsWith(QByteArray(where + ": ")), message.constData());
    QVERIFY2(message.size() > where.size() + 10, "the message gives no reason");
}

// datadog-traceroute's output has no timestamp (0: the file does not say when), and agent
// payloads carry placeholder hops at ttl 0.
void NetworkPathBadInputTest::acceptsWhatDatadogToolsWrite()
{
    const auto undated =
        networkPathFromJson(replaced("\"timestamp\": 1735000000000,", "").toStdString());
    QVERIFY2(undated, undated ? "" : undated.error().message.c_str());
    QCOMPARE(undated->timestampMs, std::int64_t(0));
    const auto ttlZero = networkPathFromJson(replaced("\"ttl\": 1,", "\"ttl\": 0,").toStdString());
    QVERIFY2(ttlZero, ttlZero ? "" : ttlZero.error().message.c_str());
    QCOMPARE(ttlZero->hops.front().ttl, 0);
}

void NetworkPathBadInputTest::rejectsHugeDocument()
{
    // 100 MB of otherwise valid JSON: refused by size before any parsing.
    QByteArray document = kValid;
    document.replace("\"a:b\"", QByteArray("\"" + QByteArray(100 * 1000 * 1000, 'x') + "\""));
    const auto path = networkPathFromJson(document.toStdString());
    QVERIFY(!path.hasValue());
    QCOMPARE(path.error().codeName(), std::string("too-large"));
}

void NetworkPathBadInputTest::rejectsHugeFileWithoutReadingIt()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QByteArray fileName = dir.filePath(QStringLiteral("huge.json")).toLocal8Bit();
    const int fd = ::open(fileName.constData(), O_CREAT | O_WRONLY, 0600);
    QVERIFY(fd >= 0);
    QCOMPARE(::ftruncate(fd, 100 * 1000 * 1000), 0); // sparse: no 100 MB written
    ::close(fd);
    const auto path = readNetworkPathFile(fileName.toStdString());
    QVERIFY(!path.hasValue());
    QCOMPARE(path.error().codeName(), std::string("too-large"));
    QVERIFY(
        QByteArray::fromStdString(path.error().message).startsWith(QByteArray(fileName + ": ")));
}

void NetworkPathBadInputTest::reportsUnreadableFiles()
{
    QTemporaryDir dir;
    const auto missing =
        readNetworkPathFile(dir.filePath(QStringLiteral("nope.json")).toStdString());
    QVERIFY(!missing.hasValue());
    QCOMPARE(missing.error().codeName(), std::string("cannot-read"));
    QVERIFY(QByteArray::fromStdString(missing.error().message).contains("No such file"));

    const auto directory = readNetworkPathFile(dir.path().toStdString());
    QVERIFY(!directory.hasValue());
    QCOMPARE(directory.error().codeName(), std::string("cannot-read"));
    QVERIFY(QByteArray::fromStdString(directory.error().message).contains("is a folder"));

    const auto device = readNetworkPathFile("/dev/zero");
    QVERIFY(!device.hasValue());
    QVERIFY(QByteArray::fromStdString(device.error().message).contains("is a character device"));
}

// Control characters in a file come back in messages as '?': a message is printed on terminals.
void NetworkPathBadInputTest::messagesCarryNoControlCharacters()
{
    const auto path = networkPathFromJson(
        replaced("\"TCP\",", "\"\\u001b]0;title\\u0007\\u009b2J\",").toStdString());
    QVERIFY(!path.hasValue());
    QCOMPARE(path.error().codeName(), std::string("out-of-range"));
    const std::string &message = path.error().message;
    QVERIFY2(message.find('\x1b') == std::string::npos &&
                 message.find('\x07') == std::string::npos &&
                 message.find("\xc2\x9b") == std::string::npos,
             message.c_str());
    QVERIFY2(message.find("(found \"?]0;title??2J\")") != std::string::npos, message.c_str());
}

QTEST_GUILESS_MAIN(NetworkPathBadInputTest)
#include "tst_networkpathbadinput.moc"
