// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "common/expected.h"

#include <string>
#include <string_view>

namespace hopscope {

// Writes `contents` where the user said, the way they meant it:
// - a new file, or an existing file with one name, is written to a temporary file beside it,
//   flushed to disk and renamed over it, so that readers see the old file or the new one, never a
//   part of it; a new file gets the user's umask, an existing one keeps its mode (and its owner
//   and group where the user may set them);
// - a symbolic link is followed: the file it points to is replaced and the link stays;
// - a file with several hard links is rewritten in place, so that every name sees the new text;
// - a character device, FIFO or socket (/dev/null, /dev/stdout, a pipe) is written to directly,
//   never replaced; a folder or a block device is refused.
// A temporary file is removed when the write fails or the process is interrupted (see
// installTemporaryFileCleanup), and ones that earlier runs left behind for the same file are
// removed. Fails with ErrorCode::CannotWrite, naming the file and the reason.
Status writeOutputFile(const std::string &fileName, std::string_view contents);

// Makes SIGINT, SIGTERM, SIGHUP and SIGXFSZ (a file-size limit) remove the temporary files of
// writes in progress before the process ends as it would have. Signals that already have a
// handler are left alone.
void installTemporaryFileCleanup();

} // namespace hopscope
