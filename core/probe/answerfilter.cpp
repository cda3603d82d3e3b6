// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "probe/answerfilter.h"

#include <algorithm>
#include <netinet/in.h>
#include <sys/socket.h>

namespace hopscope {

namespace {

constexpr std::uint32_t kPassWhole = 0xffffffff; // a return value is how many bytes to keep
constexpr std::uint32_t kDrop = 0;

// Offsets of what the programs read. IPv4 raw sockets see the IP header, IPv6 ones start at the
// ICMPv6 or transport header.
constexpr std::uint32_t kIpv4SourceAt = 12;
constexpr std::uint32_t kIcmpHeaderBytes = 8;
constexpr std::uint32_t kIpv4DestinationAt = 16;
constexpr std::uint32_t kIpv6DestinationAt = 24;

constexpr std::uint8_t kIcmpV4Unreachable = 3;
constexpr std::uint8_t kIcmpV4TimeExceeded = 11;
constexpr std::uint8_t kIcmpV6Unreachable = 1;
constexpr std::uint8_t kIcmpV6PacketTooBig = 2;
constexpr std::uint8_t kIcmpV6TimeExceeded = 3;
constexpr std::uint8_t kIcmpV6EchoReply = 129;

class Program
{
public:
    void add(std::uint16_t code, std::uint32_t k) { m_code.push_back(BPF_STMT(code, k)); }
    void jumpIfEqual(std::uint32_t k, std::uint8_t ifEqual, std::uint8_t otherwise)
    {
        m_code.push_back(BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, k, ifEqual, otherwise));
    }
    void pass() { add(BPF_RET | BPF_K, kPassWhole); }
    void drop() { add(BPF_RET | BPF_K, kDrop); }

    // Passes the packet when the address's bytes are at `at`, counted from the start (`indexed`
    // false) or from the index register. The words are loaded anew for each address, so every
    // jump is short: the 8-bit jump offsets of classic BPF hold any number of addresses.
    void passIfAddressAt(std::uint32_t at, bool indexed, const IpAddress &address)
    {
        const int words = static_cast<int>(address.size() / 4);
        for (int i = 0; i < words; ++i) {
            const std::uint8_t *bytes = address.data() + 4 * i;
            const std::uint32_t word =
                std::uint32_t{bytes[0]} << 24 | bytes[1] << 16 | bytes[2] << 8 | bytes[3];
            add(BPF_LD | BPF_W | (indexed ? BPF_IND : BPF_ABS), at + 4 * i);
            jumpIfEqual(word, 0, static_cast<std::uint8_t>(2 * (words - 1 - i) + 1));
        }
        pass();
    }

    std::vector<sock_filter> take() { return std::move(m_code); }

private:
    std::vector<sock_filter> m_code;
};

std::vector<sock_filter> passAll()
{
    return {BPF_STMT(BPF_RET | BPF_K, kPassWhole)};
}

std::vector<sock_filter> ipv4Program(int ipProtocol, const std::vector<IpAddress> &addresses)
{
    Program program;
    for (const IpAddress &address : addresses)
        program.passIfAddressAt(kIpv4SourceAt, false, address);
    if (ipProtocol == IPPROTO_ICMP) {
        // The index register takes the IP header's length, for the ICMP header and its quote.
        program.add(BPF_LDX | BPF_B | BPF_MSH, 0);
        program.add(BPF_LD | BPF_B | BPF_IND, 0);
        program.jumpIfEqual(kIcmpV4Unreachable, 2, 0);
        program.jumpIfEqual(kIcmpV4TimeExceeded, 1, 0);
        program.drop();
        for (const IpAddress &address : addresses)
            program.passIfAddressAt(kIcmpHeaderBytes + kIpv4DestinationAt, true, address);
    }
    program.drop();
    return program.take();
}

std::vector<sock_filter> ipv6Program(int ipProtocol, const std::vector<IpAddress> &addresses,
                                     const std::vector<std::uint16_t> &ports)
{
    Program program;
    if (ipProtocol == IPPROTO_ICMPV6) {
        program.add(BPF_LD | BPF_B | BPF_ABS, 0);
        program.jumpIfEqual(kIcmpV6EchoReply, 0, 1);
        program.pass();
        program.jumpIfEqual(kIcmpV6Unreachable, 3, 0);
        program.jumpIfEqual(kIcmpV6PacketTooBig, 2, 0);
        program.jumpIfEqual(kIcmpV6TimeExceeded, 1, 0);
        program.drop();
        for (const IpAddress &address : addresses)
            program.passIfAddressAt(kIcmpHeaderBytes + kIpv6DestinationAt, false, address);
    } else {
        if (std::find(ports.begin(), ports.end(), 0) != ports.end())
            return passAll();
        program.add(BPF_LD | BPF_H | BPF_ABS, 0); // the source port
        for (const std::uint16_t port : ports) {
            program.jumpIfEqual(port, 0, 1);
            program.pass();
        }
    }
    program.drop();
    return program.take();
}

template <typename T> void addOnce(std::vector<T> &values, const T &value)
{
    if (std::find(values.begin(), values.end(), value) == values.end())
        values.push_back(value);
}

} // namespace

std::vector<sock_filter> answerFilterProgram(IpAddress::Family family, int ipProtocol,
                                             const std::vector<ProbedDestination> &destinations)
{
    std::vector<IpAddress> addresses;
    std::vector<std::uint16_t> ports;
    for (const ProbedDestination &destination : destinations) {
        if (destination.address.family() != family)
            continue;
        addOnce(addresses, destination.address);
        addOnce(ports, destination.port);
    }
    if (addresses.empty())
        return {BPF_STMT(BPF_RET | BPF_K, kDrop)};
    auto program = family == IpAddress::Family::V4 ? ipv4Program(ipProtocol, addresses)
                                                   : ipv6Program(ipProtocol, addresses, ports);
    // The kernel takes at most BPF_MAXINSNS instructions: past that, about 450 IPv6 addresses,
    // filtering would cost more than it saves.
    return program.size() <= BPF_MAXINSNS ? program : passAll();
}

bool attachAnswerFilter(int fd, IpAddress::Family family, int ipProtocol,
                        const std::vector<ProbedDestination> &destinations)
{
    std::vector<sock_filter> code = answerFilterProgram(family, ipProtocol, destinations);
    const sock_fprog program{static_cast<unsigned short>(code.size()), code.data()};
    if (::setsockopt(fd, SOL_SOCKET, SO_ATTACH_FILTER, &program, sizeof program) == 0)
        return true;
    // The filter the socket had may leave out a destination just added.
    int none = 0;
    ::setsockopt(fd, SOL_SOCKET, SO_DETACH_FILTER, &none, sizeof none);
    return false;
}

} // namespace hopscope
