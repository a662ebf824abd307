// The closest pair of a configuration on the unit torus T^d = [0,1)^d, distances by the
// minimum image (domain/torus.hpp): for the collision guards and the min_distance
// observable of torus studies.
#pragma once
#include <mfv/core/points.hpp>

#include <cstddef>

namespace mfv::domain {

struct torus_pair {
    double distance;  // min_{i != j} |x_i - x_j|_T; +inf when N < 2, NaN for a non-finite coordinate
    std::size_t i, j;
};

// Exact, by a grid of m^d cells (m about N^(1/d)/2): every pair in neighbouring cells is
// compared, which finds the closest pair whenever it is closer than the cell side 1/m;
// otherwise (a very regular configuration) all pairs are compared. Ties go to the smallest
// (i, j), so the answer does not depend on the thread count.
torus_pair closest_pair_on_torus(points_view x);

}  // namespace mfv::domain
