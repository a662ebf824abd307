#include <mfv/gibbs/partition_function.hpp>

#include <cmath>
#include <stdexcept>

namespace mfv::gibbs {

log_K_estimate integrate_ladder(const std::vector<rung>& rungs) {
    if (rungs.empty()) throw std::invalid_argument("integrate_ladder: no rungs");
    long double sum = 0.0L, var = 0.0L;
    for (const auto& r : rungs) {
        sum -= static_cast<long double>(r.weight) * r.F_N.mean;
        const long double e = static_cast<long double>(r.weight) * r.F_N.standard_error;
        var += e * e;
    }
    return {static_cast<double>(sum), static_cast<double>(std::sqrt(var))};
}

}  // namespace mfv::gibbs
