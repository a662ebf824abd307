// The distance from each point of a sample to its k-th nearest other point, on the torus
// T^d = [0,1)^d (minimum-image distance, domain/torus.hpp) or in the whole space R^d,
// d = 1, 2, 3: the eps_i of the Kozachenko-Leonenko entropy estimator (energy/relative_entropy.hpp),
// and with k = 1 the closest pair of a large whole-space configuration (interaction/direct.hpp).
//
// Search structures, both exact (the k-th distance of every point, not an approximation):
//   torus        a uniform grid of m^d cells, m = floor((n/k)^(1/d)) (about k points a
//                cell), the points sorted by cell. Point i visits the cells at Chebyshev cell
//                distance r = 0, 1, 2, ... from its own (periodically) and stops after ring r
//                once it holds k distances <= r h (h = 1/m): every cell beyond ring r is at
//                least r h away. When the rings would wrap onto themselves (2r + 1 > m) the
//                point falls back to a scan of all points (small n only).
//   whole space  a k-d tree: boxes split at the median of their widest coordinate down to
//                leaves of at most 8 points; a query descends to its leaf and backtracks
//                into a subtree only when the splitting plane is closer than its current k-th
//                distance. It copes with any spread of the sample (a Gaussian's tail, an
//                outlier), which a grid over the bounding box would not.
// The points are searched in parallel (OpenMP); each eps_i is the square root of the k-th
// smallest of the same sums of squares, whatever the order of the search, so the result does
// not depend on the number of threads.
#pragma once
#include <mfv/core/points.hpp>
#include <mfv/domain/torus.hpp>

#include <vector>

namespace mfv::domain {

// eps_i for i = 0..n-1. Needs 1 <= k < n and d in {1, 2, 3} (throws std::invalid_argument).
std::vector<double> kth_neighbour_distances(points_view x, domain::kind where, int k);

}  // namespace mfv::domain
