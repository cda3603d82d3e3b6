// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

// What the probe helper costs: its resident memory and CPU time for a 30-hop trace through a
// lab of 29 routers, after many traces in a row, and with its 8 concurrent traces; mtr's helper
// (mtr-packet) at rest is measured in the same run for reference.
//
//   sudo build/tests/bench/hopscope-helperbench
//
// Prints figures; nothing here is a pass/fail test.

#include "helpersession.h"
#include "namespacelab.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QThread>

#include <cstdio>
#include <unistd.h>

namespace {

constexpr int kRouters = 29; // the server is the 30th hop
constexpr int kOpenPort = 8080;
constexpr int kTracesInARow = 20;
constexpr int kConcurrent = 8;

// A field of /proc/PID/status in KiB ("VmRSS", "VmHWM").
long statusKiB(qint64 pid, const char *field)
{
    QFile file(QStringLiteral("/proc/%1/status").arg(pid));
    if (!file.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray prefix = QByteArray(field) + ':';
    for (const QByteArray &line : file.readAll().split('\n'))
        if (line.startsWith(prefix))
            return line.mid(prefix.size()).trimmed().split(' ').constFirst().toLong();
    return -1;
}

// User plus system CPU time of a process, in milliseconds.
double cpuMs(qint64 pid)
{
    QFile file(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!file.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray stat = file.readAll();
    // Fields after the command name, which ends with the last ')': state is field 3.
    const QList<QByteArray> fields = stat.mid(stat.lastIndexOf(')') + 2).split(' ');
    const double ticks = fields.at(11).toDouble() + fields.at(12).toDouble(); // utime, stime
    return ticks * 1000.0 / static_cast<double>(::sysconf(_SC_CLK_TCK));
}

QByteArray traceLine(int id, const QString &target)
{
    return QStringLiteral(
               "{\"id\":%1,\"op\":\"trace\",\"address\":\"%2\",\"port\":%3,\"max_ttl\":30}")
        .arg(id)
        .arg(target)
        .arg(kOpenPort)
        .toUtf8();
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    if (const QString reason = NamespaceLab::unavailableReason(); !reason.isEmpty()) {
        std::fprintf(stderr, "hopscope-helperbench: %s\n", qPrintable(reason));
        return 2;
    }
    NamespaceLab lab(kRouters);
    if (!lab.build() || !lab.listenOnServer(kOpenPort)) {
        std::fprintf(stderr, "hopscope-helperbench: %s\n", qPrintable(lab.error()));
        return 1;
    }
    const QString target = NamespaceLab::serverV4(kRouters);
    const QString helper = QStringLiteral(HOPSCOPE_BINARY_DIR "/hopscope-probe");
    HelperSession session(QStringLiteral("ip"),
                          {QStringLiteral("netns"), QStringLiteral("exec"), lab.client(), helper});
    if (session.waitFor([](const nlohmann::json &event) { return event["event"] == "hello"; })
            .is_null()) {
        std::fprintf(stderr, "hopscope-helperbench: the helper did not start\n");
        return 1;
    }
    const qint64 pid = session.pid();
    std::printf("helper at rest:           RSS %ld KiB\n", statusKiB(pid, "VmRSS"));

    QElapsedTimer clock;
    clock.start();
    session.send(traceLine(1, target));
    const auto done = session.waitForEnd(1, 60000);
    const double wallMs = static_cast<double>(clock.nsecsElapsed()) / 1e6;
    // The client builds the path from the probe events; the end says where the path ended.
    if (done.is_null() || done["event"] != "done" || done["end"] != "destination" ||
        done["last_ttl"] != kRouters + 1) {
        std::fprintf(stderr, "hopscope-helperbench: the 30-hop trace did not come back whole: %s\n",
                     done.dump().c_str());
        return 1;
    }
    std::printf("one 30-hop TCP trace:     peak RSS %ld KiB, %.1f ms wall, %zu events\n",
                statusKiB(pid, "VmHWM"), wallMs, session.eventsOf(1).size());

    for (int id = 2; id < 2 + kTracesInARow; ++id) {
        session.send(traceLine(id, target));
        session.waitForEnd(id, 60000);
    }
    // The kernel counts CPU time in 10 ms ticks: one trace is below that, so take the average.
    const double rowCpuMs = cpuMs(pid);
    std::printf(
        "after %d more in a row:   RSS %ld KiB, peak %ld KiB, CPU %.1f ms per trace (user+system, "
        "%.0f ms for %d traces)\n",
        kTracesInARow, statusKiB(pid, "VmRSS"), statusKiB(pid, "VmHWM"),
        rowCpuMs / (kTracesInARow + 1), rowCpuMs, kTracesInARow + 1);

    for (int id = 100; id < 100 + kConcurrent; ++id)
        session.send(traceLine(id, target));
    for (int id = 100; id < 100 + kConcurrent; ++id)
        session.waitForEnd(id, 60000);
    std::printf("%d concurrent traces:      peak RSS %ld KiB, CPU %.0f ms in all\n", kConcurrent,
                statusKiB(pid, "VmHWM"), cpuMs(pid));

    // mtr's helper, the reference: started the same way, at rest.
    HelperSession mtrPacket(QStringLiteral("ip"), {QStringLiteral("netns"), QStringLiteral("exec"),
                                                   lab.client(), QStringLiteral("mtr-packet")});
    if (mtrPacket.started()) {
        QThread::msleep(300);
        const long mtrRss = statusKiB(mtrPacket.pid(), "VmRSS");
        std::printf("mtr-packet at rest:       RSS %ld KiB (hopscope-probe peak / mtr-packet at "
                    "rest: %.2f)\n",
                    mtrRss,
                    mtrRss > 0
                        ? static_cast<double>(statusKiB(pid, "VmHWM")) / static_cast<double>(mtrRss)
                        : 0.0);
    }
    return 0;
}
