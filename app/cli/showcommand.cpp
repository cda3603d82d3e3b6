#include "clicommands.h"
#include "clioutput.h"

#include "path/networkpathjson.h"
#include "report/pathtexttable.h"

#include <QCommandLineParser>

namespace hopscope::cli {

int runShow(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Print a saved NetworkPath JSON file as a table and a one-line summary."));
    const QCommandLineOption help({QStringLiteral("h"), QStringLiteral("help")},
                                  QStringLiteral("Show this help."));
    parser.addOption(help);
    parser.addPositionalArgument(QStringLiteral("FILE.json"),
                                 QStringLiteral("The NetworkPath file to print."));
    if (!parser.parse(QStringList{QStringLiteral("hopscope-cli show")} + arguments)) {
        printError("show: " + parser.errorText().toStdString());
        return ExitError;
    }
    if (parser.isSet(help)) {
        printOut(parser.helpText().toStdString());
        return ExitOk;
    }
    const QStringList files = parser.positionalArguments();
    if (files.size() != 1) {
        printError(files.isEmpty() ? "show: no file given"
                                   : "show: takes exactly one file");
        return ExitError;
    }
    const auto path = readNetworkPathFile(files.constFirst().toStdString());
    if (!path) {
        printError(path.error().message);
        return ExitError;
    }
    printOut(formatPathTable(*path) + "\n" + formatPathSummary(*path) + "\n");
    return ExitOk;
}

} // namespace hopscope::cli
