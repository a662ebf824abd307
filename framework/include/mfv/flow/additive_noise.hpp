// The noise of sqrt(theta) dW_i for every particle and coordinate (MATH.md section 0).
//
// The Brownian path is fixed on a fine grid of half steps: fine increment j of every
// coordinate is sqrt(theta h/2) Z_j, with Z_j drawn at the positions [j d N, (j + 1) d N)
// of the member's own counter-based stream. A step of size h (refinement 1) uses the sum of
// its two fine increments, dW = sqrt(theta h) (Z_{2k} + Z_{2k+1}) / sqrt 2; a step of size
// h/2 (refinement 2) uses one. So the run with the step halved, which the numerical error
// budget makes, integrates the SAME Brownian path, and the change it reports is the
// discretisation error, not the spread between two noise samples. The path of a member
// depends on (seed, N, member) and the step sequence only, never on threads.
#pragma once
#include <mfv/core/random_stream.hpp>
#include <mfv/flow/state.hpp>

#include <cmath>
#include <cstdint>
#include <stdexcept>

namespace mfv::flow {

class additive_noise {
public:
    // refinement: 1 for the study's step, 2 for the halved step.
    additive_noise(random_stream stream, double theta, int refinement = 1)
        : stream_(stream), theta_(theta), draws_per_step_(refinement == 1 ? 2 : 1) {
        if (refinement != 1 && refinement != 2) throw std::invalid_argument("additive_noise: refinement must be 1 or 2");
    }

    void operator()(const state& x, state& dw, double /*t*/, double dt) {
        dw.assign(x.size(), 0.0);
        z_.resize(x.size());
        for (int q = 0; q < draws_per_step_; ++q) {
            stream_.normal(fine_ * x.size(), z_);
            for (std::size_t m = 0; m < x.size(); ++m) dw[m] += z_[m];
            ++fine_;
        }
        const double scale = std::sqrt(theta_ * dt / draws_per_step_);
        for (double& w : dw) w *= scale;
        ++step_;
    }
    std::uint64_t steps_taken() const { return step_; }

private:
    random_stream stream_;
    double theta_;
    int draws_per_step_;
    std::uint64_t fine_ = 0, step_ = 0;
    state z_;
};

}  // namespace mfv::flow
