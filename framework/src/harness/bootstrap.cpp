#include <mfv/harness/bootstrap.hpp>

#include <mfv/core/random_stream.hpp>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace mfv::harness {

double mean_of(std::span<const double> values) {
    double sum = 0.0;
    for (double v : values) sum += v;
    return sum / values.size();
}

std::vector<double> bootstrap_means(std::span<const double> values, std::uint64_t seed, std::uint64_t n,
                                    std::size_t replicates) {
    if (values.empty()) throw std::invalid_argument("bootstrap of an empty sample");
    const std::size_t m = values.size();
    std::vector<double> means(replicates), u(m), drawn(m);
    for (std::size_t b = 0; b < replicates; ++b) {
        const random_stream stream(seed, n, b, stream_purpose::bootstrap);
        stream.uniform(0, u);
        // u in (0, 1], so ceil(u M) is in {1, ..., M}; the min() only guards rounding.
        for (std::size_t j = 0; j < m; ++j) {
            const auto pick = static_cast<std::size_t>(std::ceil(u[j] * m));
            drawn[j] = values[std::min(std::max<std::size_t>(pick, 1), m) - 1];
        }
        means[b] = mean_of(drawn);
    }
    return means;
}

}  // namespace mfv::harness
