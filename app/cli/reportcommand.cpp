// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "clicommands.h"
#include "clioutput.h"
#include "commandline.h"
#include "traceoptions.h"

#include "file/outputfile.h"
#include "path/networkpathjson.h"
#include "report/comparisonreport.h"
#include "report/reportcontent.h"
#include "ui/print/pdfreport.h"

#include <QCommandLineParser>
#include <QDateTime>
#include <QFileInfo>

namespace hopscope::cli {

int runReport(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Write a report of a saved NetworkPath JSON file: HTML (self-contained, with the hop "
        "graph\n"
        "and the RTT chart), PDF, CSV (one row per hop) or Markdown. Each says whether the\n"
        "destination was reached, where latency and loss start, which hops look rate-limited,\n"
        "when it was traced and the command that repeats it.\n"
        "Given two files, the report compares them as `diff` does: both graphs with the hops that\n"
        "differ outlined, both medians per TTL on one chart, and a row per TTL (CSV too)."));
    const QCommandLineOption help = helpOption();
    const QCommandLineOption format(
        QStringLiteral("format"),
        QStringLiteral("html, pdf, csv or md (default: from OUT's extension, else html)."),
        QStringLiteral("FORMAT"));
    const QCommandLineOption output(
        {QStringLiteral("o"), QStringLiteral("output")},
        QStringLiteral("Write the report to OUT (required for pdf; else standard output)."),
        QStringLiteral("OUT"));
    const QCommandLineOption redact(
        QStringLiteral("redact"),
        QStringLiteral("Hide the source and every router in a private, shared (CGNAT), "
                       "link-local or loopback range."));
    const QCommandLineOption redactFirst(
        QStringLiteral("redact-first"),
        QStringLiteral("Hide the routers of the first N hops, 1-255."), QStringLiteral("N"));
    parser.addOptions({help, format, output, redact, redactFirst});
    const OwnerOptions ownerOptions;
    ownerOptions.addTo(parser);
    parser.addPositionalArgument(QStringLiteral("FILE.json"),
                                 QStringLiteral("The NetworkPath file to report on."));
    parser.addPositionalArgument(QStringLiteral("SECOND.json"),
                                 QStringLiteral("A later path to compare it with (optional)."),
                                 QStringLiteral("[SECOND.json]"));
    QStringList files;
    if (const auto done =
            parseCommandLine(parser, help, "report", {"file", "second file"}, arguments, files, 1))
        return *done;

    QString formatName = parser.value(format);
    if (formatName.isEmpty() && parser.isSet(output))
        formatName = QFileInfo(parser.value(output)).suffix().toLower();
    if (formatName.isEmpty())
        formatName = QStringLiteral("html");
    const auto reportFormat = parseReportFormat(formatName.toStdString());
    if (!reportFormat) {
        printError(
            "report: " + std::string(parser.isSet(format) ? "--format" : "the output's extension") +
            ": '" + formatName.toStdString() + "' is not html, pdf, csv or md");
        return ExitError;
    }
    ReportOptions options;
    std::string error;
    options.redaction.firstHops = intOption(parser, redactFirst, error).value_or(0);
    if (error.empty() && parser.isSet(redactFirst) &&
        (options.redaction.firstHops < 1 || options.redaction.firstHops > 255))
        error = "--redact-first must be between 1 and 255 (got " +
                std::to_string(options.redaction.firstHops) + ")";
    if (error.empty() && *reportFormat == ReportFormat::Pdf && !parser.isSet(output))
        error = "a PDF report needs -o OUT";
    const auto owners = error.empty() ? ownerOptions.open(parser, nullptr, error) : nullptr;
    if (!error.empty()) {
        printError("report: " + error);
        return ExitError;
    }
    options.redaction.source = options.redaction.privateHops = parser.isSet(redact);
    options.generatedAtMs = QDateTime::currentMSecsSinceEpoch();

    auto read = readPathFiles(files);
    if (!read)
        return ExitError;
    ownerOptions.addMissingOwners(*read, owners, "report");
    const std::vector<NetworkPath> &paths = *read;
    const auto rendered =
        paths.size() == 1 ? renderReport(buildReportContent(paths[0], options), *reportFormat)
                          : renderReport(buildComparisonReportContent(paths[0], paths[1], options),
                                         *reportFormat);
    if (!rendered) {
        printError("report: " + rendered.error().message);
        return ExitError;
    }
    return writeCommandOutput(parser, output, *rendered);
}

} // namespace hopscope::cli
