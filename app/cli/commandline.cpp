// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "commandline.h"

#include "clicommands.h"
#include "clioutput.h"

#include "file/outputfile.h"
#include "import/pathformat.h"

namespace hopscope::cli {

QCommandLineOption helpOption()
{
    return QCommandLineOption({QStringLiteral("h"), QStringLiteral("help")},
                              QStringLiteral("Show this help."));
}

std::optional<int> parseCommandLine(QCommandLineParser &parser, const QCommandLineOption &help,
                                    const std::string &command, const std::string &operandName,
                                    const QStringList &arguments, QString &operand)
{
    QStringList operands;
    const auto done = parseCommandLine(parser, help, command, {operandName}, arguments, operands);
    if (!done)
        operand = operands.constFirst();
    return done;
}

std::optional<int> parseCommandLine(QCommandLineParser &parser, const QCommandLineOption &help,
                                    const std::string &command,
                                    const std::vector<std::string> &operandNames,
                                    const QStringList &arguments, QStringList &operands,
                                    std::size_t optional)
{
    if (!parser.parse(
            QStringList{QStringLiteral("hopscope-cli ") + QString::fromStdString(command)} +
            arguments)) {
        printError(command + ": " + parser.errorText().toStdString());
        return ExitError;
    }
    if (parser.isSet(help)) {
        // Qt names only the program in the usage line; the command belongs there too.
        std::string text = parser.helpText().toStdString();
        const auto options = text.find(" [options]");
        if (text.rfind("Usage: ", 0) == 0 && options != std::string::npos)
            text.replace(0, options, "Usage: hopscope-cli " + command);
        printOut(text);
        return ExitOk;
    }
    operands = parser.positionalArguments();
    const auto wanted = static_cast<qsizetype>(operandNames.size());
    const auto required = wanted - static_cast<qsizetype>(optional);
    if (operands.size() < required) {
        printError(command + ": no " + operandNames[static_cast<std::size_t>(operands.size())] +
                   " given");
        return ExitError;
    }
    if (operands.size() > wanted) {
        printError(command +
                   (wanted == 0    ? ": takes no operands, only options"
                    : optional > 0 ? ": takes at most " + std::to_string(wanted) + " operands"
                    : wanted == 1  ? ": takes exactly one " + operandNames.front()
                                   : ": takes exactly " + std::to_string(wanted) + " operands"));
        return ExitError;
    }
    return std::nullopt;
}

int writeCommandOutput(const QCommandLineParser &parser, const QCommandLineOption &output,
                       const std::string &bytes)
{
    if (!parser.isSet(output)) {
        printOut(bytes);
        return ExitOk;
    }
    const Status written = writeOutputFile(parser.value(output).toStdString(), bytes);
    if (!written) {
        printError(written.error().message);
        return ExitError;
    }
    return ExitOk;
}

std::optional<std::vector<NetworkPath>> readPathFiles(const QStringList &files)
{
    std::vector<NetworkPath> paths;
    for (const QString &file : files) {
        auto read = readPathFile(file.toStdString());
        if (!read) {
            printError(read.error().message);
            return std::nullopt;
        }
        // A command that takes one path per file takes a file's first trace, and says so.
        if (read->size() > 1)
            printError(file.toStdString() + ": holds " + std::to_string(read->size()) +
                       " traces; using the first (hopscope-cli show prints them all)");
        paths.push_back(std::move(read->front()));
    }
    return paths;
}

} // namespace hopscope::cli
