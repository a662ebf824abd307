#include <mfv/sampling/uniform_ball.hpp>

#include <boost/math/constants/constants.hpp>
#include <boost/math/special_functions/gamma.hpp>

#include <cmath>
#include <sstream>
#include <stdexcept>

namespace mfv::sampling {

uniform_ball::uniform_ball(int d, double radius) : d_(d), radius_(radius) {
    if (d < 1 || d > 3) throw std::invalid_argument("uniform_ball: d must be 1, 2 or 3");
    if (!(radius > 0.0 && std::isfinite(radius)))
        throw std::invalid_argument("uniform_ball: radius must be positive and finite");
    // omega_d = pi^(d/2) / Gamma(d/2 + 1): 2, pi, 4 pi / 3.
    const double pi = boost::math::constants::pi<double>();
    const double omega = std::pow(pi, 0.5 * d) / boost::math::tgamma(0.5 * d + 1.0);
    density_ = 1.0 / (omega * std::pow(radius, d));
}

std::string uniform_ball::name() const {
    std::ostringstream m;
    m << "uniform_ball(d = " << d_ << ", R = " << radius_ << ")";
    return m.str();
}

double uniform_ball::density_r(double r) const { return r <= radius_ ? density_ : 0.0; }

double uniform_ball::enclosed_mass(double r) const {
    if (r <= 0.0) return 0.0;
    if (r >= radius_) return 1.0;
    return std::pow(r / radius_, d_);
}

double uniform_ball::radius_quantile(double u) const {
    if (u <= 0.0) return 0.0;
    if (u >= 1.0) return radius_;
    if (d_ == 1) return radius_ * u;
    if (d_ == 2) return radius_ * std::sqrt(u);
    return radius_ * std::cbrt(u);
}

}  // namespace mfv::sampling
