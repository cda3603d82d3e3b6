// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "path/networkpath.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QString>
#include <QStringList>

#include <optional>
#include <string>
#include <vector>

namespace hopscope::cli {

// Every subcommand's -h/--help.
QCommandLineOption helpOption();

// Parses `hopscope-cli <command> arguments...` for a command that takes exactly one operand
// (a host, a file). Empty when the command goes on, with the operand in `operand`; otherwise
// the exit status to return: the help was shown, or what is wrong was said on stderr.
std::optional<int> parseCommandLine(QCommandLineParser &parser, const QCommandLineOption &help,
                                    const std::string &command, const std::string &operandName,
                                    const QStringList &arguments, QString &operand);
// The same for a command that takes one operand per name, in order; the last `optional` of them
// may be left out.
std::optional<int> parseCommandLine(QCommandLineParser &parser, const QCommandLineOption &help,
                                    const std::string &command,
                                    const std::vector<std::string> &operandNames,
                                    const QStringList &arguments, QStringList &operands,
                                    std::size_t optional = 0);

// Reads each operand as a path file of any known kind. Empty after saying on stderr which file
// could not be read and why.
// Writes a command's result to -o OUT (through writeOutputFile) or to standard output; the exit
// status.
int writeCommandOutput(const QCommandLineParser &parser, const QCommandLineOption &output,
                       const std::string &bytes);

std::optional<std::vector<NetworkPath>> readPathFiles(const QStringList &files);

} // namespace hopscope::cli
