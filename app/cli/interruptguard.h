// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#pragma once

#include <csignal>

namespace hopscope {
class CancelSignal;
}

namespace hopscope::cli {

// While it lives, SIGINT and SIGTERM fire `cancel` instead of ending the process, so that a
// trace or a monitoring session can stop cleanly and still print what it has. Afterwards the
// signals do what they did before.
class InterruptGuard
{
public:
    explicit InterruptGuard(CancelSignal &cancel);
    ~InterruptGuard();
    InterruptGuard(const InterruptGuard &) = delete;
    InterruptGuard &operator=(const InterruptGuard &) = delete;

private:
    struct sigaction m_previousInterrupt
    {
    };
    struct sigaction m_previousTerminate
    {
    };
};

} // namespace hopscope::cli
