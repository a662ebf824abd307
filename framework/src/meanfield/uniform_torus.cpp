#include <mfv/meanfield/uniform_torus.hpp>

#include <mfv/core/error.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>

namespace mfv::meanfield {

uniform_torus::uniform_torus(const kernel::riesz_kernel& g, const std::string& flow, double theta)
    : g_(g), flow_(flow), theta_(theta) {
    // Newton: the uniform law at rest (u = 0) is a stationary pressureless Euler solution.
    if (flow != "gradient" && flow != "conservative" && flow != "newton") {
        throw input_error("uniform_torus: flow \"" + flow + "\" is not \"gradient\", \"conservative\" or \"newton\"");
    }
    if (flow == "conservative" && g.d() != 2) {
        throw input_error("uniform_torus: the conservative flow is defined in d = 2 only, not d = " +
                          std::to_string(g.d()));
    }
    if (!(theta >= 0.0 && std::isfinite(theta))) {
        std::ostringstream m;
        m << "uniform_torus: noise theta = " << theta << " must be >= 0 and finite";
        throw input_error(m.str());
    }
}

void uniform_torus::potential_gradient(double, const double*, double* grad) const {
    std::fill(grad, grad + g_.d(), 0.0);
}

void uniform_torus::velocity(double, const double*, double* v) const { std::fill(v, v + g_.d(), 0.0); }

double uniform_torus::support_radius(double) const { return std::numeric_limits<double>::infinity(); }

void uniform_torus::potentials(double, points_view x, std::span<double> h) const {
    std::fill(h.begin(), h.begin() + static_cast<std::ptrdiff_t>(x.n), 0.0);
}

}  // namespace mfv::meanfield
