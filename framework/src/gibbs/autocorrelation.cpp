#include <mfv/gibbs/autocorrelation.hpp>

#include <mfv/energy/modulated_energy.hpp>

#include <cmath>
#include <stdexcept>
#include <vector>

namespace mfv::gibbs {

chain_statistics sokal_statistics(std::span<const double> f, double c) {
    const std::size_t n = f.size();
    if (n < 8) throw std::invalid_argument("sokal_statistics: needs at least 8 values");
    chain_statistics st;
    st.mean = static_cast<double>(energy::compensated_sum(f.data(), n) / static_cast<long double>(n));
    std::vector<double> y(n);
    for (std::size_t k = 0; k < n; ++k) y[k] = f[k] - st.mean;
    // C(t) = (1/n) sum_{k < n - t} y_k y_{k+t}.
    const auto autocovariance = [&](std::size_t t) {
        long double s = 0.0L;
        for (std::size_t k = 0; k + t < n; ++k) s += static_cast<long double>(y[k]) * y[k + t];
        return static_cast<double>(s / static_cast<long double>(n));
    };
    const double c0 = autocovariance(0);
    st.variance = c0;
    if (!(c0 > 0.0)) {
        // A constant series (every proposal rejected, or a law with one point): no error bar.
        st.tau_int = 1.0, st.ess = static_cast<double>(n), st.standard_error = 0.0, st.window = 0;
        return st;
    }
    double tau = 1.0;
    std::size_t m = 1;
    st.window_found = false;
    for (; m < n / 4; ++m) {
        tau += 2.0 * autocovariance(m) / c0;
        if (static_cast<double>(m) >= c * tau) {
            st.window_found = true;
            break;
        }
    }
    // A negative sum (anticorrelated chain, short window) would claim more than n samples'
    // worth of information from n samples; it is kept, as Sokal's estimator does, but not
    // below 1/n (the estimate is then meaningless and window_found says nothing about it).
    st.tau_int = std::max(tau, 1.0 / static_cast<double>(n));
    st.window = m;
    st.ess = static_cast<double>(n) / st.tau_int;
    st.standard_error = std::sqrt(c0 * st.tau_int / static_cast<double>(n));
    return st;
}

}  // namespace mfv::gibbs
