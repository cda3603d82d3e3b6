// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "labtrace.h"

#include "namespacelab.h"
#include "packet/ipaddress.h"

#include <QProcess>

namespace labtrace {

QStringList asNobody()
{
    return {QStringLiteral("setpriv"), QStringLiteral("--reuid=65534"),
            QStringLiteral("--regid=65534"), QStringLiteral("--clear-groups"),
            QStringLiteral("--")};
}

QString buildTreeCli()
{
    return QStringLiteral(HOPSCOPE_BINARY_DIR "/hopscope-cli");
}

CliRun runCli(const QString &ns, const QString &command, const QStringList &arguments,
              const QStringList &prefix, const QString &cli)
{
    QProcess process;
    process.start(QStringLiteral("ip"),
                  QStringList{QStringLiteral("netns"), QStringLiteral("exec"), ns} + prefix +
                      QStringList{cli, command} + arguments);
    CliRun run;
    if (!process.waitForFinished(300000))
        return run;
    run.exitCode = process.exitCode();
    run.out = process.readAllStandardOutput();
    run.err = process.readAllStandardError();
    return run;
}

CliRun runTrace(const QString &ns, const QStringList &arguments, const QStringList &prefix,
                const QString &cli)
{
    return runCli(ns, QStringLiteral("trace"), arguments, prefix, cli);
}

CliRun runMonitor(const QString &ns, const QStringList &arguments, const QStringList &prefix)
{
    return runCli(ns, QStringLiteral("monitor"), arguments, prefix);
}

QString hopsOf(const hopscope::NetworkPath &path)
{
    QStringList lines;
    for (const hopscope::PathHop &hop : path.hops)
        lines << (hop.reachable ? QStringLiteral("%1 %2").arg(hop.ttl).arg(
                                      QString::fromStdString(hop.ipAddress))
                                : QStringLiteral("%1 *").arg(hop.ttl));
    return lines.join(QLatin1Char('\n'));
}

QString canonical(const QString &address)
{
    return QString::fromStdString(hopscope::IpAddress::parse(address.toStdString())->toString());
}

QString routerHop(int ttl, bool v6)
{
    return QStringLiteral("%1 %2").arg(ttl).arg(
        canonical(v6 ? NamespaceLab::v6Toward(ttl, true) : NamespaceLab::v4Toward(ttl, true)));
}

} // namespace labtrace
