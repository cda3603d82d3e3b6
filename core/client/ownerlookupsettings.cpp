// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "client/ownerlookupsettings.h"

#include <QSettings>

namespace hopscope {

namespace {

const QString kOnlineKey = QStringLiteral("owners/online");
const QString kDatabasesKey = QStringLiteral("owners/databases");

} // namespace

OwnerLookupSettings loadOwnerLookupSettings()
{
    QSettings settings;
    return {settings.value(kOnlineKey, true).toBool(),
            settings.value(kDatabasesKey).toStringList()};
}

void saveOwnerLookupSettings(const OwnerLookupSettings &settings)
{
    QSettings stored;
    stored.setValue(kOnlineKey, settings.online);
    stored.setValue(kDatabasesKey, settings.databases);
}

} // namespace hopscope
