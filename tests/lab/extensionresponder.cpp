// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

// A lab router's ICMP answers as routers in MPLS networks send them, which Linux never does: it
// reads every IPv4 packet arriving on an interface and answers each whose TTL runs out here with a
// time exceeded carrying RFC 4884 extensions, an MPLS label stack (RFC 4950) and the incoming
// interface's ifIndex, address, name and MTU (RFC 5837).
//
//   hopscope-labresponder INTERFACE FROM LABELS IFINDEX IFNAME IFADDRESS MTU
//
// LABELS is "label:tc:s:ttl,..." outermost first. FROM is the address the answers come from. The
// kernel's own time exceeded must be silenced (the router's nft output rule, which spares packets
// marked 0x4853: this program's). Prints "ready" once it listens; ends when its input closes.

#include "packet/bytes.h"
#include "packet/checksum.h"
#include "packet/ipaddress.h"

#include <arpa/inet.h>
#include <linux/if_ether.h>
#include <net/if.h>
#include <netinet/in.h>
#include <netpacket/packet.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <sstream>
#include <string>
#include <vector>

namespace {

using Bytes = std::vector<std::uint8_t>;
using hopscope::putU16;
using hopscope::putU32;

constexpr int kMark = 0x4853;
constexpr std::size_t kQuoteBytes = 128;

Bytes labelStackObject(const std::string &labels)
{
    Bytes object(4, 0);
    object[2] = 1; // MPLS label stack class
    object[3] = 1; // incoming stack
    std::istringstream entries(labels);
    std::string entry;
    while (std::getline(entries, entry, ',')) {
        unsigned label = 0, tc = 0, bottom = 0, ttl = 0;
        if (std::sscanf(entry.c_str(), "%u:%u:%u:%u", &label, &tc, &bottom, &ttl) != 4)
            return {};
        object.resize(object.size() + 4);
        putU32(object, object.size() - 4,
               label << 12 | (tc & 7) << 9 | (bottom & 1) << 8 | (ttl & 0xff));
    }
    putU16(object, 0, static_cast<std::uint16_t>(object.size()));
    return object;
}

Bytes interfaceObject(std::uint32_t ifIndex, const std::string &name,
                      const hopscope::IpAddress &address, std::uint32_t mtu)
{
    Bytes object(4, 0);
    object[2] = 2;    // interface information
    object[3] = 0x0f; // incoming interface: ifIndex, address, name, MTU
    object.resize(8);
    putU32(object, 4, ifIndex);
    object.insert(object.end(), {0, 1, 0, 0}); // AFI 1: IPv4
    object.insert(object.end(), address.data(), address.data() + 4);
    const std::size_t nameBytes = (name.size() + 1 + 3) / 4 * 4;
    Bytes nameField(nameBytes, 0);
    nameField[0] = static_cast<std::uint8_t>(nameBytes);
    std::memcpy(nameField.data() + 1, name.data(), name.size());
    object.insert(object.end(), nameField.begin(), nameField.end());
    object.resize(object.size() + 4);
    putU32(object, object.size() - 4, mtu);
    putU16(object, 0, static_cast<std::uint16_t>(object.size()));
    return object;
}

Bytes timeExceeded(const Bytes &probe, const hopscope::IpAddress &from, const Bytes &objects)
{
    Bytes icmp(8, 0);
    icmp[0] = 11;
    icmp[5] = kQuoteBytes / 4; // RFC 4884 length, in 32-bit words
    Bytes quote(probe.begin(),
                probe.begin() + static_cast<long>(std::min(probe.size(), kQuoteBytes)));
    quote.resize(kQuoteBytes, 0);
    icmp.insert(icmp.end(), quote.begin(), quote.end());
    Bytes structure{0x20, 0, 0, 0};
    structure.insert(structure.end(), objects.begin(), objects.end());
    putU16(structure, 2, hopscope::internetChecksum(structure));
    icmp.insert(icmp.end(), structure.begin(), structure.end());
    putU16(icmp, 2, hopscope::internetChecksum(icmp));

    Bytes packet(20, 0);
    packet[0] = 0x45;
    packet[1] = 0xc0;
    putU16(packet, 2, static_cast<std::uint16_t>(20 + icmp.size()));
    packet[8] = 64;
    packet[9] = IPPROTO_ICMP;
    std::memcpy(packet.data() + 12, from.data(), 4);
    std::memcpy(packet.data() + 16, probe.data() + 12, 4); // to the probe's source
    putU16(packet, 10, hopscope::internetChecksum(packet));
    packet.insert(packet.end(), icmp.begin(), icmp.end());
    return packet;
}

} // namespace

int main(int argc, char **argv)
{
    if (argc != 8) {
        std::fprintf(stderr, "usage: %s INTERFACE FROM LABELS IFINDEX IFNAME IFADDRESS MTU\n",
                     argv[0]);
        return 2;
    }
    const unsigned interface = if_nametoindex(argv[1]);
    const auto from = hopscope::IpAddress::parse(argv[2]);
    const auto address = hopscope::IpAddress::parse(argv[6]);
    const Bytes labels = labelStackObject(argv[3]);
    if (interface == 0 || !from || !from->isV4() || !address || !address->isV4() ||
        labels.empty()) {
        std::fprintf(stderr, "bad interface, address or labels\n");
        return 2;
    }
    Bytes objects = labels;
    const Bytes described =
        interfaceObject(static_cast<std::uint32_t>(std::atol(argv[4])), argv[5], *address,
                        static_cast<std::uint32_t>(std::atol(argv[7])));
    objects.insert(objects.end(), described.begin(), described.end());

    const int listen = socket(AF_PACKET, SOCK_DGRAM, htons(ETH_P_IP));
    sockaddr_ll link{};
    link.sll_family = AF_PACKET;
    link.sll_protocol = htons(ETH_P_IP);
    link.sll_ifindex = static_cast<int>(interface);
    const int send = socket(AF_INET, SOCK_RAW, IPPROTO_RAW);
    const int mark = kMark;
    if (listen < 0 || send < 0 ||
        bind(listen, reinterpret_cast<const sockaddr *>(&link), sizeof link) != 0 ||
        setsockopt(send, SOL_SOCKET, SO_MARK, &mark, sizeof mark) != 0) {
        std::perror("socket");
        return 1;
    }
    std::printf("ready\n");
    std::fflush(stdout);

    pollfd watched[2] = {{listen, POLLIN, 0}, {STDIN_FILENO, POLLIN, 0}};
    std::uint8_t buffer[65536];
    while (poll(watched, 2, -1) > 0) {
        if (watched[1].revents) {
            char ignored[64];
            if (read(STDIN_FILENO, ignored, sizeof ignored) <= 0)
                return 0;
        }
        if (!(watched[0].revents & POLLIN))
            continue;
        sockaddr_ll sender{};
        socklen_t senderBytes = sizeof sender;
        const ssize_t got = recvfrom(listen, buffer, sizeof buffer, 0,
                                     reinterpret_cast<sockaddr *>(&sender), &senderBytes);
        if (got < 20 || sender.sll_pkttype == PACKET_OUTGOING || (buffer[0] >> 4) != 4 ||
            buffer[8] != 1)
            continue;
        const Bytes probe(buffer, buffer + got);
        const Bytes answer = timeExceeded(probe, *from, objects);
        sockaddr_in to{};
        to.sin_family = AF_INET;
        std::memcpy(&to.sin_addr, probe.data() + 12, 4);
        sendto(send, answer.data(), answer.size(), 0, reinterpret_cast<const sockaddr *>(&to),
               sizeof to);
    }
    return 0;
}
