// Integrate a flow from times[0] to times.back(), handing the state to an observer at each
// output time. Deterministic flows use an adaptive Runge–Kutta stepper with dense output
// (Boost.Odeint's dopri5, tolerances from the study) or classic RK4 with a fixed step; a
// flow with noise uses Euler–Maruyama with a fixed step, shortened so that every output
// time is hit exactly.
//
// Guards (the run stops with mfv::run_error naming the time and the particle): a
// non-finite field or position, two particles closer than `min_separation` at an output,
// a step size that underflows (dt < 1e-12 max(1, |t|)), more than `max_steps` steps.
#pragma once
#include <mfv/domain/torus.hpp>
#include <mfv/flow/additive_noise.hpp>
#include <mfv/flow/state.hpp>

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

namespace mfv::flow {

struct integrator_settings {
    // "dopri5" (adaptive), "rk4" (fixed dt) or "euler_maruyama" (fixed dt; with noise).
    std::string method = "dopri5";
    double rtol = 1e-8;
    double atol = 1e-10;
    double dt = 0.0;
    // Fixed-step methods take refinement x ceil(interval / dt) equal steps per output
    // interval: 2 halves every step exactly (the numerical error budget's re-run).
    int refinement = 1;
    double min_separation = 1e-12;
    // Where the particles live (set by the runner from model.domain): on the torus the
    // separation guard measures distances by the minimum image.
    domain::kind space = domain::kind::whole_space;
    std::size_t max_steps = 100000000;
};

struct integration_report {
    std::size_t steps = 0;
    double smallest_step = 0.0;
};

using system_fn = std::function<void(const state&, state&, double)>;
// Called at output k, time t, with the state there.
using observer_fn = std::function<void(const state&, double, std::size_t)>;

// `d` is the dimension (for the guards). `noise` may be null (no noise); with noise the
// method must be "euler_maruyama".
integration_report integrate_outputs(const system_fn& system, int d, state& x, const std::vector<double>& times,
                                     const integrator_settings& settings, additive_noise* noise,
                                     const observer_fn& observer);

}  // namespace mfv::flow
