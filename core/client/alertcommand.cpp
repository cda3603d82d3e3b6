// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "client/alertcommand.h"

#include "report/pathtexttable.h"
#include "report/textformat.h"

#include <QProcess>
#include <QProcessEnvironment>

namespace hopscope {

Status runAlertCommand(const QString &command, const AlertEvent &event, const NetworkPath &header)
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    const auto set = [&environment](const char *name, const std::string &value) {
        environment.insert(QLatin1String(name), QString::fromStdString(value));
    };
    set("HOPSCOPE_ALERT", event.raised ? "raised" : "cleared");
    set("HOPSCOPE_ALERT_RULE", event.rule.text);
    set("HOPSCOPE_ALERT_ROUND", std::to_string(event.round));
    set("HOPSCOPE_ALERT_TIME", formatUtc(event.timeUs / 1000));
    set("HOPSCOPE_ALERT_VALUE", std::to_string(event.value));
    set("HOPSCOPE_ALERT_DETAIL", event.detail);
    set("HOPSCOPE_ALERT_MESSAGE", describeAlertEvent(event));
    set("HOPSCOPE_TARGET", formatPathTarget(header));
    set("HOPSCOPE_DESTINATION", header.destination.ipAddress);
    QProcess process;
    process.setProgram(QStringLiteral("/bin/sh"));
    process.setArguments({QStringLiteral("-c"), command});
    process.setProcessEnvironment(environment);
    process.setStandardInputFile(QProcess::nullDevice());
    if (!process.startDetached())
        return Error{ErrorCode::IoError, "/bin/sh could not be started for the alert of round " +
                                             std::to_string(event.round)};
    return {};
}

} // namespace hopscope
