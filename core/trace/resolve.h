// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "common/expected.h"
#include "network/route.h"
#include "packet/ipaddress.h"
#include "probe/tracerequest.h"

#include <string>

namespace hopscope {

// Resolves a host name or address literal to one address of the requested family (the first
// the resolver offers), checked by probeableAddress. Fails with ErrorCode::UnknownHost or
// ErrorCode::InvalidTarget.
Expected<IpAddress> resolveTarget(const std::string &host, AddressFamily family);

} // namespace hopscope
