// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "store/sqlsupport.h"

#include "store/historystore.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace hopscope {

QString sqliteSaid(const QSqlError &error)
{
    const QString said = error.databaseText().trimmed();
    return said.isEmpty() ? error.driverText().trimmed() : said;
}

Error sqlError(const QString &what, const QSqlError &error)
{
    const QString text = sqliteSaid(error);
    // SQLite says SQLITE_FULL for a full disk, and an I/O error when a write fails otherwise
    // (a file-size limit, a failing device): both are worth a hint beyond its words.
    const bool full = text.contains(QLatin1String("disk is full"), Qt::CaseInsensitive);
    const bool io = text.contains(QLatin1String("I/O error"), Qt::CaseInsensitive);
    const QString said =
        full ? QStringLiteral("the disk is full (") + text + QLatin1Char(')')
        : io ? QStringLiteral("writing to the disk failed; is it full or failing? (") + text +
                   QLatin1Char(')')
             : text;
    return Error{full ? ErrorCode::DiskFull
                 : io ? ErrorCode::IoError
                      : ErrorCode::Database,
                 QString(what + QStringLiteral(": ") + said).toStdString()};
}

void bindEntryFigures(QSqlQuery &query, const HistoryEntry &entry)
{
    query.addBindValue(QVariant::fromValue<qint64>(entry.tracedAtMs));
    query.addBindValue(QString::fromStdString(entry.target));
    query.addBindValue(QString::fromStdString(entry.destination));
    query.addBindValue(QString::fromLatin1(protocolName(entry.protocol)));
    query.addBindValue(entry.reached);
    query.addBindValue(entry.hops);
    query.addBindValue(entry.rounds);
}

Status commitOrRollBack(QSqlDatabase &db, const QString &failed)
{
    if (db.commit())
        return {};
    const QSqlError error = db.lastError();
    db.rollback();
    return sqlError(failed, error);
}

} // namespace hopscope
