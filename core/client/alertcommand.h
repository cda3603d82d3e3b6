// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "common/expected.h"
#include "monitor/alertwatch.h"
#include "path/networkpath.h"

#include <QString>

namespace hopscope {

// Runs the user's alert command with /bin/sh, in the background and on its own, with the alert
// in its environment: HOPSCOPE_ALERT (raised or cleared), HOPSCOPE_ALERT_RULE, _ROUND, _TIME
// (UTC), _VALUE, _DETAIL, _MESSAGE, HOPSCOPE_TARGET and HOPSCOPE_DESTINATION. The CLI's
// --alert-command and the window's alert command both run this way. Fails only when the shell
// cannot be started.
Status runAlertCommand(const QString &command, const AlertEvent &event, const NetworkPath &header);

} // namespace hopscope
