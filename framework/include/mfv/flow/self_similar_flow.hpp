// The gradient flow in self-similar variables (MATH.md section 3, last bullet; Rosenzweig-
// Serfaty arXiv:2402.13977): lambda = sqrt(1+t), tau = log(1+t), xi = x / lambda, and
//   d xi_i = [-(1/2) xi_i - e^(-s tau/2) (1/N) grad_i H_N(Xi)] d tau + sqrt(theta) dB_tau
// (the factor e^(-s tau/2) is 1 for the log kernel, s = 0). A Boost.Odeint system in tau,
// made of the original frame's drift (gradient_flow.hpp) and the confinement -xi/2.
#pragma once
#include <mfv/flow/gradient_flow.hpp>
#include <mfv/flow/state.hpp>
#include <mfv/interaction/plan.hpp>

namespace mfv::flow {

class self_similar_flow {
public:
    explicit self_similar_flow(interaction::plan& plan) : drift_(plan), s_(plan.kernel().s()) {}
    // dxi/dtau at (xi, tau).
    void operator()(const state& xi, state& dxi, double tau) const;

private:
    gradient_flow drift_;
    double s_;
};

}  // namespace mfv::flow
