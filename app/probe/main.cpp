// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "helper/helperprotocol.h"
#include "helper/helperserver.h"
#include "helper/linereader.h"
#include "helper/privileges.h"
#include "helper/sharedceiling.h"
#include "helper/sharedrawsockets.h"
#include "helper/syscallfilter.h"
#include "version.h"

#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <string>
#include <unistd.h>
#include <vector>

namespace {

constexpr const char *kUsage = R"(Usage: hopscope-probe [--help | --version]

The probe helper of Hopscope. hopscope and hopscope-cli start it to send
raw-socket probes for them; people do not need to. It opens its raw sockets,
gives up every privilege, and then answers requests on stdin, one JSON
object per line, with events on stdout. See hopscope-probe(8), and
docs/helper-protocol.md in the sources for the protocol.
)";

// Writes a whole line to the protocol descriptor, retrying short writes.
void writeLine(int fd, const std::string &line)
{
    std::string data = line + "\n";
    const char *next = data.data();
    std::size_t left = data.size();
    while (left > 0) {
        const ssize_t written = ::write(fd, next, left);
        if (written < 0) {
            if (errno == EINTR)
                continue;
            return; // the client is gone; end of its stdin will follow
        }
        next += written;
        left -= static_cast<std::size_t>(written);
    }
}

} // namespace

#if defined(__SANITIZE_ADDRESS__)
// The leak check at exit stops the threads with ptrace from a process of its own, which an
// undumpable process behind a system-call filter does not allow (nor should it). The code the
// helper runs is leak-checked by the unit tests.
extern "C" int __lsan_is_turned_off()
{
    return 1;
}
#endif

int main(int argc, char *argv[])
{
    // First of all: no other process of this user may attach to the helper, read its memory or
    // take its raw sockets, whatever the system's core-dump settings say.
    if (const hopscope::Status undumpable = hopscope::helper::makeUndumpable(); !undumpable) {
        std::fprintf(stderr, "hopscope-probe: %s; refusing to serve\n",
                     undumpable.error().message.c_str());
        return 1;
    }
    // Nothing the helper does may depend on its environment.
    ::clearenv();
    if (argc == 2 && (std::strcmp(argv[1], "--help") == 0 || std::strcmp(argv[1], "-h") == 0)) {
        std::fputs(kUsage, stdout);
        return 0;
    }
    if (argc == 2 && (std::strcmp(argv[1], "--version") == 0 || std::strcmp(argv[1], "-v") == 0)) {
        std::printf("hopscope-probe %s (protocol %d)\n", hopscope::kVersion,
                    hopscope::helper::kProtocolVersion);
        return 0;
    }
    if (argc != 1) {
        std::fprintf(stderr, "hopscope-probe: takes no arguments; see --help\n");
        return 2;
    }
    std::signal(SIGPIPE, SIG_IGN);
    // Protocol lines get a descriptor of their own; anything else printed to stdout by mistake
    // lands on stderr instead of breaking the protocol.
    const int protocolFd = ::fcntl(STDOUT_FILENO, F_DUPFD_CLOEXEC, 3);
    if (protocolFd < 0 || ::dup2(STDERR_FILENO, STDOUT_FILENO) < 0) {
        std::perror("hopscope-probe: cannot set up its output");
        return 1;
    }

    hopscope::SharedRawSockets sockets; // the only step that uses CAP_NET_RAW
    const auto dropped = hopscope::helper::dropPrivileges();
    if (!dropped) {
        std::fprintf(stderr, "hopscope-probe: %s; refusing to serve\n",
                     dropped.error().message.c_str());
        return 1;
    }
    std::vector<std::string> sandbox{"no-capabilities", "no-new-privs", "undumpable"};
    if (dropped->boundingSetEmptied)
        sandbox.push_back("empty-bounding-set");

    // All helpers of this user share one ceiling; without the shared state, this one keeps to
    // its own and says so.
    hopscope::TokenBucket ownCeiling(hopscope::helper::kProbeRateCeiling,
                                     hopscope::helper::kProbeBurst);
    const auto sharedCeiling = hopscope::helper::SharedCeiling::open(
        hopscope::helper::kProbeRateCeiling, hopscope::helper::kProbeBurst);
    if (sharedCeiling)
        sandbox.push_back("shared-rate-ceiling");
    else
        std::fprintf(
            stderr,
            "hopscope-probe: the probe-rate ceiling is not shared with other helpers (%s)\n",
            sharedCeiling.error().message.c_str());
    hopscope::TokenBucket &ceiling = sharedCeiling ? (*sharedCeiling)->bucket() : ownCeiling;

    if (const hopscope::Status confined = hopscope::helper::confineSystemCalls(); !confined) {
        std::fprintf(stderr, "hopscope-probe: %s; refusing to serve\n",
                     confined.error().message.c_str());
        return 1;
    }
    sandbox.push_back("seccomp");
    sockets.start();

    hopscope::helper::HelperServer server(
        sockets, ceiling, [protocolFd](const std::string &line) { writeLine(protocolFd, line); });
    server.sayHello(sandbox);
    hopscope::helper::LineReader reader(STDIN_FILENO, hopscope::helper::kMaxRequestLineBytes);
    std::string line;
    for (;;) {
        const auto result = reader.next(line);
        if (result == hopscope::helper::LineReader::Result::End)
            break;
        if (result == hopscope::helper::LineReader::Result::TooLong)
            server.handleOverlongLine();
        else
            server.handleLine(line);
    }
    server.stopAll(); // end of input cancels everything
    return 0;
}
