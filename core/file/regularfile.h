// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "common/expected.h"

#include <cstddef>
#include <string>

namespace hopscope {

// The bytes of `fileName`, read only when it is a regular file (after following links) of at
// most `maxBytes`. A device, a FIFO, a socket or a folder is refused without reading a byte (a
// FIFO nobody writes to would block, /dev/zero never ends), and however large the file claims to
// be, at most `maxBytes` + 1 bytes are read. Fails with ErrorCode::CannotRead or
// ErrorCode::TooLarge, naming the file and the reason.
Expected<std::string> readRegularFile(const std::string &fileName, std::size_t maxBytes);

// What a file-system object is, for messages: "a folder", "a FIFO (named pipe)", ...
std::string describeFileType(unsigned mode);

} // namespace hopscope
