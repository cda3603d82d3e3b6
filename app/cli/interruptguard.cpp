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
    std::signal(SIGINT, cancelOnInterrupt);
    std::signal(SIGTERM, cancelOnInterrupt);
}

InterruptGuard::~InterruptGuard()
{
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
    g_interrupt = nullptr;
}

} // namespace hopscope::cli
