// The conservative flow in d = 2 (MATH.md sections 0 and 4):
//   dx_i/dt = -(1/N) J grad_i H_N(X_N),   J = [[0, -1], [1, 0]] (rotation by +pi/2),
// so J (a, b) = (-b, a). For g = -log|x| these are point vortices of circulation 2 pi / N.
// A Boost.Odeint system, with the same NaN/Inf guard as the gradient flow.
#pragma once
#include <mfv/flow/state.hpp>
#include <mfv/interaction/plan.hpp>

namespace mfv::flow {

class conservative_flow {
public:
    // Throws mfv::input_error unless the plan's kernel is in d = 2.
    explicit conservative_flow(interaction::plan& plan);
    void operator()(const state& x, state& dxdt, double t) const;

private:
    interaction::plan* plan_;
};

}  // namespace mfv::flow
