// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "telemetry/dogstatsdsender.h"

#include <cerrno>
#include <charconv>
#include <chrono>
#include <condition_variable>
#include <cstring>
#include <memory>
#include <mutex>
#include <netdb.h>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>

namespace hopscope {

namespace {

constexpr std::chrono::milliseconds kResolveBudget{1000};

struct HostPort
{
    std::string host;
    std::string port;
};

Expected<HostPort> splitAddress(const std::string &address)
{
    const auto invalid = [&address](const std::string &why) {
        return Error{ErrorCode::InvalidAddress, "DogStatsD address '" + address + "': " + why};
    };
    std::string host;
    std::string rest;
    if (!address.empty() && address.front() == '[') {
        const auto close = address.find(']');
        if (close == std::string::npos)
            return invalid("no ']' after the IPv6 address");
        host = address.substr(1, close - 1);
        rest = address.substr(close + 1);
    } else {
        const auto colon = address.rfind(':');
        if (colon == std::string::npos)
            return invalid("expected HOST:PORT");
        if (address.find(':') != colon)
            return invalid("write an IPv6 address in brackets, as [::1]:8125");
        host = address.substr(0, colon);
        rest = address.substr(colon);
    }
    if (host.empty())
        return invalid("no host");
    if (rest.size() < 2 || rest.front() != ':')
        return invalid("expected a port after the host");
    const std::string port = rest.substr(1);
    int number = 0;
    const auto [end, error] = std::from_chars(port.data(), port.data() + port.size(), number);
    if (error != std::errc() || end != port.data() + port.size() || number < 1 || number > 65535)
        return invalid("the port must be a number between 1 and 65535 (got '" + port + "')");
    return HostPort{host, port};
}

// A resolver that does not answer must not hold up the trace: the lookup runs on a thread of its
// own and is given up after `budget` (the thread then finishes on its own and frees its answer).
Expected<addrinfo *> resolveWithin(const HostPort &hostPort, std::chrono::milliseconds budget)
{
    struct Lookup
    {
        std::mutex mutex;
        std::condition_variable done;
        bool finished = false;
        bool abandoned = false;
        int status = 0;
        addrinfo *found = nullptr;
    };
    auto lookup = std::make_shared<Lookup>();
    std::thread([lookup, hostPort] {
        addrinfo hints{};
        hints.ai_family = AF_UNSPEC;
        hints.ai_socktype = SOCK_DGRAM;
        hints.ai_flags = AI_NUMERICSERV;
        addrinfo *found = nullptr;
        const int status =
            ::getaddrinfo(hostPort.host.c_str(), hostPort.port.c_str(), &hints, &found);
        const std::lock_guard lock(lookup->mutex);
        if (lookup->abandoned) {
            if (status == 0)
                ::freeaddrinfo(found);
            return;
        }
        lookup->status = status;
        lookup->found = found;
        lookup->finished = true;
        lookup->done.notify_one();
    }).detach();
    std::unique_lock lock(lookup->mutex);
    if (!lookup->done.wait_for(lock, budget, [&lookup] { return lookup->finished; })) {
        lookup->abandoned = true;
        return Error{ErrorCode::UnknownHost, "DogStatsD host '" + hostPort.host +
                                                 "': no answer from the resolver within " +
                                                 std::to_string(budget.count()) + " ms"};
    }
    if (lookup->status != 0)
        return Error{ErrorCode::UnknownHost,
                     "DogStatsD host '" + hostPort.host + "': " + ::gai_strerror(lookup->status)};
    return lookup->found;
}

std::string formatValue(double value)
{
    char text[32];
    const auto result = std::to_chars(text, text + sizeof text, value);
    return std::string(text, result.ptr);
}

} // namespace

Expected<std::unique_ptr<DogStatsdSender>> DogStatsdSender::open(const std::string &address,
                                                                 ProblemHandler onProblem)
{
    const auto hostPort = splitAddress(address);
    if (!hostPort)
        return hostPort.error();
    const auto resolved = resolveWithin(*hostPort, kResolveBudget);
    if (!resolved)
        return resolved.error();
    addrinfo *found = *resolved;
    std::string lastError = "no address";
    int fd = -1;
    for (const addrinfo *candidate = found; candidate && fd < 0; candidate = candidate->ai_next) {
        fd = ::socket(candidate->ai_family, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
        // Connected, so that the kernel reports a port nobody listens on (ECONNREFUSED).
        if (fd >= 0 && ::connect(fd, candidate->ai_addr, candidate->ai_addrlen) != 0) {
            lastError = std::strerror(errno);
            ::close(fd);
            fd = -1;
        } else if (fd < 0) {
            lastError = std::strerror(errno);
        }
    }
    ::freeaddrinfo(found);
    if (fd < 0)
        return Error{ErrorCode::SocketError, "DogStatsD at " + address + ": " + lastError};
    return std::unique_ptr<DogStatsdSender>(new DogStatsdSender(fd, address, std::move(onProblem)));
}

DogStatsdSender::DogStatsdSender(int fd, std::string address, ProblemHandler onProblem)
    : m_fd(fd), m_address(std::move(address)), m_onProblem(std::move(onProblem))
{
}

DogStatsdSender::~DogStatsdSender()
{
    flush();
    // A refusal of the last datagram may already be back: look without waiting, so that a
    // single trace's metrics sent nowhere are not passed over in silence.
    int pending = 0;
    socklen_t length = sizeof pending;
    if (::getsockopt(m_fd, SOL_SOCKET, SO_ERROR, &pending, &length) == 0 && pending != 0)
        reportProblem(pending);
    ::close(m_fd);
}

void DogStatsdSender::gauge(std::string_view name, double value,
                            const std::vector<std::string> &tags)
{
    std::string line(name);
    line += ':' + formatValue(value) + "|g";
    for (std::size_t i = 0; i < tags.size(); ++i)
        line += (i == 0 ? "|#" : ",") + tags[i];
    if (!m_pending.empty() && m_pending.size() + 1 + line.size() > kMaxDatagramBytes)
        flush();
    m_pending += (m_pending.empty() ? "" : "\n") + line;
}

void DogStatsdSender::flush()
{
    if (m_pending.empty())
        return;
    send(m_pending);
    m_pending.clear();
}

void DogStatsdSender::send(const std::string &datagram)
{
    if (::send(m_fd, datagram.data(), datagram.size(), MSG_DONTWAIT | MSG_NOSIGNAL) < 0)
        reportProblem(errno);
}

void DogStatsdSender::reportProblem(int error)
{
    if (m_problemReported)
        return;
    m_problemReported = true;
    if (!m_onProblem)
        return;
    m_onProblem("DogStatsD at " + m_address + ": " +
                (error == ECONNREFUSED
                     ? std::string("nothing is listening there (connection refused)")
                     : std::string(std::strerror(error))) +
                "; metrics are not being received");
}

} // namespace hopscope
