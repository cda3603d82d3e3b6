// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

// The history's monitoring sessions kept as they run (HistoryStore::beginSession and after).

#include "store/historystore.h"
#include "store/sqlsupport.h"

#include "path/networkpathjson.h"
#include "path/pathmodelstate.h"

#include <QFile>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <nlohmann/json.hpp>

#include <unistd.h>

namespace hopscope {

namespace {

QByteArray readSmallFile(const QString &fileName)
{
    QFile file(fileName);
    return file.open(QIODevice::ReadOnly) ? file.read(4096) : QByteArray();
}

// The 22nd field of /proc/PID/stat: when the process started, in clock ticks since boot; empty
// when there is no such process, or only its exit status is left (a zombie, state Z or X). The
// command name before it is in parentheses and may hold spaces, so fields count from the last ')'.
QByteArray startTimeOf(const QByteArray &pid)
{
    const QByteArray stat = readSmallFile(QStringLiteral("/proc/%1/stat").arg(QLatin1String(pid)));
    const qsizetype end = stat.lastIndexOf(')');
    if (end < 0)
        return {};
    const QList<QByteArray> fields = stat.mid(end + 2).split(' '); // from field 3, the state
    if (fields.size() <= 19 || fields.at(0) == "Z" || fields.at(0) == "X")
        return {};
    return fields.at(19);
}

QByteArray bootId()
{
    return readSmallFile(QStringLiteral("/proc/sys/kernel/random/boot_id")).trimmed();
}

std::string hostnamesJson(const Hostnames &hostnames)
{
    nlohmann::json object = nlohmann::json::object();
    for (const auto &[address, name] : hostnames)
        object[address] = name;
    return object.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Hostnames hostnamesFrom(const QByteArray &text)
{
    Hostnames hostnames;
    const auto object =
        nlohmann::json::parse(text.constData(), text.constData() + text.size(), nullptr, false);
    if (object.is_object())
        for (const auto &[address, name] : object.items())
            if (name.is_string())
                hostnames.emplace(address, name.get<std::string>());
    return hostnames;
}

// Inside the caller's transaction, rolled back when it fails: what keeps a running session
// beside its entry.
Status forgetSessionRows(QSqlDatabase &db, std::int64_t id, const QString &failed)
{
    for (const char *table : {"session_rounds", "session_alerts", "session_states"}) {
        QSqlQuery forget(db);
        forget.prepare(QStringLiteral("DELETE FROM %1 WHERE path = ?").arg(QLatin1String(table)));
        forget.addBindValue(QVariant::fromValue<qint64>(id));
        if (!forget.exec()) {
            const QSqlError error = forget.lastError();
            db.rollback();
            return sqlError(failed, error);
        }
    }
    return {};
}

} // namespace

std::string recorderIdentity()
{
    const QByteArray pid = QByteArray::number(static_cast<qint64>(::getpid()));
    return QByteArray(bootId() + ':' + pid + ':' + startTimeOf(pid)).toStdString();
}

bool recorderAlive(const std::string &identity)
{
    const QList<QByteArray> parts = QByteArray::fromStdString(identity).split(':');
    if (parts.size() != 3 || parts.at(0) != bootId())
        return false; // another boot: whatever ran then is gone
    const QByteArray started = startTimeOf(parts.at(1));
    return !started.isEmpty() && started == parts.at(2);
}

Expected<std::int64_t> HistoryStore::beginSession(const NetworkPath &header, int intervalMs,
                                                  std::int64_t nowMs)
{
    QSqlQuery query(QSqlDatabase::database(m_connection));
    query.prepare(QStringLiteral(
        "INSERT INTO paths (traced_at, target, destination, protocol, reached, hops, rounds, "
        "saved_at, json, name, recorder, interval_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, '', ?, "
        "?)"));
    HistoryEntry entry = describeForHistory(header, PathModel());
    entry.rounds = 0;
    bindEntryFigures(query, entry);
    query.addBindValue(QVariant::fromValue<qint64>(nowMs));
    query.addBindValue(QByteArray::fromStdString(networkPathToJson(header, -1)));
    query.addBindValue(QString::fromStdString(recorderIdentity()));
    query.addBindValue(intervalMs);
    if (!query.exec())
        return sqlError(QStringLiteral("cannot keep the session in ") + m_fileName,
                        query.lastError());
    return query.lastInsertId().toLongLong();
}

Status HistoryStore::addSessionRound(std::int64_t id, const MonitorRound &round,
                                     const HistoryEntry &figures)
{
    QSqlDatabase db = QSqlDatabase::database(m_connection);
    const QString failed =
        QStringLiteral("cannot keep round %1 in ").arg(round.number) + m_fileName;
    if (!db.transaction())
        return sqlError(failed, db.lastError());
    QSqlQuery insert(db);
    insert.prepare(QStringLiteral("INSERT INTO session_rounds (path, round, started_us, probes, "
                                  "hostnames) VALUES (?, ?, ?, ?, ?)"));
    insert.addBindValue(QVariant::fromValue<qint64>(id));
    insert.addBindValue(round.number);
    insert.addBindValue(QVariant::fromValue<qint64>(round.startedUs));
    insert.addBindValue(QByteArray::fromStdString(probeSamplesToJson(round.probes)));
    insert.addBindValue(QByteArray::fromStdString(hostnamesJson(round.hostnames)));
    QSqlQuery update(db);
    update.prepare(QStringLiteral("UPDATE paths SET reached = ?, hops = ?, rounds = ? "
                                  "WHERE id = ? AND recorder != ''"));
    update.addBindValue(figures.reached);
    update.addBindValue(figures.hops);
    update.addBindValue(figures.rounds);
    update.addBindValue(QVariant::fromValue<qint64>(id));
    if (!insert.exec() || !update.exec() || update.numRowsAffected() != 1) {
        const QSqlError error =
            insert.lastError().isValid() ? insert.lastError() : update.lastError();
        db.rollback();
        if (!error.isValid())
            return Error{ErrorCode::NotFound, "history entry " + std::to_string(id) +
                                                  " is no longer a session being kept"};
        return sqlError(failed, error);
    }
    return commitOrRollBack(db, failed);
}

Status HistoryStore::addSessionAlerts(std::int64_t id, const std::vector<AlertEvent> &events)
{
    if (events.empty())
        return {};
    QSqlDatabase db = QSqlDatabase::database(m_connection);
    const QString failed = QStringLiteral("cannot keep the session's alerts in ") + m_fileName;
    if (!db.transaction())
        return sqlError(failed, db.lastError());
    for (const AlertEvent &event : events) {
        QSqlQuery insert(db);
        insert.prepare(QStringLiteral("INSERT INTO session_alerts (path, round, time_us, rule, "
                                      "raised, value, detail) VALUES (?, ?, ?, ?, ?, ?, ?)"));
        insert.addBindValue(QVariant::fromValue<qint64>(id));
        insert.addBindValue(event.round);
        insert.addBindValue(QVariant::fromValue<qint64>(event.timeUs));
        insert.addBindValue(QString::fromStdString(event.rule.text));
        insert.addBindValue(event.raised);
        insert.addBindValue(event.value);
        insert.addBindValue(QString::fromStdString(event.detail));
        if (!insert.exec()) {
            const QSqlError error = insert.lastError();
            db.rollback();
            return sqlError(failed, error);
        }
    }
    return commitOrRollBack(db, failed);
}

Status HistoryStore::endSession(std::int64_t id, const NetworkPath &path)
{
    QSqlDatabase db = QSqlDatabase::database(m_connection);
    const QString failed = QStringLiteral("cannot save the session to ") + m_fileName;
    if (!db.transaction())
        return sqlError(failed, db.lastError());
    QSqlQuery update(db);
    update.prepare(QStringLiteral("UPDATE paths SET traced_at = ?, target = ?, destination = ?, "
                                  "protocol = ?, reached = ?, hops = ?, rounds = ?, json = ?, "
                                  "recorder = '', interval_ms = 0 WHERE id = ?"));
    bindEntryFigures(update, describeForHistory(path));
    update.addBindValue(QByteArray::fromStdString(networkPathToJson(path, -1)));
    update.addBindValue(QVariant::fromValue<qint64>(id));
    if (!update.exec()) {
        const QSqlError error = update.lastError();
        db.rollback();
        return sqlError(failed, error);
    }
    if (const Status forgotten = forgetSessionRows(db, id, failed); !forgotten)
        return forgotten;
    return commitOrRollBack(db, failed);
}

Status HistoryStore::foldSession(std::int64_t id)
{
    QSqlDatabase db = QSqlDatabase::database(m_connection);
    const QString failed = QStringLiteral("cannot fold the session's rounds in ") + m_fileName;
    auto stored = readEntry(id);
    if (!stored)
        return stored.error();
    if (stored->recorder.empty())
        return Error{ErrorCode::NotFound,
                     "history entry " + std::to_string(id) + " is no longer a session being kept"};
    if (!db.transaction())
        return sqlError(failed, db.lastError());
    auto model = rebuildSession(id, stored->path, stored->intervalMs);
    if (!model) {
        db.rollback();
        return model.error();
    }
    if (const Status forgotten = forgetSessionRows(db, id, failed); !forgotten)
        return forgotten;
    QSqlQuery keep(db);
    keep.prepare(
        QStringLiteral("INSERT INTO session_states (path, round, state) VALUES (?, ?, ?)"));
    keep.addBindValue(QVariant::fromValue<qint64>(id));
    keep.addBindValue(model->latestRound());
    keep.addBindValue(QByteArray::fromStdString(savePathModelState(*model)));
    if (!keep.exec()) {
        const QSqlError error = keep.lastError();
        db.rollback();
        return sqlError(failed, error);
    }
    if (const Status committed = commitOrRollBack(db, failed); !committed)
        return committed;
    // The fold went through the log whole: moved into the database now, the log shrinks back
    // rather than holding a state's worth until the next checkpoint. A reader in the way only
    // delays that.
    QSqlQuery checkpoint(db);
    checkpoint.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
    return {};
}

Expected<ResumedSession> HistoryStore::resumeSession(std::int64_t id)
{
    const std::string entry = "history entry " + std::to_string(id);
    auto stored = readEntry(id);
    if (!stored)
        return stored.error();
    const std::string &recorder = stored->recorder;
    if (recorder.empty())
        return Error{ErrorCode::NotSupported,
                     entry + " is not an interrupted monitoring session: it was saved whole"};
    if (recorderAlive(recorder))
        return Error{ErrorCode::Busy,
                     entry + " is still being recorded by process " +
                         QByteArray::fromStdString(recorder).split(':').value(1).toStdString()};
    const int intervalMs = stored->intervalMs;
    auto model = rebuildSession(id, stored->path, intervalMs);
    if (!model)
        return model.error();
    // Taken over only if no other process took it over first.
    QSqlQuery claim(QSqlDatabase::database(m_connection));
    claim.prepare(QStringLiteral("UPDATE paths SET recorder = ? WHERE id = ? AND recorder = ?"));
    claim.addBindValue(QString::fromStdString(recorderIdentity()));
    claim.addBindValue(QVariant::fromValue<qint64>(id));
    claim.addBindValue(QString::fromStdString(recorder));
    if (!claim.exec())
        return sqlError(QStringLiteral("cannot resume the session in ") + m_fileName,
                        claim.lastError());
    if (claim.numRowsAffected() != 1)
        return Error{ErrorCode::Busy, entry + " was resumed by another process"};
    return ResumedSession{id, std::move(*model), intervalMs};
}

Expected<PathModel> HistoryStore::readSessionState(std::int64_t id, const NetworkPath &header,
                                                   int intervalMs) const
{
    QSqlQuery query(QSqlDatabase::database(m_connection));
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT state FROM session_states WHERE path = ?"));
    query.addBindValue(QVariant::fromValue<qint64>(id));
    if (!query.exec())
        return sqlError(QStringLiteral("cannot read ") + m_fileName, query.lastError());
    if (!query.next()) {
        PathModel model;
        model.setHeader(header);
        model.setMonitoring(intervalMs);
        return model;
    }
    const QByteArray state = query.value(0).toByteArray();
    auto model = restorePathModelState(std::string_view(state.constData(), state.size()));
    if (!model)
        return Error{model.error().code, "history entry " + std::to_string(id) +
                                             ", its folded rounds: " + model.error().message};
    return model;
}

Expected<PathModel> HistoryStore::rebuildSession(std::int64_t id, const NetworkPath &header,
                                                 int intervalMs) const
{
    auto folded = readSessionState(id, header, intervalMs);
    if (!folded)
        return folded.error();
    PathModel model = std::move(*folded);
    QSqlQuery query(QSqlDatabase::database(m_connection));
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT round, started_us, probes, hostnames FROM session_rounds "
                                 "WHERE path = ? AND round > ? ORDER BY round"));
    query.addBindValue(QVariant::fromValue<qint64>(id));
    query.addBindValue(model.latestRound());
    if (!query.exec())
        return sqlError(QStringLiteral("cannot read ") + m_fileName, query.lastError());
    while (query.next()) {
        MonitorRound round;
        round.number = query.value(0).toInt();
        round.startedUs = query.value(1).toLongLong();
        round.destination = header.destination.ipAddress;
        auto probes = probeSamplesFromJson(query.value(2).toByteArray().toStdString());
        if (!probes)
            return Error{probes.error().code, "history entry " + std::to_string(id) + ", round " +
                                                  std::to_string(round.number) + ": " +
                                                  probes.error().message};
        round.probes = std::move(*probes);
        round.hostnames = hostnamesFrom(query.value(3).toByteArray());
        model.addRound(round);
    }
    if (Status read = readSessionAlerts(id, model); !read)
        return read.error();
    return model;
}

Status HistoryStore::readSessionAlerts(std::int64_t id, PathModel &model) const
{
    QSqlQuery query(QSqlDatabase::database(m_connection));
    query.setForwardOnly(true);
    query.prepare(QStringLiteral("SELECT round, time_us, rule, raised, value, detail FROM "
                                 "session_alerts WHERE path = ? ORDER BY rowid"));
    query.addBindValue(QVariant::fromValue<qint64>(id));
    if (!query.exec())
        return sqlError(QStringLiteral("cannot read ") + m_fileName, query.lastError());
    while (query.next()) {
        AlertEvent event;
        event.round = query.value(0).toInt();
        event.timeUs = query.value(1).toLongLong();
        auto rule = parseAlertRule(query.value(2).toString().toStdString());
        if (!rule)
            return Error{rule.error().code, "history entry " + std::to_string(id) +
                                                ", alert at round " + std::to_string(event.round) +
                                                ": " + rule.error().message};
        event.rule = std::move(*rule);
        event.raised = query.value(3).toBool();
        event.value = query.value(4).toDouble();
        event.detail = query.value(5).toString().toStdString();
        model.addAlert(std::move(event));
    }
    return {};
}

} // namespace hopscope
