// Euler–Maruyama for additive noise, in Boost.Odeint's stepper shape:
//   X_{k+1} = X_k + b(X_k, t_k) dt + dW_k,
// where the system is a pair (drift b, noise) as in odeint's stochastic example, and the
// noise functor fills dW_k (here sqrt(theta dt) Z, Z standard normal). Strong order 1/2,
// weak order 1; for additive noise the strong order is 1.
#pragma once
#include <boost/numeric/odeint/stepper/stepper_categories.hpp>

#include <cmath>
#include <cstddef>
#include <utility>

namespace mfv::flow {

template <class State>
class euler_maruyama {
public:
    using state_type = State;
    using deriv_type = State;
    using value_type = double;
    using time_type = double;
    using order_type = unsigned short;
    using stepper_category = boost::numeric::odeint::stepper_tag;

    static constexpr order_type order() { return 1; }

    template <class Drift, class Noise>
    void do_step(std::pair<Drift, Noise>& system, State& x, double t, double dt) {
        drift_.resize(x.size());
        noise_.resize(x.size());
        system.first(x, drift_, t);
        system.second(x, noise_, t, dt);
        for (std::size_t m = 0; m < x.size(); ++m) x[m] += dt * drift_[m] + noise_[m];
    }

private:
    State drift_, noise_;
};

}  // namespace mfv::flow
