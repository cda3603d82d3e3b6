// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "packet/ipaddress.h"

namespace hopscope {

// Whether anyone outside this network can say whose an address is: false for private (RFC 1918),
// shared (RFC 6598, carrier-grade NAT), link-local, loopback, unique-local (RFC 4193),
// unspecified and multicast addresses. Such addresses are never looked up, not even in a local
// database: they are nobody's on the Internet, and asking about them tells a resolver about the
// network the user sits in.
bool hasPublicOwner(const IpAddress &address);

} // namespace hopscope
