#include "clioutput.h"

#include <cstdio>

namespace hopscope::cli {

void printOut(std::string_view text)
{
    std::fwrite(text.data(), 1, text.size(), stdout);
    std::fflush(stdout);
}

void printError(std::string_view text)
{
    std::fprintf(stderr, "hopscope-cli: %.*s\n", static_cast<int>(text.size()), text.data());
}

} // namespace hopscope::cli
