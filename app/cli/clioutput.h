// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <string_view>

namespace hopscope::cli {

// Bytes for stdout as they are: JSON (which escapes what it holds), a report file's bytes.
void printOut(std::string_view text);
// Text for people on stdout: tables and summaries quote files, names and replies, so control
// characters (other than line breaks and tabs) are replaced.
void printText(std::string_view text);
// Prefixes the program name, as command-line tools do, and ends the line. Control characters
// (other than line breaks and tabs) are replaced.
void printError(std::string_view text);
// Qt's own messages (a missing XDG_RUNTIME_DIR, fonts, platform plugins) are not the command's
// output: they reach stderr only with --verbose. Fatal ones always do.
void keepQtMessagesQuiet(bool verbose);

} // namespace hopscope::cli
