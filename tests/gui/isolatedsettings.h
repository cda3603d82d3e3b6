// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "store/historystore.h"
#include "ui/ownerlookupsettings.h"

#include <QCoreApplication>
#include <QFile>
#include <QSettings>
#include <QStandardPaths>
#include <QString>

namespace hopscope::testing {

// Gives a window test settings of its own in `folder` and a history under ~/.qttest that starts
// empty, so that recent files start empty and nothing of a user's is read or touched. Owners are
// not looked up over the network: the fixtures' public addresses are asked of no DNS server.
inline void isolateSettingsAndHistory(const QString &folder)
{
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, folder);
    QCoreApplication::setOrganizationName(QStringLiteral("HopscopeTest"));
    QStandardPaths::setTestModeEnabled(true);
    QFile::remove(HistoryStore::defaultFileName());
    hopscope::saveOwnerLookupSettings({false, {}});
}

} // namespace hopscope::testing
