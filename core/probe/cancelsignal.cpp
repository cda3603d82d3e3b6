#include "probe/cancelsignal.h"

#include <cstdint>
#include <sys/eventfd.h>
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

} // namespace hopscope
