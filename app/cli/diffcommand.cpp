// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "clicommands.h"
#include "clioutput.h"
#include "commandline.h"

#include "path/networkpathjson.h"
#include "report/comparisonformat.h"

#include <QCommandLineParser>

#include <nlohmann/json.hpp>

namespace hopscope::cli {

int runDiff(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Compare two saved NetworkPath JSON files hop by hop: hops added, removed or changed,\n"
        "ECMP sets that differ, path length and reachability, and per-hop RTT and loss, with a\n"
        "Mann-Whitney U test where both files hold per-probe samples.\n"
        "Exit status: 0 when the routes are the same, 1 when they differ, 2 on error."));
    const QCommandLineOption help = helpOption();
    const QCommandLineOption json(QStringLiteral("json"),
                                  QStringLiteral("Print the comparison as JSON."));
    parser.addOptions({help, json});
    parser.addPositionalArgument(QStringLiteral("FIRST.json"), QStringLiteral("The earlier path."));
    parser.addPositionalArgument(QStringLiteral("SECOND.json"), QStringLiteral("The later path."));
    QStringList files;
    if (const auto done =
            parseCommandLine(parser, help, "diff", {"first file", "second file"}, arguments, files))
        return *done;
    const auto read = readPathFiles(files);
    if (!read)
        return ExitError;
    const PathModel first = PathModel::fromPath((*read)[0]);
    const PathModel second = PathModel::fromPath((*read)[1]);
    const PathComparison comparison = comparePaths(first, second);
    if (parser.isSet(json))
        printOut(comparisonToJson(comparison, first, second)
                     .dump(2, ' ', false, nlohmann::json::error_handler_t::replace) +
                 "\n");
    else
        printText(formatComparison(comparison, first, second));
    return comparison.routesDiffer() ? ExitDifferent : ExitOk;
}

} // namespace hopscope::cli
