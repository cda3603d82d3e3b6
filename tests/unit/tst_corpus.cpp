// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "import/pathformat.h"

#include <QFile>
#include <QTest>

#include <nlohmann/json.hpp>

#include <map>

using namespace hopscope;

namespace {

const QString kCorpus = QStringLiteral(HOPSCOPE_FIXTURES_DIR "/corpus/");

nlohmann::json expectations()
{
    QFile file(kCorpus + QStringLiteral("expect.json"));
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read the corpus's expect.json");
    return nlohmann::json::parse(file.readAll().toStdString());
}

// Responders per TTL as expect.json lists them: every TTL the path has, the addresses that
// answered there in order of first appearance, [] where nobody did.
std::map<int, std::vector<std::string>> respondersByTtl(const NetworkPath &path)
{
    std::map<int, std::vector<std::string>> byTtl;
    for (const PathHop &hop : path.hops) {
        auto &list = byTtl[hop.ttl];
        if (hop.reachable && std::find(list.begin(), list.end(), hop.ipAddress) == list.end())
            list.push_back(hop.ipAddress);
    }
    return byTtl;
}

// The label stacks quoted at each TTL, each stack once, and the AS number of each TTL, as
// expect.json lists them.
std::map<int, std::vector<std::vector<std::uint32_t>>> labelsByTtl(const NetworkPath &path)
{
    std::map<int, std::vector<std::vector<std::uint32_t>>> byTtl;
    for (const PathHop &hop : path.hops) {
        if (hop.mpls.empty())
            continue;
        std::vector<std::uint32_t> stack;
        for (const MplsLabel &label : hop.mpls)
            stack.push_back(label.label);
        auto &stacks = byTtl[hop.ttl];
        if (std::find(stacks.begin(), stacks.end(), stack) == stacks.end())
            stacks.push_back(stack);
    }
    return byTtl;
}

std::map<int, std::string> asnByTtl(const NetworkPath &path)
{
    std::map<int, std::string> byTtl;
    for (const PathHop &hop : path.hops)
        if (hop.asn)
            byTtl.try_emplace(hop.ttl, std::to_string(*hop.asn));
    return byTtl;
}

std::string describe(const std::map<int, std::vector<std::string>> &byTtl)
{
    std::string text;
    for (const auto &[ttl, responders] : byTtl) {
        text += std::to_string(ttl) + ":[";
        for (std::size_t i = 0; i < responders.size(); ++i)
            text += (i ? "," : "") + responders[i];
        text += "] ";
    }
    return text;
}

} // namespace

// Every complete file of the reference corpus (real output of other tools, see
// tests/fixtures/corpus/SOURCES.md) read through the format registry: exactly the responders per
// TTL, the destination, whether it was reached and the protocol that expect.json lists; a broken
// file refused with a message that names the file and the place.
class CorpusTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsWhatTheFileSays_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QByteArray>("expectation");
        for (const auto &entry : expectations())
            QTest::newRow(entry.at("file").get<std::string>().c_str())
                << QString::fromStdString(entry.at("file").get<std::string>())
                << QByteArray::fromStdString(entry.dump());
    }
    void readsWhatTheFileSays()
    {
        QFETCH(QString, file);
        QFETCH(QByteArray, expectation);
        const auto expected = nlohmann::json::parse(expectation.toStdString());
        const std::string fileName = QString(kCorpus + file).toStdString();
        const auto paths = readPathFile(fileName);
        if (!expected.at("valid").get<bool>()) {
            QVERIFY2(!paths, "a broken file was read");
            const QString message = QString::fromStdString(paths.error().message);
            QVERIFY2(message.startsWith(QString::fromStdString(fileName) + QLatin1String(": ")),
                     qPrintable(message));
            QVERIFY2(message.contains(QLatin1String(" line ")) ||
                         message.contains(QLatin1String(": /")),
                     qPrintable(message));
            QVERIFY2(!message.contains(QLatin1String("json.exception")), qPrintable(message));
            return;
        }
        QVERIFY2(paths, paths ? "" : paths.error().message.c_str());
        QCOMPARE(static_cast<int>(paths->size()), expected.value("traces", 1));
        const NetworkPath &path = paths->front();

        std::map<int, std::vector<std::string>> wanted;
        for (const auto &[ttl, responders] : expected.at("hops").items())
            wanted[std::stoi(ttl)] = responders.get<std::vector<std::string>>();
        const auto found = respondersByTtl(path);
        QVERIFY2(found == wanted,
                 ("found " + describe(found) + "\nwanted " + describe(wanted)).c_str());

        // MPLS labels and AS numbers where the file shows them, and none where it does not.
        std::map<int, std::vector<std::vector<std::uint32_t>>> wantedLabels;
        if (expected.contains("mpls") && expected.at("mpls").is_object())
            for (const auto &[ttl, stacks] : expected.at("mpls").items())
                wantedLabels[std::stoi(ttl)] =
                    stacks.get<std::vector<std::vector<std::uint32_t>>>();
        QVERIFY(labelsByTtl(path) == wantedLabels);
        std::map<int, std::string> wantedAsns;
        if (expected.contains("asn") && expected.at("asn").is_object())
            for (const auto &[ttl, asn] : expected.at("asn").items())
                wantedAsns[std::stoi(ttl)] = asn.get<std::string>();
        QVERIFY(asnByTtl(path) == wantedAsns);

        if (expected.at("destination").is_string())
            QCOMPARE(path.destination.ipAddress, expected.at("destination").get<std::string>());
        if (expected.at("reached").is_boolean()) {
            if (file.contains(QLatin1String("scamper2-valid-simple")))
                QEXPECT_FAIL("",
                             "scamper says COMPLETED but lists no reply: a path is reached "
                             "only by a hop that answers for the destination",
                             Continue);
            QCOMPARE(path.destinationReached(), expected.at("reached").get<bool>());
        }
        if (expected.at("protocol").is_string())
            QCOMPARE(std::string(protocolName(path.protocol)),
                     expected.at("protocol").get<std::string>());
    }

    // Each format is chosen by its own content, never by another's reader.
    void formatRecognised_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("format");
        const std::map<std::string, std::string> readerOf{
            {"datadog-v2", "networkpath"},
            {"datadog-v4", "networkpath"},
            {"datadog-synthetics", "networkpath"},
            {"datadog-traceroute", "networkpath"},
            {"mtr-json", "mtr-json"},
            {"mtr-raw", "mtr-raw"},
            {"mtr-report", "mtr-report"},
            {"linux-traceroute", "traceroute"},
            {"bsd-traceroute", "traceroute"},
            {"tcptraceroute", "traceroute"},
            {"junos", "traceroute"},
            {"fortios", "traceroute"},
            {"windows-tracert", "tracert"},
            {"cisco-ios", "cisco"},
            {"ripe-atlas", "ripe-atlas"},
            {"scamper-json", "scamper-json"},
            {"dublin", "dublin-traceroute"},
        };
        for (const auto &entry : expectations()) {
            const auto file = entry.at("file").get<std::string>();
            QTest::newRow(file.c_str())
                << QString::fromStdString(file)
                << QString::fromStdString(readerOf.at(entry.at("format").get<std::string>()));
        }
    }
    void formatRecognised()
    {
        QFETCH(QString, file);
        QFETCH(QString, format);
        QFile input(QString(kCorpus + file));
        QVERIFY(input.open(QIODevice::ReadOnly));
        const std::string text = input.readAll().toStdString();
        const PathFormat *chosen = recogniseFormat(ImportText(text));
        QVERIFY(chosen);
        QCOMPARE(QString::fromUtf8(chosen->id().data(), static_cast<int>(chosen->id().size())),
                 format);
    }
};

QTEST_GUILESS_MAIN(CorpusTest)
#include "tst_corpus.moc"
