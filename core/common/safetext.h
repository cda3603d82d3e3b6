// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <string>
#include <string_view>

// Text that came from a file, a resolver, the network or a request line may hold anything. These
// decide what of it may reach a terminal, a request or a protocol line.
namespace hopscope {

// True when `text` holds a C0 control character (NUL, escape, newline, ...), DEL, or a C1 control
// character (U+0080 to U+009F).
bool containsControlCharacter(std::string_view text);

// `text` with every control character (as above) and every byte that is not part of valid UTF-8
// replaced by '?', so that it cannot move a terminal's cursor, change its colours or set its
// title. Keeps newlines and tabs when told: for messages of several lines.
std::string printable(std::string_view text, bool keepLineBreaks = false);

} // namespace hopscope
