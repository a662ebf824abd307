// The cell columns of the real-space sum (pme_parts.hpp): their size for n particles
// (column_plan) and the sort of a configuration into them (sorted_particles), the order in
// which both parts of PME work.
#include "pme_parts.hpp"

#include <mfv/domain/torus.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <vector>

namespace mfv::interaction::pme_detail {

// Per particle, reach j: (2j + 1)^(d-1) windows of length 2 r_cut in columns of side 1/m
// holding n/m^(d-1) particles per unit length: (2j + 1)^(d-1) 2 r_cut n / m^(d-1) candidates.
column_plan column_plan::choose(int d, double r_cut, double n) {
    column_plan best;
    if (d == 1) {
        best.windows = 1.0;
        best.candidates = std::min(1.0, 2.0 * r_cut) * n;
        return best;
    }
    double best_cost = std::numeric_limits<double>::infinity();
    for (int reach = 1; reach <= 3; ++reach) {
        // 1e-9 below reach / r_cut, so that j columns exceed r_cut by more than the rounding of
        // the column of a particle (floor(x m)).
        const int m = std::max(1, static_cast<int>(std::floor(reach * (1.0 - 1e-9) / r_cut)));
        const int per_axis = m < 2 * reach + 1 ? m : 2 * reach + 1;
        const double windows = std::pow(per_axis, d - 1);
        const double candidates = windows * std::min(1.0, 2.0 * r_cut) * n / std::pow(m, d - 1);
        const double cost = windows * window_cost + candidates * candidate_cost;
        if (cost < best_cost) {
            best_cost = cost;
            best = {m, reach, windows, candidates};
        }
    }
    return best;
}

// Counting sort into columns (stable), each column by its last coordinate, then the sorted
// coordinates (wrapped) and charges gathered.
void sorted_particles::sort(points_view raw, const double* charges, int columns_per_axis) {
    d = raw.d;
    n = raw.n;
    m = d == 1 ? 1 : columns_per_axis;
    std::size_t columns = 1;
    for (int k = 0; k + 1 < d; ++k) columns *= static_cast<std::size_t>(m);
    x.resize(static_cast<std::size_t>(d) * n);
    q.resize(n);
    origin.resize(n);
    column_of.resize(n);
    column_start.assign(columns + 1, 0);
    // The last coordinate, wrapped, in the caller's order (x is the workspace here).
    double* z = x.data();
    const double* z_in = raw.coord(d - 1);
    for (std::size_t i = 0; i < n; ++i) {
        z[i] = domain::wrap(z_in[i]);
        std::size_t c = 0;
        for (int k = 0; k + 1 < d; ++k)
            c = c * static_cast<std::size_t>(m) +
                static_cast<std::size_t>(std::min(m - 1, static_cast<int>(domain::wrap(raw(i, k)) * m)));
        column_of[i] = c;
        ++column_start[c + 1];
    }
    std::partial_sum(column_start.begin(), column_start.end(), column_start.begin());
    {
        std::vector<std::size_t> next(column_start.begin(), column_start.end() - 1);
        for (std::size_t i = 0; i < n; ++i) origin[next[column_of[i]]++] = i;
    }
    const auto ncols = static_cast<std::ptrdiff_t>(columns);
#pragma omp parallel for schedule(dynamic, 16) if (n > 4096)
    for (std::ptrdiff_t c = 0; c < ncols; ++c) {
        auto* first = origin.data() + column_start[static_cast<std::size_t>(c)];
        auto* last = origin.data() + column_start[static_cast<std::size_t>(c) + 1];
        std::sort(first, last, [&](std::size_t a, std::size_t b) { return z[a] < z[b] || (z[a] == z[b] && a < b); });
    }
    // Gather: the sorted last coordinate first (z lives in x's first n entries), then the rest.
    std::vector<double> z_sorted(n);
    for (std::size_t s = 0; s < n; ++s) z_sorted[s] = z[origin[s]];
#pragma omp parallel for schedule(static) if (n > 65536)
    for (std::ptrdiff_t ss = 0; ss < static_cast<std::ptrdiff_t>(n); ++ss) {
        const auto s = static_cast<std::size_t>(ss);
        for (int k = 0; k + 1 < d; ++k) x[static_cast<std::size_t>(k) * n + s] = domain::wrap(raw(origin[s], k));
        q[s] = charges[origin[s]];
    }
    std::copy(z_sorted.begin(), z_sorted.end(), x.begin() + static_cast<std::ptrdiff_t>((d - 1) * n));
}

}  // namespace mfv::interaction::pme_detail
