// Errors that name what is wrong and where (STYLE.md section 5).
#pragma once
#include <stdexcept>
#include <string>

namespace mfv {

// Bad input: a study field, a CSV line, a command-line argument. The message names it.
struct input_error : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// A particle run went wrong: NaN/Inf, collision, step-size underflow. The message names
// N, member, time, and the particle(s).
struct run_error : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// The run was asked to stop (SIGINT, SIGTERM: study/interrupt.hpp). Never recorded as a
// member's failure: the unit in flight is dropped, the finished ones are kept.
struct interrupted_error : std::runtime_error {
    using std::runtime_error::runtime_error;
};

}  // namespace mfv
