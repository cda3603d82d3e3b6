// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <QObject>
#include <QString>

#include <utility>

class QProcess;

namespace hopscope {

// Gives the installed probe helper its capability on the user's behalf: polkit's pkexec asks for
// an administrator's password, then runs the installed grant program, which gives the installed
// helper its capabilities and nothing else. Nothing is run as root but that fixed program.
class HelperPermission : public QObject
{
    Q_OBJECT

public:
    struct Tools
    {
        QString helper;       // the helper the grant program changes
        QString grantProgram; // takes no arguments
        QString pkexec;       // empty when polkit's pkexec is not installed
    };
    // The installed helper and grant program, and pkexec from the system's PATH.
    static Tools installedTools();

    explicit HelperPermission(Tools tools, QObject *parent = nullptr);
    void setTools(Tools tools) { m_tools = std::move(tools); }

    // Empty when grant() can ask for `helperInUse`; otherwise why it cannot, and what an
    // administrator can run instead (the degraded reason above it already names setcap).
    QString unavailableReason(const QString &helperInUse) const;
    bool isRunning() const { return m_process != nullptr; }

public Q_SLOTS:
    // Asks polkit, without blocking; `finished` tells how it went. Ignored while one runs.
    void grant();

Q_SIGNALS:
    void started();
    void finished(bool granted, const QString &message);

private:
    void onFinished(int exitCode);

    Tools m_tools;
    QProcess *m_process = nullptr;
};

} // namespace hopscope
