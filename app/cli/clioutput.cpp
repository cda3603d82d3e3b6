// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "clioutput.h"

#include "common/safetext.h"

#include <QString>
#include <QtGlobal>

#include <cstdio>
#include <string>

namespace hopscope::cli {

void printOut(std::string_view text)
{
    std::fwrite(text.data(), 1, text.size(), stdout);
    std::fflush(stdout);
}

void printText(std::string_view text)
{
    printOut(printable(text, true));
}

void printError(std::string_view text)
{
    // Messages quote files, names and replies: nothing in them may drive the terminal.
    const std::string safe = printable(text, true);
    std::fprintf(stderr, "hopscope-cli: %.*s\n", static_cast<int>(safe.size()), safe.data());
}

namespace {

void quietQtMessage(QtMsgType type, const QMessageLogContext &, const QString &message)
{
    if (type == QtFatalMsg)
        printError(message.toStdString());
}

void verboseQtMessage(QtMsgType, const QMessageLogContext &, const QString &message)
{
    printError("Qt: " + message.toStdString());
}

} // namespace

void keepQtMessagesQuiet(bool verbose)
{
    qInstallMessageHandler(verbose ? verboseQtMessage : quietQtMessage);
}

} // namespace hopscope::cli
