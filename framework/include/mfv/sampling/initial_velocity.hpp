// The velocities of a Newton study's start (issue 7): monokinetic, v_i = u0(x_i), with
// u0 = 0 ("zero") or u0(x) = a x ("linear"). Same layout as the positions (structure of
// arrays: v[k * N + i] is component k of v_i).
#pragma once
#include <mfv/core/law_spec.hpp>
#include <mfv/core/points.hpp>

#include <vector>

namespace mfv::sampling {

std::vector<double> initial_velocity(const velocity_spec& u0, points_view x);

}  // namespace mfv::sampling
