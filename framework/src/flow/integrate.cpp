#include <mfv/flow/integrate.hpp>

#include <mfv/core/error.hpp>
#include <mfv/flow/euler_maruyama.hpp>
#include <mfv/flow/guards.hpp>

#include <boost/numeric/odeint.hpp>

#include <algorithm>
#include <cmath>
#include <sstream>

namespace mfv::flow {

namespace odeint = boost::numeric::odeint;

namespace {

void observe(int d, const state& x, double t, std::size_t k,
             const integrator_settings& s, const observer_fn& observer) {
    const points_view v = view_of(x, d);
    check_finite(v, x, t, "position");
    check_separation(v, t, s.min_separation, s.space);
    observer(x, t, k);
}

void check_step(double dt, double t, std::size_t steps, const integrator_settings& s) {
    if (!(dt >= 1e-12 * std::max(1.0, std::abs(t)))) {
        std::ostringstream m;
        m << "t = " << t << ": step size " << dt << " underflows (blow-up or a near collision?)";
        throw run_error(m.str());
    }
    if (steps > s.max_steps) {
        std::ostringstream m;
        m << "t = " << t << ": more than " << s.max_steps << " steps (stiffness or a near collision?)";
        throw run_error(m.str());
    }
}

// dopri5 with dense output: steps as the error controller allows, states at output times
// by the stepper's fourth-order interpolation (no step is shortened to hit them).
integration_report run_dopri5(const system_fn& sys, int d, state& x, const std::vector<double>& times,
                              const integrator_settings& s, const observer_fn& obs) {
    auto stepper = odeint::make_dense_output(s.atol, s.rtol, odeint::runge_kutta_dopri5<state>());
    const double span = times.back() - times.front();
    stepper.initialize(x, times.front(), span > 0 ? 1e-3 * span : 1e-3);
    integration_report rep{0, span};
    observe(d, x, times.front(), 0, s, obs);
    state xt(x.size());
    std::size_t k = 1;
    while (k < times.size()) {
        while (k < times.size() && times[k] <= stepper.current_time()) {
            // An output at the start time (T = 0) is the initial state: no interpolation.
            if (rep.steps == 0) xt = x;
            else stepper.calc_state(times[k], xt);
            observe(d, xt, times[k], k, s, obs);
            ++k;
        }
        if (k >= times.size()) break;
        try {
            stepper.do_step(std::cref(sys));
        } catch (const odeint::odeint_error& e) {
            std::ostringstream m;
            m << "t = " << stepper.current_time() << ": the adaptive stepper gave up (" << e.what()
              << "; stiffness or a near collision?)";
            throw run_error(m.str());
        }
        ++rep.steps;
        const double dt = stepper.current_time() - stepper.previous_time();
        rep.smallest_step = std::min(rep.smallest_step, dt);
        check_step(dt, stepper.current_time(), rep.steps, s);
    }
    if (times.size() > 1) x = xt;
    return rep;
}

// Fixed-step methods: each output interval is cut into ceil(interval / dt) equal steps.
template <class StepOnce>
integration_report run_fixed(int d, state& x, const std::vector<double>& times,
                             const integrator_settings& s, const observer_fn& obs, StepOnce step_once) {
    if (!(s.dt > 0)) throw input_error("integrator.dt must be positive for a fixed-step method");
    integration_report rep{0, s.dt};
    observe(d, x, times.front(), 0, s, obs);
    for (std::size_t k = 1; k < times.size(); ++k) {
        const double interval = times[k] - times[k - 1];
        const auto m = static_cast<std::size_t>(s.refinement) *
                       static_cast<std::size_t>(std::max(1.0, std::ceil(interval / s.dt - 1e-9)));
        const double h = interval / static_cast<double>(m);
        for (std::size_t q = 0; q < m; ++q) {
            const double t = times[k - 1] + static_cast<double>(q) * h;
            step_once(x, t, h);
            ++rep.steps;
            check_step(h, t, rep.steps, s);
        }
        rep.smallest_step = std::min(rep.smallest_step, h);
        observe(d, x, times[k], k, s, obs);
    }
    return rep;
}

}  // namespace

integration_report integrate_outputs(const system_fn& sys, int d, state& x, const std::vector<double>& times,
                                     const integrator_settings& s, additive_noise* noise,
                                     const observer_fn& obs) {
    if (times.empty()) return {};
    if (noise != nullptr && s.method != "euler_maruyama") {
        throw input_error("integrator.method \"" + s.method + "\" cannot integrate noise (theta > 0): use \"euler_maruyama\"");
    }
    if (s.method == "dopri5") return run_dopri5(sys, d, x, times, s, obs);
    if (s.method == "rk4") {
        odeint::runge_kutta4<state> rk4;
        return run_fixed(d, x, times, s, obs,
                         [&](state& y, double t, double h) { rk4.do_step(std::cref(sys), y, t, h); });
    }
    if (s.method == "euler_maruyama") {
        euler_maruyama<state> em;
        auto no_noise = [&](const state& y, state& dw, double, double) { dw.assign(y.size(), 0.0); };
        return run_fixed(d, x, times, s, obs, [&](state& y, double t, double h) {
            if (noise != nullptr) {
                auto pair = std::make_pair(std::cref(sys), std::ref(*noise));
                em.do_step(pair, y, t, h);
            } else {
                auto pair = std::make_pair(std::cref(sys), no_noise);
                em.do_step(pair, y, t, h);
            }
        });
    }
    throw input_error("integrator.method \"" + s.method + "\" is unknown (use \"dopri5\", \"rk4\" or \"euler_maruyama\")");
}

}  // namespace mfv::flow
