// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "clicommands.h"
#include "clioutput.h"
#include "commandline.h"
#include "monitorprinter.h"

#include "traceoptions.h"

#include "import/pathformat.h"
#include "path/networkpathjson.h"
#include "report/monitortexttable.h"
#include "report/pathtexttable.h"

#include <QCommandLineParser>

namespace hopscope::cli {

int runShow(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Print a saved path file (NetworkPath JSON or another tool's output) as a "
                       "table and a one-line summary, every trace it holds."));
    const QCommandLineOption help = helpOption();
    parser.addOption(help);
    const OwnerOptions ownerOptions;
    ownerOptions.addTo(parser);
    parser.addPositionalArgument(QStringLiteral("FILE"), QStringLiteral("The file to print."));
    QString file;
    if (const auto done = parseCommandLine(parser, help, "show", "file", arguments, file))
        return *done;
    std::string error;
    const auto owners = ownerOptions.open(parser, nullptr, error);
    if (!error.empty()) {
        printError("show: " + error);
        return ExitError;
    }
    auto paths = readPathFile(file.toStdString());
    if (!paths) {
        printError(paths.error().message);
        return ExitError;
    }
    ownerOptions.addMissingOwners(*paths, owners, "show");
    // A file of several traces (RIPE Atlas results of many probes, scamper's records, a
    // transcript of two commands) prints each in turn.
    for (std::size_t i = 0; i < paths->size(); ++i) {
        if (paths->size() > 1)
            printText((i > 0 ? "\n" : "") + std::string("Trace ") + std::to_string(i + 1) + " of " +
                      std::to_string(paths->size()) + "\n");
        const PathModel model = PathModel::fromPath((*paths)[i]);
        const std::string notes = formatReplyNotes(model);
        printText(formatPathTable(model) + (notes.empty() ? "" : "\n" + notes) + "\n" +
                  formatPathSummary(model) + "\n" + formatPathMtu(model));
        // Figures per hop, when the file has them: over every round of a monitoring session,
        // or counted from a trace's probes or by the tool that wrote the file.
        if (model.isMonitoring())
            printText("\nMonitored: " + formatMonitorReport(model));
        else if (model.counted())
            printText("\n" + formatFiguresReport(model));
    }
    return ExitOk;
}

} // namespace hopscope::cli
