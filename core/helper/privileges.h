#pragma once

#include "common/expected.h"

namespace hopscope::helper {

// Gives up every privilege for good: a process started as root becomes nobody (uid and gid
// 65534, no supplementary groups); every capability set is emptied (sockets opened before keep
// working); no_new_privs is set so that nothing executed later can gain any. Call before any
// thread starts, since capabilities belong to threads.
Status dropPrivileges();

// True when this thread holds no capability at all.
bool holdsNoCapabilities();

} // namespace hopscope::helper
