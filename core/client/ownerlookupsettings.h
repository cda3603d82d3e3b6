// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <QStringList>

namespace hopscope {

// Where Hopscope learns whose network each hop is in, as the user chose it in the window (kept in
// QSettings): Team Cymru's DNS service, on unless turned off for privacy, and MaxMind-format
// databases, asked first. hopscope-cli reads `online` too, so that lookups turned off in the
// window are off for every run of either.
struct OwnerLookupSettings
{
    bool online = true;
    QStringList databases;
};

OwnerLookupSettings loadOwnerLookupSettings();
void saveOwnerLookupSettings(const OwnerLookupSettings &settings);

} // namespace hopscope
