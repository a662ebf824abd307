#include <mfv/core/error.hpp>
#include <mfv/flow/conservative_flow.hpp>
#include <mfv/flow/gradient_flow.hpp>
#include <mfv/flow/guards.hpp>

namespace mfv::flow {

void gradient_flow::operator()(const state& x, state& dxdt, double t) const {
    const int d = plan_->kernel().d();
    const points_view v = view_of(x, d);
    dxdt.resize(x.size());
    plan_->gradients(v, dxdt);
    check_finite(v, dxdt, t, "field");
    const double scale = -1.0 / static_cast<double>(v.n);
    for (double& f : dxdt) f *= scale;
}

conservative_flow::conservative_flow(interaction::plan& plan) : plan_(&plan) {
    if (plan.kernel().d() != 2) {
        throw input_error("model.flow \"conservative\" needs d = 2 (J is the rotation of the plane)");
    }
}

void conservative_flow::operator()(const state& x, state& dxdt, double t) const {
    const points_view v = view_of(x, 2);
    const std::size_t n = v.n;
    dxdt.resize(x.size());
    plan_->gradients(v, dxdt);
    check_finite(v, dxdt, t, "field");
    // dx/dt = -(1/N) J G with J (a, b) = (-b, a): (dx, dy) = (G_y, -G_x) / N.
    const double scale = 1.0 / static_cast<double>(n);
    for (std::size_t i = 0; i < n; ++i) {
        const double gx = dxdt[i], gy = dxdt[n + i];
        dxdt[i] = scale * gy;
        dxdt[n + i] = -scale * gx;
    }
}

}  // namespace mfv::flow
