#include <mfv/meanfield/coulomb_ball.hpp>

#include <boost/math/constants/constants.hpp>
#include <boost/math/special_functions/gamma.hpp>
#include <cmath>

namespace mfv::meanfield {

namespace {

// |B_1| = pi^(d/2) / Gamma(d/2 + 1).
double unit_ball_volume(int d) {
    const double pi = boost::math::constants::pi<double>();
    return std::pow(pi, 0.5 * d) / boost::math::tgamma(0.5 * d + 1.0);
}

}  // namespace

double coulomb_ball::density(double r) const {
    return r <= R_ ? M_ / (unit_ball_volume(d_) * std::pow(R_, d_)) : 0.0;
}

// MATH.md section 2, "Potential h = g*mu of the uniform ball".
double coulomb_ball::potential(double r) const {
    const double d = d_;
    if (d_ == 2) {
        if (r >= R_) return -M_ * std::log(r);
        return -M_ * std::log(R_) + M_ * (R_ * R_ - r * r) / (2.0 * R_ * R_);
    }
    if (r >= R_) return M_ / ((d - 2.0) * std::pow(r, d - 2.0));
    return M_ * (d - (d - 2.0) * r * r / (R_ * R_)) / (2.0 * (d - 2.0) * std::pow(R_, d - 2.0));
}

double coulomb_ball::potential_gradient_factor(double r) const {
    return -M_ / std::pow(r >= R_ ? r : R_, d_);
}

// MATH.md section 2, "Self-energy".
double coulomb_ball::self_energy() const {
    const double d = d_;
    if (d_ == 2) return M_ * M_ * (0.25 - std::log(R_));
    return 2.0 * d * M_ * M_ / ((d - 2.0) * (d + 2.0) * std::pow(R_, d - 2.0));
}

// MATH.md section 2: int |x|^2 dmu = d M R^2 / (d + 2).
double coulomb_ball::second_moment() const {
    return d_ * M_ * R_ * R_ / (d_ + 2.0);
}

}  // namespace mfv::meanfield
