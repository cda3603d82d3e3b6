// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "file/regularfile.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace hopscope {

namespace {

Error tooLarge(const std::string &fileName, std::size_t maxBytes)
{
    return Error{ErrorCode::TooLarge,
                 fileName + ": is larger than the limit of " + std::to_string(maxBytes) + " bytes"};
}

} // namespace

std::string describeFileType(unsigned mode)
{
    switch (mode & S_IFMT) {
    case S_IFREG:
        return "a file";
    case S_IFDIR:
        return "a folder";
    case S_IFCHR:
        return "a character device";
    case S_IFBLK:
        return "a block device";
    case S_IFIFO:
        return "a FIFO (named pipe)";
    case S_IFSOCK:
        return "a socket";
    case S_IFLNK:
        return "a symbolic link";
    default:
        return "not a file";
    }
}

Expected<std::string> readRegularFile(const std::string &fileName, std::size_t maxBytes)
{
    // Non-blocking, so that opening a FIFO without a writer returns at once to be refused.
    const int fd = ::open(fileName.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
    if (fd < 0)
        return Error{ErrorCode::CannotRead, fileName + ": " + std::strerror(errno)};
    struct stat info
    {
    };
    if (::fstat(fd, &info) != 0) {
        const int error = errno;
        ::close(fd);
        return Error{ErrorCode::CannotRead, fileName + ": " + std::strerror(error)};
    }
    if (!S_ISREG(info.st_mode)) {
        ::close(fd);
        return Error{ErrorCode::CannotRead, fileName + ": is " + describeFileType(info.st_mode) +
                                                ", not a file that can be opened"};
    }
    if (info.st_size < 0 || static_cast<std::uint64_t>(info.st_size) > maxBytes) {
        ::close(fd);
        return tooLarge(fileName, maxBytes);
    }
    std::string contents;
    contents.resize(std::min<std::size_t>(static_cast<std::size_t>(info.st_size), maxBytes) + 1);
    std::size_t used = 0;
    for (;;) {
        if (used == contents.size()) {
            if (used > maxBytes)
                break;
            contents.resize(std::min(maxBytes + 1, std::max<std::size_t>(used * 2, 4096)));
        }
        const ssize_t got = ::read(fd, contents.data() + used, contents.size() - used);
        if (got < 0 && errno == EINTR)
            continue;
        if (got < 0) {
            const int error = errno;
            ::close(fd);
            return Error{ErrorCode::CannotRead, fileName + ": " + std::strerror(error)};
        }
        if (got == 0)
            break;
        used += static_cast<std::size_t>(got);
    }
    ::close(fd);
    if (used > maxBytes)
        return tooLarge(fileName, maxBytes); // it grew while being read, or its size was a lie
    contents.resize(used);
    return contents;
}

} // namespace hopscope
