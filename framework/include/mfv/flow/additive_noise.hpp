// The noise of sqrt(theta) dW_i for every particle and coordinate (MATH.md section 0):
// at step k it fills dW = sqrt(theta dt) Z with Z drawn at the positions
// [k d N, (k + 1) d N) of the member's own counter-based stream, so the path of a member
// depends on (seed, N, member) and the step sequence only, never on threads.
#pragma once
#include <mfv/core/random_stream.hpp>
#include <mfv/flow/state.hpp>

#include <cmath>
#include <cstdint>

namespace mfv::flow {

class additive_noise {
public:
    additive_noise(random_stream stream, double theta) : stream_(stream), theta_(theta) {}

    void operator()(const state& x, state& dw, double /*t*/, double dt) {
        dw.resize(x.size());
        stream_.normal(step_ * x.size(), dw);
        const double scale = std::sqrt(theta_ * dt);
        for (double& z : dw) z *= scale;
        ++step_;
    }
    std::uint64_t steps_taken() const { return step_; }

private:
    random_stream stream_;
    double theta_;
    std::uint64_t step_ = 0;
};

}  // namespace mfv::flow
