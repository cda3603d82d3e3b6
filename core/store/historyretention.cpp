// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "store/historyretention.h"

#include <QSettings>

#include <algorithm>

namespace hopscope {

namespace {

const char *const kKeepDaysKey = "history/keepDays";

} // namespace

int loadHistoryKeepDays()
{
    // A value edited by hand out of range reads as the nearest one allowed.
    return std::clamp(QSettings().value(QLatin1String(kKeepDaysKey), 0).toInt(), 0,
                      kMaxHistoryKeepDays);
}

void saveHistoryKeepDays(int days)
{
    QSettings().setValue(QLatin1String(kKeepDaysKey), std::clamp(days, 0, kMaxHistoryKeepDays));
}

} // namespace hopscope
