// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

// How much memory a long monitoring session takes in the core: feeds a PathModel synthetic
// rounds as fast as it takes them (a day at one round a second by default) and prints the
// resident memory it grew by, the time per round, and the size of the session's NetworkPath;
// then how long the session takes to open again from its JSON, and to focus on one hour of it,
// the latest (probes kept one by one) and one from the middle (folded).
//
//   hopscope-monitorbench [--rounds N] [--hops N] [--queries N]

#include "path/networkpathjson.h"
#include "path/pathmodel.h"
#include "path/sessionperiod.h"

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

int option(int argc, char **argv, const char *name, int fallback)
{
    for (int i = 1; i + 1 < argc; ++i)
        if (std::strcmp(argv[i], name) == 0)
            return std::atoi(argv[i + 1]);
    return fallback;
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

} // namespace

int main(int argc, char **argv)
{
    const int rounds = option(argc, argv, "--rounds", 24 * 3600);
    const int hops = option(argc, argv, "--hops", 30);
    const int queries = option(argc, argv, "--queries", 3);
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
