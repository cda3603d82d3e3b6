// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "clicommands.h"
#include "clioutput.h"
#include "commandline.h"
#include "monitorprinter.h"

#include "import/pathimport.h"
#include "path/networkpathjson.h"
#include "report/monitortexttable.h"
#include "report/pathtexttable.h"

#include <QCommandLineParser>

namespace hopscope::cli {

int runShow(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Print a saved NetworkPath JSON file as a table and a one-line summary."));
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
    const PathModel model = PathModel::fromPath(*path);
    printText(formatPathTable(model) + "\n" + formatPathSummary(model) + "\n");
    // Figures per hop, when the file has them: over every round of a monitoring session, or
    // counted from a trace's probes or by the tool that wrote the file.
    if (model.isMonitoring())
        printText("\nMonitored: " + formatMonitorReport(model));
    else if (model.counted())
        printText("\n" + formatFiguresReport(model));
    return ExitOk;
}

} // namespace hopscope::cli
