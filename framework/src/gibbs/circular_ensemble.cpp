#include <mfv/gibbs/circular_ensemble.hpp>

#include <boost/math/constants/constants.hpp>
#include <boost/math/special_functions/digamma.hpp>
#include <boost/math/special_functions/gamma.hpp>

namespace mfv::gibbs {

// Morris' integral with beta_D = 2 beta / N (circular_ensemble.hpp).
double circular_log_K_over_N(std::size_t n, double beta) {
    const double nn = static_cast<double>(n);
    return boost::math::lgamma(1.0 + beta) / nn - boost::math::lgamma(1.0 + beta / nn);
}

double circular_mean_F_N(std::size_t n, double beta) {
    const double nn = static_cast<double>(n);
    return (boost::math::digamma(1.0 + beta / nn) - boost::math::digamma(1.0 + beta)) / nn;
}

circular_asymptotics circular_log_K_asymptotics(double beta) {
    using boost::math::constants::euler;
    using boost::math::constants::pi;
    return {boost::math::lgamma(1.0 + beta) + euler<double>() * beta, -pi<double>() * pi<double>() * beta * beta / 12.0};
}

}  // namespace mfv::gibbs
