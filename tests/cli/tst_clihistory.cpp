// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "path/networkpathjson.h"
#include "store/historystore.h"

#include <QDateTime>
#include <QProcess>
#include <QProcessEnvironment>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

#include <nlohmann/json.hpp>

using namespace hopscope;

namespace {

const QString kCli = QStringLiteral(HOPSCOPE_BINARY_DIR "/hopscope-cli");

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

// The CLI with its data folder in `dataHome`, as a user's ~/.local/share, and its settings
// beside it.
Run runCli(const QStringList &arguments, const QString &dataHome)
{
    QProcess cli;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("XDG_DATA_HOME"), dataHome);
    environment.insert(QStringLiteral("XDG_CONFIG_HOME"), dataHome + QStringLiteral("-config"));
    cli.setProcessEnvironment(environment);
    cli.start(kCli, arguments);
    Run run;
    if (cli.waitForFinished(30000)) {
        run.exitCode = cli.exitCode();
        run.out = cli.readAllStandardOutput();
        run.err = cli.readAllStandardError();
    }
    return run;
}

NetworkPath fixturePath(const char *name)
{
    auto path = readNetworkPathFile(std::string(HOPSCOPE_FIXTURES_DIR "/hopscope/") + name);
    return path ? *path : NetworkPath{};
}

} // namespace

// `hopscope-cli history` reads the window's history: the list with ids, a session's rounds,
// names and tags, and an entry exported as the NetworkPath the window stored.
class CliHistoryTest final : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void listsNewestFirst();
    void listsAsJsonAndFilters();
    void exportsWhatWasStored();
    void anEmptyHistoryListsNothing();
    void prunesWhatWasSavedLongAgo();
    void refusesBadArguments_data();
    void refusesBadArguments();

private:
    QTemporaryDir m_home;
    QString dataHome() const { return m_home.filePath(QStringLiteral("data")); }
    NetworkPath m_trace;
    NetworkPath m_session;
    std::int64_t m_traceId = 0;
    std::int64_t m_sessionId = 0;
};

void CliHistoryTest::initTestCase()
{
    QVERIFY(m_home.isValid());
    m_trace = fixturePath("full-tcp-path.json");
    m_session = fixturePath("monitor-session.json");
    QVERIFY(!m_trace.hops.empty() && m_session.hopscope);
    qputenv("XDG_DATA_HOME", QFile::encodeName(dataHome()));
    auto store = HistoryStore::open(HistoryStore::defaultFileName());
    QVERIFY2(store, store ? "" : store.error().message.c_str());
    auto trace = (*store)->add(m_trace, 1000);
    auto session = (*store)->add(m_session, 2000);
    QVERIFY(trace && session);
    m_traceId = *trace;
    m_sessionId = *session;
    QVERIFY((*store)->rename(m_sessionId, "evening watch"));
    QVERIFY((*store)->setTags(m_sessionId, {"isp", "wifi"}));
}

void CliHistoryTest::listsNewestFirst()
{
    const Run list = runCli({QStringLiteral("history"), QStringLiteral("list")}, dataHome());
    QVERIFY2(list.exitCode == 0, list.err.constData());
    QVERIFY2(list.err.isEmpty(), list.err.constData());
    const QList<QByteArray> lines = list.out.trimmed().split('\n');
    QCOMPARE(lines.size(), 3);
    QVERIFY2(lines[0].startsWith("ID  TRACED"), lines[0].constData());
    const HistoryEntry trace = describeForHistory(m_trace);
    const HistoryEntry session = describeForHistory(m_session);
    // Ordered by when they were traced, newest first.
    const bool sessionFirst = session.tracedAtMs >= trace.tracedAtMs;
    const QByteArray &sessionLine = lines[sessionFirst ? 1 : 2];
    const QByteArray &traceLine = lines[sessionFirst ? 2 : 1];
    QVERIFY2(sessionLine.trimmed().startsWith(
                 QByteArray(QByteArray::number(qlonglong(m_sessionId)) + "  ")),
             sessionLine.constData());
    QVERIFY2(sessionLine.contains(QByteArray::fromStdString(session.target)),
             sessionLine.constData());
    QVERIFY2(sessionLine.contains(QByteArray::number(session.rounds)), sessionLine.constData());
    QVERIFY2(sessionLine.contains("evening watch") && sessionLine.endsWith("isp,wifi"),
             sessionLine.constData());
    QVERIFY2(traceLine.contains(QByteArray("reached at TTL " + QByteArray::number(trace.hops))),
             traceLine.constData());
}

void CliHistoryTest::listsAsJsonAndFilters()
{
    const Run list = runCli(
        {QStringLiteral("history"), QStringLiteral("list"), QStringLiteral("--json")}, dataHome());
    QVERIFY2(list.exitCode == 0, list.err.constData());
    const auto entries = nlohmann::json::parse(list.out.toStdString());
    QCOMPARE(entries.size(), std::size_t(2));
    for (const auto &entry : entries) {
        const bool isSession = entry["id"].get<std::int64_t>() == m_sessionId;
        const HistoryEntry expected = describeForHistory(isSession ? m_session : m_trace);
        QCOMPARE(entry["target"].get<std::string>(), expected.target);
        QCOMPARE(entry["rounds"].get<int>(), expected.rounds);
        QCOMPARE(entry["reached"].get<bool>(), expected.reached);
        QCOMPARE(entry["tags"].size(), isSession ? std::size_t(2) : std::size_t(0));
    }
    // By a tag, any case: only the session.
    const Run tagged =
        runCli({QStringLiteral("history"), QStringLiteral("list"), QStringLiteral("--json"),
                QStringLiteral("--search"), QStringLiteral("WIFI")},
               dataHome());
    const auto found = nlohmann::json::parse(tagged.out.toStdString());
    QCOMPARE(found.size(), std::size_t(1));
    QCOMPARE(found[0]["id"].get<std::int64_t>(), m_sessionId);
    const Run limited =
        runCli({QStringLiteral("history"), QStringLiteral("list"), QStringLiteral("--json"),
                QStringLiteral("--limit"), QStringLiteral("1")},
               dataHome());
    QCOMPARE(nlohmann::json::parse(limited.out.toStdString()).size(), std::size_t(1));
}

void CliHistoryTest::exportsWhatWasStored()
{
    for (const auto &[id, stored] : {std::pair{m_traceId, &m_trace}, {m_sessionId, &m_session}}) {
        const QString out = m_home.filePath(QStringLiteral("entry-%1.json").arg(id));
        const Run exported = runCli({QStringLiteral("history"), QStringLiteral("export"),
                                     QString::number(id), QStringLiteral("-o"), out},
                                    dataHome());
        QVERIFY2(exported.exitCode == 0, exported.err.constData());
        QVERIFY(exported.out.isEmpty());
        const auto read = readNetworkPathFile(out.toStdString());
        QVERIFY2(read, read ? "" : read.error().message.c_str());
        QCOMPARE(*read, *stored);
    }
    // Standard output when no file is named: every probe of the session is there.
    const Run piped =
        runCli({QStringLiteral("history"), QStringLiteral("export"), QString::number(m_sessionId)},
               dataHome());
    QVERIFY2(piped.exitCode == 0, piped.err.constData());
    const auto read = networkPathFromJson(piped.out.toStdString());
    QVERIFY(read && read->hopscope);
    QCOMPARE(read->hopscope->probes.size(), m_session.hopscope->probes.size());
}

void CliHistoryTest::anEmptyHistoryListsNothing()
{
    const QString empty = m_home.filePath(QStringLiteral("nobody"));
    const Run list = runCli({QStringLiteral("history"), QStringLiteral("list")}, empty);
    QCOMPARE(list.exitCode, 0);
    QVERIFY(list.out.isEmpty() && list.err.isEmpty());
    // Nothing was created on the way.
    QVERIFY(!QFileInfo::exists(empty));
    const Run exported =
        runCli({QStringLiteral("history"), QStringLiteral("export"), QStringLiteral("1")}, empty);
    QCOMPARE(exported.exitCode, 2);
    QVERIFY2(exported.err.contains("the history is empty"), exported.err.constData());
}

// `history prune` removes what was saved longer ago than it is told, or than the window keeps it.
void CliHistoryTest::prunesWhatWasSavedLongAgo()
{
    const QString file = m_home.filePath(QStringLiteral("prune.sqlite"));
    const qint64 dayMs = 24 * 3600 * 1000;
    const qint64 nowMs = QDateTime::currentMSecsSinceEpoch();
    {
        auto store = HistoryStore::open(file);
        QVERIFY(store);
        for (const int daysAgo : {40, 20, 0})
            QVERIFY((*store)->add(m_trace, nowMs - daysAgo * dayMs));
    }
    const auto listed = [&] {
        const Run run = runCli(
            {QStringLiteral("history"), QStringLiteral("list"), QStringLiteral("--database"), file},
            dataHome());
        return run.out.count('\n') - 1; // less the heading
    };
    QCOMPARE(listed(), 3);
    const Run pruned =
        runCli({QStringLiteral("history"), QStringLiteral("prune"), QStringLiteral("--database"),
                file, QStringLiteral("--older-than"), QStringLiteral("30")},
               dataHome());
    QVERIFY2(pruned.exitCode == 0, pruned.err.constData());
    QCOMPARE(pruned.out, QByteArray("removed 1 entry saved more than 30 days ago\n"));
    QCOMPARE(listed(), 2);
    // Without --older-than: the window's choice.
    {
        QSettings settings(dataHome() + QStringLiteral("-config/hopscope/hopscope.conf"),
                           QSettings::IniFormat);
        settings.setValue(QStringLiteral("history/keepDays"), 7);
    }
    const Run kept = runCli(
        {QStringLiteral("history"), QStringLiteral("prune"), QStringLiteral("--database"), file},
        dataHome());
    QVERIFY2(kept.exitCode == 0, kept.err.constData());
    QCOMPARE(kept.out, QByteArray("removed 1 entry saved more than 7 days ago\n"));
    QCOMPARE(listed(), 1);
    QSettings(dataHome() + QStringLiteral("-config/hopscope/hopscope.conf"), QSettings::IniFormat)
        .remove(QStringLiteral("history/keepDays"));
}

void CliHistoryTest::refusesBadArguments_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QByteArray>("said");
    QTest::newRow("no command") << QStringList{}
                                << QByteArray("history: say list, export or prune");
    QTest::newRow("a retention out of range")
        << QStringList{QStringLiteral("prune"), QStringLiteral("--older-than"), QStringLiteral("0")}
        << QByteArray("--older-than must be 1-36500, not 0");
    QTest::newRow("no retention to apply")
        << QStringList{QStringLiteral("prune")}
        << QByteArray("the history is kept forever (Keep forever in the window's History panel); "
                      "say how old with --older-than DAYS");
    QTest::newRow("unknown command")
        << QStringList{QStringLiteral("show")} << QByteArray("unknown command 'show'");
    QTest::newRow("an id that is no number")
        << QStringList{QStringLiteral("export"), QStringLiteral("12a")}
        << QByteArray("'12a' is not an entry ID");
    QTest::newRow("a negative id") << QStringList{QStringLiteral("export"), QStringLiteral("-5")}
                                   << QByteArray("Unknown option");
    QTest::newRow("an id not there") << QStringList{QStringLiteral("export"), QStringLiteral("999")}
                                     << QByteArray("history entry 999 does not exist");
    QTest::newRow("no id") << QStringList{QStringLiteral("export")} << QByteArray("no ID given");
    QTest::newRow("a bad protocol")
        << QStringList{QStringLiteral("list"), QStringLiteral("--protocol"), QStringLiteral("sctp")}
        << QByteArray("--protocol must be tcp, udp or icmp, not 'sctp'");
    QTest::newRow("a limit out of range")
        << QStringList{QStringLiteral("list"), QStringLiteral("--limit"), QStringLiteral("0")}
        << QByteArray("--limit must be 1-100000, not 0");
    QTest::newRow("an operand to list") << QStringList{QStringLiteral("list"), QStringLiteral("7")}
                                        << QByteArray("takes no operands, only options");
    QTest::newRow("a database that is not one")
        << QStringList{QStringLiteral("list"), QStringLiteral("--database"),
                       QStringLiteral(HOPSCOPE_FIXTURES_DIR "/hopscope/full-tcp-path.json")}
        << QByteArray("full-tcp-path.json is not a readable history database (file is not a "
                      "database)");
}

void CliHistoryTest::refusesBadArguments()
{
    QFETCH(QStringList, arguments);
    QFETCH(QByteArray, said);
    const Run run = runCli(QStringList{QStringLiteral("history")} + arguments, dataHome());
    QCOMPARE(run.exitCode, 2);
    QVERIFY2(run.err.contains(said), run.err.constData());
    // Nothing of Qt's own words about its calls.
    QVERIFY2(!run.err.contains("QSql") && !run.err.contains("Unable to"), run.err.constData());
}

QTEST_GUILESS_MAIN(CliHistoryTest)
#include "tst_clihistory.moc"
