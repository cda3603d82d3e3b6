// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "path/networkpathjson.h"
#include "path/pathmodel.h"
#include "store/historystore.h"
#include "store/sessionkeeper.h"
#include "support/historycheck.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QFile>
#include <QProcess>
#include <QScopeGuard>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

#include <algorithm>
#include <csignal>
#include <cstdio>
#include <sys/resource.h>
#include <unistd.h>

using namespace hopscope;

namespace {

NetworkPath fixturePath(const char *relative)
{
    auto path = readNetworkPathFile(std::string(HOPSCOPE_FIXTURES_DIR "/") + relative);
    if (!path)
        qFatal("%s", path.error().message.c_str());
    return std::move(*path);
}

QByteArray fileHash(const QString &fileName)
{
    QFile file(fileName);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256);
}

// The child a crash test kills: adds paths one after another, saying each id once committed.
int runWriter(const QString &fileName)
{
    auto store = HistoryStore::open(fileName);
    if (!store) {
        std::fprintf(stderr, "%s\n", store.error().message.c_str());
        return 1;
    }
    NetworkPath path = fixturePath("hopscope/monitor-session.json");
    for (int i = 0;; ++i) {
        path.timestampMs = 1'700'000'000'000 + i;
        const auto id = (*store)->add(path, i);
        if (!id) {
            std::fprintf(stderr, "%s\n", id.error().message.c_str());
            return 1;
        }
        std::printf("committed %lld\n", static_cast<long long>(*id));
        std::fflush(stdout);
    }
}

} // namespace

class HistoryStoreTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void writeAndReopen()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("sub/folder/history.sqlite"));
        const NetworkPath trace = fixturePath("hopscope/full-tcp-path.json");
        const NetworkPath session = fixturePath("hopscope/monitor-session.json");
        const NetworkPath datadog = fixturePath("datadog/v3-pathtrace-reachable.json");
        std::vector<std::int64_t> ids;
        {
            auto store = HistoryStore::open(file);
            QVERIFY2(store, store ? "" : store.error().message.c_str());
            QCOMPARE((*store)->schemaVersion(), HistoryStore::kSchemaVersion);
            for (const NetworkPath *path : {&trace, &session, &datadog}) {
                const auto id = (*store)->add(*path, 42);
                QVERIFY(id);
                ids.push_back(*id);
            }
        }
        auto store = HistoryStore::open(file);
        QVERIFY(store);
        const auto entries = (*store)->list();
        QVERIFY(entries);
        QCOMPARE(entries->size(), std::size_t(3));
        // Newest trace first.
        QCOMPARE(entries->at(0).id, ids[1]);
        QCOMPARE(entries->at(0).target, std::string("198.18.3.2"));
        QCOMPARE(entries->at(0).rounds, 4);
        QCOMPARE(entries->at(0).protocol, Protocol::Udp);
        QVERIFY(entries->at(0).reached);
        QCOMPARE(entries->at(0).hops, 4);
        QCOMPARE(entries->at(1).target, std::string("web.lab.test"));
        QCOMPARE(entries->at(1).savedAtMs, std::int64_t(42));
        QCOMPARE(entries->at(2).target, std::string("dns.example.test"));
        QCOMPARE(*(*store)->load(ids[0]), trace);
        QCOMPARE(*(*store)->load(ids[1]), session);
        QCOMPARE(*(*store)->load(ids[2]), datadog);
        QCOMPARE((*store)->load(9999).error().codeName(), std::string("not-found"));

        // WAL: readers do not wait for a writer.
        QSqlDatabase raw =
            QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("raw"));
        raw.setDatabaseName(file);
        QVERIFY(raw.open());
        QSqlQuery mode(raw);
        QVERIFY(mode.exec(QStringLiteral("PRAGMA journal_mode")) && mode.next());
        QCOMPARE(mode.value(0).toString(), QStringLiteral("wal"));
        raw.close();
        raw = QSqlDatabase();
        QSqlDatabase::removeDatabase(QStringLiteral("raw"));
    }

    void searchRenameTagDelete()
    {
        QTemporaryDir dir;
        auto store = HistoryStore::open(dir.filePath(QStringLiteral("h.sqlite")));
        QVERIFY(store);
        HistoryStore &history = **store;
        const auto trace = *history.add(fixturePath("hopscope/full-tcp-path.json"), 1);
        const auto session = *history.add(fixturePath("hopscope/monitor-session.json"), 2);
        const auto datadog = *history.add(fixturePath("datadog/v3-pathtrace-reachable.json"), 3);
        const auto ids = [&history](const HistoryQuery &query) {
            std::vector<std::int64_t> found;
            const auto entries = history.list(query);
            if (entries)
                for (const HistoryEntry &entry : *entries)
                    found.push_back(entry.id);
            return found;
        };
        QCOMPARE(ids({"WEB.LAB", {}, {}, {}, 100, {}}), std::vector<std::int64_t>{trace});
        QCOMPARE(ids({"198.18", {}, {}, {}, 100, {}}), std::vector<std::int64_t>{session});
        QCOMPARE(ids({"", Protocol::Icmp, {}, {}, 100, {}}), std::vector<std::int64_t>{datadog});
        // 2024-12-24 (datadog) and 2025-11-24 (trace) fall before 2026; the session is in it.
        QCOMPARE(ids({"", {}, 1'767'225'600'000, {}, 100, {}}), std::vector<std::int64_t>{session});
        QCOMPARE(ids({"", {}, {}, 1'767'225'600'000, 100, {}}),
                 (std::vector<std::int64_t>{trace, datadog}));
        QCOMPARE(ids({"", {}, {}, {}, 1, {}}).size(), std::size_t(1));
        QCOMPARE(ids({"", {}, {}, {}, 100, datadog}), std::vector<std::int64_t>{datadog});

        QVERIFY(history.rename(trace, "office uplink"));
        QVERIFY(history.setTags(trace, {"isp", "before-change"}));
        QCOMPARE(ids({"uplink", {}, {}, {}, 100, {}}), std::vector<std::int64_t>{trace});
        QCOMPARE(ids({"BEFORE", {}, {}, {}, 100, {}}), std::vector<std::int64_t>{trace});
        const HistoryEntry renamed = history.list({"uplink", {}, {}, {}, 100, {}})->front();
        QCOMPARE(renamed.name, std::string("office uplink"));
        QCOMPARE(renamed.tags, (std::vector<std::string>{"before-change", "isp"}));
        QCOMPARE(history.rename(777, "x").error().codeName(), std::string("not-found"));
        QCOMPARE(history.setTags(777, {"x"}).error().codeName(), std::string("not-found"));

        // Delete, then undo: the same id, name and tags come back.
        const NetworkPath kept = *history.load(trace);
        QVERIFY(history.remove(trace));
        QCOMPARE(history.remove(trace).error().codeName(), std::string("not-found"));
        QCOMPARE(history.list()->size(), std::size_t(2));
        QVERIFY(history.restore(trace, kept, renamed));
        const HistoryEntry back = history.list({"uplink", {}, {}, {}, 100, {}})->front();
        QCOMPARE(back, renamed);
        QCOMPARE(*history.load(trace), kept);
    }

    // A database written by the first schema opens, is migrated, and keeps its paths.
    void keepsOwners()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("history.sqlite"));
        const AddressOwner cymru{64500u,
                                 "EXAMPLE-NET - Example Net, NL",
                                 "198.18.1.0/24",
                                 "NL",
                                 kOwnerSourceCymru,
                                 1'764'000'000'000};
        const AddressOwner older{64501u,           "", "2001:db8::/32", "", kOwnerSourceCymru,
                                 1'700'000'000'000};
        {
            auto store = HistoryStore::open(file);
            QVERIFY2(store, store ? "" : store.error().message.c_str());
            QVERIFY((*store)->keepOwners({{"198.18.1.2", older}, {"2001:db8::1", older}}));
            QVERIFY((*store)->keepOwners({{"198.18.1.2", cymru}})); // replaces
        }
        auto store = HistoryStore::open(file);
        QVERIFY(store);
        const auto all = (*store)->keptOwners(0);
        QVERIFY(all);
        QCOMPARE(all->size(), std::size_t(2));
        QCOMPARE(all->at("198.18.1.2"), cymru);
        QCOMPARE(all->at("2001:db8::1"), older);
        const auto recent = (*store)->keptOwners(1'750'000'000'000);
        QVERIFY(recent);
        QCOMPARE(recent->size(), std::size_t(1));
        QCOMPARE(recent->at("198.18.1.2"), cymru);
    }

    void migrateFromVersion1()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("old.sqlite"));
        const NetworkPath trace = fixturePath("hopscope/full-tcp-path.json");
        {
            QSqlDatabase db =
                QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("v1"));
            db.setDatabaseName(file);
            QVERIFY(db.open());
            QSqlQuery query(db);
            QVERIFY(query.exec(QStringLiteral(
                "CREATE TABLE paths (id INTEGER PRIMARY KEY, traced_at INTEGER NOT NULL, saved_at "
                "INTEGER NOT NULL,"
                " target TEXT NOT NULL, destination TEXT NOT NULL, protocol TEXT NOT NULL, reached "
                "INTEGER NOT NULL,"
                " hops INTEGER NOT NULL, rounds INTEGER NOT NULL, json BLOB NOT NULL)")));
            QVERIFY(query.exec(QStringLiteral("PRAGMA user_version = 1")));
            query.prepare(QStringLiteral("INSERT INTO paths VALUES (5, ?, 9, 'web.lab.test', "
                                         "'10.0.9.2', 'TCP', 1, 4, 0, ?)"));
            query.addBindValue(QVariant::fromValue<qint64>(trace.timestampMs));
            query.addBindValue(QByteArray::fromStdString(networkPathToJson(trace)));
            QVERIFY(query.exec());
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("v1"));
        auto store = HistoryStore::open(file);
        QVERIFY2(store, store ? "" : store.error().message.c_str());
        QCOMPARE((*store)->schemaVersion(), HistoryStore::kSchemaVersion);
        const auto entries = (*store)->list();
        QCOMPARE(entries->size(), std::size_t(1));
        QCOMPARE(entries->front().id, std::int64_t(5));
        QCOMPARE(entries->front().name, std::string());
        QCOMPARE(*(*store)->load(5), trace);
        QVERIFY((*store)->setTags(5, {"migrated"}));
    }

    void refusesWhatItCannotUse_data()
    {
        QTest::addColumn<QByteArray>("contents");
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("message");
        QTest::newRow("text file")
            << QByteArray("this is not a database\n").repeated(200) << "corrupt"
            << "is not a readable history database";
        QTest::newRow("damaged pages") << QByteArray("damage") << "corrupt"
                                       << "";
        QTest::newRow("newer schema") << QByteArray("newer") << "newer-schema"
                                      << "written by a newer Hopscope";
    }
    // A file it cannot use is said and left byte for byte as it was.
    void refusesWhatItCannotUse()
    {
        QFETCH(QByteArray, contents);
        QFETCH(QString, code);
        QFETCH(QString, message);
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("h.sqlite"));
        if (contents == "damage" || contents == "newer") {
            {
                auto store = HistoryStore::open(file);
                QVERIFY(store);
                for (int i = 0; i < 20; ++i)
                    QVERIFY((*store)->add(fixturePath("hopscope/monitor-session.json"), i));
            }
            QSqlDatabase db =
                QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("edit"));
            db.setDatabaseName(file);
            QVERIFY(db.open());
            QSqlQuery query(db);
            QVERIFY(query.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")));
            if (contents == "newer")
                QVERIFY(query.exec(QStringLiteral("PRAGMA user_version = 99")));
            db.close();
            db = QSqlDatabase();
            QSqlDatabase::removeDatabase(QStringLiteral("edit"));
            if (contents == "damage") {
                QFile raw(file);
                QVERIFY(raw.open(QIODevice::ReadWrite));
                QVERIFY(raw.size() > 8 * 4096);
                raw.seek(4096 * 3); // inside the table's pages, past the header
                raw.write(QByteArray(4096 * 3, '\x5a'));
            }
        } else {
            QFile raw(file);
            QVERIFY(raw.open(QIODevice::WriteOnly));
            raw.write(contents);
        }
        const QByteArray before = fileHash(file);
        auto store = HistoryStore::open(file);
        QVERIFY(!store);
        QCOMPARE(QString::fromStdString(store.error().codeName()), code);
        QVERIFY2(QString::fromStdString(store.error().message).contains(message),
                 store.error().message.c_str());
        QVERIFY2(QString::fromStdString(store.error().message).contains(file),
                 store.error().message.c_str());
        QCOMPARE(fileHash(file), before);
    }

    // Every trace a user made is in it: only they may read it.
    void keepsTheHistoryPrivate()
    {
        QTemporaryDir dir;
        const mode_t previousMask = ::umask(022);
        const QString file = dir.filePath(QStringLiteral("new-folder/history.sqlite"));
        {
            auto store = HistoryStore::open(file);
            ::umask(previousMask);
            QVERIFY(store);
            QVERIFY((*store)->add(fixturePath("hopscope/monitor-session.json"), 1));
            const auto modeOf = [](const QString &name) {
                struct stat info
                {
                };
                return ::stat(QFile::encodeName(name).constData(), &info) == 0
                           ? info.st_mode & 07777
                           : 07777u;
            };
            QCOMPARE(modeOf(dir.filePath(QStringLiteral("new-folder"))), 0700u);
            QCOMPARE(modeOf(file), 0600u);
            QCOMPARE(modeOf(file + QStringLiteral("-wal")), 0600u);
            QCOMPARE(modeOf(file + QStringLiteral("-shm")), 0600u);
        }
        // One an older Hopscope left readable by all is made private when it is opened.
        QVERIFY(QFile::setPermissions(file, QFileDevice::ReadOwner | QFileDevice::WriteOwner |
                                                QFileDevice::ReadGroup | QFileDevice::ReadOther));
        auto reopened = HistoryStore::open(file);
        QVERIFY(reopened);
        struct stat info
        {
        };
        QCOMPARE(::stat(QFile::encodeName(file).constData(), &info), 0);
        QCOMPARE(info.st_mode & 07777, 0600u);
        // A folder the user chose keeps its mode.
        QCOMPARE(::chmod(QFile::encodeName(dir.path()).constData(), 0755), 0);
        QVERIFY(HistoryStore::open(dir.filePath(QStringLiteral("chosen.sqlite"))));
        QCOMPARE(::stat(QFile::encodeName(dir.path()).constData(), &info), 0);
        QCOMPARE(info.st_mode & 07777, 0755u);
    }

    void unwritableFolder()
    {
        QTemporaryDir dir;
        QFile blocker(dir.filePath(QStringLiteral("plain-file")));
        QVERIFY(blocker.open(QIODevice::WriteOnly));
        blocker.close();
        const auto store =
            HistoryStore::open(dir.filePath(QStringLiteral("plain-file/history.sqlite")));
        QVERIFY(!store);
        QCOMPARE(store.error().codeName(), std::string("unwritable"));
        QVERIFY(QString::fromStdString(store.error().message)
                    .contains(QLatin1String("cannot create the history folder")));
        const auto directory = HistoryStore::open(dir.path());
        QVERIFY(!directory);
        QVERIFY(QString::fromStdString(directory.error().message)
                    .contains(QLatin1String("is not a file")));
    }

    // Writes that fail for want of room give a clear error; every path saved before stays. A
    // tiny tmpfs is a full disk as SQLite sees it (root mounts it); a file-size limit makes the
    // writes fail as a failing disk would.
    void fullDisk_data()
    {
        QTest::addColumn<bool>("tmpfs");
        QTest::newRow("file-size limit") << false;
        QTest::newRow("full tmpfs") << true;
    }
    void fullDisk()
    {
        QFETCH(bool, tmpfs);
        QTemporaryDir dir;
        if (tmpfs) {
            if (geteuid() != 0)
                QSKIP("mounting a tmpfs needs root; CI runs as root");
            QCOMPARE(QProcess::execute(QStringLiteral("mount"),
                                       {QStringLiteral("-t"), QStringLiteral("tmpfs"),
                                        QStringLiteral("-o"), QStringLiteral("size=400k"),
                                        QStringLiteral("tmpfs"), dir.path()}),
                     0);
        }
        const auto unmount = qScopeGuard([&] {
            if (tmpfs)
                QProcess::execute(QStringLiteral("umount"), {dir.path()});
        });
        const QString file = dir.filePath(QStringLiteral("h.sqlite"));
        rlimit old{};
        QVERIFY(getrlimit(RLIMIT_FSIZE, &old) == 0);
        std::signal(SIGXFSZ, SIG_IGN);
        std::vector<std::int64_t> saved;
        Error failure;
        {
            auto store = HistoryStore::open(file);
            QVERIFY(store);
            rlimit tight = old;
            tight.rlim_cur = 384 * 1024;
            if (!tmpfs)
                QVERIFY(setrlimit(RLIMIT_FSIZE, &tight) == 0);
            NetworkPath path = fixturePath("hopscope/monitor-session.json");
            for (int i = 0; i < 1000; ++i) {
                path.timestampMs += 1;
                const auto id = (*store)->add(path, i);
                if (!id) {
                    failure = id.error();
                    break;
                }
                saved.push_back(*id);
            }
            QVERIFY(setrlimit(RLIMIT_FSIZE, &old) == 0);
        }
        std::signal(SIGXFSZ, SIG_DFL);
        QVERIFY2(!saved.empty(), "nothing fitted");
        QCOMPARE(failure.codeName(), std::string(tmpfs ? "disk-full" : "io-error"));
        const QString message = QString::fromStdString(failure.message);
        QVERIFY2(message.contains(file), failure.message.c_str());
        QVERIFY2(message.contains(tmpfs ? QLatin1String("the disk is full")
                                        : QLatin1String("is it full or failing?")),
                 failure.message.c_str());
        // Still full: reading back needs no room.
        auto store = HistoryStore::open(file);
        QVERIFY2(store, store ? "" : store.error().message.c_str());
        QCOMPARE((*store)->list()->size(), saved.size());
        for (const std::int64_t id : saved)
            QVERIFY((*store)->load(id));
    }

    // A writer killed with SIGKILL at three different moments; meanwhile this process reads.
    // A session kept round by round: listed as recording while this process lives, its path
    // rebuilt from the rounds kept, replaced by its whole path when it ends; an entry whose
    // process is gone reads as interrupted.
    void keepsASessionAsItRuns()
    {
        QTemporaryDir dir;
        auto store = HistoryStore::open(dir.filePath(QStringLiteral("h.sqlite")));
        QVERIFY(store);
        const NetworkPath session = fixturePath("hopscope/monitor-session.json");
        const PathModel whole = PathModel::fromPath(session);
        NetworkPath header = whole.header();
        header.hops.clear();
        header.hopscope->probes.clear();
        header.hopscope->monitor.reset();
        const auto id = (*store)->beginSession(header, 1000, 5000);
        QVERIFY2(id, id ? "" : id.error().message.c_str());

        // The session's rounds, as its probes give them, added one by one.
        PathModel live;
        live.setHeader(header);
        live.setMonitoring(1000);
        std::map<int, std::vector<ProbeSample>> rounds;
        for (const ProbeSample &probe : session.hopscope->probes)
            rounds[probe.round].push_back(probe);
        QVERIFY(rounds.size() >= 2);
        for (const auto &[number, probes] : rounds) {
            MonitorRound round;
            round.number = number;
            round.startedUs = probes.front().sentAtUs;
            round.destination = session.destination.ipAddress;
            round.probes = probes;
            round.hostnames = {{probes.front().responder, "first.example.test"}};
            live.addRound(round);
            QVERIFY((*store)->addSessionRound(*id, round, describeForHistory(header, live)));
        }
        auto listed = (*store)->list();
        QVERIFY(listed && listed->size() == 1);
        QVERIFY(listed->front().recording);
        QVERIFY(!listed->front().interrupted);
        QCOMPARE(listed->front().rounds, int(rounds.size()));
        auto rebuilt = (*store)->load(*id);
        QVERIFY2(rebuilt, rebuilt ? "" : rebuilt.error().message.c_str());
        QCOMPARE(rebuilt->hopscope->monitor->rounds, int(rounds.size()));
        QCOMPARE(rebuilt->hopscope->probes.size(), session.hopscope->probes.size());
        QCOMPARE(rebuilt->hops, live.toNetworkPath().hops);

        // Its process gone (here: an identity no process has), it was interrupted.
        {
            QSqlDatabase db =
                QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("gone"));
            db.setDatabaseName(dir.filePath(QStringLiteral("h.sqlite")));
            QVERIFY(db.open());
            QSqlQuery query(db);
            QVERIFY(query.exec(QStringLiteral("UPDATE paths SET recorder = 'another-boot:1:1'")));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("gone"));
        listed = (*store)->list();
        QVERIFY(listed->front().interrupted && !listed->front().recording);
        QVERIFY(!recorderAlive("another-boot:1:1"));
        QVERIFY(recorderAlive(recorderIdentity()));

        // Resumed, it is this process's again, with every round kept to go on from; a second
        // resume is refused while this process lives.
        auto resumed = (*store)->resumeSession(*id);
        QVERIFY2(resumed, resumed ? "" : resumed.error().message.c_str());
        QCOMPARE(resumed->id, *id);
        QCOMPARE(resumed->intervalMs, 1000);
        QCOMPARE(resumed->model.rounds(), int(rounds.size()));
        QCOMPARE(resumed->model.latestRound(), rounds.rbegin()->first);
        QCOMPARE(resumed->model.toNetworkPath().hops, live.toNetworkPath().hops);
        listed = (*store)->list();
        QVERIFY(listed->front().recording);
        const auto again = (*store)->resumeSession(*id);
        QVERIFY(!again);
        QCOMPARE(again.error().code, ErrorCode::Busy);
        QVERIFY2(QString::fromStdString(again.error().message)
                     .contains(QStringLiteral("is still being recorded by process %1")
                                   .arg(QCoreApplication::applicationPid())),
                 again.error().message.c_str());

        // Ended: its whole path, no longer a session being kept.
        QVERIFY((*store)->endSession(*id, session));
        listed = (*store)->list();
        QVERIFY(!listed->front().recording && !listed->front().interrupted);
        QCOMPARE(*(*store)->load(*id), session);
        QVERIFY(!(*store)->addSessionRound(*id, MonitorRound{}, HistoryEntry{}));
        const auto saved = (*store)->resumeSession(*id);
        QVERIFY(!saved);
        QCOMPARE(saved.error().message,
                 "history entry " + std::to_string(*id) +
                     " is not an interrupted monitoring session: it was saved whole");
        QCOMPARE((*store)->resumeSession(999).error().code, ErrorCode::NotFound);
    }

    // A round that cannot be written stops the keeping, but the session still ends in the entry
    // it began: one entry, whole, not the rounds kept beside a second copy.
    void aKeeperEndsInItsEntryAfterAFailedWrite()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("h.sqlite"));
        auto store = HistoryStore::open(file);
        QVERIFY(store);
        const NetworkPath session = fixturePath("hopscope/monitor-session.json");
        const PathModel whole = PathModel::fromPath(session);
        std::map<int, std::vector<ProbeSample>> rounds;
        for (const ProbeSample &probe : session.hopscope->probes)
            rounds[probe.round].push_back(probe);
        QVERIFY(rounds.size() >= 2);
        auto roundOf = [&](int number) {
            MonitorRound round;
            round.number = number;
            round.startedUs = rounds[number].front().sentAtUs;
            round.destination = session.destination.ipAddress;
            round.probes = rounds[number];
            return round;
        };
        const HistoryEntry figures = describeForHistory(session);
        SessionKeeper keeper(**store, 1000);
        QVERIFY(keeper.keepRound(whole.header(), roundOf(rounds.begin()->first), figures));
        QVERIFY(keeper.id());

        // Another connection makes every new round fail, as a full disk would.
        {
            QSqlDatabase db =
                QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("saboteur"));
            db.setDatabaseName(file);
            QVERIFY(db.open());
            QSqlQuery query(db);
            QVERIFY(query.exec(
                QStringLiteral("CREATE TRIGGER full BEFORE INSERT ON session_rounds "
                               "BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END")));
            const Status failed = keeper.keepRound(
                whole.header(), roundOf(std::next(rounds.begin())->first), figures);
            QVERIFY(!failed);
            QVERIFY(keeper.failure());
            QVERIFY(query.exec(QStringLiteral("DROP TRIGGER full")));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("saboteur"));

        const auto ended = keeper.end(session);
        QVERIFY2(ended, ended ? "" : ended.error().message.c_str());
        QCOMPARE(*ended, *keeper.id());
        const auto listed = (*store)->list();
        QVERIFY(listed);
        QCOMPARE(listed->size(), std::size_t(1));
        QVERIFY(!listed->front().interrupted && !listed->front().recording);
        QCOMPARE(*(*store)->load(*ended), session);
    }

    // The retention removes what was saved before its cut-off, with its tags, and leaves a
    // session being kept as it runs, however old.
    void forgetsWhatWasSavedBefore()
    {
        QTemporaryDir dir;
        auto store = HistoryStore::open(dir.filePath(QStringLiteral("h.sqlite")));
        QVERIFY(store);
        const NetworkPath path = fixturePath("hopscope/full-tcp-path.json");
        const auto old = (*store)->add(path, 1000);
        const auto recent = (*store)->add(path, 5000);
        const auto running = (*store)->beginSession(path, 1000, 10);
        QVERIFY(old && recent && running);
        QVERIFY((*store)->setTags(*old, {"isp"}));
        const auto removed = (*store)->forgetSavedBefore(5000);
        QVERIFY2(removed, removed ? "" : removed.error().message.c_str());
        QCOMPARE(*removed, 1);
        const auto listed = (*store)->list();
        QVERIFY(listed);
        std::vector<std::int64_t> left;
        for (const HistoryEntry &entry : *listed)
            left.push_back(entry.id);
        std::sort(left.begin(), left.end());
        QCOMPARE(left, (std::vector<std::int64_t>{*recent, *running}));
        HistoryQuery tagged;
        tagged.text = "isp";
        QVERIFY((*store)->list(tagged)->empty());
        QCOMPARE(*(*store)->forgetSavedBefore(5000), 0);
    }

    // Alerts a session's rules raise and clear are kept with its rounds, from before its first
    // round settles on: an interrupted session lists them, a resumed one goes on with them, and
    // its whole path takes their place when it ends.
    void keepsASessionsAlerts()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("h.sqlite"));
        auto store = HistoryStore::open(file);
        QVERIFY(store);
        const NetworkPath session = fixturePath("hopscope/monitor-session.json");
        std::map<int, std::vector<ProbeSample>> rounds;
        for (const ProbeSample &probe : session.hopscope->probes)
            rounds[probe.round].push_back(probe);
        QVERIFY(rounds.size() >= 2);
        const auto alertAt = [&](int round, bool raised) {
            AlertEvent event;
            event.rule = *parseAlertRule("loss>20%/2");
            event.raised = raised;
            event.round = round;
            event.timeUs = rounds[round].front().sentAtUs;
            event.value = raised ? 50.0 : 0.0;
            event.detail = raised ? "1 of 2 probes lost" : "";
            return event;
        };
        const int first = rounds.begin()->first;
        const int second = std::next(rounds.begin())->first;
        const std::vector<AlertEvent> alerts{alertAt(first, true), alertAt(second, false)};

        PathModel live;
        live.setHeader(PathModel::fromPath(session).header());
        live.setMonitoring(1000);
        SessionKeeper keeper(**store, 1000);
        // Told before the first round is kept: it waits for the entry.
        QVERIFY(keeper.keepAlerts({alerts[0]}));
        QVERIFY(!keeper.id());
        for (const int number : {first, second}) {
            MonitorRound round;
            round.number = number;
            round.startedUs = rounds[number].front().sentAtUs;
            round.destination = session.destination.ipAddress;
            round.probes = rounds[number];
            live.addRound(round);
            QVERIFY(
                keeper.keepRound(live.header(), round, describeForHistory(live.header(), live)));
        }
        QVERIFY(keeper.keepAlerts({alerts[1]}));
        QVERIFY(keeper.id());
        const std::int64_t id = *keeper.id();

        const auto rebuilt = (*store)->load(id);
        QVERIFY2(rebuilt, rebuilt ? "" : rebuilt.error().message.c_str());
        QCOMPARE(rebuilt->hopscope->monitor->alerts, alerts);
        // And through the file, as `history export` writes it.
        const auto reread = networkPathFromJson(networkPathToJson(*rebuilt));
        QVERIFY2(reread, reread ? "" : reread.error().message.c_str());
        QCOMPARE(reread->hopscope->monitor->alerts, alerts);
        const PathModel reopened = PathModel::fromPath(*reread);
        QCOMPARE(std::vector<AlertEvent>(reopened.alerts().begin(), reopened.alerts().end()),
                 alerts);

        const auto countKept = [&file] {
            int kept = -1;
            {
                QSqlDatabase db =
                    QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("count"));
                db.setDatabaseName(file);
                if (db.open()) {
                    QSqlQuery query(db);
                    if (query.exec(QStringLiteral("SELECT count(*) FROM session_alerts")) &&
                        query.next())
                        kept = query.value(0).toInt();
                }
            }
            QSqlDatabase::removeDatabase(QStringLiteral("count"));
            return kept;
        };
        QCOMPARE(countKept(), 2);

        // A rule the database holds that this build cannot read is named, not skipped.
        {
            QSqlDatabase db =
                QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("bad"));
            db.setDatabaseName(file);
            QVERIFY(db.open());
            QSqlQuery query(db);
            QVERIFY(query.exec(
                QStringLiteral("UPDATE session_alerts SET rule = 'loss>20%/0' WHERE raised = 0")));
            db.close();
        }
        QSqlDatabase::removeDatabase(QStringLiteral("bad"));
        const auto refused = (*store)->load(id);
        QVERIFY(!refused);
        QVERIFY2(
            QString::fromStdString(refused.error().message)
                .startsWith(
                    QStringLiteral("history entry %1, alert at round %2: ").arg(id).arg(second)),
            refused.error().message.c_str());

        // Ended, the whole path lists them and the table holds them no more.
        NetworkPath whole = live.toNetworkPath();
        whole.hopscope->monitor->alerts = alerts;
        const auto ended = keeper.end(whole);
        QVERIFY2(ended, ended ? "" : ended.error().message.c_str());
        QCOMPARE((*store)->load(id)->hopscope->monitor->alerts, alerts);
        QCOMPARE(countKept(), 0);
    }

    // A session kept as it runs is folded every so many rounds: the database holds its model's
    // state and the rounds after it, and what it gives back (reopened, resumed, ended) is what
    // the session would be with every round kept one by one.
    void foldsARunningSessionAsItGoes()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("h.sqlite"));
        auto store = HistoryStore::open(file);
        QVERIFY(store);
        NetworkPath header;
        header.timestampMs = 1'764'000'000'000;
        header.destination.hostname = "server.example.test";
        header.destination.ipAddress = "198.18.3.2";
        header.hopscope = HopscopeExtension{};
        const auto roundAt = [&header](int number) {
            MonitorRound round;
            round.number = number;
            round.startedUs = header.timestampMs * 1000 + std::int64_t{number} * 1'000'000;
            round.destination = header.destination.ipAddress;
            for (int ttl = 1; ttl <= 3; ++ttl) {
                ProbeSample probe;
                probe.ttl = ttl;
                probe.sentAtUs = round.startedUs + ttl;
                if ((number + ttl) % 9 != 0) {
                    probe.responder = ttl == 3   ? header.destination.ipAddress
                                      : ttl == 2 ? (number < 12 ? "198.18.2.2" : "198.18.2.5")
                                                 : "198.18.1.2";
                    probe.rttMs = ttl + number % 5 * 0.25;
                }
                round.probes.push_back(probe);
            }
            round.hostnames = {{"198.18.1.2", "gateway.example.test"}};
            return round;
        };
        const auto alertAt = [&header](int round) {
            AlertEvent event;
            event.rule = *parseAlertRule("loss>20%/2");
            event.raised = round % 2 == 1;
            event.round = round;
            event.timeUs = header.timestampMs * 1000 + std::int64_t{round} * 1'000'000;
            event.value = round;
            return event;
        };
        const auto query = [&file](const QString &statement) {
            return testing::firstValueOf(file, statement);
        };

        PathModel live;
        live.setHeader(header);
        live.setMonitoring(1000);
        const auto play = [&live, &alertAt](SessionKeeper &keeper, const MonitorRound &round) {
            live.addRound(round);
            QVERIFY(
                keeper.keepRound(live.header(), round, describeForHistory(live.header(), live)));
            if (round.number % 7 == 0) {
                live.addAlert(alertAt(round.number));
                QVERIFY(keeper.keepAlerts(std::vector<AlertEvent>{alertAt(round.number)}));
            }
        };
        SessionKeeper keeper(**store, 1000);
        keeper.setFoldEvery(10);
        for (int number = 1; number <= 25; ++number)
            play(keeper, roundAt(number));
        const std::int64_t id = *keeper.id();
        QCOMPARE(query(QStringLiteral("SELECT count(*) FROM session_rounds")).toInt(), 5);
        QCOMPARE(query(QStringLiteral("SELECT round FROM session_states")).toInt(), 20);
        // Round 21's alert came after the fold.
        QCOMPARE(query(QStringLiteral("SELECT count(*) FROM session_alerts")).toInt(), 1);
        const auto reopened = (*store)->load(id);
        QVERIFY2(reopened, reopened ? "" : reopened.error().message.c_str());
        QCOMPARE(networkPathToJson(*reopened), networkPathToJson(live.toNetworkPath()));
        QCOMPARE(reopened->hopscope->monitor->routeChanges.size(), std::size_t(1));
        QCOMPARE(reopened->hopscope->monitor->alerts.size(), std::size_t(3));

        // Interrupted and resumed by another keeper, it goes on as if nothing had been folded.
        QVERIFY(query(QStringLiteral("UPDATE paths SET recorder = 'another-boot:1:1'")).toBool());
        auto resumed = (*store)->resumeSession(id);
        QVERIFY2(resumed, resumed ? "" : resumed.error().message.c_str());
        QCOMPARE(networkPathToJson(resumed->model.toNetworkPath()),
                 networkPathToJson(live.toNetworkPath()));
        SessionKeeper again(**store, 1000, id);
        again.setFoldEvery(10);
        for (int number = 26; number <= 40; ++number) {
            resumed->model.addRound(roundAt(number));
            play(again, roundAt(number));
        }
        QCOMPARE(query(QStringLiteral("SELECT round FROM session_states")).toInt(), 35);
        QCOMPARE(networkPathToJson(*(*store)->load(id)), networkPathToJson(live.toNetworkPath()));
        QCOMPARE(query(QStringLiteral("PRAGMA integrity_check")).toString(), QStringLiteral("ok"));

        // A state that does not read is named, not skipped.
        const QByteArray state =
            query(QStringLiteral("SELECT state FROM session_states")).toByteArray();
        QVERIFY(query(QStringLiteral("UPDATE session_states SET state = substr(state, 1, 100)"))
                    .toBool());
        const auto refused = (*store)->load(id);
        QVERIFY(!refused);
        // Its header's length, read first, says more than the 100 bytes left hold.
        const QString message = QString::fromStdString(refused.error().message);
        QVERIFY2(message.startsWith(QStringLiteral("history entry %1, its folded rounds: a count "
                                                   "of ")
                                        .arg(id)) &&
                     message.endsWith(QStringLiteral(" is more than the state holds at byte 8")),
                 qPrintable(message));
        {
            QSqlDatabase db =
                QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("mend"));
            db.setDatabaseName(file);
            QVERIFY(db.open());
            QSqlQuery mend(db);
            mend.prepare(QStringLiteral("UPDATE session_states SET state = ?"));
            mend.addBindValue(state);
            QVERIFY(mend.exec());
        }
        QSqlDatabase::removeDatabase(QStringLiteral("mend"));

        // Ended, its whole path replaces the state and the rounds.
        QVERIFY(again.end(live.toNetworkPath()));
        QCOMPARE(query(QStringLiteral("SELECT count(*) FROM session_states")).toInt(), 0);
        QCOMPARE(query(QStringLiteral("SELECT count(*) FROM session_rounds")).toInt(), 0);
        QCOMPARE(networkPathToJson(*(*store)->load(id)), networkPathToJson(live.toNetworkPath()));
    }

    void killedWriter()
    {
        QTemporaryDir dir;
        const QString file = dir.filePath(QStringLiteral("h.sqlite"));
        std::int64_t committed = 0;
        for (const int killAfter : {5, 23, 61}) {
            QProcess writer;
            writer.start(QCoreApplication::applicationFilePath(),
                         {QStringLiteral("--writer"), file});
            QVERIFY(writer.waitForStarted());
            std::unique_ptr<HistoryStore> reader;
            int seen = 0;
            while (seen < killAfter) {
                QVERIFY2(writer.waitForReadyRead(20000), writer.readAllStandardError().constData());
                while (writer.canReadLine()) {
                    const QByteArray line = writer.readLine().trimmed();
                    QVERIFY(line.startsWith("committed "));
                    committed = std::max<std::int64_t>(committed, line.mid(10).toLongLong());
                    ++seen;
                }
                // Reading while the other process writes: never locked out, never less than
                // committed.
                if (!reader) {
                    auto opened = HistoryStore::open(file);
                    QVERIFY2(opened, opened ? "" : opened.error().message.c_str());
                    reader = std::move(*opened);
                }
                const auto entries = reader->list({"", {}, {}, {}, 1'000'000, {}});
                QVERIFY2(entries, entries ? "" : entries.error().message.c_str());
                QVERIFY(static_cast<std::int64_t>(entries->size()) >= committed);
            }
            writer.kill(); // SIGKILL, in the middle of the next write
            QVERIFY(writer.waitForFinished());
            // Lines written before the kill that were not read yet are commits too.
            while (writer.canReadLine()) {
                const QByteArray line = writer.readLine().trimmed();
                if (line.startsWith("committed "))
                    committed = std::max<std::int64_t>(committed, line.mid(10).toLongLong());
            }
            reader.reset();
            auto store = HistoryStore::open(file);
            QVERIFY2(store, store ? "" : store.error().message.c_str());
            const auto entries = (*store)->list({"", {}, {}, {}, 1'000'000, {}});
            QVERIFY(entries);
            QVERIFY2(static_cast<std::int64_t>(entries->size()) >= committed,
                     qPrintable(QStringLiteral("%1 entries, %2 committed")
                                    .arg(entries->size())
                                    .arg(committed)));
            for (std::int64_t id = 1; id <= committed; ++id)
                QVERIFY2((*store)->load(id), qPrintable(QString::number(id)));
        }
    }
};

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    if (argc == 3 && qstrcmp(argv[1], "--writer") == 0)
        return runWriter(QString::fromLocal8Bit(argv[2]));
    HistoryStoreTest test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_historystore.moc"
