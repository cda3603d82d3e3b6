// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

// A delaying cable for the benchmark lab: forwards every Ethernet frame between two interfaces of
// its own network namespace after a fixed delay, both ways. Real latency without netem. Given a
// rate, it is also a slow cable: each way sends one frame at a time, each taking its size at
// that rate, so that frames sent together queue as they would on a slow link.
//
//   hopscope-delaylink IFACE_A IFACE_B ONE_WAY_DELAY_MS [RATE_KBIT_S]
//
// Runs until killed.

#include <algorithm>
#include <arpa/inet.h>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <deque>
#include <linux/if_packet.h>
#include <net/ethernet.h>
#include <net/if.h>
#include <poll.h>
#include <sched.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <unistd.h>
#include <vector>

namespace {

constexpr std::int64_t kSpinNs = 300'000;
constexpr ssize_t kVnetHeaderBytes = 10; // struct virtio_net_hdr, in front of every frame

struct Frame
{
    std::int64_t dueNs;
    int outFd;
    std::vector<unsigned char> bytes;
};

// CLOCK_REALTIME, the clock of the kernel's packet timestamps.
std::int64_t nowNs()
{
    timespec now{};
    ::clock_gettime(CLOCK_REALTIME, &now);
    return static_cast<std::int64_t>(now.tv_sec) * 1'000'000'000 + now.tv_nsec;
}

// Reads one frame and when the kernel received it: the delay counts from arrival, not from
// whenever this process got the CPU to read it.
ssize_t receiveFrame(int fd, std::vector<unsigned char> &buffer, std::int64_t &arrivedNs)
{
    iovec data{buffer.data(), buffer.size()};
    alignas(cmsghdr) char control[128];
    msghdr message{};
    message.msg_iov = &data;
    message.msg_iovlen = 1;
    message.msg_control = control;
    message.msg_controllen = sizeof control;
    const ssize_t length = ::recvmsg(fd, &message, 0);
    arrivedNs = nowNs();
    for (cmsghdr *header = CMSG_FIRSTHDR(&message); header;
         header = CMSG_NXTHDR(&message, header)) {
        if (header->cmsg_level == SOL_SOCKET && header->cmsg_type == SCM_TIMESTAMPNS) {
            timespec stamp{};
            std::memcpy(&stamp, CMSG_DATA(header), sizeof stamp);
            arrivedNs = static_cast<std::int64_t>(stamp.tv_sec) * 1'000'000'000 + stamp.tv_nsec;
        }
    }
    return length;
}

int openInterface(const char *name)
{
    const int fd = ::socket(AF_PACKET, SOCK_RAW | SOCK_NONBLOCK | SOCK_CLOEXEC, htons(ETH_P_ALL));
    const unsigned index = ::if_nametoindex(name);
    if (fd < 0 || index == 0) {
        std::fprintf(stderr, "hopscope-delaylink: %s: %s\n", name, std::strerror(errno));
        std::exit(2);
    }
    sockaddr_ll address{};
    address.sll_family = AF_PACKET;
    address.sll_protocol = htons(ETH_P_ALL);
    address.sll_ifindex = static_cast<int>(index);
    const int one = 1;
    packet_mreq promiscuous{};
    promiscuous.mr_ifindex = static_cast<int>(index);
    promiscuous.mr_type = PACKET_MR_PROMISC;
    if (::bind(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0 ||
        ::setsockopt(fd, SOL_PACKET, PACKET_IGNORE_OUTGOING, &one, sizeof one) != 0 ||
        ::setsockopt(fd, SOL_SOCKET, SO_TIMESTAMPNS, &one, sizeof one) != 0
        // Frames from a veth may still owe their checksum (offload). With a virtio-net header
        // in front of every frame, read and written as it is, that debt crosses the cable and
        // is settled beyond it, instead of arriving as a corrupt packet.
        || ::setsockopt(fd, SOL_PACKET, PACKET_VNET_HDR, &one, sizeof one) != 0 ||
        ::setsockopt(fd, SOL_PACKET, PACKET_ADD_MEMBERSHIP, &promiscuous, sizeof promiscuous) !=
            0) {
        std::fprintf(stderr, "hopscope-delaylink: %s: %s\n", name, std::strerror(errno));
        std::exit(2);
    }
    return fd;
}

} // namespace

int main(int argc, char *argv[])
{
    if (argc != 4 && argc != 5) {
        std::fprintf(stderr,
                     "usage: hopscope-delaylink IFACE_A IFACE_B ONE_WAY_DELAY_MS [RATE_KBIT_S]\n");
        return 2;
    }
    const int a = openInterface(argv[1]);
    const int b = openInterface(argv[2]);
    const auto delayNs = static_cast<std::int64_t>(std::atof(argv[3]) * 1e6);
    const double rateKbps = argc == 5 ? std::atof(argv[4]) : 0.0;
    // When each way's link is free again: a frame starts once the one before it has gone.
    std::int64_t freeAtNs[2] = {0, 0};
    // A cable must not add jitter of its own: wake on time (no timer slack) and ahead of
    // ordinary processes such as the tools being measured. Best effort: without the privilege
    // the delay is only less exact.
    ::prctl(PR_SET_TIMERSLACK, 1UL, 0UL, 0UL, 0UL);
    sched_param priority{};
    priority.sched_priority = 50;
    ::sched_setscheduler(0, SCHED_FIFO, &priority);
    // Both directions have the same delay and each sends its frames in turn, so frames leave in
    // the order they are due: one queue, kept in that order.
    std::deque<Frame> queue;
    std::vector<unsigned char> buffer(65536);
    for (;;) {
        const std::int64_t now = nowNs();
        while (!queue.empty() && queue.front().dueNs <= now) {
            const Frame &frame = queue.front();
            [[maybe_unused]] const auto sent =
                ::send(frame.outFd, frame.bytes.data(), frame.bytes.size(), 0);
            queue.pop_front();
        }
        timespec timeout{1, 0};
        if (!queue.empty()) {
            // Sleep until shortly before the next frame is due, then spin to the exact time: a
            // sleeper's wake-up latency would otherwise delay a lone frame more than one in a
            // burst, and the cable must delay every frame alike.
            const std::int64_t wait = queue.front().dueNs - nowNs() - kSpinNs;
            if (wait <= 0) {
                while (nowNs() < queue.front().dueNs) {
                }
                continue;
            }
            timeout = {static_cast<time_t>(wait / 1'000'000'000),
                       static_cast<long>(wait % 1'000'000'000)};
        }
        pollfd fds[2] = {{a, POLLIN, 0}, {b, POLLIN, 0}};
        if (::ppoll(fds, 2, &timeout, nullptr) < 0 && errno != EINTR)
            return 1;
        for (const auto &[in, out] : {std::pair{a, b}, std::pair{b, a}}) {
            std::int64_t &freeAt = freeAtNs[in == a ? 0 : 1];
            for (;;) {
                std::int64_t arrivedNs = 0;
                const ssize_t length = receiveFrame(in, buffer, arrivedNs);
                if (length <= 0)
                    break;
                std::int64_t dueNs = arrivedNs + delayNs;
                if (rateKbps > 0) {
                    // The frame's bytes, without the virtio-net header, at the cable's rate.
                    const double bits =
                        8.0 * static_cast<double>(std::max<ssize_t>(0, length - kVnetHeaderBytes));
                    const auto sendingNs = static_cast<std::int64_t>(bits / rateKbps * 1e6);
                    freeAt = std::max(freeAt, arrivedNs) + sendingNs;
                    dueNs = freeAt + delayNs;
                }
                const Frame frame{
                    dueNs, out,
                    std::vector<unsigned char>(buffer.begin(), buffer.begin() + length)};
                const auto at = std::upper_bound(
                    queue.begin(), queue.end(), dueNs,
                    [](std::int64_t due, const Frame &queued) { return due < queued.dueNs; });
                queue.insert(at, frame);
            }
        }
    }
}
