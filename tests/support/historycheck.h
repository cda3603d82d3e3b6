// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <QProcess>
#include <QProcessEnvironment>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>

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

// What SQLite's `PRAGMA integrity_check` says of a database: "ok" when it is whole.
inline QString integrityOf(const QString &fileName)
{
    QString result;
    {
        QSqlDatabase db =
            QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("integrity"));
        db.setDatabaseName(fileName);
        if (db.open()) {
            QSqlQuery query(db);
            if (query.exec(QStringLiteral("PRAGMA integrity_check")) && query.next())
                result = query.value(0).toString();
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("integrity"));
    return result;
}

} // namespace hopscope::testing
