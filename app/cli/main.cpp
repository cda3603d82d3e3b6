// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "clicommands.h"
#include "clioutput.h"
#include "file/outputfile.h"
#include "store/applocations.h"

#include <QCoreApplication>
#include <QGuiApplication>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <memory>

int main(int argc, char *argv[])
{
    hopscope::installTemporaryFileCleanup();
    // --verbose, anywhere on the line, belongs to every command: it lets Qt's messages through.
    const auto kept = std::remove_if(argv + 1, argv + argc, [](const char *word) {
        return std::strcmp(word, "--verbose") == 0;
    });
    const bool verbose = kept != argv + argc;
    argc = static_cast<int>(kept - argv);
    argv[argc] = nullptr;
    hopscope::cli::keepQtMessagesQuiet(verbose);
    // Only `report` draws (PDF pages need fonts, so a QGuiApplication); it needs no display.
    std::unique_ptr<QCoreApplication> app;
    if (argc > 1 && std::strcmp(argv[1], "report") == 0) {
        if (!std::getenv("QT_QPA_PLATFORM"))
            setenv("QT_QPA_PLATFORM", "offscreen", 1);
        app = std::make_unique<QGuiApplication>(argc, argv);
    } else {
        app = std::make_unique<QCoreApplication>(argc, argv);
    }
    // The window's names: both share the settings and one history database (and its AS answers).
    hopscope::useApplicationIdentity();
    for (const QString &problem : hopscope::migrateLegacyLocations().problems)
        hopscope::cli::printError(problem.toStdString());
    return hopscope::cli::run(QCoreApplication::arguments().mid(1));
}
