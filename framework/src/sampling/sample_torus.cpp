#include <mfv/sampling/sample_torus.hpp>

#include <mfv/core/error.hpp>
#include <mfv/domain/torus.hpp>
#include <mfv/sampling/knothe_rosenblatt.hpp>

#include <array>
#include <cmath>
#include <stdexcept>

namespace mfv::sampling {

namespace {

// sample_torus.hpp: positions 0..3 (block 0) hold the member's own draws.
constexpr std::uint64_t member_block = 4;
constexpr std::uint64_t trials_per_particle = std::uint64_t(1) << 12;
// Below this many points a member is drawn on one thread: waking the team would cost more
// than the draws (and stalls badly on a loaded machine). The points are the same either way.
constexpr std::size_t parallel_threshold = 4096;

void check_dim(const torus_law& mu) {
    if (mu.dim() < 1 || mu.dim() > 3) throw std::invalid_argument("sample_torus: d must be 1, 2 or 3");
}

// m with m^d = n, or 0 when n is no perfect d-th power.
std::size_t exact_root(int d, std::size_t n) {
    const auto m0 = static_cast<std::size_t>(std::llround(std::pow(double(n), 1.0 / d)));
    for (std::size_t m = (m0 > 0 ? m0 - 1 : 0); m <= m0 + 1; ++m) {
        std::size_t p = 1;
        for (int k = 0; k < d; ++k) p *= m;
        if (p == n) return m;
    }
    return 0;
}

}  // namespace

std::vector<box> unit_cube_cells(int d, std::size_t n) {
    std::vector<box> cells;
    if (const std::size_t m = exact_root(d, n); m > 0) {
        cells.resize(n);
        for (std::size_t j = 0; j < n; ++j) {
            std::size_t rest = j;
            for (int k = d - 1; k >= 0; --k) {
                const std::size_t c = rest % m;
                rest /= m;
                cells[j].lo[k] = double(c) / double(m);
                cells[j].hi[k] = double(c + 1) / double(m);
            }
        }
        return cells;
    }
    // box_partition cuts [-1, 1]^d; x -> (x + 1)/2 keeps volumes equal (now 1/n).
    cells = equal_volume_boxes(d, n);
    for (box& b : cells) {
        for (int k = 0; k < d; ++k) {
            b.lo[k] = 0.5 * (b.lo[k] + 1.0);
            b.hi[k] = 0.5 * (b.hi[k] + 1.0);
        }
    }
    return cells;
}

mfv::points sample_torus_iid(const torus_law& mu, std::size_t n, const mfv::random_stream& rs) {
    check_dim(mu);
    const int d = mu.dim();
    const double bound = 1.0 + mu.total_amplitude();
    mfv::points x(d, n);
    bool exhausted = false;
#pragma omp parallel for schedule(static) if (n >= parallel_threshold)
    for (std::size_t i = 0; i < n; ++i) {
        std::array<double, 4> u{};
        bool accepted = false;
        for (std::uint64_t t = 0; t < trials_per_particle && !accepted; ++t) {
            const std::uint64_t block = 1 + static_cast<std::uint64_t>(i) * trials_per_particle + t;
            rs.uniform(4 * block, std::span<double>(u.data(), static_cast<std::size_t>(d) + 1));
            for (int k = 0; k < d; ++k) u[k] = domain::wrap(u[k]);
            accepted = u[d] * bound <= mu.density(u.data());
        }
        if (!accepted) {
#pragma omp atomic write
            exhausted = true;
        }
        for (int k = 0; k < d; ++k) x(i, k) = u[k];
    }
    if (exhausted) throw std::logic_error("sample_torus_iid: 4096 rejections in a row (probability < 2^-4096)");
    return x;
}

mfv::points sample_torus_lattice(const torus_law& mu, std::size_t n, const mfv::random_stream& rs) {
    check_dim(mu);
    const int d = mu.dim();
    const std::vector<box> cells = unit_cube_cells(d, n);
    const knothe_rosenblatt map(mu);
    mfv::points x(d, n);
#pragma omp parallel for schedule(static) if (n >= parallel_threshold)
    for (std::size_t j = 0; j < n; ++j) {
        std::array<double, 3> u{}, y{};
        rs.uniform(member_block + static_cast<std::uint64_t>(j) * d,
                   std::span<double>(u.data(), static_cast<std::size_t>(d)));
        // u in (0, 1]: the point lies in the box, its upper faces included.
        for (int k = 0; k < d; ++k) u[k] = cells[j].lo[k] + u[k] * (cells[j].hi[k] - cells[j].lo[k]);
        map.to_torus(u.data(), y.data());
        for (int k = 0; k < d; ++k) x(j, k) = y[k];
    }
    return x;
}

mfv::points sample_torus(const torus_law& mu, const std::string& sampling, const std::string& correlation,
                         std::size_t n, const mfv::random_stream& rs) {
    check_dim(mu);
    if (sampling != "iid" && sampling != "jittered_lattice") {
        throw input_error("initial.sampling = \"" + sampling + "\" is not one of iid, jittered_lattice");
    }
    if (correlation != "none" && correlation != "common_shift" && correlation != "mixture") {
        throw input_error("initial.correlation = \"" + correlation + "\" is not one of none, common_shift, mixture");
    }
    if (correlation != "none" && mu.modes().empty()) {
        throw input_error("initial.correlation = \"" + correlation +
                          "\" needs a law with modes (initial.law.type = \"fourier\"): from the uniform law it is "
                          "the iid uniform start, with no correlation");
    }
    const auto draw = [&](const torus_law& law) {
        return sampling == "iid" ? sample_torus_iid(law, n, rs) : sample_torus_lattice(law, n, rs);
    };
    std::array<double, 4> own{};
    rs.uniform(0, own);
    if (correlation == "mixture") return own[0] <= 0.5 ? draw(mu) : draw(mu.reflected());
    mfv::points x = draw(mu);
    if (correlation == "common_shift") {
        const int d = mu.dim();
        for (int k = 0; k < d; ++k) {
            double* c = x.coord(k);
            for (std::size_t i = 0; i < n; ++i) c[i] = domain::wrap(c[i] + own[1 + k]);
        }
    }
    return x;
}

}  // namespace mfv::sampling
