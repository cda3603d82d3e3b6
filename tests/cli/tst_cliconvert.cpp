// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "import/pathformat.h"

#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <nlohmann/json.hpp>

using namespace hopscope;

namespace {

const QString kCli = QStringLiteral(HOPSCOPE_BINARY_DIR "/hopscope-cli");
const QString kCorpus = QStringLiteral(HOPSCOPE_FIXTURES_DIR "/corpus/");

// The agent's newer shape names a hop by a reverse-DNS list, empty when the hop has no name of
// its own: a name equal to the address and no name are the same there.
NetworkPath withNamedResponders(NetworkPath path)
{
    for (PathHop &hop : path.hops)
        if (hop.reachable && hop.hostname.empty())
            hop.hostname = hop.ipAddress;
    return path;
}

} // namespace

// `hopscope-cli convert` on every real file of the corpus that Hopscope reads, in both of the
// agent's shapes: the NetworkPath JSON it writes reads back as the same paths, hop for hop and
// probe for probe.
class CliConvertTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void readsBackWithoutLoss_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("shape");
        QFile expectations(kCorpus + QStringLiteral("expect.json"));
        QVERIFY(expectations.open(QIODevice::ReadOnly));
        for (const auto &entry : nlohmann::json::parse(expectations.readAll().toStdString())) {
            if (!entry.at("valid").get<bool>())
                continue;
            const auto file = entry.at("file").get<std::string>();
            for (const char *shape : {"v3", "v4"})
                QTest::newRow((file + " " + shape).c_str())
                    << QString::fromStdString(file) << QString::fromLatin1(shape);
        }
    }
    void readsBackWithoutLoss()
    {
        QFETCH(QString, file);
        QFETCH(QString, shape);
        QTemporaryDir dir;
        const QString out = dir.filePath(QStringLiteral("converted.json"));
        QProcess cli;
        cli.start(kCli, {QStringLiteral("convert"), kCorpus + file, QStringLiteral("--datadog"),
                         shape, QStringLiteral("-o"), out});
        QVERIFY(cli.waitForFinished(30000));
        QVERIFY2(cli.exitCode() == 0, cli.readAllStandardError().constData());
        const auto original = readPathFile(QString(kCorpus + file).toStdString());
        const auto converted = readPathFile(out.toStdString());
        QVERIFY(original);
        QVERIFY2(converted, converted ? "" : converted.error().message.c_str());
        QCOMPARE(converted->size(), original->size());
        for (std::size_t i = 0; i < original->size(); ++i) {
            if (shape == QLatin1String("v3"))
                QCOMPARE((*converted)[i], (*original)[i]);
            else
                QCOMPARE(withNamedResponders((*converted)[i]), withNamedResponders((*original)[i]));
        }
        // The agent's tooling reads the shape it was asked for.
        QFile written(out);
        QVERIFY(written.open(QIODevice::ReadOnly));
        auto document = nlohmann::json::parse(written.readAll().toStdString());
        const auto &first = document.is_array() ? document.front() : document;
        QCOMPARE(first.contains("hops"), shape == QLatin1String("v3"));
        QCOMPARE(first.contains("traceroute") && first["traceroute"].contains("runs"),
                 shape == QLatin1String("v4"));
    }

    void refusesWhatItCannotRead()
    {
        QProcess cli;
        cli.start(kCli,
                  {QStringLiteral("convert"),
                   kCorpus + QStringLiteral(
                                 "scamper/mlab-traceroute-caller-scamper2-invalid-trace.jsonl")});
        QVERIFY(cli.waitForFinished(30000));
        QCOMPARE(cli.exitCode(), 2);
        QVERIFY(cli.readAllStandardError().contains("scamper JSON line 3: "));
        cli.start(kCli,
                  {QStringLiteral("convert"), QStringLiteral("--datadog"), QStringLiteral("v9"),
                   kCorpus + QStringLiteral("mtr/mtr-issue361-report-wide-run1.txt")});
        QVERIFY(cli.waitForFinished(30000));
        QCOMPARE(cli.exitCode(), 2);
        QVERIFY(cli.readAllStandardError().contains("--datadog must be v3 or v4, not 'v9'"));
    }
};

QTEST_GUILESS_MAIN(CliConvertTest)
#include "tst_cliconvert.moc"
