// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

// How much memory a long monitoring session takes in the core: feeds a PathModel synthetic
// rounds as fast as it takes them (a day at one round a second by default) and prints the
// resident memory it grew by, the time per round, and the size of the session's NetworkPath;
// then how long the session takes to open again from its JSON, and to focus on one hour of it,
// the latest (probes kept one by one) and one from the middle (folded).
//
// With --history it keeps the rounds in a history database instead, as a window or
// `hopscope-cli monitor --record` keeps a running session (SessionKeeper, folded every
// --fold-every rounds): the time per round kept and per fold, the database's size as it goes
// and at the end, against what keeping every round would take, and the time to reopen and to
// resume the session from it. The database goes in --dir (the default, /dev/shm, is memory, so
// that what is measured is the work and not the disk's syncs).
//
//   hopscope-monitorbench [--rounds N] [--hops N] [--queries N]
//                         [--history [--fold-every N] [--dir DIR]]

#include "path/networkpathjson.h"
#include "path/pathmodel.h"
#include "path/pathmodelstate.h"
#include "path/sessionperiod.h"
#include "store/historystore.h"
#include "store/sessionkeeper.h"

#include <QFileInfo>
#include <QTemporaryDir>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <random>
#include <string>

using namespace hopscope;

namespace {

constexpr double kBudgetMiB = 100.0;

// A field of /proc/self/status in KiB ("VmRSS", "VmHWM").
long statusKiB(const char *field)
{
    std::ifstream status("/proc/self/status");
    std::string line;
    while (std::getline(status, line))
        if (line.rfind(field, 0) == 0 && line[std::strlen(field)] == ':')
            return std::atol(line.c_str() + std::strlen(field) + 1);
    return -1;
}

double millisecondsSince(std::chrono::steady_clock::time_point started)
{
    return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started)
        .count();
}

// A period of the session as the window's focus builds it, and what it holds.
void timePeriod(const char *what, const PathModel &session, std::int64_t fromUs, std::int64_t toUs)
{
    const auto started = std::chrono::steady_clock::now();
    const auto period = sessionPeriod(session, fromUs, toUs);
    const double ms = millisecondsSince(started);
    if (!period) {
        std::printf("  %s: nothing in it (%.1f ms)\n", what, ms);
        return;
    }
    const auto written = std::chrono::steady_clock::now();
    const NetworkPath path = period->toNetworkPath();
    std::printf("  focus on %s: %.1f ms (%d rounds, %zu probes one by one, %zu buckets, %zu "
                "rows); as a file for export in %.1f ms more\n",
                what, ms, period->rounds(), path.hopscope->probes.size(),
                path.hopscope->monitor->history.size(), period->hops().size(),
                millisecondsSince(written));
}

const char *textOption(int argc, char **argv, const char *name, const char *fallback)
{
    for (int i = 1; i + 1 < argc; ++i)
        if (std::strcmp(argv[i], name) == 0)
            return argv[i + 1];
    return fallback;
}

int option(int argc, char **argv, const char *name, int fallback)
{
    const char *text = textOption(argc, argv, name, nullptr);
    return text ? std::atoi(text) : fallback;
}

bool flag(int argc, char **argv, const char *name)
{
    for (int i = 1; i < argc; ++i)
        if (std::strcmp(argv[i], name) == 0)
            return true;
    return false;
}

double mebibytes(double bytes)
{
    return bytes / (1024.0 * 1024.0);
}

std::string address(int ttl, int variant)
{
    return "198.18." + std::to_string(ttl) + "." + std::to_string(2 + variant);
}

// A path of `hops` TTLs with what a real one has: RTTs that grow with distance and wander, 1 %
// loss everywhere, a router at TTL 4 that answers only half the time, per-packet load
// balancing at TTL 6, and the route at TTL 9 moving every six hours.
MonitorRound syntheticRound(int number, int hops, int queries, std::mt19937 &random)
{
    std::uniform_real_distribution<double> noise(0.0, 1.0);
    MonitorRound round;
    round.number = number;
    round.startedUs = 1'764'000'000'000'000 + std::int64_t{number} * 1'000'000;
    round.destination = address(hops, 0);
    std::int64_t sent = round.startedUs;
    for (int ttl = 1; ttl <= hops; ++ttl) {
        for (int query = 0; query < queries; ++query) {
            ProbeSample probe;
            probe.ttl = ttl;
            probe.sentAtUs = sent++;
            const bool lost = noise(random) < 0.01 || (ttl == 4 && noise(random) < 0.5);
            if (!lost) {
                int variant = 0;
                if (ttl == 6)
                    variant = noise(random) < 0.5 ? 0 : 1;
                if (ttl == 9)
                    variant = (number / (6 * 3600)) % 2 == 0 ? 0 : 2;
                probe.responder = ttl == hops ? round.destination : address(ttl, variant);
                probe.rttMs = 0.4 * ttl + 5.0 * noise(random) * noise(random);
            }
            round.probes.push_back(probe);
        }
    }
    return round;
}

// The database's size on disk: the file and its write-ahead log.
double databaseBytes(const QString &fileName)
{
    return static_cast<double>(QFileInfo(fileName).size() +
                               QFileInfo(fileName + QStringLiteral("-wal")).size());
}

int keepInHistory(int rounds, int hops, int queries, int foldEvery, const char *directory)
{
    QTemporaryDir dir(QString::fromLocal8Bit(directory) + QStringLiteral("/hopscope-bench-XXXXXX"));
    if (!dir.isValid()) {
        std::printf("cannot make a folder in %s\n", directory);
        return 1;
    }
    const QString fileName = dir.filePath(QStringLiteral("history.sqlite"));
    auto store = HistoryStore::open(fileName);
    if (!store) {
        std::printf("%s\n", store.error().message.c_str());
        return 1;
    }
    std::mt19937 random(20261125);
    NetworkPath header;
    header.timestampMs = 1'764'000'000'000;
    header.destination.ipAddress = address(hops, 0);
    header.hopscope = HopscopeExtension{};
    PathModel session;
    session.setHeader(header);
    session.setMonitoring(1000);
    SessionKeeper keeper(**store, 1000);
    keeper.setFoldEvery(foldEvery);

    double keepingMs = 0;
    double foldingMs = 0;
    double worstFoldMs = 0;
    int folds = 0;
    double largest = 0;
    double beforeFirstFold = 0;
    for (int number = 1; number <= rounds; ++number) {
        const MonitorRound round = syntheticRound(number, hops, queries, random);
        session.addRound(round);
        const bool folding = number % foldEvery == 0;
        if (folding && folds == 0)
            beforeFirstFold = databaseBytes(fileName);
        const auto started = std::chrono::steady_clock::now();
        if (const Status kept =
                keeper.keepRound(session.header(), round, describeForHistory(header, session));
            !kept) {
            std::printf("round %d was not kept: %s\n", number, kept.error().message.c_str());
            return 1;
        }
        const double ms = millisecondsSince(started);
        if (folding) {
            ++folds;
            foldingMs += ms;
            worstFoldMs = std::max(worstFoldMs, ms);
        } else {
            keepingMs += ms;
        }
        if (folding || number % 100 == 0 || number == rounds)
            largest = std::max(largest, databaseBytes(fileName));
    }
    const double bytesPerRound = beforeFirstFold > 0 ? beforeFirstFold / foldEvery : 0;
    std::printf("history of a running session: %d rounds x %d hops x %d queries, folded every "
                "%d rounds, database in %s\n",
                rounds, hops, queries, foldEvery, directory);
    std::printf("  time per round kept: %.0f us; %d folds: %.0f ms each, worst %.0f ms\n",
                keepingMs * 1000.0 / std::max(1, rounds - folds), folds,
                folds > 0 ? foldingMs / folds : 0.0, worstFoldMs);
    std::printf("  database: %.1f MiB at the end (%.1f MiB of it the log), %.1f MiB at its "
                "largest; the session's state alone %.1f MiB\n",
                mebibytes(databaseBytes(fileName)),
                mebibytes(static_cast<double>(QFileInfo(fileName + QStringLiteral("-wal")).size())),
                mebibytes(largest),
                mebibytes(static_cast<double>(savePathModelState(session).size())));
    if (bytesPerRound > 0)
        std::printf("  every round kept one by one (%.1f KiB each) would take %.1f MiB: %.1fx "
                    "more\n",
                    bytesPerRound / 1024.0, mebibytes(bytesPerRound * rounds),
                    bytesPerRound * rounds / std::max(largest, 1.0));

    const auto openStarted = std::chrono::steady_clock::now();
    const auto reopened = (*store)->load(*keeper.id());
    if (!reopened) {
        std::printf("  the session did not reopen: %s\n", reopened.error().message.c_str());
        return 1;
    }
    const double openMs = millisecondsSince(openStarted);
    const bool same =
        networkPathToJson(*reopened, -1) == networkPathToJson(session.toNetworkPath(), -1);
    std::printf("  reopened from the database in %.0f ms; the same path as the session's: %s\n",
                openMs, same ? "yes" : "NO");
    return same ? 0 : 1;
}

} // namespace

int main(int argc, char **argv)
{
    const int rounds = option(argc, argv, "--rounds", 24 * 3600);
    const int hops = option(argc, argv, "--hops", 30);
    const int queries = option(argc, argv, "--queries", 3);
    if (flag(argc, argv, "--history"))
        return keepInHistory(
            rounds, hops, queries,
            std::max(1, option(argc, argv, "--fold-every", SessionKeeper::kFoldEveryRounds)),
            textOption(argc, argv, "--dir", "/dev/shm"));
    std::mt19937 random(20261125);

    const long before = statusKiB("VmRSS");
    const auto started = std::chrono::steady_clock::now();
    std::size_t changes = 0;
    {
        PathModel session;
        session.setMonitoring(1000);
        for (int round = 1; round <= rounds; ++round)
            changes += session.addRound(syntheticRound(round, hops, queries, random)).size();
        const double feedSeconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        const long after = statusKiB("VmRSS");
        const long peakFeeding = statusKiB("VmHWM");

        const auto reportStarted = std::chrono::steady_clock::now();
        NetworkPath latest;
        latest.destination.ipAddress = address(hops, 0);
        latest.hopscope = HopscopeExtension{};
        session.setHeader(latest);
        const NetworkPath path = session.toNetworkPath();
        const std::string json = networkPathToJson(path, -1);
        const double reportSeconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - reportStarted).count();

        const double grownMiB = static_cast<double>(after - before) / 1024.0;
        const double everyProbeMiB = static_cast<double>(rounds) * hops * queries *
                                     sizeof(MonitorSample) / (1024.0 * 1024.0);
        std::printf("monitoring session: %d rounds x %d hops x %d queries = %.1f M probes\n",
                    rounds, hops, queries, static_cast<double>(rounds) * hops * queries / 1e6);
        std::printf("  fed in %.1f s (%.1f us per round), %zu route changes found (%d expected)\n",
                    feedSeconds, feedSeconds * 1e6 / rounds, changes, (rounds - 1) / (6 * 3600));
        std::printf("  resident memory grew by %.1f MiB (%.1f -> %.1f MiB, peak %.1f MiB)\n",
                    grownMiB, before / 1024.0, after / 1024.0, peakFeeding / 1024.0);
        std::printf("  budget %.0f MiB: %.2f of it used\n", kBudgetMiB, grownMiB / kBudgetMiB);
        std::printf("  keeping every probe (%zu bytes each) would take %.1f MiB: %.1fx more\n",
                    sizeof(MonitorSample), everyProbeMiB, everyProbeMiB / std::max(grownMiB, 0.1));
        std::printf("  session NetworkPath: %zu probes listed, %zu history buckets, %.1f MiB of "
                    "JSON, built in %.2f s "
                    "(process peak while writing it: %.1f MiB)\n",
                    path.hopscope->probes.size(), path.hopscope->monitor->history.size(),
                    static_cast<double>(json.size()) / (1024.0 * 1024.0), reportSeconds,
                    statusKiB("VmHWM") / 1024.0);

        // Open as the history or a file opens it: the JSON read, the rows replayed.
        const auto openStarted = std::chrono::steady_clock::now();
        const auto reread = networkPathFromJson(json);
        if (!reread) {
            std::printf("  the session's JSON did not read back: %s\n",
                        reread.error().message.c_str());
            return 1;
        }
        const PathModel opened = PathModel::fromPath(*reread);
        std::printf("  opened again from its JSON in %.0f ms (%zu rows)\n",
                    millisecondsSince(openStarted), opened.hops().size());
        const std::int64_t hourUs = 3'600'000'000;
        const std::int64_t endUs = session.latestRoundUs() + 1'000'000;
        timePeriod("the latest hour", session, endUs - hourUs, endUs);
        const std::int64_t middleUs = session.firstRoundUs() + (endUs - session.firstRoundUs()) / 2;
        timePeriod("an hour in the middle", session, middleUs, middleUs + hourUs);
        timePeriod("the latest hour, reopened", opened, endUs - hourUs, endUs);
        timePeriod("an hour in the middle, reopened", opened, middleUs, middleUs + hourUs);
    }
    return 0;
}
