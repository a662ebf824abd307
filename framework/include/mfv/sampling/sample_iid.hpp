// N independent draws from a radial law mu: x_i = r(U_i) theta_i with U_i uniform on
// (0, 1), r the radius quantile of mu, and theta_i = Z_i / |Z_i| uniform on the sphere
// (Z_i a standard normal vector; in d = 1 a random sign). MATH.md section 7 gives the
// modulated energy of such a start: E[F_N] = -E/N.
#pragma once
#include <mfv/core/points.hpp>
#include <mfv/core/random_stream.hpp>
#include <mfv/sampling/law.hpp>

#include <cstddef>

namespace mfv::sampling {

// Particle i reads the stream only at positions [i (d+1), (i+1)(d+1)): the uniform at
// i (d+1) and the normals at i (d+1) + 1 .. i (d+1) + d. The result is a function of
// (mu, n, stream) alone, whatever the number of threads.
mfv::points sample_iid(const law& mu, std::size_t n, const mfv::random_stream& rs);

}  // namespace mfv::sampling
