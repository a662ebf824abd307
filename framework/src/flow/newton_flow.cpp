#include <mfv/flow/newton_flow.hpp>

#include <mfv/core/error.hpp>
#include <mfv/flow/gradient_flow.hpp>
#include <mfv/flow/guards.hpp>

#include <boost/numeric/odeint/stepper/velocity_verlet.hpp>

#include <algorithm>
#include <cmath>
#include <sstream>
#include <utility>

namespace mfv::flow {

namespace odeint = boost::numeric::odeint;

// The acceleration is the gradient flow's drift -(1/N) G_i (with its non-finite guard).
void newton_acceleration::operator()(const state& x, const state&, state& a, double t) const {
    const gradient_flow drift{*plan_};
    drift(x, a, t);
}

double newton_energy(interaction::plan& plan, const state& x, const state& v, int d) {
    long double kinetic = 0.0L;
    for (double w : v) kinetic += 0.5L * w * w;
    const points_view p = view_of(x, d);
    return static_cast<double>(kinetic + 0.5L * plan.pair_energy(p) / static_cast<long double>(p.n));
}

newton_report integrate_newton(interaction::plan& plan, int d, state& x, state& v, const std::vector<double>& times,
                               const integrator_settings& s, const newton_observer& observer,
                               const std::function<void()>& before_step) {
    if (!(s.dt > 0.0)) throw input_error("integrator.dt must be > 0 for the Newton flow's velocity Verlet steps");
    if (x.size() != v.size()) throw std::invalid_argument("integrate_newton: positions and velocities differ in size");
    newton_report rep;
    const double e0 = newton_energy(plan, x, v, d);
    // The drift is measured against the energy's scale, kinetic + |H_N|/N at t = 0 (|E(0)|
    // itself can vanish: in 2D log H_N changes sign); for Riesz kernels H_N > 0 and the scale
    // is E(0).
    long double kinetic0 = 0.0L;
    for (double w : v) kinetic0 += 0.5L * w * w;
    const double scale = std::max(static_cast<double>(kinetic0 + std::abs(e0 - kinetic0)), 1e-300);
    const auto look = [&](double t, std::size_t k) {
        const points_view p = view_of(x, d);
        check_finite(p, x, t, "position");
        check_finite(p, v, t, "velocity");
        check_separation(p, t, s.min_separation, s.space);
        if (k > 0) {
            const double e = newton_energy(plan, x, v, d);
            rep.energy_drift = std::max(rep.energy_drift, std::abs(e - e0) / scale);
        }
        observer(x, v, t, k);
    };
    look(times.front(), 0);
    odeint::velocity_verlet<state> stepper;
    const newton_acceleration acc(plan);
    auto xv = std::make_pair(std::ref(x), std::ref(v));
    for (std::size_t k = 1; k < times.size(); ++k) {
        const double interval = times[k] - times[k - 1];
        const long m = std::max(1L, static_cast<long>(std::ceil(interval / s.dt - 1e-9))) * s.refinement;
        const double h = interval / static_cast<double>(m);
        for (long q = 0; q < m; ++q) {
            if (before_step) before_step();
            stepper.do_step(acc, xv, times[k - 1] + q * h, h);
            if (++rep.steps > s.max_steps) {
                std::ostringstream msg;
                msg << "t = " << times[k - 1] + q * h << ": more than " << s.max_steps << " steps";
                throw run_error(msg.str());
            }
        }
        look(times[k], k);
    }
    return rep;
}

}  // namespace mfv::flow
