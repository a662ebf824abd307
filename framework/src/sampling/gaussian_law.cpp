#include <mfv/sampling/gaussian_law.hpp>

#include <boost/math/constants/constants.hpp>
#include <boost/math/special_functions/gamma.hpp>

#include <cmath>
#include <limits>
#include <sstream>
#include <stdexcept>

namespace mfv::sampling {

namespace {
// The inverse in double precision: Boost's default promotes to long double internally,
// which makes it several times slower for an accuracy the tests show is not needed
// (M(r(u)) = u to 1e-12, sampling_test.cpp).
using double_precision = boost::math::policies::policy<boost::math::policies::promote_double<false>>;
}  // namespace

gaussian_law::gaussian_law(int d, double sigma) : d_(d), sigma_(sigma) {
    if (d < 1 || d > 3) throw std::invalid_argument("gaussian_law: d must be 1, 2 or 3");
    if (!(sigma > 0.0 && std::isfinite(sigma)))
        throw std::invalid_argument("gaussian_law: sigma must be positive and finite");
    const double two_pi = boost::math::constants::two_pi<double>();
    norm_ = std::pow(two_pi * sigma * sigma, -0.5 * d);
}

std::string gaussian_law::name() const {
    std::ostringstream m;
    m << "gaussian(d = " << d_ << ", sigma = " << sigma_ << ")";
    return m.str();
}

double gaussian_law::density_r(double r) const {
    return norm_ * std::exp(-0.5 * (r / sigma_) * (r / sigma_));
}

// M(r) = P(d/2, r^2 / (2 sigma^2)).
double gaussian_law::enclosed_mass(double r) const {
    if (r <= 0.0) return 0.0;
    if (std::isinf(r)) return 1.0;
    const double z = r / sigma_;
    return boost::math::gamma_p(0.5 * d_, 0.5 * z * z);
}

// r(u) = sigma sqrt(2 P^{-1}(d/2, u)); P^{-1}(a, 1) = inf, which Boost reports as an
// overflow, so u = 1 is answered here.
double gaussian_law::radius_quantile(double u) const {
    if (u <= 0.0) return 0.0;
    if (u >= 1.0) return std::numeric_limits<double>::infinity();
    return sigma_ * std::sqrt(2.0 * boost::math::gamma_p_inv(0.5 * d_, u, double_precision()));
}

double gaussian_law::support_radius() const { return std::numeric_limits<double>::infinity(); }

}  // namespace mfv::sampling
