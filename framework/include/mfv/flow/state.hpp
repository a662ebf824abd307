// The state of a particle flow: the configuration X_N as one flat vector in the
// structure-of-arrays layout of mfv::points (x[k * N + i] = k-th coordinate of x_i).
// std::vector<double> is a Boost.Odeint state out of the box (range algebra).
#pragma once
#include <vector>

namespace mfv::flow {

using state = std::vector<double>;

}  // namespace mfv::flow
