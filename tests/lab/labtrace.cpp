// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "labtrace.h"

#include "namespacelab.h"
#include "packet/ipaddress.h"

#include <QFile>
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

QString labPathHops(int routers, bool v6)
{
    QStringList hops;
    for (int ttl = 1; ttl <= routers; ++ttl)
        hops << routerHop(ttl, v6);
    hops << QStringLiteral("%1 %2")
                .arg(routers + 1)
                .arg(canonical(v6 ? NamespaceLab::serverV6(routers)
                                  : NamespaceLab::serverV4(routers)));
    return hops.join(QLatin1Char('\n'));
}

QStringList csvColumn(const QString &csvFile, const QString &column)
{
    QFile file(csvFile);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QStringList rows =
        QString::fromUtf8(file.readAll()).split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
    const auto at = rows.value(0).split(QLatin1Char(',')).indexOf(column);
    if (at < 0)
        return {};
    QStringList cells;
    for (const QString &row : rows.mid(1))
        cells << row.split(QLatin1Char(',')).value(at);
    return cells;
}

bool setHelperCapability(bool granted)
{
    const QString helper = QStringLiteral(HOPSCOPE_BINARY_DIR "/hopscope-probe");
    return QProcess::execute(QStringLiteral("setcap"),
                             granted
                                 ? QStringList{QStringLiteral(HOPSCOPE_HELPER_CAPABILITIES), helper}
                                 : QStringList{QStringLiteral("-r"), helper}) == 0;
}

} // namespace labtrace
