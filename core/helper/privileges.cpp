#include "helper/privileges.h"

#include <cerrno>
#include <cstring>
#include <grp.h>
#include <linux/capability.h>
#include <string>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

namespace hopscope::helper {

namespace {

// Debian's nobody and nogroup, by number: looking them up would read NSS configuration.
constexpr uid_t kNobodyUid = 65534;
constexpr gid_t kNogroupGid = 65534;

Error failure(const char *what)
{
    return Error{"privilege-error", std::string(what) + ": " + std::strerror(errno)};
}

bool readCapabilities(__user_cap_data_struct (&data)[_LINUX_CAPABILITY_U32S_3])
{
    __user_cap_header_struct header{_LINUX_CAPABILITY_VERSION_3, 0};
    return ::syscall(SYS_capget, &header, data) == 0;
}

} // namespace

Status dropPrivileges()
{
    uid_t realUid = 0, effectiveUid = 0, savedUid = 0;
    ::getresuid(&realUid, &effectiveUid, &savedUid);
    if (realUid == 0 || effectiveUid == 0 || savedUid == 0) {
        if (::setgroups(0, nullptr) != 0)
            return failure("cannot drop supplementary groups");
        if (::setresgid(kNogroupGid, kNogroupGid, kNogroupGid) != 0)
            return failure("cannot change group");
        if (::setresuid(kNobodyUid, kNobodyUid, kNobodyUid) != 0)
            return failure("cannot change user");
    }
    if (::prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0) != 0 && errno != EINVAL)
        return failure("cannot clear ambient capabilities");
    __user_cap_header_struct header{_LINUX_CAPABILITY_VERSION_3, 0};
    __user_cap_data_struct none[_LINUX_CAPABILITY_U32S_3]{};
    if (::syscall(SYS_capset, &header, none) != 0)
        return failure("cannot drop capabilities");
    if (::prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
        return failure("cannot set no_new_privs");
    if (!holdsNoCapabilities())
        return Error{"privilege-error", "capabilities are still held after dropping them"};
    return {};
}

bool holdsNoCapabilities()
{
    __user_cap_data_struct data[_LINUX_CAPABILITY_U32S_3]{};
    if (!readCapabilities(data))
        return false;
    for (const auto &part : data)
        if (part.effective || part.permitted || part.inheritable)
            return false;
    return true;
}

} // namespace hopscope::helper
