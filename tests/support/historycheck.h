// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <QProcess>
#include <QProcessEnvironment>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QVariant>

#include <nlohmann/json.hpp>

namespace hopscope::testing {

inline QProcessEnvironment environmentWithData(const QString &dataHome)
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("XDG_DATA_HOME"), dataHome);
    return environment;
}

// `hopscope-cli history list --json` of the history under `dataHome`; null when it failed.
inline nlohmann::json historyList(const QString &dataHome)
{
    QProcess cli;
    cli.setProcessEnvironment(environmentWithData(dataHome));
    cli.start(QStringLiteral(HOPSCOPE_BINARY_DIR "/hopscope-cli"),
              {QStringLiteral("history"), QStringLiteral("list"), QStringLiteral("--json")});
    if (!cli.waitForFinished(30000) || cli.exitCode() != 0)
        return nlohmann::json();
    return nlohmann::json::parse(cli.readAllStandardOutput().toStdString(), nullptr, false);
}

// Why `hopscope-cli` cannot trace loopback with ICMP here (no raw sockets, no helper, no ping
// sockets); empty when it can.
inline QString loopbackIcmpUnavailable(const QString &dataHome)
{
    QProcess probe;
    probe.setProcessEnvironment(environmentWithData(dataHome));
    probe.start(QStringLiteral(HOPSCOPE_BINARY_DIR "/hopscope-cli"),
                {QStringLiteral("trace"), QStringLiteral("--protocol"), QStringLiteral("icmp"),
                 QStringLiteral("--no-asn"), QStringLiteral("127.0.0.1")});
    if (!probe.waitForFinished(30000))
        return QStringLiteral("a trace of loopback did not end in 30 s");
    return probe.exitCode() == 0 ? QString() : QString::fromUtf8(probe.readAllStandardError());
}

// The first value a statement gives on a database of its own connection, or for a statement
// that gives none whether it ran.
inline QVariant firstValueOf(const QString &fileName, const QString &statement)
{
    QVariant value;
    {
        QSqlDatabase db =
            QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("first-value"));
        db.setDatabaseName(fileName);
        if (db.open()) {
            QSqlQuery query(db);
            const bool ran = query.exec(statement);
            value = ran && query.next() ? query.value(0) : QVariant(ran);
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("first-value"));
    return value;
}

// What SQLite's `PRAGMA integrity_check` says of a database: "ok" when it is whole.
inline QString integrityOf(const QString &fileName)
{
    return firstValueOf(fileName, QStringLiteral("PRAGMA integrity_check")).toString();
}

} // namespace hopscope::testing
