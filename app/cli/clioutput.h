#pragma once

#include <string_view>

namespace hopscope::cli {

void printOut(std::string_view text);
// Prefixes the program name, as command-line tools do, and ends the line.
void printError(std::string_view text);

} // namespace hopscope::cli
