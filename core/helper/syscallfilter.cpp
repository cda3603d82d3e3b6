// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "helper/syscallfilter.h"

#include <cerrno>
#include <cstring>
#include <memory>
#include <sched.h>
#include <seccomp.h>
#include <string>
#include <sys/socket.h>

namespace hopscope::helper {

namespace {

// Every call that running traces and serving the protocol make once start-up is over, found by
// tracing the helper through every kind of trace (raw and unprivileged, IPv4 and IPv6, TCP, UDP
// and ICMP, paced and cancelled).
constexpr int kAllowed[] = {
    // the protocol, and the sockets' data
    SCMP_SYS(read),
    SCMP_SYS(write),
    SCMP_SYS(close),
    SCMP_SYS(ppoll),
    SCMP_SYS(poll),
    SCMP_SYS(recvmsg),
    SCMP_SYS(recvfrom),
    SCMP_SYS(sendto),
    SCMP_SYS(sendmsg),
    SCMP_SYS(setsockopt),
    SCMP_SYS(getsockopt),
    SCMP_SYS(connect),
    SCMP_SYS(bind),
    SCMP_SYS(getsockname),
    SCMP_SYS(eventfd2),
    SCMP_SYS(fcntl),
    SCMP_SYS(uname),
    // time and randomness
    SCMP_SYS(clock_gettime),
    SCMP_SYS(clock_nanosleep),
    SCMP_SYS(nanosleep),
    SCMP_SYS(gettimeofday),
    SCMP_SYS(getrandom),
    // memory
    SCMP_SYS(mmap),
    SCMP_SYS(munmap),
    SCMP_SYS(mprotect),
    SCMP_SYS(madvise),
    SCMP_SYS(mremap),
    SCMP_SYS(brk),
    // threads, signals and the end of the process
    SCMP_SYS(futex),
    SCMP_SYS(set_robust_list),
    SCMP_SYS(rseq),
    SCMP_SYS(rt_sigprocmask),
    SCMP_SYS(rt_sigaction),
    SCMP_SYS(sigaltstack),
    SCMP_SYS(sched_getaffinity),
    SCMP_SYS(rt_sigreturn),
    SCMP_SYS(restart_syscall),
    SCMP_SYS(sched_yield),
    SCMP_SYS(gettid),
    SCMP_SYS(getpid),
    SCMP_SYS(tgkill),
    SCMP_SYS(exit),
    SCMP_SYS(exit_group),
#if defined(__SANITIZE_ADDRESS__)
    // The sanitizers' runtime: it checks memory through pipes and reads its own maps. (Its leak
    // check, which would need ptrace, is off in the helper.)
    SCMP_SYS(openat),
    SCMP_SYS(newfstatat),
    SCMP_SYS(fstat),
    SCMP_SYS(readlink),
    SCMP_SYS(readlinkat),
    SCMP_SYS(lseek),
    SCMP_SYS(pread64),
    SCMP_SYS(pipe2),
    SCMP_SYS(prctl),
    SCMP_SYS(capget),
    SCMP_SYS(getuid),
    SCMP_SYS(geteuid),
    SCMP_SYS(getppid),
#endif
};

constexpr int kSocketFamilies[] = {AF_INET, AF_INET6, AF_NETLINK};

Error failure(const std::string &what, int error)
{
    return Error{ErrorCode::SandboxError,
                 "cannot confine system calls (" + what + "): " + std::strerror(error)};
}

} // namespace

Status confineSystemCalls()
{
    const std::unique_ptr<void, void (*)(scmp_filter_ctx)> filter(
        seccomp_init(SCMP_ACT_KILL_PROCESS), seccomp_release);
    if (!filter)
        return failure("init", ENOMEM);
    scmp_filter_ctx context = filter.get();
    int result = 0;
    for (const int call : kAllowed)
        if (call != __NR_SCMP_ERROR &&
            (result = seccomp_rule_add(context, SCMP_ACT_ALLOW, call, 0)) < 0 && result != -EEXIST)
            return failure("allow " + std::to_string(call), -result);
    for (const int family : kSocketFamilies)
        if ((result = seccomp_rule_add(context, SCMP_ACT_ALLOW, SCMP_SYS(socket), 1,
                                       SCMP_A0(SCMP_CMP_EQ, static_cast<scmp_datum_t>(family)))) <
            0)
            return failure("socket", -result);
    // Threads only: a clone that would make another process is refused. clone3 passes its flags
    // in memory a filter cannot read, so it says "not here" and the C library falls back to clone.
    if ((result = seccomp_rule_add(context, SCMP_ACT_ALLOW, SCMP_SYS(clone), 1,
                                   SCMP_A0(SCMP_CMP_MASKED_EQ, CLONE_THREAD, CLONE_THREAD))) < 0)
        return failure("clone", -result);
#if !defined(__SANITIZE_ADDRESS__)
    if ((result = seccomp_rule_add(context, SCMP_ACT_ERRNO(EACCES), SCMP_SYS(openat), 0)) < 0 ||
        (result = seccomp_rule_add(context, SCMP_ACT_ERRNO(EACCES), SCMP_SYS(open), 0)) < 0)
        return failure("open", -result);
#endif
    if ((result = seccomp_rule_add(context, SCMP_ACT_ERRNO(ENOSYS), SCMP_SYS(clone3), 0)) < 0)
        return failure("clone3", -result);
    if ((result = seccomp_load(context)) < 0)
        return failure("load", -result);
    return {};
}

} // namespace hopscope::helper
