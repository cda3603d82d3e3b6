// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

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
    return Error{ErrorCode::PrivilegeError, std::string(what) + ": " + std::strerror(errno)};
}

using CapabilityData = __user_cap_data_struct[_LINUX_CAPABILITY_U32S_3];

bool readCapabilities(CapabilityData &data)
{
    __user_cap_header_struct header{_LINUX_CAPABILITY_VERSION_3, 0};
    return ::syscall(SYS_capget, &header, data) == 0;
}

bool writeCapabilities(CapabilityData &data)
{
    __user_cap_header_struct header{_LINUX_CAPABILITY_VERSION_3, 0};
    return ::syscall(SYS_capset, &header, data) == 0;
}

constexpr unsigned capabilityWord(int capability)
{
    return static_cast<unsigned>(capability) / 32;
}
constexpr __u32 capabilityBit(int capability)
{
    return __u32{1} << (capability % 32);
}

// Dropping from the bounding set needs CAP_SETPCAP in the effective set; a file capability may
// grant it as permitted only, so raise it first. False when the process may not have it.
bool raiseSetPcap()
{
    CapabilityData data{};
    if (!readCapabilities(data))
        return false;
    auto &word = data[capabilityWord(CAP_SETPCAP)];
    if (!(word.permitted & capabilityBit(CAP_SETPCAP)))
        return false;
    word.effective |= capabilityBit(CAP_SETPCAP);
    return writeCapabilities(data);
}

Status emptyBoundingSet()
{
    for (int capability = 0; ::prctl(PR_CAPBSET_READ, capability, 0, 0, 0) >= 0; ++capability)
        if (::prctl(PR_CAPBSET_READ, capability, 0, 0, 0) == 1 &&
            ::prctl(PR_CAPBSET_DROP, capability, 0, 0, 0) != 0)
            return failure("cannot empty the capability bounding set");
    return {};
}

} // namespace

Status makeUndumpable()
{
    if (::prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0)
        return failure("cannot make the process undumpable");
    return {};
}

Expected<DroppedPrivileges> dropPrivileges()
{
    DroppedPrivileges dropped;
    if (raiseSetPcap()) {
        if (const Status emptied = emptyBoundingSet(); !emptied)
            return emptied.error();
        dropped.boundingSetEmptied = boundingSetIsEmpty();
    }
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
    CapabilityData none{};
    if (!writeCapabilities(none))
        return failure("cannot drop capabilities");
    if (::prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
        return failure("cannot set no_new_privs");
    if (const Status undumpable = makeUndumpable(); !undumpable)
        return undumpable.error();
    if (!holdsNoCapabilities())
        return Error{ErrorCode::PrivilegeError, "capabilities are still held after dropping them"};
    return dropped;
}

bool holdsNoCapabilities()
{
    CapabilityData data{};
    if (!readCapabilities(data))
        return false;
    for (const auto &part : data)
        if (part.effective || part.permitted || part.inheritable)
            return false;
    return true;
}

bool boundingSetIsEmpty()
{
    for (int capability = 0;; ++capability) {
        const int held = ::prctl(PR_CAPBSET_READ, capability, 0, 0, 0);
        if (held < 0)
            return true;
        if (held == 1)
            return false;
    }
}

} // namespace hopscope::helper
