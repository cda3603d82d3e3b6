// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "path/networkpathjson.h"
#include "store/historystore.h"
#include "support/historycheck.h"

#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <algorithm>
#include <numeric>

#include <nlohmann/json.hpp>

using namespace hopscope;
using namespace hopscope::testing;

namespace {

const QString kCli = QStringLiteral(HOPSCOPE_BINARY_DIR "/hopscope-cli");

// A session to loopback, a round every 100 ms, kept in the history as it runs.
QStringList recordedSession(std::optional<int> count = std::nullopt)
{
    QStringList arguments{QStringLiteral("monitor"),    QStringLiteral("--record"),
                          QStringLiteral("--protocol"), QStringLiteral("icmp"),
                          QStringLiteral("--interval"), QStringLiteral("100"),
                          QStringLiteral("--no-asn"),   QStringLiteral("127.0.0.1")};
    if (count)
        arguments << QStringLiteral("--count") << QString::number(*count);
    return arguments;
}

// The rounds the session printed as settled ("round 7: reached at TTL 1 in 0.031 ms").
int roundsPrinted(const QByteArray &output)
{
    static const QRegularExpression round(QStringLiteral("^round (\\d+): "),
                                          QRegularExpression::MultilineOption);
    int last = 0;
    auto matches = round.globalMatch(QString::fromUtf8(output));
    while (matches.hasNext())
        last = std::max(last, matches.next().captured(1).toInt());
    return last;
}

struct Finished
{
    int exitCode = -1;
    QByteArray out, err;
};

Finished runCli(const QString &data, const QStringList &arguments)
{
    QProcess cli;
    cli.setProcessEnvironment(environmentWithData(data));
    cli.start(kCli, arguments);
    if (!cli.waitForFinished(30000))
        cli.kill();
    return {cli.exitStatus() == QProcess::NormalExit ? cli.exitCode() : -1,
            cli.readAllStandardOutput(), cli.readAllStandardError()};
}

} // namespace

// `hopscope-cli monitor --record` keeps its session in the history round by round: killed at
// random moments, every round it had shown as settled is there, the database is whole, and the
// session opens again, as interrupted.
class CliRecordTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void anEndedSessionIsAWholePath();
    void survivesKillAtRandomMoments();
    void resumesFromTheTerminal();

private:
    QTemporaryDir m_home;
};

void CliRecordTest::initTestCase()
{
    QVERIFY(m_home.isValid());
    // Loopback answers ICMP echo through raw sockets (root, the helper) or ping sockets.
    if (const QString why = loopbackIcmpUnavailable(m_home.filePath(QStringLiteral("probe")));
        !why.isEmpty())
        QSKIP(qPrintable(QStringLiteral("this machine cannot trace loopback with ICMP: ") + why));
}

void CliRecordTest::anEndedSessionIsAWholePath()
{
    const QString data = m_home.filePath(QStringLiteral("ended"));
    QProcess cli;
    cli.setProcessEnvironment(environmentWithData(data));
    cli.start(kCli, recordedSession(3));
    QVERIFY(cli.waitForFinished(30000));
    const QByteArray said = cli.readAllStandardError();
    QVERIFY2(cli.exitCode() == 0, said.constData());
    QVERIFY2(said.contains("kept in the history as entry 1"), said.constData());
    const nlohmann::json entries = historyList(data);
    QCOMPARE(entries.size(), std::size_t(1));
    QCOMPARE(entries[0]["rounds"].get<int>(), 3);
    QCOMPARE(entries[0]["interrupted"].get<bool>(), false);
    QCOMPARE(entries[0]["recording"].get<bool>(), false);
    qputenv("XDG_DATA_HOME", QFile::encodeName(data));
    auto store = HistoryStore::open(HistoryStore::defaultFileName());
    QVERIFY(store);
    auto path = (*store)->load(1);
    QVERIFY2(path, path ? "" : path.error().message.c_str());
    QVERIFY(path->hopscope && path->hopscope->monitor);
    QCOMPARE(path->hopscope->monitor->rounds, 3);
    QCOMPARE(int(path->hopscope->probes.size()), 3); // one probe to TTL 1 a round
}

void CliRecordTest::survivesKillAtRandomMoments()
{
    const QString data = m_home.filePath(QStringLiteral("killed"));
    const quint32 seed = QRandomGenerator::global()->generate();
    qInfo("seed %u", seed);
    QRandomGenerator random(seed);
    std::vector<int> printed;
    for (int kill = 0; kill < 20; ++kill) {
        QProcess cli;
        cli.setProcessEnvironment(environmentWithData(data));
        cli.start(kCli, recordedSession());
        QVERIFY(cli.waitForStarted());
        // Until the session has shown a random number of rounds, then a random moment later:
        // between rounds, while one is probed, or while it is being written.
        const int wanted = 1 + static_cast<int>(random.bounded(12));
        QByteArray output;
        while (roundsPrinted(output) < wanted && cli.state() == QProcess::Running) {
            cli.waitForReadyRead(2000);
            output += cli.readAllStandardOutput();
        }
        QThread::usleep(random.bounded(100'000));
        output += cli.readAllStandardOutput();
        cli.kill();
        QVERIFY(cli.waitForFinished(5000));
        QCOMPARE(cli.exitStatus(), QProcess::CrashExit);
        output += cli.readAllStandardOutput();
        printed.push_back(roundsPrinted(output));
        QVERIFY2(printed.back() >= wanted, output.constData());
    }

    const QString database = data + QStringLiteral("/hopscope/history.sqlite");
    QCOMPARE(integrityOf(database), QStringLiteral("ok"));
    const nlohmann::json entries = historyList(data);
    QCOMPARE(entries.size(), printed.size());
    qputenv("XDG_DATA_HOME", QFile::encodeName(data));
    auto store = HistoryStore::open(HistoryStore::defaultFileName());
    QVERIFY(store);
    for (const nlohmann::json &entry : entries) {
        const auto id = entry["id"].get<std::int64_t>();
        const int shown = printed[static_cast<std::size_t>(id - 1)];
        QVERIFY(entry["interrupted"].get<bool>());
        QVERIFY(!entry["recording"].get<bool>());
        // Every round shown is kept; the round being written when the kill came may be too.
        const int kept = entry["rounds"].get<int>();
        QVERIFY2(
            kept == shown || kept == shown + 1,
            qPrintable(
                QStringLiteral("entry %1: %2 rounds kept, %3 shown").arg(id).arg(kept).arg(shown)));
        // It opens again: its path holds every round kept.
        auto path = (*store)->load(id);
        QVERIFY2(path, path ? "" : path.error().message.c_str());
        QVERIFY(path->hopscope && path->hopscope->monitor);
        QCOMPARE(path->hopscope->monitor->rounds, kept);
        QCOMPARE(int(path->hopscope->probes.size()), kept);
        QCOMPARE(path->destination.ipAddress, std::string("127.0.0.1"));
    }
}

// An interrupted session is named when the next one starts being kept, and `monitor --resume`
// goes on with it in its own entry, its rounds numbered on; what cannot be gone on with is
// refused, saying why.
void CliRecordTest::resumesFromTheTerminal()
{
    const QString data = m_home.filePath(QStringLiteral("resumed"));
    QProcess cli;
    cli.setProcessEnvironment(environmentWithData(data));
    cli.start(kCli, recordedSession());
    QVERIFY(cli.waitForStarted());
    QByteArray output;
    while (roundsPrinted(output) < 4 && cli.state() == QProcess::Running) {
        cli.waitForReadyRead(2000);
        output += cli.readAllStandardOutput();
    }
    cli.kill();
    QVERIFY(cli.waitForFinished(5000));
    const int kept = historyList(data)[0]["rounds"].get<int>();
    QVERIFY2(kept >= 4, output.constData());

    const Finished other = runCli(data, recordedSession(1));
    QVERIFY2(other.exitCode == 0, other.err.constData());
    const QByteArray named =
        "hopscope-cli: monitor: the history holds 1 interrupted session; `hopscope-cli "
        "monitor --resume ID` goes on with one: 1 (127.0.0.1, " +
        QByteArray::number(kept) + " rounds)";
    QVERIFY2(other.err.contains(named), other.err.constData());

    const Finished withHost = runCli(data, {QStringLiteral("monitor"), QStringLiteral("--resume"),
                                            QStringLiteral("1"), QStringLiteral("127.0.0.1")});
    QCOMPARE(withHost.exitCode, 2);
    QCOMPARE(withHost.err, QByteArray("hopscope-cli: monitor: --resume goes on with the session's "
                                      "own target: give no HOST\n"));
    const Finished otherProtocol =
        runCli(data, {QStringLiteral("monitor"), QStringLiteral("--resume"), QStringLiteral("1"),
                      QStringLiteral("--protocol"), QStringLiteral("udp")});
    QCOMPARE(otherProtocol.exitCode, 2);
    QCOMPARE(otherProtocol.err,
             QByteArray("hopscope-cli: monitor: --protocol cannot be given with --resume: "
                        "the session goes on with its own settings\n"));
    const Finished missing =
        runCli(data, {QStringLiteral("monitor"), QStringLiteral("--resume"), QStringLiteral("99")});
    QCOMPARE(missing.exitCode, 2);
    QCOMPARE(missing.err,
             QByteArray("hopscope-cli: monitor: --resume: history entry 99 does not exist\n"));

    const Finished resumed =
        runCli(data, {QStringLiteral("monitor"), QStringLiteral("--resume"), QStringLiteral("1"),
                      QStringLiteral("--count"), QStringLiteral("3")});
    QVERIFY2(resumed.exitCode == 0, resumed.err.constData());
    QVERIFY2(resumed.err.contains("kept in the history as entry 1"), resumed.err.constData());
    QCOMPARE(roundsPrinted(resumed.out), kept + 3);
    const nlohmann::json entries = historyList(data);
    QCOMPARE(entries.size(), std::size_t(2));
    const auto first = std::find_if(entries.begin(), entries.end(),
                                    [](const nlohmann::json &e) { return e["id"] == 1; });
    QVERIFY(first != entries.end());
    QCOMPARE((*first)["rounds"].get<int>(), kept + 3);
    QVERIFY(!(*first)["interrupted"].get<bool>() && !(*first)["recording"].get<bool>());
    qputenv("XDG_DATA_HOME", QFile::encodeName(data));
    auto store = HistoryStore::open(HistoryStore::defaultFileName());
    QVERIFY(store);
    const auto path = (*store)->load(1);
    QVERIFY2(path, path ? "" : path.error().message.c_str());
    std::vector<int> rounds;
    for (const ProbeSample &probe : path->hopscope->probes)
        rounds.push_back(probe.round);
    std::sort(rounds.begin(), rounds.end());
    std::vector<int> expected(static_cast<std::size_t>(kept + 3));
    std::iota(expected.begin(), expected.end(), 1);
    QCOMPARE(rounds, expected);

    const Finished again =
        runCli(data, {QStringLiteral("monitor"), QStringLiteral("--resume"), QStringLiteral("1")});
    QCOMPARE(again.exitCode, 2);
    QCOMPARE(again.err,
             QByteArray("hopscope-cli: monitor: --resume: history entry 1 is not an interrupted "
                        "monitoring session: it was saved whole\n"));
}

QTEST_GUILESS_MAIN(CliRecordTest)
#include "tst_clirecord.moc"
