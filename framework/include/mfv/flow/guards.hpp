// Guards of a particle run: a non-finite position or field, or two particles closer than
// a threshold, stops the member with an error naming the particle(s) and the time.
#pragma once
#include <mfv/core/points.hpp>
#include <mfv/domain/torus.hpp>

#include <cstddef>
#include <span>
#include <string>

namespace mfv::flow {

// Throws mfv::run_error when a value of `values` (a field or positions, layout of x) is
// NaN or Inf; `what` names the quantity ("field", "position"). For a non-finite field the
// message names the particle and its nearest neighbour (a collision is the usual cause).
void check_finite(points_view x, std::span<const double> values, double t, const char* what);

// The smallest pair distance min_{i != j} |x_i - x_j| and a pair attaining it.
struct closest_pair {
    double distance;
    std::size_t i, j;
};
closest_pair find_closest_pair(points_view x);

// Throws mfv::run_error when two particles are closer than `threshold` (on the torus:
// minimum-image distances).
void check_separation(points_view x, double t, double threshold, domain::kind space = domain::kind::whole_space);

}  // namespace mfv::flow
