// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <QStringList>

namespace hopscope::cli {

// Exit statuses shared by every subcommand.
enum ExitStatus { ExitOk = 0, ExitDifferent = 1, ExitError = 2, ExitInterrupted = 130 };

// `arguments` excludes the program name; the first is the subcommand.
int run(const QStringList &arguments);

int runShow(const QStringList &arguments);
int runTrace(const QStringList &arguments);
int runMonitor(const QStringList &arguments);
int runDiff(const QStringList &arguments);
int runReport(const QStringList &arguments);
int runConvert(const QStringList &arguments);
int runHistory(const QStringList &arguments);

} // namespace hopscope::cli
