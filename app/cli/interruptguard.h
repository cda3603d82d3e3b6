#pragma once

namespace hopscope {
class CancelSignal;
}

namespace hopscope::cli {

// While it lives, SIGINT and SIGTERM fire `cancel` instead of ending the process, so that a
// trace or a monitoring session can stop cleanly and still print what it has.
class InterruptGuard
{
public:
    explicit InterruptGuard(CancelSignal &cancel);
    ~InterruptGuard();
    InterruptGuard(const InterruptGuard &) = delete;
    InterruptGuard &operator=(const InterruptGuard &) = delete;
};

} // namespace hopscope::cli
