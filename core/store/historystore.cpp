// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "store/historystore.h"

#include "store/applocations.h"
#include "store/sqlsupport.h"

#include "packet/ipaddress.h"
#include "path/networkpathjson.h"
#include "path/pathmodel.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace hopscope {

namespace {

// Each migration takes the schema from the version before it to its own.
const char *const kMigrations[] = {
    // 1: the paths, with what the list shows kept beside the JSON so that listing reads no JSON.
    "CREATE TABLE paths ("
    " id INTEGER PRIMARY KEY,"
    " traced_at INTEGER NOT NULL,"
    " saved_at INTEGER NOT NULL,"
    " target TEXT NOT NULL,"
    " destination TEXT NOT NULL,"
    " protocol TEXT NOT NULL,"
    " reached INTEGER NOT NULL,"
    " hops INTEGER NOT NULL,"
    " rounds INTEGER NOT NULL,"
    " json BLOB NOT NULL);"
    "CREATE INDEX paths_traced_at ON paths (traced_at);",
    // 2: names and tags given by the user.
    "ALTER TABLE paths ADD COLUMN name TEXT NOT NULL DEFAULT '';"
    "CREATE TABLE tags ("
    " path INTEGER NOT NULL REFERENCES paths (id) ON DELETE CASCADE,"
    " tag TEXT NOT NULL,"
    " PRIMARY KEY (path, tag));",
    // 3: whose network addresses are in, as lookups found them, so that a later run asks nothing.
    "CREATE TABLE address_owners ("
    " address TEXT PRIMARY KEY,"
    " asn INTEGER,"
    " as_name TEXT NOT NULL,"
    " prefix TEXT NOT NULL,"
    " country TEXT NOT NULL,"
    " source TEXT NOT NULL,"
    " looked_up_at INTEGER NOT NULL);",
    // 4: monitoring sessions kept as they run: the process recording one, the interval, and
    // every round settled so far, until the session's whole path replaces them.
    "ALTER TABLE paths ADD COLUMN recorder TEXT NOT NULL DEFAULT '';"
    "ALTER TABLE paths ADD COLUMN interval_ms INTEGER NOT NULL DEFAULT 0;"
    "CREATE TABLE session_rounds ("
    " path INTEGER NOT NULL REFERENCES paths (id) ON DELETE CASCADE,"
    " round INTEGER NOT NULL,"
    " started_us INTEGER NOT NULL,"
    " probes BLOB NOT NULL,"
    " hostnames BLOB NOT NULL,"
    " PRIMARY KEY (path, round));",
    // 5: the alerts a session kept as it runs raised and cleared, until its whole path (which
    // lists them) replaces them.
    "CREATE TABLE session_alerts ("
    " path INTEGER NOT NULL REFERENCES paths (id) ON DELETE CASCADE,"
    " round INTEGER NOT NULL,"
    " time_us INTEGER NOT NULL,"
    " rule TEXT NOT NULL,"
    " raised INTEGER NOT NULL,"
    " value REAL NOT NULL,"
    " detail TEXT NOT NULL);"
    "CREATE INDEX session_alerts_path ON session_alerts (path);",
    // 6: a session kept as it runs folded: its model's state as of a round
    // (path/pathmodelstate.h), which stands for every round and alert kept before it.
    "CREATE TABLE session_states ("
    " path INTEGER PRIMARY KEY REFERENCES paths (id) ON DELETE CASCADE,"
    " round INTEGER NOT NULL,"
    " state BLOB NOT NULL);",
};
static_assert(std::size(kMigrations) == HistoryStore::kSchemaVersion);

// Runs statements separated by ';' (QSqlQuery runs one at a time).
bool execScript(QSqlDatabase &db, const char *script, QSqlError &error)
{
    for (const QString &statement :
         QString::fromLatin1(script).split(QLatin1Char(';'), Qt::SkipEmptyParts)) {
        if (statement.trimmed().isEmpty())
            continue;
        QSqlQuery query(db);
        if (!query.exec(statement)) {
            error = query.lastError();
            return false;
        }
    }
    return true;
}

// Inside the caller's transaction; a tag given twice is kept once.
bool insertTags(QSqlDatabase &db, std::int64_t path, const std::vector<std::string> &tags,
                QSqlError &error)
{
    for (const std::string &tag : tags) {
        QSqlQuery query(db);
        query.prepare(QStringLiteral("INSERT OR IGNORE INTO tags (path, tag) VALUES (?, ?)"));
        query.addBindValue(QVariant::fromValue<qint64>(path));
        query.addBindValue(QString::fromStdString(tag));
        if (!query.exec()) {
            error = query.lastError();
            return false;
        }
    }
    return true;
}

std::atomic<int> connectionCount{0};

// Every trace a user made is in the history: only they may read it. A folder Hopscope creates is
// 0700, and so is the default folder of an older Hopscope that made it 0755; a folder chosen by
// the user keeps its mode.
Status preparePrivateFolder(const QString &folder)
{
    const QFileInfo existing(folder);
    const bool created = !existing.exists();
    if (!created && !existing.isDir())
        return Error{ErrorCode::Unwritable,
                     QString(QStringLiteral("cannot create the history folder ") + folder +
                             QStringLiteral(": a file of that name is in the way"))
                         .toStdString()};
    if (created && !QDir().mkpath(folder))
        return Error{
            ErrorCode::Unwritable,
            QString(QStringLiteral("cannot create the history folder ") + folder).toStdString()};
    const bool defaultFolder = QFileInfo(HistoryStore::defaultFileName()).absolutePath() == folder;
    if ((created || (defaultFolder && existing.ownerId() == ::geteuid())) &&
        ::chmod(QFile::encodeName(folder).constData(), S_IRWXU) != 0)
        return Error{ErrorCode::Unwritable,
                     QString(QStringLiteral("cannot make the history folder %1 private: %2")
                                 .arg(folder, QString::fromLocal8Bit(std::strerror(errno))))
                         .toStdString()};
    return {};
}

// The database file is created 0600 before SQLite opens it (SQLite gives its journal files the
// database's mode). Where it cannot be created, SQLite's own error names why, later.
void createPrivateFile(const QString &fileName)
{
    const int fd = ::open(QFile::encodeName(fileName).constData(),
                          O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, S_IRUSR | S_IWUSR);
    if (fd >= 0)
        ::close(fd);
}

// A database an older Hopscope made readable by all is made private once it has been accepted
// (a file that is refused is left exactly as it was).
void makePrivate(const QString &fileName)
{
    struct stat info
    {
    };
    const QByteArray name = QFile::encodeName(fileName);
    if (::stat(name.constData(), &info) == 0 && info.st_uid == ::geteuid() &&
        (info.st_mode & (S_IRWXG | S_IRWXO)) != 0)
        ::chmod(name.constData(), S_IRUSR | S_IWUSR);
}

} // namespace

HistoryEntry describeForHistory(const NetworkPath &path)
{
    // What the list shows of a path is what every view shows of it: its model's.
    return describeForHistory(path, PathModel::fromPath(path));
}

HistoryEntry describeForHistory(const NetworkPath &path, const PathModel &model)
{
    HistoryEntry entry;
    entry.tracedAtMs = path.timestampMs;
    entry.destination = path.destination.ipAddress;
    entry.target =
        path.hopscope && path.hopscope->request && !path.hopscope->request->target.empty()
            ? path.hopscope->request->target
        : !path.destination.hostname.empty() ? path.destination.hostname
                                             : path.destination.ipAddress;
    entry.protocol = path.protocol;
    entry.reached = model.destinationTtl().has_value();
    entry.hops = model.destinationTtl().value_or(model.lastTtl());
    entry.rounds = model.isMonitoring() ? model.rounds() : 0;
    return entry;
}

QString HistoryStore::defaultFileName()
{
    return QDir(dataDirectory()).filePath(QStringLiteral("history.sqlite"));
}

HistoryStore::HistoryStore(QString fileName, QString connection)
    : m_fileName(std::move(fileName)), m_connection(std::move(connection))
{
}

HistoryStore::~HistoryStore()
{
    {
        QSqlDatabase db = QSqlDatabase::database(m_connection, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(m_connection);
}

Expected<std::unique_ptr<HistoryStore>> HistoryStore::open(const QString &fileName)
{
    const QFileInfo info(fileName);
    if (const Status folder = preparePrivateFolder(info.absolutePath()); !folder)
        return folder.error();
    if (info.exists() && !info.isFile())
        return Error{ErrorCode::Unwritable,
                     QString(fileName + QStringLiteral(" is not a file")).toStdString()};
    createPrivateFile(fileName);

    const QString connection =
        QStringLiteral("hopscope-history-%1").arg(connectionCount.fetch_add(1));
    std::unique_ptr<HistoryStore> store(new HistoryStore(fileName, connection));
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), connection);
    if (!db.isValid())
        return Error{ErrorCode::NoDriver,
                     "Qt's SQLite driver is missing (Debian: libqt6sql6-sqlite)"};
    db.setDatabaseName(fileName);
    // A reader or writer in another process waits this long for a lock rather than failing.
    db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=5000"));
    if (!db.open())
        return sqlError(QStringLiteral("cannot open ") + fileName, db.lastError());

    QSqlQuery check(db);
    // A damaged file says so here, before anything is written to it.
    if (!check.exec(QStringLiteral("PRAGMA quick_check")) || !check.next())
        return Error{ErrorCode::Corrupt,
                     QString(fileName + QStringLiteral(" is not a readable history database (") +
                             sqliteSaid(check.lastError()) + QLatin1Char(')'))
                         .toStdString()};
    if (check.value(0).toString() != QLatin1String("ok"))
        return Error{ErrorCode::Corrupt,
                     QString(fileName + QStringLiteral(" is damaged: ") + check.value(0).toString())
                         .toStdString()};
    check.finish(); // an unfinished statement holds a read transaction, and WAL mode needs none

    QSqlError error;
    const char *const setup =
        "PRAGMA journal_mode = WAL;PRAGMA synchronous = FULL;PRAGMA foreign_keys = ON;"
        // A session's fold writes its state at once: the log it grew is given back afterwards.
        "PRAGMA journal_size_limit = 4194304";
    if (!execScript(db, setup, error))
        return sqlError(QStringLiteral("cannot set up ") + fileName, error);
    if (const Status migrated = store->migrate(); !migrated)
        return migrated.error();
    for (const QString &part : QStringList{fileName, fileName + QStringLiteral("-wal"),
                                           fileName + QStringLiteral("-shm")})
        makePrivate(part);
    return store;
}

int HistoryStore::schemaVersion() const
{
    QSqlQuery query(QSqlDatabase::database(m_connection));
    return query.exec(QStringLiteral("PRAGMA user_version")) && query.next()
               ? query.value(0).toInt()
               : -1;
}

Status HistoryStore::migrate()
{
    QSqlDatabase db = QSqlDatabase::database(m_connection);
    QSqlQuery statement(db);
    // Each step and its version number commit together, or not at all. The version is read
    // inside the step's write lock: two programs opening a new history at once (the window and
    // `hopscope-cli history list`, say) migrate it once, the second after the first.
    const auto finish = [&statement](const char *how) { statement.exec(QLatin1String(how)); };
    for (;;) {
        if (!statement.exec(QStringLiteral("BEGIN IMMEDIATE")))
            return sqlError(QStringLiteral("cannot migrate ") + m_fileName, statement.lastError());
        const int version = schemaVersion();
        if (version < 0) {
            finish("ROLLBACK");
            return sqlError(QStringLiteral("cannot read the schema version of ") + m_fileName,
                            db.lastError());
        }
        if (version > kSchemaVersion) {
            finish("ROLLBACK");
            return Error{ErrorCode::NewerSchema,
                         QString(m_fileName + QStringLiteral(" was written by a newer Hopscope "
                                                             "(schema %1, this one knows %2); it "
                                                             "is left as it is")
                                                  .arg(version)
                                                  .arg(kSchemaVersion))
                             .toStdString()};
        }
        if (version == kSchemaVersion) {
            finish("ROLLBACK");
            return {};
        }
        const int next = version + 1;
        QSqlError error;
        if (!execScript(db, kMigrations[next - 1], error) ||
            !execScript(db, qPrintable(QStringLiteral("PRAGMA user_version = %1").arg(next)),
                        error)) {
            finish("ROLLBACK");
            return sqlError(
                QStringLiteral("cannot migrate %1 to schema %2").arg(m_fileName).arg(next), error);
        }
        if (!statement.exec(QStringLiteral("COMMIT"))) {
            const QSqlError failed = statement.lastError();
            finish("ROLLBACK");
            return sqlError(QStringLiteral("cannot migrate ") + m_fileName, failed);
        }
    }
}

Status HistoryStore::insert(std::optional<std::int64_t> id, const NetworkPath &path,
                            std::int64_t savedAtMs, const std::string &name,
                            const std::vector<std::string> &tags, std::int64_t *newId)
{
    QSqlDatabase db = QSqlDatabase::database(m_connection);
    const HistoryEntry entry = describeForHistory(path);
    if (!db.transaction())
        return sqlError(QStringLiteral("cannot save to ") + m_fileName, db.lastError());
    QSqlQuery query(db);
    query.prepare(QStringLiteral("INSERT INTO paths (id, traced_at, target, destination, protocol, "
                                 "reached, hops, rounds, saved_at, json, name) "
                                 "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"));
    query.addBindValue(id ? QVariant::fromValue<qint64>(*id) : QVariant());
    bindEntryFigures(query, entry);
    query.addBindValue(QVariant::fromValue<qint64>(savedAtMs));
    query.addBindValue(QByteArray::fromStdString(networkPathToJson(path, -1)));
    query.addBindValue(QString::fromStdString(name));
    if (!query.exec()) {
        const QSqlError error = query.lastError();
        db.rollback();
        return sqlError(QStringLiteral("cannot save to ") + m_fileName, error);
    }
    const std::int64_t rowId = query.lastInsertId().toLongLong();
    if (QSqlError error; !insertTags(db, rowId, tags, error)) {
        db.rollback();
        return sqlError(QStringLiteral("cannot save to ") + m_fileName, error);
    }
    if (const Status committed =
            commitOrRollBack(db, QStringLiteral("cannot save to ") + m_fileName);
        !committed)
        return committed;
    if (newId)
        *newId = rowId;
    return {};
}

Expected<std::int64_t> HistoryStore::add(const NetworkPath &path, std::int64_t savedAtMs)
{
    std::int64_t id = 0;
    if (const Status done = insert(std::nullopt, path, savedAtMs, {}, {}, &id); !done)
        return done.error();
    return id;
}

Status HistoryStore::restore(std::int64_t id, const NetworkPath &path, const HistoryEntry &entry)
{
    return insert(id, path, entry.savedAtMs, entry.name, entry.tags, nullptr);
}

Expected<std::vector<HistoryEntry>> HistoryStore::list(const HistoryQuery &filter) const
{
    QSqlDatabase db = QSqlDatabase::database(m_connection);
    QString sql = QStringLiteral("SELECT id, traced_at, saved_at, target, destination, protocol, "
                                 "reached, hops, rounds, name, recorder,"
                                 " (SELECT group_concat(tag, char(10)) FROM (SELECT tag FROM tags "
                                 "WHERE path = paths.id ORDER BY tag))"
                                 " FROM paths WHERE 1");
    QVariantList values;
    if (!filter.text.empty()) {
        sql += QStringLiteral(
            " AND (instr(lower(target), lower(?)) OR instr(lower(destination), lower(?))"
            " OR instr(lower(name), lower(?))"
            " OR EXISTS (SELECT 1 FROM tags WHERE path = paths.id AND instr(lower(tag), "
            "lower(?))))");
        for (int i = 0; i < 4; ++i)
            values << QString::fromStdString(filter.text);
    }
    if (filter.protocol) {
        sql += QStringLiteral(" AND protocol = ?");
        values << QString::fromLatin1(protocolName(*filter.protocol));
    }
    if (filter.id) {
        sql += QStringLiteral(" AND id = ?");
        values << QVariant::fromValue<qint64>(*filter.id);
    }
    if (filter.fromMs) {
        sql += QStringLiteral(" AND traced_at >= ?");
        values << QVariant::fromValue<qint64>(*filter.fromMs);
    }
    if (filter.toMs) {
        sql += QStringLiteral(" AND traced_at < ?");
        values << QVariant::fromValue<qint64>(*filter.toMs);
    }
    sql += QStringLiteral(" ORDER BY traced_at DESC, id DESC LIMIT ?");
    values << std::max(1, filter.limit);
    QSqlQuery query(db);
    query.setForwardOnly(true);
    query.prepare(sql);
    for (const QVariant &value : std::as_const(values))
        query.addBindValue(value);
    if (!query.exec())
        return sqlError(QStringLiteral("cannot read ") + m_fileName, query.lastError());
    std::vector<HistoryEntry> entries;
    while (query.next()) {
        HistoryEntry entry;
        entry.id = query.value(0).toLongLong();
        entry.tracedAtMs = query.value(1).toLongLong();
        entry.savedAtMs = query.value(2).toLongLong();
        entry.target = query.value(3).toString().toStdString();
        entry.destination = query.value(4).toString().toStdString();
        entry.protocol =
            parseProtocol(query.value(5).toString().toStdString()).value_or(Protocol::Tcp);
        entry.reached = query.value(6).toBool();
        entry.hops = query.value(7).toInt();
        entry.rounds = query.value(8).toInt();
        entry.name = query.value(9).toString().toStdString();
        if (const QString recorder = query.value(10).toString(); !recorder.isEmpty()) {
            entry.recording = recorderAlive(recorder.toStdString());
            entry.interrupted = !entry.recording;
        }
        for (const QString &tag :
             query.value(11).toString().split(QLatin1Char('\n'), Qt::SkipEmptyParts))
            entry.tags.push_back(tag.toStdString());
        entries.push_back(std::move(entry));
    }
    return entries;
}

Expected<HistoryStore::StoredEntry> HistoryStore::readEntry(std::int64_t id) const
{
    QSqlQuery query(QSqlDatabase::database(m_connection));
    query.prepare(QStringLiteral("SELECT json, recorder, interval_ms FROM paths WHERE id = ?"));
    query.addBindValue(QVariant::fromValue<qint64>(id));
    if (!query.exec())
        return sqlError(QStringLiteral("cannot read ") + m_fileName, query.lastError());
    if (!query.next())
        return Error{ErrorCode::NotFound,
                     "history entry " + std::to_string(id) + " does not exist"};
    auto path = networkPathFromJson(query.value(0).toByteArray().toStdString());
    if (!path)
        return Error{path.error().code,
                     "history entry " + std::to_string(id) + ": " + path.error().message};
    return StoredEntry{std::move(*path), query.value(1).toString().toStdString(),
                       query.value(2).toInt()};
}

Expected<NetworkPath> HistoryStore::load(std::int64_t id) const
{
    auto stored = readEntry(id);
    if (!stored)
        return stored.error();
    // A session kept as it runs holds its header here and its rounds beside it.
    if (stored->recorder.empty())
        return std::move(stored->path);
    auto model = rebuildSession(id, stored->path, stored->intervalMs);
    if (!model)
        return model.error();
    return model->toNetworkPath();
}

Status HistoryStore::rename(std::int64_t id, const std::string &name)
{
    QSqlQuery query(QSqlDatabase::database(m_connection));
    query.prepare(QStringLiteral("UPDATE paths SET name = ? WHERE id = ?"));
    query.addBindValue(QString::fromStdString(name));
    query.addBindValue(QVariant::fromValue<qint64>(id));
    if (!query.exec())
        return sqlError(QStringLiteral("cannot rename"), query.lastError());
    if (query.numRowsAffected() != 1)
        return Error{ErrorCode::NotFound,
                     "history entry " + std::to_string(id) + " does not exist"};
    return {};
}

Status HistoryStore::setTags(std::int64_t id, const std::vector<std::string> &tags)
{
    QSqlDatabase db = QSqlDatabase::database(m_connection);
    if (!db.transaction())
        return sqlError(QStringLiteral("cannot tag"), db.lastError());
    const auto fail = [&db](const QSqlQuery &query) {
        const QSqlError error = query.lastError();
        db.rollback();
        return sqlError(QStringLiteral("cannot tag"), error);
    };
    QSqlQuery exists(db);
    exists.prepare(QStringLiteral("SELECT 1 FROM paths WHERE id = ?"));
    exists.addBindValue(QVariant::fromValue<qint64>(id));
    if (!exists.exec())
        return fail(exists);
    if (!exists.next()) {
        db.rollback();
        return Error{ErrorCode::NotFound,
                     "history entry " + std::to_string(id) + " does not exist"};
    }
    QSqlQuery clear(db);
    clear.prepare(QStringLiteral("DELETE FROM tags WHERE path = ?"));
    clear.addBindValue(QVariant::fromValue<qint64>(id));
    if (!clear.exec())
        return fail(clear);
    if (QSqlError error; !insertTags(db, id, tags, error)) {
        db.rollback();
        return sqlError(QStringLiteral("cannot tag"), error);
    }
    if (!db.commit())
        return sqlError(QStringLiteral("cannot tag"), db.lastError());
    return {};
}

Status HistoryStore::remove(std::int64_t id)
{
    QSqlQuery query(QSqlDatabase::database(m_connection));
    query.prepare(QStringLiteral("DELETE FROM paths WHERE id = ?"));
    query.addBindValue(QVariant::fromValue<qint64>(id));
    if (!query.exec())
        return sqlError(QStringLiteral("cannot delete"), query.lastError());
    if (query.numRowsAffected() != 1)
        return Error{ErrorCode::NotFound,
                     "history entry " + std::to_string(id) + " does not exist"};
    return {};
}

Expected<int> HistoryStore::forgetSavedBefore(std::int64_t savedBeforeMs)
{
    QSqlQuery query(QSqlDatabase::database(m_connection));
    query.prepare(QStringLiteral("DELETE FROM paths WHERE saved_at < ? AND recorder = ''"));
    query.addBindValue(QVariant::fromValue<qint64>(savedBeforeMs));
    if (!query.exec())
        return sqlError(QStringLiteral("cannot remove old entries from ") + m_fileName,
                        query.lastError());
    return query.numRowsAffected();
}

Status HistoryStore::keepOwners(const std::map<std::string, AddressOwner> &owners)
{
    QSqlDatabase db = QSqlDatabase::database(m_connection);
    if (!db.transaction())
        return sqlError(QStringLiteral("cannot save to ") + m_fileName, db.lastError());
    QSqlQuery query(db);
    query.prepare(QStringLiteral("INSERT OR REPLACE INTO address_owners (address, asn, as_name, "
                                 "prefix, country, source, looked_up_at) "
                                 "VALUES (?, ?, ?, ?, ?, ?, ?)"));
    for (const auto &[address, owner] : owners) {
        query.addBindValue(QString::fromStdString(address));
        query.addBindValue(owner.asn ? QVariant::fromValue<qint64>(*owner.asn) : QVariant());
        query.addBindValue(QString::fromStdString(owner.asName));
        query.addBindValue(QString::fromStdString(owner.prefix));
        query.addBindValue(QString::fromStdString(owner.country));
        query.addBindValue(QString::fromStdString(owner.source));
        query.addBindValue(QVariant::fromValue<qint64>(owner.lookedUpAtMs));
        if (!query.exec()) {
            const QSqlError error = query.lastError();
            db.rollback();
            return sqlError(QStringLiteral("cannot save to ") + m_fileName, error);
        }
    }
    if (!db.commit())
        return sqlError(QStringLiteral("cannot save to ") + m_fileName, db.lastError());
    return {};
}

Expected<std::map<std::string, AddressOwner>>
HistoryStore::keptOwners(std::int64_t notBeforeMs) const
{
    QSqlQuery query(QSqlDatabase::database(m_connection));
    query.prepare(QStringLiteral("SELECT address, asn, as_name, prefix, country, source, "
                                 "looked_up_at FROM address_owners WHERE looked_up_at >= ?"));
    query.addBindValue(QVariant::fromValue<qint64>(notBeforeMs));
    if (!query.exec())
        return sqlError(QStringLiteral("cannot read ") + m_fileName, query.lastError());
    std::map<std::string, AddressOwner> owners;
    while (query.next()) {
        AddressOwner owner;
        if (!query.value(1).isNull()) {
            const qint64 asn = query.value(1).toLongLong();
            if (asn <= 0 || asn > 0xffffffffLL)
                continue; // not written by Hopscope: not trusted
            owner.asn = static_cast<std::uint32_t>(asn);
        }
        owner.asName = query.value(2).toString().toStdString();
        owner.prefix = query.value(3).toString().toStdString();
        owner.country = query.value(4).toString().toStdString();
        owner.source = query.value(5).toString().toStdString();
        owner.lookedUpAtMs = query.value(6).toLongLong();
        const auto address = IpAddress::parse(query.value(0).toString().toStdString());
        if (address)
            owners[address->toString()] = std::move(owner);
    }
    return owners;
}

} // namespace hopscope
