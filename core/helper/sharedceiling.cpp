// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "helper/sharedceiling.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace hopscope::helper {

namespace {

constexpr std::size_t kMappedBytes = 64;

Error failure(const std::string &fileName, const std::string &why)
{
    return Error{ErrorCode::SharedCeiling, fileName + ": " + why};
}

} // namespace

SharedCeiling::SharedCeiling(void *mapping, TokenBucket::State &state, double ratePerSecond,
                             double burst, std::string fileName)
    : m_mapping(mapping), m_bucket(ratePerSecond, burst, state), m_fileName(std::move(fileName))
{
}

SharedCeiling::~SharedCeiling()
{
    ::munmap(m_mapping, kMappedBytes);
}

Expected<std::unique_ptr<SharedCeiling>> SharedCeiling::open(double ratePerSecond, double burst,
                                                             const std::string &directory)
{
    const uid_t user = ::geteuid();
    const std::string fileName = directory + "/hopscope-probe-rate-" + std::to_string(user);
    // Never through a link, never a file somebody else made for us: /dev/shm is shared by all.
    const int fd = ::open(fileName.c_str(), O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK,
                          S_IRUSR | S_IWUSR);
    if (fd < 0)
        return failure(fileName, std::strerror(errno));
    struct stat info
    {
    };
    if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode) || info.st_uid != user ||
        (info.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
        ::close(fd);
        return failure(fileName, "is not a private file of this user");
    }
    if (info.st_size < static_cast<off_t>(kMappedBytes) && ::ftruncate(fd, kMappedBytes) != 0) {
        const int error = errno;
        ::close(fd);
        return failure(fileName, std::strerror(error));
    }
    void *mapping = ::mmap(nullptr, kMappedBytes, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    const int error = errno;
    ::close(fd);
    if (mapping == MAP_FAILED)
        return failure(fileName, std::strerror(error));
    // The bucket reads and writes the file's first eight bytes atomically; a new file's zeros
    // are a full bucket.
    auto *state = static_cast<TokenBucket::State *>(mapping);
    return std::unique_ptr<SharedCeiling>(
        new SharedCeiling(mapping, *state, ratePerSecond, burst, fileName));
}

} // namespace hopscope::helper
