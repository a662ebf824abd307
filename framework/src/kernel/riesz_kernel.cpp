#include <mfv/kernel/riesz_kernel.hpp>

#include <mfv/core/error.hpp>

#include <boost/math/constants/constants.hpp>
#include <boost/math/special_functions/gamma.hpp>
#include <sstream>

namespace mfv::kernel {

riesz_kernel::riesz_kernel(int d, double s) : d_(d), s_(s) {
    if (d < 1 || d > 3) {
        throw input_error("d = " + std::to_string(d) + " is not supported (d must be 1, 2 or 3)");
    }
    if (!(s >= 0.0 && s < d)) {
        std::ostringstream m;
        m << "s = " << s << " is outside [0, d) for d = " << d;
        throw input_error(m.str());
    }
}

std::string riesz_kernel::describe() const {
    std::ostringstream m;
    if (is_log()) m << "g = -log|x|";
    else m << "g = |x|^-" << s_ << "/" << s_;
    m << " in d = " << d_;
    if (is_coulomb()) m << " (Coulomb)";
    return m.str();
}

// MATH.md section 1.
//   Riesz: c_{d,s} = pi^(d/2) 2^(d-s) Gamma((d-s)/2) / (s Gamma(s/2));
//   log:   c_{d,0} = 2^(d-1) pi^(d/2) Gamma(d/2).
double riesz_kernel::fourier_constant() const {
    using boost::math::tgamma;
    const double pi = boost::math::constants::pi<double>();
    const double d = d_;
    if (s_ == 0.0) return std::pow(2.0, d - 1.0) * std::pow(pi, d / 2.0) * tgamma(d / 2.0);
    return std::pow(pi, d / 2.0) * std::pow(2.0, d - s_) * tgamma((d - s_) / 2.0) / (s_ * tgamma(s_ / 2.0));
}

}  // namespace mfv::kernel
