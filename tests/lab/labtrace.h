// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "path/networkpath.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

// What the lab tests share: running the CLI inside a namespace and describing its results.
namespace labtrace {

struct CliRun
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};

// The command prefix that runs what follows as nobody, without groups or capabilities.
QStringList asNobody();

// The build tree's hopscope-cli.
QString buildTreeCli();

// Runs `prefix... CLI command arguments...` inside namespace `ns`.
CliRun runCli(const QString &ns, const QString &command, const QStringList &arguments,
              const QStringList &prefix = {}, const QString &cli = buildTreeCli());

// Runs `prefix... CLI trace arguments...` inside namespace `ns`.
CliRun runTrace(const QString &ns, const QStringList &arguments, const QStringList &prefix = {},
                const QString &cli = buildTreeCli());

// Runs `CLI monitor arguments...` inside namespace `ns`, as root.
CliRun runMonitor(const QString &ns, const QStringList &arguments, const QStringList &prefix = {});

// "ttl address" per hop, "ttl *" for a silent TTL, one per line.
QString hopsOf(const hopscope::NetworkPath &path);

// An address as Hopscope prints it (IPv6 in its shortest form).
QString canonical(const QString &address);

// "ttl address" for the lab router at `ttl` (its address towards the client).
QString routerHop(int ttl, bool v6);

// hopsOf() of a whole path through a lab of `routers`: every router, then the server.
QString labPathHops(int routers, bool v6);

// The cells of `column` in the rows of a CSV report after its header; empty when the file cannot
// be read or has no such column. (No cell of the columns the lab tests read holds a comma.)
QStringList csvColumn(const QString &csvFile, const QString &column);

// Gives the build tree's helper the file capabilities the package gives it, or takes them away.
bool setHelperCapability(bool granted);

} // namespace labtrace
