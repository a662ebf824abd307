#include <mfv/meanfield/rankine_vortex.hpp>

#include <mfv/core/error.hpp>
#include <mfv/meanfield/radial.hpp>

#include <cmath>
#include <sstream>

namespace mfv::meanfield {

namespace {

double checked_radius(double R) {
    if (!(R > 0.0 && std::isfinite(R))) {
        std::ostringstream m;
        m << "rankine_vortex: radius R = " << R << " must be positive and finite";
        throw input_error(m.str());
    }
    return R;
}

}  // namespace

rankine_vortex::rankine_vortex(double R) : R_(checked_radius(R)), ball_(2, M_, R_) {}

double rankine_vortex::density(double, const double* x) const {
    return ball_.density(radial::radius(x, 2));
}

double rankine_vortex::potential(double, const double* x) const {
    return ball_.potential(radial::radius(x, 2));
}

void rankine_vortex::potential_gradient(double, const double* x, double* grad) const {
    radial::scaled(x, 2, ball_.potential_gradient_factor(radial::radius(x, 2)), grad);
}

double rankine_vortex::self_energy(double) const { return ball_.self_energy(); }

// u = -J grad h = -c J x for grad h = c x.
void rankine_vortex::velocity(double, const double* x, double* v) const {
    radial::rotated(x, -ball_.potential_gradient_factor(radial::radius(x, 2)), v);
}

double rankine_vortex::lipschitz_velocity(double) const { return M_ / (R_ * R_); }

}  // namespace mfv::meanfield
