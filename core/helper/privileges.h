// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "common/expected.h"

namespace hopscope::helper {

// Keeps every other process of the same user from attaching to this one with ptrace, reading
// its memory or taking its descriptors (pidfd_getfd): its raw sockets are the privilege. The
// kernel makes a process dumpable again when its credentials change, so call it first thing and
// again after dropping privileges (dropPrivileges does).
Status makeUndumpable();

// Gives up every privilege for good: the bounding set is emptied when the process may (it holds
// or is permitted CAP_SETPCAP: started as root, or granted it as a file capability), so that
// nothing it could ever execute regains a capability; a process started as root becomes nobody
// (uid and gid 65534, no supplementary groups); every capability set is emptied (sockets opened
// before keep working); no_new_privs is set; the process is made undumpable again. Call before
// any thread starts, since capabilities belong to threads.
struct DroppedPrivileges
{
    bool boundingSetEmptied = false;
};
Expected<DroppedPrivileges> dropPrivileges();

// True when this thread holds no capability at all.
bool holdsNoCapabilities();
// True when the bounding set of this thread is empty.
bool boundingSetIsEmpty();

} // namespace hopscope::helper
