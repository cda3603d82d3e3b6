// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "clicommands.h"
#include "clioutput.h"
#include "commandline.h"
#include "traceoptions.h"

#include "path/networkpathjson.h"
#include "report/textformat.h"
#include "store/historyretention.h"
#include "store/historystore.h"

#include <QCommandLineParser>
#include <QDateTime>
#include <QFileInfo>

#include <nlohmann/json.hpp>

namespace hopscope::cli {

namespace {

constexpr std::string_view kHistoryUsage = R"(Usage: hopscope-cli history list [options]
       hopscope-cli history export [options] ID
       hopscope-cli history prune [options]
The history the window keeps of every trace and monitoring session, for scripts.

Commands:
  list        One line per saved path or session, newest first: its ID, when it was
              traced, the target, protocol, result, rounds, whether it is a session
              still recording or one interrupted, name and tags.
              See `hopscope-cli history list --help`.
  export ID   Write entry ID as NetworkPath JSON (a session with every probe kept).
              See `hopscope-cli history export --help`.
  prune       Remove what was saved longer ago than the window's History panel keeps
              it, or than --older-than DAYS says.
              See `hopscope-cli history prune --help`.
)";

QCommandLineOption databaseOption()
{
    return QCommandLineOption(QStringLiteral("database"),
                              QStringLiteral("The history database (default: the window's, %1).")
                                  .arg(HistoryStore::defaultFileName()),
                              QStringLiteral("FILE"));
}

// The history to read; a database that is not there yet is an empty history, not created.
Expected<std::unique_ptr<HistoryStore>> openHistory(const QCommandLineParser &parser,
                                                    const QCommandLineOption &database)
{
    const QString fileName =
        parser.isSet(database) ? parser.value(database) : HistoryStore::defaultFileName();
    if (!QFileInfo::exists(fileName))
        return std::unique_ptr<HistoryStore>();
    return HistoryStore::open(fileName);
}

std::string resultText(const HistoryEntry &entry)
{
    return (entry.reached ? "reached at TTL " : "not reached, TTL ") + std::to_string(entry.hops);
}

// A session kept as it runs: still running, or cut off before it ended ("-" for the others).
std::string stateText(const HistoryEntry &entry)
{
    return entry.recording ? "recording" : entry.interrupted ? "interrupted" : "-";
}

std::string tagsText(const std::vector<std::string> &tags)
{
    std::string text;
    for (const std::string &tag : tags)
        text += (text.empty() ? "" : ",") + tag;
    return text;
}

nlohmann::ordered_json entryToJson(const HistoryEntry &entry)
{
    return {{"id", entry.id},
            {"traced_at_ms", entry.tracedAtMs},
            {"saved_at_ms", entry.savedAtMs},
            {"target", entry.target},
            {"destination", entry.destination},
            {"protocol", protocolName(entry.protocol)},
            {"reached", entry.reached},
            {"hops", entry.hops},
            {"rounds", entry.rounds},
            {"name", entry.name},
            {"tags", entry.tags},
            {"recording", entry.recording},
            {"interrupted", entry.interrupted}};
}

int runHistoryList(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "List the history, newest first: one line per saved path or monitoring session."));
    const QCommandLineOption help = helpOption();
    const QCommandLineOption database = databaseOption();
    const QCommandLineOption search(
        QStringLiteral("search"),
        QStringLiteral("Only entries whose target, address, name or a tag holds TEXT (any case)."),
        QStringLiteral("TEXT"));
    const QCommandLineOption protocol(QStringLiteral("protocol"),
                                      QStringLiteral("Only tcp, udp or icmp entries."),
                                      QStringLiteral("PROTOCOL"));
    const QCommandLineOption limit(
        QStringLiteral("limit"), QStringLiteral("List at most N entries, 1-100000 (default 1000)."),
        QStringLiteral("N"));
    const QCommandLineOption json(QStringLiteral("json"),
                                  QStringLiteral("Print the entries as a JSON array."));
    parser.addOptions({help, database, search, protocol, limit, json});
    QStringList operands;
    if (const auto done = parseCommandLine(parser, help, "history list", std::vector<std::string>{},
                                           arguments, operands))
        return *done;

    HistoryQuery query;
    query.text = parser.value(search).toStdString();
    std::string error;
    if (parser.isSet(protocol)) {
        query.protocol = parseProtocol(parser.value(protocol).toStdString());
        if (!query.protocol)
            error = "--protocol must be tcp, udp or icmp, not '" +
                    parser.value(protocol).toStdString() + "'";
    }
    if (const auto count = intOption(parser, limit, error); count && error.empty()) {
        if (*count < 1 || *count > 100000)
            error = "--limit must be 1-100000, not " + std::to_string(*count);
        query.limit = *count;
    }
    if (!error.empty()) {
        printError("history list: " + error);
        return ExitError;
    }
    auto store = openHistory(parser, database);
    if (!store) {
        printError("history list: " + store.error().message);
        return ExitError;
    }
    std::vector<HistoryEntry> entries;
    if (*store) {
        auto listed = (*store)->list(query);
        if (!listed) {
            printError("history list: " + listed.error().message);
            return ExitError;
        }
        entries = std::move(*listed);
    }
    if (parser.isSet(json)) {
        nlohmann::ordered_json all = nlohmann::ordered_json::array();
        for (const HistoryEntry &entry : entries)
            all.push_back(entryToJson(entry));
        printOut(all.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n");
        return ExitOk;
    }
    if (entries.empty())
        return ExitOk;
    std::vector<std::vector<std::string>> rows{
        {"ID", "TRACED", "TARGET", "PROTOCOL", "RESULT", "ROUNDS", "STATE", "NAME", "TAGS"}};
    for (const HistoryEntry &entry : entries)
        rows.push_back({std::to_string(entry.id), formatTracedAt(entry.tracedAtMs), entry.target,
                        std::string(protocolName(entry.protocol)), resultText(entry),
                        entry.rounds > 0 ? std::to_string(entry.rounds) : "-", stateText(entry),
                        entry.name, tagsText(entry.tags)});
    printText(formatColumns(rows, {true, false, false, false, false, true, false, false, false}));
    return ExitOk;
}

int runHistoryExport(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Write a history entry as NetworkPath JSON, as the window saves it: a "
                       "monitoring session with every probe, its statistics and route changes."));
    const QCommandLineOption help = helpOption();
    const QCommandLineOption database = databaseOption();
    const QCommandLineOption output({QStringLiteral("o"), QStringLiteral("output")},
                                    QStringLiteral("Write to FILE (else standard output)."),
                                    QStringLiteral("FILE"));
    parser.addOptions({help, database, output});
    parser.addPositionalArgument(QStringLiteral("ID"),
                                 QStringLiteral("The entry's ID, as history list shows it."));
    QString operand;
    if (const auto done =
            parseCommandLine(parser, help, "history export", "ID", arguments, operand))
        return *done;
    bool number = false;
    const qlonglong id = operand.toLongLong(&number);
    if (!number || id < 1) {
        printError("history export: '" + operand.toStdString() +
                   "' is not an entry ID (a whole number from `hopscope-cli history list`)");
        return ExitError;
    }
    auto store = openHistory(parser, database);
    if (!store) {
        printError("history export: " + store.error().message);
        return ExitError;
    }
    if (!*store) {
        printError("history export: the history is empty: no entry " + std::to_string(id));
        return ExitError;
    }
    auto path = (*store)->load(id);
    if (!path) {
        printError("history export: " + path.error().message);
        return ExitError;
    }
    return writeCommandOutput(parser, output, networkPathToJson(*path) + "\n");
}

int runHistoryPrune(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Remove the history's entries saved more than DAYS days ago: as many as --older-than "
        "says, else as the window's History panel keeps them. A monitoring session still being "
        "kept as it runs, or interrupted, stays."));
    const QCommandLineOption help = helpOption();
    const QCommandLineOption database = databaseOption();
    const QCommandLineOption olderThan(
        QStringLiteral("older-than"),
        QStringLiteral("Remove what was saved more than DAYS days ago, 1-%1.")
            .arg(kMaxHistoryKeepDays),
        QStringLiteral("DAYS"));
    parser.addOptions({help, database, olderThan});
    QStringList operands;
    if (const auto done = parseCommandLine(parser, help, "history prune",
                                           std::vector<std::string>{}, arguments, operands))
        return *done;
    std::string error;
    int days = loadHistoryKeepDays();
    if (const auto given = intOption(parser, olderThan, error); given && error.empty()) {
        if (*given < 1 || *given > kMaxHistoryKeepDays)
            error = "--older-than must be 1-" + std::to_string(kMaxHistoryKeepDays) + ", not " +
                    std::to_string(*given);
        days = *given;
    } else if (error.empty() && days == 0) {
        error = "the history is kept forever (Keep forever in the window's History panel); say "
                "how old with --older-than DAYS";
    }
    if (!error.empty()) {
        printError("history prune: " + error);
        return ExitError;
    }
    auto store = openHistory(parser, database);
    if (!store) {
        printError("history prune: " + store.error().message);
        return ExitError;
    }
    int removed = 0;
    if (*store) {
        const auto forgotten = (*store)->forgetSavedBefore(
            historyKeepCutoffMs(days, QDateTime::currentMSecsSinceEpoch()));
        if (!forgotten) {
            printError("history prune: " + forgotten.error().message);
            return ExitError;
        }
        removed = *forgotten;
    }
    printText("removed " + std::to_string(removed) + (removed == 1 ? " entry" : " entries") +
              " saved more than " + std::to_string(days) + (days == 1 ? " day" : " days") +
              " ago\n");
    return ExitOk;
}

} // namespace

int runHistory(const QStringList &arguments)
{
    const QString command = arguments.isEmpty() ? QString() : arguments.constFirst();
    if (command == QLatin1String("list"))
        return runHistoryList(arguments.mid(1));
    if (command == QLatin1String("export"))
        return runHistoryExport(arguments.mid(1));
    if (command == QLatin1String("prune"))
        return runHistoryPrune(arguments.mid(1));
    if (command == QLatin1String("-h") || command == QLatin1String("--help")) {
        printOut(kHistoryUsage);
        return ExitOk;
    }
    printError(command.isEmpty() ? std::string("history: say list, export or prune")
                                 : "history: unknown command '" + command.toStdString() +
                                       "'; it takes list, export or prune");
    printOut(kHistoryUsage);
    return ExitError;
}

} // namespace hopscope::cli
