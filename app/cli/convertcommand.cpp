// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "clicommands.h"
#include "clioutput.h"
#include "commandline.h"

#include "file/outputfile.h"
#include "import/pathformat.h"
#include "path/networkpathjson.h"

#include <QCommandLineParser>

namespace hopscope::cli {

namespace {

constexpr std::size_t kMaxConvertedFiles = 1000;

} // namespace

int runConvert(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Write any file Hopscope reads (mtr, traceroute, tracert, Cisco, RIPE Atlas, scamper,\n"
        "Dublin Traceroute, Trippy or any Datadog shape) as NetworkPath JSON that the Datadog\n"
        "tooling and Hopscope read back. One path is one JSON object; several (several files,\n"
        "or a file of several traces) are a JSON array of them, in the order given."));
    const QCommandLineOption help = helpOption();
    const QCommandLineOption output({QStringLiteral("o"), QStringLiteral("output")},
                                    QStringLiteral("Write to OUT (else standard output)."),
                                    QStringLiteral("OUT"));
    const QCommandLineOption datadog(
        QStringLiteral("datadog"),
        QStringLiteral("v4: hops under traceroute.runs[], as today's agent writes them "
                       "(default); v3: a flat hops list, as earlier agents wrote them."),
        QStringLiteral("SHAPE"), QStringLiteral("v4"));
    parser.addOptions({help, output, datadog});
    parser.addPositionalArgument(QStringLiteral("FILE..."),
                                 QStringLiteral("The files to convert."));
    std::vector<std::string> operandNames(kMaxConvertedFiles, "file");
    QStringList files;
    if (const auto done = parseCommandLine(parser, help, "convert", operandNames, arguments, files,
                                           kMaxConvertedFiles - 1))
        return *done;
    const QString shapeName = parser.value(datadog);
    if (shapeName != QLatin1String("v3") && shapeName != QLatin1String("v4")) {
        printError("convert: --datadog must be v3 or v4, not '" + shapeName.toStdString() + "'");
        return ExitError;
    }
    const DatadogShape shape =
        shapeName == QLatin1String("v3") ? DatadogShape::Flat : DatadogShape::Runs;
    std::vector<NetworkPath> paths;
    for (const QString &file : files) {
        auto read = readPathFile(file.toStdString());
        if (!read) {
            printError(read.error().message);
            return ExitError;
        }
        std::move(read->begin(), read->end(), std::back_inserter(paths));
    }
    std::string text;
    if (paths.size() == 1) {
        text = networkPathToJson(paths.front(), 2, shape);
    } else {
        nlohmann::ordered_json all = nlohmann::ordered_json::array();
        for (const NetworkPath &path : paths)
            all.push_back(networkPathToJsonValue(path, shape));
        text = all.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
    }
    return writeCommandOutput(parser, output, text + "\n");
}

} // namespace hopscope::cli
