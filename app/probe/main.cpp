#include "version.h"

#include <cstdio>
#include <cstring>

namespace {

constexpr const char *kUsage = R"(Usage: hopscope-probe [--help | --version]

The privileged probe helper of Hopscope. It is started by hopscope and
hopscope-cli, not by people. This version answers --help and --version only
and serves no probe requests yet.
)";

} // namespace

int main(int argc, char *argv[])
{
    if (argc == 2 && (std::strcmp(argv[1], "--help") == 0 || std::strcmp(argv[1], "-h") == 0)) {
        std::fputs(kUsage, stdout);
        return 0;
    }
    if (argc == 2 && (std::strcmp(argv[1], "--version") == 0 || std::strcmp(argv[1], "-v") == 0)) {
        std::printf("hopscope-probe %s\n", hopscope::kVersion);
        return 0;
    }
    std::fputs("hopscope-probe: this version serves no probe requests; see --help\n", stderr);
    return 2;
}
