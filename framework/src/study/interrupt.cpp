#include <mfv/study/interrupt.hpp>

#include <mfv/core/error.hpp>

#include <atomic>
#include <csignal>
#include <string>

namespace mfv::study {

namespace {

// Lock-free, so it may be written from a signal handler.
std::atomic<int> requested{0};
static_assert(std::atomic<int>::is_always_lock_free);

extern "C" void on_stop_signal(int signal) { requested.store(signal); }

}  // namespace

void install_stop_handlers() {
    struct sigaction action {};
    action.sa_handler = on_stop_signal;
    sigemptyset(&action.sa_mask);
    // SA_RESETHAND: the next signal of the same kind takes the default action.
    action.sa_flags = SA_RESTART | SA_RESETHAND;
    sigaction(SIGINT, &action, nullptr);
    sigaction(SIGTERM, &action, nullptr);
}

void request_stop(int signal) { requested.store(signal); }

int stop_signal() { return requested.load(std::memory_order_relaxed); }

void throw_if_stop_requested() {
    if (const int s = stop_signal(); s != 0) throw interrupted_error("stopped by signal " + std::to_string(s));
}

}  // namespace mfv::study
