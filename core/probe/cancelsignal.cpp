// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "probe/cancelsignal.h"

#include <cstdint>
#include <poll.h>
#include <sys/eventfd.h>
#include <thread>
#include <unistd.h>

namespace hopscope {

CancelSignal::CancelSignal() : m_fd(::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK)) {}

CancelSignal::~CancelSignal()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

void CancelSignal::cancel()
{
    m_cancelled.store(true, std::memory_order_release);
    if (m_fd >= 0) {
        const std::uint64_t one = 1;
        [[maybe_unused]] const auto written = ::write(m_fd, &one, sizeof one);
    }
}

void CancelSignal::reset()
{
    if (m_fd >= 0) {
        std::uint64_t count = 0;
        [[maybe_unused]] const auto got = ::read(m_fd, &count, sizeof count);
    }
    m_cancelled.store(false, std::memory_order_release);
}

bool CancelSignal::waitUntil(std::chrono::steady_clock::time_point deadline) const
{
    using namespace std::chrono;
    while (!isCancelled()) {
        const auto left = duration_cast<milliseconds>(deadline - steady_clock::now());
        if (left <= milliseconds::zero())
            return false;
        // Without an eventfd only the flag works: look at it every 50 ms.
        const auto slice = m_fd >= 0 ? left : std::min(left, milliseconds(50));
        if (m_fd >= 0) {
            pollfd watched{m_fd, POLLIN, 0};
            ::poll(&watched, 1,
                   static_cast<int>(std::min<milliseconds::rep>(slice.count() + 1, 1 << 30)));
        } else {
            std::this_thread::sleep_for(slice);
        }
    }
    return true;
}

} // namespace hopscope
