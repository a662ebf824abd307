// The Newton flow (MATH.md section 0; issue 7): dx_i = v_i dt, dv_i = -(1/N) grad_i H_N dt,
// a second-order system whose total energy
//   E = (1/2) sum_i |v_i|^2 + (1/N) H_N,   H_N = (1/2) sum_{i != j} g(x_i - x_j),
// is conserved. It is stepped by Boost.Odeint's velocity_verlet (symplectic, order 2, one
// force evaluation a step: the acceleration at the new positions is kept for the next step),
// whose energy error stays bounded and of order dt^2; the integrator reports the largest
// drift |E(t) - E(0)| / |E(0)| seen at the output times.
#pragma once
#include <mfv/flow/integrate.hpp>
#include <mfv/flow/state.hpp>
#include <mfv/interaction/plan.hpp>

#include <functional>
#include <vector>

namespace mfv::flow {

// a_i = -(1/N) G_i, G_i = sum_{j != i} grad g(x_i - x_j) from the plan; a non-finite field
// is a run_error naming the particle and time (guards.hpp).
class newton_acceleration {
public:
    explicit newton_acceleration(interaction::plan& plan) : plan_(&plan) {}
    // Odeint's velocity_verlet system: (x, v, a, t).
    void operator()(const state& x, const state& v, state& a, double t) const;

private:
    interaction::plan* plan_;
};

// E = (1/2) sum |v_i|^2 + (1/N) H_N (H_N from the plan's pair energy, which is 2 H_N).
double newton_energy(interaction::plan& plan, const state& x, const state& v, int d);

struct newton_report {
    std::size_t steps = 0;
    // max over the output times of |E(t) - E(0)| / (K(0) + |H_N(0)| / N), K = (1/2) sum |v|^2
    // (= |E(t) - E(0)| / E(0) for Riesz kernels, where H_N > 0).
    double energy_drift = 0.0;
};

// Called at output k, time t, with positions and velocities.
using newton_observer = std::function<void(const state& x, const state& v, double t, std::size_t k)>;

// From times[0] to times.back() with refinement x ceil(interval / dt) equal steps per output
// interval (as integrate_outputs' fixed-step methods); guards as there (non-finite states,
// particles closer than settings.min_separation at an output). `before_step`, when given, is
// called before every step (the runner's stop-request check).
newton_report integrate_newton(interaction::plan& plan, int d, state& x, state& v, const std::vector<double>& times,
                               const integrator_settings& settings, const newton_observer& observer,
                               const std::function<void()>& before_step = {});

}  // namespace mfv::flow
