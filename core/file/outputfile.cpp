// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "file/outputfile.h"

#include "file/regularfile.h"

#include <array>
#include <atomic>
#include <cerrno>
#include <climits>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <random>
#include <sys/stat.h>
#include <unistd.h>

namespace hopscope {

namespace {

Error writeError(const std::string &fileName, const std::string &why)
{
    return Error{ErrorCode::CannotWrite, fileName + ": " + why};
}

Error writeError(const std::string &fileName, int error)
{
    return writeError(fileName, std::strerror(error));
}

std::string directoryOf(const std::string &fileName)
{
    const auto slash = fileName.rfind('/');
    if (slash == std::string::npos)
        return ".";
    return slash == 0 ? "/" : fileName.substr(0, slash);
}

std::string baseNameOf(const std::string &fileName)
{
    const auto slash = fileName.rfind('/');
    return slash == std::string::npos ? fileName : fileName.substr(slash + 1);
}

// Temporary files of writes in progress, for a signal handler to remove: fixed storage that
// the handler reads without locks or allocation.
struct TemporarySlot
{
    std::atomic<int> state{0}; // 0 free, 1 being filled, 2 holds a path
    std::array<char, PATH_MAX> path{};
};
std::array<TemporarySlot, 16> g_temporaries;

class TemporaryRegistration
{
public:
    explicit TemporaryRegistration(const std::string &path)
    {
        if (path.size() >= PATH_MAX)
            return;
        for (TemporarySlot &slot : g_temporaries) {
            int expected = 0;
            if (slot.state.compare_exchange_strong(expected, 1)) {
                std::memcpy(slot.path.data(), path.c_str(), path.size() + 1);
                slot.state.store(2);
                m_slot = &slot;
                return;
            }
        }
    }
    ~TemporaryRegistration()
    {
        if (m_slot)
            m_slot->state.store(0);
    }
    TemporaryRegistration(const TemporaryRegistration &) = delete;
    TemporaryRegistration &operator=(const TemporaryRegistration &) = delete;

private:
    TemporarySlot *m_slot = nullptr;
};

extern "C" void removeTemporariesAndEnd(int signalNumber)
{
    for (TemporarySlot &slot : g_temporaries)
        if (slot.state.load() == 2)
            ::unlink(slot.path.data());
    std::signal(signalNumber, SIG_DFL);
    std::raise(signalNumber);
}

// ".NAME.hopscope-PID-RANDOM.tmp": hidden, and naming the process that wrote it, so that a later
// write can tell a leftover of a dead process from another one's write in progress.
constexpr std::string_view kTemporaryTag = ".hopscope-";

std::string temporaryPrefix(const std::string &target)
{
    return "." + baseNameOf(target) + std::string(kTemporaryTag);
}

void removeLeftovers(const std::string &target)
{
    const std::string directory = directoryOf(target);
    const std::string prefix = temporaryPrefix(target);
    DIR *listing = ::opendir(directory.c_str());
    if (!listing)
        return;
    while (const dirent *entry = ::readdir(listing)) {
        const std::string_view name(entry->d_name);
        if (name.substr(0, prefix.size()) != prefix || name.size() < 4 ||
            name.substr(name.size() - 4) != ".tmp")
            continue;
        const long pid = std::strtol(std::string(name.substr(prefix.size())).c_str(), nullptr, 10);
        const bool writerGone =
            pid > 0 && ::kill(static_cast<pid_t>(pid), 0) != 0 && errno == ESRCH;
        struct stat info
        {
        };
        const std::string path = directory + "/" + std::string(name);
        if (writerGone && ::lstat(path.c_str(), &info) == 0 && S_ISREG(info.st_mode) &&
            info.st_uid == ::geteuid())
            ::unlink(path.c_str());
    }
    ::closedir(listing);
}

// Creates the temporary file with mode 0666, so that the kernel applies the umask as it does to
// any new file; its mode is set to the replaced file's afterwards, when there is one.
int createTemporary(const std::string &target, std::string &temporary)
{
    std::random_device random;
    for (int attempt = 0; attempt < 16; ++attempt) {
        char suffix[48];
        std::snprintf(suffix, sizeof suffix, "%ld-%08x.tmp", static_cast<long>(::getpid()),
                      random());
        temporary = directoryOf(target) + "/" + temporaryPrefix(target) + suffix;
        const int fd =
            ::open(temporary.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0666);
        if (fd >= 0 || errno != EEXIST)
            return fd;
    }
    errno = EEXIST;
    return -1;
}

bool writeAll(int fd, std::string_view contents)
{
    const char *data = contents.data();
    std::size_t left = contents.size();
    while (left > 0) {
        const ssize_t written = ::write(fd, data, left);
        if (written < 0 && errno == EINTR)
            continue;
        if (written < 0)
            return false;
        data += written;
        left -= static_cast<std::size_t>(written);
    }
    return true;
}

void syncDirectory(const std::string &fileName)
{
    const int directory = ::open(directoryOf(fileName).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (directory >= 0) {
        ::fsync(directory);
        ::close(directory);
    }
}

// Devices, FIFOs and sockets take the bytes as they come: nothing to replace, nothing to sync.
Status writeInPlace(const std::string &fileName, std::string_view contents, bool truncate)
{
    const int fd = ::open(fileName.c_str(), O_WRONLY | O_CLOEXEC | O_NOCTTY);
    if (fd < 0)
        return writeError(fileName, errno);
    bool ok = writeAll(fd, contents);
    if (ok && truncate)
        ok = ::ftruncate(fd, static_cast<off_t>(contents.size())) == 0 && ::fsync(fd) == 0;
    const int error = errno;
    if (::close(fd) != 0 && ok)
        return writeError(fileName, errno);
    return ok ? Status{} : writeError(fileName, error);
}

// A file with several names: its text is replaced inside the same inode. The space is reserved
// first where the file system can, so that a full disk is found before anything is overwritten.
Status rewriteLinkedFile(const std::string &fileName, std::string_view contents)
{
    const int fd = ::open(fileName.c_str(), O_WRONLY | O_CLOEXEC | O_NOCTTY);
    if (fd < 0)
        return writeError(fileName, errno);
    if (::fallocate(fd, FALLOC_FL_KEEP_SIZE, 0, static_cast<off_t>(contents.size())) != 0 &&
        errno == ENOSPC) {
        ::close(fd);
        return writeError(fileName, ENOSPC);
    }
    ::close(fd);
    return writeInPlace(fileName, contents, true);
}

Status replaceFile(const std::string &target, std::string_view contents,
                   const struct stat *existing)
{
    removeLeftovers(target);
    std::string temporary;
    const int fd = createTemporary(target, temporary);
    if (fd < 0)
        return writeError(target, "cannot create a file in " + directoryOf(target) + ": " +
                                      std::strerror(errno));
    const TemporaryRegistration registration(temporary);
    const auto failed = [&](int error) {
        ::close(fd);
        ::unlink(temporary.c_str());
        return writeError(target, error);
    };
    if (existing) {
        if (::fchmod(fd, existing->st_mode & 07777) != 0)
            return failed(errno);
        // Only root may give a file away, and a user only to a group of theirs: where that is
        // not allowed, the new file stays the writer's, with the old mode.
        if (existing->st_uid != ::geteuid() || existing->st_gid != ::getegid())
            (void)::fchown(fd, existing->st_uid, existing->st_gid);
    }
    if (!writeAll(fd, contents) || ::fsync(fd) != 0)
        return failed(errno);
    if (::close(fd) != 0) {
        const int error = errno;
        ::unlink(temporary.c_str());
        return writeError(target, error);
    }
    if (::rename(temporary.c_str(), target.c_str()) != 0) {
        const int error = errno;
        ::unlink(temporary.c_str());
        return writeError(target, error);
    }
    syncDirectory(target);
    return {};
}

} // namespace

Status writeOutputFile(const std::string &fileName, std::string_view contents)
{
    if (fileName.empty())
        return writeError("(no file name)", "no file name given");
    struct stat info
    {
    };
    if (::stat(fileName.c_str(), &info) != 0) {
        const int error = errno;
        struct stat link
        {
        };
        if (error == ENOENT && ::lstat(fileName.c_str(), &link) == 0)
            return writeError(fileName, "is a link to a file that does not exist");
        if (error != ENOENT)
            return writeError(fileName, error);
        return replaceFile(fileName, contents, nullptr);
    }
    if (S_ISDIR(info.st_mode) || S_ISBLK(info.st_mode))
        return writeError(fileName,
                          "is " + describeFileType(info.st_mode) + "; choose a file name");
    if (!S_ISREG(info.st_mode))
        return writeInPlace(fileName, contents, false);
    // /dev/stdout and its kin name a descriptor this process already has: the file behind it
    // must be written through it, or the shell's redirection would point at the replaced file.
    for (const std::string_view descriptorPath : {"/dev/std", "/dev/fd/", "/proc/"})
        if (fileName.compare(0, descriptorPath.size(), descriptorPath) == 0)
            return writeInPlace(fileName, contents, true);
    // Where a link leads is what gets replaced; the link itself stays.
    std::string target = fileName;
    struct stat link
    {
    };
    if (::lstat(fileName.c_str(), &link) == 0 && S_ISLNK(link.st_mode)) {
        char resolved[PATH_MAX];
        if (!::realpath(fileName.c_str(), resolved))
            return writeError(fileName, errno);
        target = resolved;
    }
    if (info.st_nlink > 1)
        return rewriteLinkedFile(target, contents);
    return replaceFile(target, contents, &info);
}

void installTemporaryFileCleanup()
{
    for (const int signalNumber : {SIGINT, SIGTERM, SIGHUP, SIGXFSZ}) {
        struct sigaction current
        {
        };
        if (::sigaction(signalNumber, nullptr, &current) == 0 && current.sa_handler == SIG_DFL)
            std::signal(signalNumber, removeTemporariesAndEnd);
    }
}

} // namespace hopscope
