// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "trace/resolve.h"

#include <netdb.h>
#include <sys/socket.h>

namespace hopscope {

Expected<IpAddress> resolveTarget(const std::string &host, AddressFamily family)
{
    if (host.empty())
        return Error{ErrorCode::UnknownHost, "no target given"};
    // A literal needs no resolver (and the helper, which must not touch one, sends only these).
    if (const auto literal = IpAddress::parse(host))
        return probeableAddress(*literal, family);
    addrinfo hints{};
    hints.ai_family = family == AddressFamily::IPv4   ? AF_INET
                      : family == AddressFamily::IPv6 ? AF_INET6
                                                      : AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    addrinfo *results = nullptr;
    const int status = ::getaddrinfo(host.c_str(), nullptr, &hints, &results);
    if (status != 0)
        return Error{ErrorCode::UnknownHost,
                     "cannot resolve '" + host + "': " + ::gai_strerror(status)};
    std::optional<IpAddress> address;
    for (const addrinfo *it = results; it && !address; it = it->ai_next)
        address = IpAddress::fromSockaddr(it->ai_addr);
    ::freeaddrinfo(results);
    if (!address)
        return Error{ErrorCode::UnknownHost,
                     "'" + host + "' has no address of the requested family"};
    return probeableAddress(*address, family);
}

} // namespace hopscope
