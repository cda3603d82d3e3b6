// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "file/outputfile.h"
#include "store/applocations.h"
#include "ui/mainwindow.h"
#include "ui/translations.h"
#include "version.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QMessageBox>

#include <string_view>

namespace {

void describeCommandLine(QCommandLineParser &parser)
{
    parser.setApplicationDescription(
        QCoreApplication::translate("main", "See the network path to a destination."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOption(QCommandLineOption(
        QStringLiteral("monitor"),
        QCoreApplication::translate("main",
                                    "Start monitoring HOST, with the protocol and options the "
                                    "window used last; repeat it to monitor several hosts."),
        QStringLiteral("HOST")));
    parser.addPositionalArgument(
        QStringLiteral("files"),
        QCoreApplication::translate("main", "NetworkPath JSON files to open."),
        QStringLiteral("[FILE...]"));
}

// --help and --version are answered without a display (over ssh, in scripts): before the
// window's application, which needs one, exists.
bool asksOnlyForText(int argc, char *argv[])
{
    for (int i = 1; i < argc; ++i) {
        const std::string_view argument = argv[i];
        if (argument == "-h" || argument == "--help" || argument == "--help-all" ||
            argument == "-v" || argument == "--version")
            return true;
    }
    return false;
}

} // namespace

int main(int argc, char *argv[])
{
    if (asksOnlyForText(argc, argv)) {
        QCoreApplication app(argc, argv);
        hopscope::useApplicationIdentity();
        hopscope::installTranslations(app);
        QCommandLineParser parser;
        describeCommandLine(parser);
        parser.process(app); // prints and exits
        return 0;
    }

    hopscope::installTemporaryFileCleanup();
    QApplication app(argc, argv);
    hopscope::useApplicationIdentity();
    QGuiApplication::setApplicationDisplayName(QStringLiteral("Hopscope"));
    hopscope::installTranslations(app);
    const hopscope::LegacyMigration migration = hopscope::migrateLegacyLocations();
    // Ties the windows to the installed desktop file (its icon and name in docks and task bars).
    QGuiApplication::setDesktopFileName(QString::fromLatin1(hopscope::kAppId));
    QCommandLineParser parser;
    describeCommandLine(parser);
    parser.process(app);

    hopscope::MainWindow window;
    window.show();
    if (!migration.problems.isEmpty())
        QMessageBox::warning(&window, QCoreApplication::translate("main", "Earlier Settings"),
                             migration.problems.join(QLatin1Char('\n')));
    window.openFiles(parser.positionalArguments());
    window.monitorSeveral(parser.values(QStringLiteral("monitor")));
    return QApplication::exec();
}
