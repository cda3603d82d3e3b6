// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "helper/syscallfilter.h"

#include <QTest>

#include <cerrno>
#include <csignal>
#include <fcntl.h>
#include <functional>
#include <sys/prctl.h>
#include <sys/ptrace.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

using namespace hopscope;

namespace {

enum class Outcome { Exited, KilledBySigsys, Other };

// Runs `act` in a child confined as the helper confines itself; `act` returns the exit status.
Outcome runConfined(const std::function<int()> &act, int &exitStatus)
{
    const pid_t child = ::fork();
    if (child == 0) {
        if (::prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0 || !helper::confineSystemCalls())
            ::_exit(100);
        ::_exit(act());
    }
    int status = 0;
    if (::waitpid(child, &status, 0) != child)
        return Outcome::Other;
    if (WIFEXITED(status)) {
        exitStatus = WEXITSTATUS(status);
        return Outcome::Exited;
    }
    return WIFSIGNALED(status) && WTERMSIG(status) == SIGSYS ? Outcome::KilledBySigsys
                                                             : Outcome::Other;
}

} // namespace

// The helper's system-call filter: what probing needs works, anything else ends the process.
class SyscallFilterTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void allowsWhatProbingNeeds();
    void opensNoFiles();
    void forbiddenCallsKill_data();
    void forbiddenCallsKill();
};

void SyscallFilterTest::allowsWhatProbingNeeds()
{
    int status = -1;
    const Outcome outcome = runConfined(
        [] {
            // A thread, a datagram socket connected to find a route, a pipe-free wait.
            int result = 1;
            std::thread worker([&result] {
                const int fd = ::socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
                result = fd >= 0 ? 0 : 2;
                if (fd >= 0)
                    ::close(fd);
            });
            worker.join();
            const int v6 = ::socket(AF_INET6, SOCK_DGRAM | SOCK_CLOEXEC, 0);
            if (v6 < 0)
                return 3;
            ::close(v6);
            ::usleep(1000);
            return result;
        },
        status);
    QCOMPARE(outcome, Outcome::Exited);
    QCOMPARE(status, 0);
}

void SyscallFilterTest::opensNoFiles()
{
    int status = -1;
    const Outcome outcome = runConfined(
        [] {
            const int fd = ::open("/etc/hostname", O_RDONLY | O_CLOEXEC);
#if defined(__SANITIZE_ADDRESS__)
            // The sanitizers' runtime needs to open files (its memory map); the filter lets it.
            return fd >= 0 || errno == ENOENT ? 0 : 1;
#else
            return fd < 0 && errno == EACCES ? 0 : 1;
#endif
        },
        status);
    QCOMPARE(outcome, Outcome::Exited);
    QCOMPARE(status, 0);
}

void SyscallFilterTest::forbiddenCallsKill_data()
{
    QTest::addColumn<int>("call");
    QTest::newRow("execve") << 0;
    QTest::newRow("a local socket") << 1;
    QTest::newRow("a packet socket") << 2;
    QTest::newRow("chmod") << 3;
    QTest::newRow("setuid") << 4;
    QTest::newRow("ptrace") << 5;
    QTest::newRow("fork") << 6;
}

void SyscallFilterTest::forbiddenCallsKill()
{
    QFETCH(int, call);
    int status = -1;
    const Outcome outcome = runConfined(
        [call] {
            switch (call) {
            case 0: {
                char *const arguments[] = {const_cast<char *>("/bin/true"), nullptr};
                ::execv("/bin/true", arguments);
                break;
            }
            case 1:
                ::socket(AF_UNIX, SOCK_STREAM, 0);
                break;
            case 2:
                ::socket(AF_PACKET, SOCK_RAW, 0);
                break;
            case 3:
                ::chmod("/tmp", 0777);
                break;
            case 4:
                ::setuid(0);
                break;
            case 5:
                ::ptrace(PTRACE_TRACEME, 0, nullptr, nullptr);
                break;
            case 6:
                ::fork();
                break;
            }
            return 42; // the call returned: the filter let it through
        },
        status);
    QCOMPARE(outcome, Outcome::KilledBySigsys);
}

QTEST_GUILESS_MAIN(SyscallFilterTest)
#include "tst_syscallfilter.moc"
