#include <mfv/sampling/semicircle_law.hpp>

#include <boost/math/constants/constants.hpp>
#include <boost/math/special_functions/beta.hpp>

#include <cmath>
#include <sstream>
#include <stdexcept>

namespace mfv::sampling {

namespace {
// The inverse in double precision: Boost's default promotes to long double internally,
// which makes it several times slower for an accuracy the tests show is not needed
// (M(r(u)) = u to 1e-12, sampling_test.cpp).
using double_precision = boost::math::policies::policy<boost::math::policies::promote_double<false>>;
}  // namespace

semicircle_law::semicircle_law(double radius) : radius_(radius) {
    if (!(radius > 0.0 && std::isfinite(radius)))
        throw std::invalid_argument("semicircle_law: radius must be positive and finite");
}

std::string semicircle_law::name() const {
    std::ostringstream m;
    m << "semicircle(R = " << radius_ << ")";
    return m.str();
}

// mu = (2 / (pi R^2)) sqrt(R^2 - x^2)_+ (MATH.md section 3).
double semicircle_law::density_r(double r) const {
    if (r >= radius_) return 0.0;
    const double pi = boost::math::constants::pi<double>();
    return 2.0 / (pi * radius_ * radius_) * std::sqrt((radius_ - r) * (radius_ + r));
}

// M(r) = (2/pi) (asin y + y sqrt(1 - y^2)), y = r/R.
double semicircle_law::enclosed_mass(double r) const {
    if (r <= 0.0) return 0.0;
    if (r >= radius_) return 1.0;
    const double y = r / radius_;
    const double pi = boost::math::constants::pi<double>();
    return 2.0 / pi * (std::asin(y) + y * std::sqrt((1.0 - y) * (1.0 + y)));
}

// y^2 ~ Beta(1/2, 3/2): r(u) = R sqrt(I^{-1}(1/2, 3/2; u)).
double semicircle_law::radius_quantile(double u) const {
    if (u <= 0.0) return 0.0;
    if (u >= 1.0) return radius_;
    return radius_ * std::sqrt(boost::math::ibeta_inv(0.5, 1.5, u, double_precision()));
}

}  // namespace mfv::sampling
