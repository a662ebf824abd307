#include <mfv/harness/interval.hpp>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace mfv::harness {

double quantile_sorted(std::span<const double> sorted, double q) {
    if (sorted.empty()) throw std::invalid_argument("quantile of an empty sample");
    const double h = (sorted.size() - 1) * q;
    const std::size_t k = static_cast<std::size_t>(std::floor(h));
    if (k + 1 >= sorted.size()) return sorted.back();
    return sorted[k] + (h - k) * (sorted[k + 1] - sorted[k]);
}

interval percentile_interval(std::vector<double> sample, double level) {
    if (sample.empty()) throw std::invalid_argument("percentile interval of an empty sample");
    if (!std::all_of(sample.begin(), sample.end(), [](double x) { return std::isfinite(x); })) {
        throw std::invalid_argument("percentile interval of a sample with a non-finite value");
    }
    std::sort(sample.begin(), sample.end());
    return {quantile_sorted(sample, (1.0 - level) / 2.0), quantile_sorted(sample, (1.0 + level) / 2.0)};
}

}  // namespace mfv::harness
