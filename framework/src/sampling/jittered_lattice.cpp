#include <mfv/sampling/jittered_lattice.hpp>

#include <mfv/sampling/box_partition.hpp>
#include <mfv/sampling/cube_to_ball.hpp>
#include <mfv/sampling/radial_transport.hpp>

#include <array>
#include <stdexcept>

namespace mfv::sampling {

mfv::points sample_jittered_lattice(const law& mu, std::size_t n, const mfv::random_stream& rs) {
    const int d = mu.dim();
    if (d < 1 || d > 3) throw std::invalid_argument("sample_jittered_lattice: d must be 1, 2 or 3");
    const std::vector<box> boxes = equal_volume_boxes(d, n);
    mfv::points x(d, n);
#pragma omp parallel for schedule(static)
    for (std::size_t j = 0; j < n; ++j) {
        std::array<double, 3> u{}, c{}, y{};
        rs.uniform(static_cast<std::uint64_t>(j) * d, std::span<double>(u.data(), static_cast<std::size_t>(d)));
        const box& b = boxes[j];
        for (int k = 0; k < d; ++k) c[k] = b.lo[k] + u[k] * (b.hi[k] - b.lo[k]);
        cube_to_ball(d, c.data(), y.data());
        transport_from_unit_ball(mu, y.data(), y.data());
        for (int k = 0; k < d; ++k) x(j, k) = y[k];
    }
    return x;
}

}  // namespace mfv::sampling
