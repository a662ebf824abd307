#include <mfv/domain/torus_distance.hpp>

#include <mfv/domain/torus.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

namespace mfv::domain {

namespace {

double torus_distance2(points_view x, std::size_t i, std::size_t j) {
    double r2 = 0.0;
    for (int k = 0; k < x.d; ++k) {
        const double dx = minimum_image(x(i, k) - x(j, k));
        r2 += dx * dx;
    }
    return r2;
}

// The better of two candidate pairs: smaller distance, then smaller (i, j).
bool better(double r2, std::size_t i, std::size_t j, const torus_pair& p) {
    if (r2 != p.distance) return r2 < p.distance;
    return i < p.i || (i == p.i && j < p.j);
}

torus_pair all_pairs(points_view x) {
    torus_pair best{std::numeric_limits<double>::infinity(), 0, 0};
#pragma omp parallel
    {
        torus_pair local = best;
#pragma omp for schedule(dynamic, 64)
        for (std::size_t i = 0; i < x.n; ++i)
            for (std::size_t j = i + 1; j < x.n; ++j) {
                const double r2 = torus_distance2(x, i, j);
                if (better(r2, i, j, local)) local = {r2, i, j};
            }
#pragma omp critical(mfv_torus_pair)
        if (better(local.distance, local.i, local.j, best)) best = local;
    }
    return best;
}

}  // namespace

torus_pair closest_pair_on_torus(points_view x) {
    const double inf = std::numeric_limits<double>::infinity();
    if (x.n < 2) return {inf, 0, 0};
    for (std::size_t m = 0; m < x.n * static_cast<std::size_t>(x.d); ++m)
        if (!std::isfinite(x.x[m])) return {std::numeric_limits<double>::quiet_NaN(), m % x.n, m % x.n};
    const int d = x.d;
    // m cells a side, at least 3 so that the 3^d neighbours are distinct cells.
    const int m = std::max(3, static_cast<int>(std::floor(0.5 * std::pow(double(x.n), 1.0 / d))));
    if (m == 3 && x.n < 64) {
        torus_pair p = all_pairs(x);
        p.distance = std::sqrt(p.distance);
        return p;
    }
    std::size_t cells = 1;
    for (int k = 0; k < d; ++k) cells *= static_cast<std::size_t>(m);
    // Counting sort of the particles by cell: particles of a cell stay in index order.
    std::vector<std::size_t> cell_of(x.n), start(cells + 1, 0), order(x.n);
    for (std::size_t i = 0; i < x.n; ++i) {
        std::size_t c = 0;
        for (int k = d - 1; k >= 0; --k) {
            const int q = std::min(m - 1, static_cast<int>(wrap(x(i, k)) * m));
            c = c * static_cast<std::size_t>(m) + static_cast<std::size_t>(q);
        }
        cell_of[i] = c;
        ++start[c + 1];
    }
    for (std::size_t c = 0; c < cells; ++c) start[c + 1] += start[c];
    {
        std::vector<std::size_t> fill(start.begin(), start.end() - 1);
        for (std::size_t i = 0; i < x.n; ++i) order[fill[cell_of[i]]++] = i;
    }
    torus_pair best{inf, 0, 0};
#pragma omp parallel
    {
        torus_pair local{inf, 0, 0};
        int nb[3];
#pragma omp for schedule(dynamic, 16)
        for (std::size_t c = 0; c < cells; ++c) {
            int q[3] = {0, 0, 0};
            std::size_t r = c;
            for (int k = 0; k < d; ++k) {
                q[k] = static_cast<int>(r % static_cast<std::size_t>(m));
                r /= static_cast<std::size_t>(m);
            }
            const int span1 = d > 1 ? 1 : 0, span2 = d > 2 ? 1 : 0;
            for (int a = -1; a <= 1; ++a)
                for (int b = -span1; b <= span1; ++b)
                    for (int e = -span2; e <= span2; ++e) {
                        nb[0] = (q[0] + a + m) % m;
                        nb[1] = (q[1] + b + m) % m;
                        nb[2] = (q[2] + e + m) % m;
                        std::size_t c2 = 0;
                        for (int k = d - 1; k >= 0; --k) c2 = c2 * static_cast<std::size_t>(m) + static_cast<std::size_t>(nb[k]);
                        for (std::size_t u = start[c]; u < start[c + 1]; ++u)
                            for (std::size_t v = start[c2]; v < start[c2 + 1]; ++v) {
                                std::size_t i = order[u], j = order[v];
                                if (i >= j) continue;  // each pair once, from its smaller index
                                const double r2 = torus_distance2(x, i, j);
                                if (better(r2, i, j, local)) local = {r2, i, j};
                            }
                    }
        }
#pragma omp critical(mfv_torus_pair)
        if (better(local.distance, local.i, local.j, best)) best = local;
    }
    // A pair closer than the cell side lies in neighbouring cells; otherwise compare all.
    const double side = 1.0 / m;
    if (!(best.distance < side * side)) best = all_pairs(x);
    best.distance = std::sqrt(best.distance);
    return best;
}

}  // namespace mfv::domain
