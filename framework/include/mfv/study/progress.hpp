// A progress line on stderr for long runs: after the first few seconds, at most every two
// seconds, "mfv: N = 4096, member 3 of 8, t = 0.45 of 1 (12 of 48 units done)".
#pragma once
#include <chrono>
#include <cstddef>
#include <mutex>

namespace mfv::study {

class progress {
public:
    progress(bool enabled, std::size_t units, double T);
    void update(std::size_t n, std::size_t member, std::size_t members, double t);
    void unit_done();
    void finish();

private:
    bool enabled_;
    std::size_t units_, done_ = 0;
    double T_;
    bool printed_ = false;
    std::chrono::steady_clock::time_point start_, last_;
    std::mutex mutex_;
};

}  // namespace mfv::study
