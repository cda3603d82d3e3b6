// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "path/networkpath.h"

#include <string>
#include <string_view>

namespace hopscope {

// Quotes a word for a POSIX shell when it needs it.
std::string shellQuote(std::string_view word);

// The hopscope-cli command that repeats the trace or session a file holds ("monitor" for a
// session), with every option that differs from the default. Empty when the file does not
// record its request (a Datadog payload).
std::string reproduceCommand(const NetworkPath &path);

} // namespace hopscope
