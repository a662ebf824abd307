#include <mfv/flow/guards.hpp>

#include <mfv/core/error.hpp>
#include <mfv/domain/knn_distance.hpp>
#include <mfv/domain/torus_distance.hpp>
#include <mfv/interaction/direct.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <sstream>

namespace mfv::flow {

namespace {

// |x_i - x_j|^2.
double distance2(points_view x, std::size_t i, std::size_t j) {
    double r2 = 0.0;
    for (int k = 0; k < x.d; ++k) {
        const double dx = x(i, k) - x(j, k);
        r2 += dx * dx;
    }
    return r2;
}

std::size_t nearest_neighbour(points_view x, std::size_t i) {
    std::size_t best = i;
    double best_r2 = std::numeric_limits<double>::infinity();
    for (std::size_t j = 0; j < x.n; ++j) {
        if (j == i) continue;
        const double r2 = distance2(x, i, j);
        if (r2 < best_r2) {
            best_r2 = r2;
            best = j;
        }
    }
    return best;
}

}  // namespace

void check_finite(points_view x, std::span<const double> values, double t, const char* what) {
    for (std::size_t m = 0; m < values.size(); ++m) {
        if (std::isfinite(values[m])) continue;
        const std::size_t i = m % x.n;
        std::ostringstream msg;
        msg.precision(6);
        msg << "t = " << t << ": the " << what << " of particle " << i << " is not finite";
        if (x.n > 1) {
            const std::size_t j = nearest_neighbour(x, i);
            msg << " (nearest particle " << j << " at distance " << std::sqrt(distance2(x, i, j))
                << "; collision or blow-up?)";
        }
        throw run_error(msg.str());
    }
}

closest_pair find_closest_pair(points_view x) {
    closest_pair best{std::numeric_limits<double>::infinity(), 0, 0};
    if (x.n < 2) return best;
    if (x.n > interaction::min_distance_pairs_up_to) {
        // The nearest-neighbour distances (k-d tree): the first particle at the smallest,
        // then its nearest neighbour by a scan.
        const auto eps = domain::kth_neighbour_distances(x, domain::kind::whole_space, 1);
        const auto i = static_cast<std::size_t>(std::min_element(eps.begin(), eps.end()) - eps.begin());
        const std::size_t j = nearest_neighbour(x, i);
        return {std::sqrt(distance2(x, i, j)), std::min(i, j), std::max(i, j)};
    }
    // Each thread keeps its own best; ties resolved by the smaller (i, j) so the answer
    // does not depend on the thread count.
#pragma omp parallel
    {
        closest_pair local{std::numeric_limits<double>::infinity(), 0, 0};
#pragma omp for schedule(static)
        for (std::size_t i = 0; i < x.n; ++i) {
            for (std::size_t j = i + 1; j < x.n; ++j) {
                const double r2 = distance2(x, i, j);
                if (r2 < local.distance) local = {r2, i, j};
            }
        }
#pragma omp critical
        {
            if (local.distance < best.distance ||
                (local.distance == best.distance && local.i < best.i)) {
                best = local;
            }
        }
    }
    best.distance = std::sqrt(best.distance);
    return best;
}

void check_separation(points_view x, double t, double threshold, domain::kind space) {
    closest_pair p{0.0, 0, 0};
    if (space == domain::kind::torus) {
        const auto q = domain::closest_pair_on_torus(x);
        p = {q.distance, q.i, q.j};
    } else {
        // The vectorised minimum first; the pair itself is searched only when it is too close.
        if (interaction::min_pair_distance(x) >= threshold) return;
        p = find_closest_pair(x);
    }
    if (!(p.distance >= threshold)) {
        std::ostringstream msg;
        msg.precision(6);
        msg << "t = " << t << ": particles " << p.i << " and " << p.j << " are " << p.distance
            << " apart, closer than " << threshold << " (collision or blow-up?)";
        throw run_error(msg.str());
    }
}

}  // namespace mfv::flow
