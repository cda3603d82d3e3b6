#include "clicommands.h"
#include "clioutput.h"
#include "commandline.h"
#include "monitorprinter.h"

#include "import/pathimport.h"
#include "path/networkpathjson.h"
#include "report/pathtexttable.h"

#include <QCommandLineParser>

namespace hopscope::cli {

int runShow(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Print a saved NetworkPath JSON file as a table and a one-line summary."));
    const QCommandLineOption help = helpOption();
    parser.addOption(help);
    parser.addPositionalArgument(QStringLiteral("FILE.json"),
                                 QStringLiteral("The NetworkPath file to print."));
    QString file;
    if (const auto done = parseCommandLine(parser, help, "show", "file", arguments, file))
        return *done;
    const auto path = readAnyPathFile(file.toStdString());
    if (!path) {
        printError(path.error().message);
        return ExitError;
    }
    printText(formatPathTable(*path) + "\n" + formatPathSummary(*path) + "\n");
    // A monitoring session's file also holds its figures over every round.
    if (path->hopscope && path->hopscope->monitor)
        printText("\nMonitored: " + formatMonitorReport(*path));
    return ExitOk;
}

} // namespace hopscope::cli
