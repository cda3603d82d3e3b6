// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "client/helperpermission.h"

#include "helperpaths.h"

#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>

namespace hopscope {

namespace {

// pkexec's own exit statuses (pkexec(1)); anything else is the grant program's.
constexpr int kPkexecNotAuthorized = 126;
constexpr int kPkexecFailed = 127;

} // namespace

HelperPermission::Tools HelperPermission::installedTools()
{
    return {QString::fromUtf8(kInstalledHelperPath), QString::fromUtf8(kInstalledGrantProgramPath),
            QStandardPaths::findExecutable(QStringLiteral("pkexec"))};
}

HelperPermission::HelperPermission(Tools tools, QObject *parent)
    : QObject(parent), m_tools(std::move(tools))
{
}

QString HelperPermission::unavailableReason(const QString &helperInUse) const
{
    if (helperInUse != m_tools.helper || !QFileInfo(m_tools.grantProgram).isExecutable())
        return tr("This Hopscope runs from a build tree, not from where it is installed, so it "
                  "cannot grant its "
                  "helper %1 the permission itself: an administrator can, with the setcap command "
                  "above.")
            .arg(helperInUse);
    if (m_tools.pkexec.isEmpty())
        return tr("Hopscope cannot ask for the permission itself because polkit's pkexec is not "
                  "installed. "
                  "As an administrator, run: sudo %1")
            .arg(m_tools.grantProgram);
    return {};
}

void HelperPermission::grant()
{
    if (m_process)
        return;
    m_process = new QProcess(this);
    m_process->setProgram(m_tools.pkexec);
    m_process->setArguments({m_tools.grantProgram});
    m_process->setProcessChannelMode(QProcess::SeparateChannels);
    connect(m_process, &QProcess::finished, this,
            [this](int exitCode, QProcess::ExitStatus status) {
                onFinished(status == QProcess::NormalExit ? exitCode : -1);
            });
    connect(m_process, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
        if (error != QProcess::FailedToStart)
            return;
        const QString reason = m_process->errorString();
        m_process->deleteLater();
        m_process = nullptr;
        Q_EMIT finished(false, tr("%1 could not be started (%2)").arg(m_tools.pkexec, reason));
    });
    Q_EMIT started();
    m_process->start();
}

void HelperPermission::onFinished(int exitCode)
{
    const QString said = QString::fromLocal8Bit(m_process->readAllStandardError()).trimmed();
    m_process->deleteLater();
    m_process = nullptr;
    switch (exitCode) {
    case 0:
        Q_EMIT finished(
            true, tr("The probe helper may now send raw packets; the next trace goes through it."));
        return;
    case kPkexecNotAuthorized:
        Q_EMIT finished(
            false,
            tr("Permission was not granted: the password request was dismissed or refused."));
        return;
    case kPkexecFailed:
        Q_EMIT finished(
            false, tr("polkit could not ask for a password (is an authentication agent running?)%1")
                       .arg(said.isEmpty() ? QString() : QStringLiteral(": ") + said));
        return;
    case -1:
        Q_EMIT finished(
            false,
            tr("Granting the permission failed: %1 stopped unexpectedly.").arg(m_tools.pkexec));
        return;
    default:
        Q_EMIT finished(false,
                        said.isEmpty()
                            ? tr("Granting the permission failed (exit status %1).").arg(exitCode)
                            : tr("Granting the permission failed: %1").arg(said));
    }
}

} // namespace hopscope
