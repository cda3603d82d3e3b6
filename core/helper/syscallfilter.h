// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "common/expected.h"

namespace hopscope::helper {

// Confines this process, and every thread it starts afterwards, to the system calls probing
// needs: reading requests and writing events, sending and receiving on sockets (new ones only
// for IPv4, IPv6 and the routing netlink), timers, memory and threads. Anything else kills the
// process (SIGSYS), except opening files, which fails with EACCES: the C library tries a few
// (the CPU list for its allocator) and copes. Call after the privileged start-up and before any
// thread starts; needs no_new_privs (dropPrivileges sets it).
Status confineSystemCalls();

} // namespace hopscope::helper
