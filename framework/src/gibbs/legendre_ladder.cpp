#include <mfv/gibbs/legendre_ladder.hpp>

#include <boost/math/special_functions/legendre.hpp>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace mfv::gibbs {

ladder gauss_legendre_ladder(double beta_max, int rungs) {
    if (rungs < 1) throw std::invalid_argument("gauss_legendre_ladder: needs at least one rung");
    if (!(beta_max > 0.0) || !std::isfinite(beta_max))
        throw std::invalid_argument("gauss_legendre_ladder: beta_max must be a positive finite number");
    // Nodes t of P_L on [-1, 1] (Boost gives the non-negative ones) and the weights
    // w = 2 / ((1 - t^2) P_L'(t)^2), mapped to [0, beta_max]: beta = (1 + t) beta_max / 2,
    // weight w beta_max / 2.
    std::vector<double> t;
    for (double z : boost::math::legendre_p_zeros<double>(rungs)) {
        t.push_back(z);
        if (z != 0.0) t.push_back(-z);
    }
    std::sort(t.begin(), t.end());
    ladder out;
    for (double z : t) {
        const double p = boost::math::legendre_p_prime<double>(rungs, z);
        out.beta.push_back(0.5 * beta_max * (1.0 + z));
        out.weight.push_back(0.5 * beta_max * 2.0 / ((1.0 - z * z) * p * p));
    }
    return out;
}

}  // namespace mfv::gibbs
