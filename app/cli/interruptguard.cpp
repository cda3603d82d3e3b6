// SPDX-FileCopyrightText: 2026 The Hopscope authors
// SPDX-License-Identifier: Apache-2.0

#include "interruptguard.h"

#include "probe/cancelsignal.h"

#include <csignal>

namespace hopscope::cli {

namespace {

CancelSignal *g_interrupt = nullptr;

extern "C" void cancelOnInterrupt(int)
{
    if (g_interrupt)
        g_interrupt->cancel(); // an atomic store and a write(): both async-signal-safe
}

} // namespace

InterruptGuard::InterruptGuard(CancelSignal &cancel)
{
    g_interrupt = &cancel;
    struct sigaction action
    {
    };
    action.sa_handler = cancelOnInterrupt;
    action.sa_flags = SA_RESTART;
    sigemptyset(&action.sa_mask);
    ::sigaction(SIGINT, &action, &m_previousInterrupt);
    ::sigaction(SIGTERM, &action, &m_previousTerminate);
}

InterruptGuard::~InterruptGuard()
{
    ::sigaction(SIGINT, &m_previousInterrupt, nullptr);
    ::sigaction(SIGTERM, &m_previousTerminate, nullptr);
    g_interrupt = nullptr;
}

} // namespace hopscope::cli
