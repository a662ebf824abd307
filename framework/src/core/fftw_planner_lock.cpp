#include <mfv/core/fftw_planner_lock.hpp>

namespace mfv {

// One mutex for the whole library (defined here, not inline in a header, so that every
// translation unit and module shares it).
std::mutex& fftw_planner_lock() {
    static std::mutex m;
    return m;
}

}  // namespace mfv
