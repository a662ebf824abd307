#include <mfv/study/progress.hpp>

#include <cstdio>

#include <unistd.h>

namespace mfv::study {

progress::progress(bool enabled, std::size_t units, double T)
    : enabled_(enabled), units_(units), T_(T), start_(std::chrono::steady_clock::now()), last_(start_) {}

void progress::update(std::size_t n, std::size_t member, std::size_t members, double t) {
    if (!enabled_) return;
    const auto now = std::chrono::steady_clock::now();
    std::lock_guard<std::mutex> lock(mutex_);
    const double since_start = std::chrono::duration<double>(now - start_).count();
    const double since_last = std::chrono::duration<double>(now - last_).count();
    if (since_start < 3.0 || since_last < 2.0) return;
    last_ = now;
    printed_ = true;
    // On a terminal the line is redrawn in place; in a log file each update is its own line.
    const bool tty = isatty(fileno(stderr)) != 0;
    std::fprintf(stderr, "%smfv: N = %zu, member %zu of %zu, t = %.4g of %.4g (%zu of %zu units done, %.0f s)%s",
                 tty ? "\r" : "", n, member + 1, members, t, T_, done_, units_, since_start, tty ? "   " : "\n");
    std::fflush(stderr);
}

void progress::unit_done() {
    std::lock_guard<std::mutex> lock(mutex_);
    ++done_;
}

void progress::finish() {
    if (enabled_ && printed_ && isatty(fileno(stderr)) != 0) std::fprintf(stderr, "\n");
}

}  // namespace mfv::study
