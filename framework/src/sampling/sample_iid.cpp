#include <mfv/sampling/sample_iid.hpp>

#include <array>
#include <cmath>
#include <stdexcept>

namespace mfv::sampling {

mfv::points sample_iid(const law& mu, std::size_t n, const mfv::random_stream& rs) {
    const int d = mu.dim();
    if (d < 1 || d > 3) throw std::invalid_argument("sample_iid: d must be 1, 2 or 3");
    mfv::points x(d, n);
    const std::uint64_t stride = static_cast<std::uint64_t>(d) + 1;
    // The stream's uniforms lie in (0, 1]; u = 1 would put a Gaussian point at infinity.
    const double below_one = std::nextafter(1.0, 0.0);
#pragma omp parallel for schedule(static)
    for (std::size_t i = 0; i < n; ++i) {
        const std::uint64_t first = static_cast<std::uint64_t>(i) * stride;
        double u;
        rs.uniform(first, std::span<double>(&u, 1));
        std::array<double, 3> z{};
        rs.normal(first + 1, std::span<double>(z.data(), static_cast<std::size_t>(d)));
        double norm2 = 0.0;
        for (int k = 0; k < d; ++k) norm2 += z[k] * z[k];
        // Z = 0 has probability zero but is not impossible in floating point (Box-Muller
        // with a uniform equal to 1): take the first axis, a fixed and harmless choice.
        if (norm2 == 0.0) {
            z[0] = 1.0;
            norm2 = 1.0;
        }
        const double r = mu.radius_quantile(std::min(u, below_one)) / std::sqrt(norm2);
        for (int k = 0; k < d; ++k) x(i, k) = r * z[k];
    }
    return x;
}

}  // namespace mfv::sampling
