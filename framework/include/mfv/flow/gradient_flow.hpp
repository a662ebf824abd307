// The gradient flow of the Riesz / log energy (MATH.md section 0):
//   dx_i/dt = -(1/N) grad_i H_N(X_N) = -(1/N) sum_{j != i} grad g(x_i - x_j).
// A Boost.Odeint system: operator()(x, dxdt, t). The field is checked for NaN/Inf at every
// evaluation (a collision gives Inf), and the error names the particle and the time.
#pragma once
#include <mfv/flow/state.hpp>
#include <mfv/interaction/plan.hpp>

namespace mfv::flow {

class gradient_flow {
public:
    explicit gradient_flow(interaction::plan& plan) : plan_(&plan) {}
    void operator()(const state& x, state& dxdt, double t) const;

private:
    interaction::plan* plan_;
};

}  // namespace mfv::flow
