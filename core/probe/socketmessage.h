// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include "probe/probetransport.h"

#include <cstdint>
#include <optional>
#include <poll.h>
#include <sys/socket.h>
#include <vector>

namespace hopscope {

// CLOCK_REALTIME in nanoseconds: the clock of the kernel's receive timestamps.
std::int64_t realtimeNs();

// ppoll() on `fds` until one is ready or CLOCK_REALTIME reaches `deadlineNs` (at once when it
// has). False only on a real error; an interrupted wait counts as a wake-up.
bool pollUntil(pollfd *fds, std::size_t count, std::int64_t deadlineNs);

// One message read from a socket without waiting.
struct SocketMessage
{
    std::vector<std::uint8_t> bytes;
    sockaddr_storage from{};
    std::int64_t receivedNs = 0; // the kernel's receive time (SO_TIMESTAMPNS), or now without one
    std::optional<std::uint8_t> hopLimit; // IP_TTL or IPV6_HOPLIMIT, when the socket asked
    // From the error queue (IP_RECVERR / IPV6_RECVERR): the ICMP error that came back.
    bool icmpError = false;
    std::uint8_t icmpType = 0;
    std::uint8_t icmpCode = 0;
    sockaddr_storage offender{};
};

// Reads the next message, or from the socket's error queue; nothing when none is waiting. Error
// queue entries that are not ICMP errors (local ones) are read and dropped.
std::optional<SocketMessage> readSocketMessage(int fd, bool errorQueue, std::size_t capacity);

// The message as the engine takes it: its bytes, sender and kernel receive time on `channel`.
ReceivedPacket toReceivedPacket(SocketMessage &&message, PacketChannel channel);

} // namespace hopscope
