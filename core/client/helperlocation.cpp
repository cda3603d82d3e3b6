// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "client/helperlocation.h"

#include "helperpaths.h"

#include <QCoreApplication>
#include <QDir>

namespace hopscope {

QString helperPath()
{
    const QString buildDir = QDir::cleanPath(QString::fromUtf8(kBuildTreeDir));
    if (QDir::cleanPath(QCoreApplication::applicationDirPath()) == buildDir)
        return buildDir + QStringLiteral("/hopscope-probe");
    return QString::fromUtf8(kInstalledHelperPath);
}

} // namespace hopscope
