// The initial configuration of one ensemble member on the torus T^d = [0,1)^d: n points from
// a torus law mu (torus_law.hpp) by the sampler the study names (`initial.sampling`), with
// or without a correlation between the particles (`initial.correlation`).
//
// Samplers:
//   iid               exact independent draws by rejection from the uniform law: a candidate
//                     y ~ U[0,1)^d is kept when v (1 + A) <= mu(y), v ~ U(0,1], A = sum|a_m|.
//                     The acceptance probability is 1/(1 + A) > 1/2.
//   jittered_lattice  one point in each of n cells of mu-mass 1/n exactly: the cells are the
//                     images under the Knothe-Rosenblatt map T of mu (knothe_rosenblatt.hpp,
//                     det DT = 1/mu) of n boxes of volume 1/n in the unit cube, and the point
//                     of cell j is T(uniform point of box j), distributed as mu restricted to
//                     the cell. The boxes are the regular grid when n = m^d, else the
//                     equal-volume bisection of box_partition.hpp (aspect ratio <= 3). T
//                     distorts lengths by a bounded factor (mu is in [1 - A, 1 + A]), so the
//                     cells have diameter O(n^(-1/d)). For the uniform law T is the identity.
// Correlations (the non-chaotic starts of a generation-of-chaos study; both need modes):
//   none          the particles are drawn from mu as above.
//   common_shift  every particle of the member is shifted by one vector s ~ U[0,1)^d, mod 1.
//                 Each particle's marginal is uniform (mu averaged over its translates),
//                 while within the member the points follow the shifted mu: correlated.
//   mixture       the member draws all its particles from mu (probability 1/2) or from
//                 mu_- = 2 - mu (probability 1/2): again a uniform one-particle marginal.
//
// Stream positions (all uniforms in (0, 1] of the member's stream, so the result is a
// function of (mu, sampling, correlation, n, stream) alone, whatever the number of threads):
//   0             the mixture's coin: mu when u_0 <= 1/2, mu_- otherwise;
//   1 .. d        the common shift s_k = u_(1+k) mod 1;
//                 (positions 0..3, one Philox block, are reserved for these whether used or not)
//   iid           trial t of particle i reads the block b = 1 + i 2^12 + t, positions
//                 4b .. 4b + d - 1 for the candidate (u mod 1) and 4b + d for v. More than
//                 2^12 rejections in a row has probability below 2^(-4096).
//   lattice       the jitter of box j is at positions 4 + j d .. 4 + (j + 1) d - 1.
// Positions are returned wrapped to [0, 1).
#pragma once
#include <mfv/core/points.hpp>
#include <mfv/core/random_stream.hpp>
#include <mfv/sampling/box_partition.hpp>
#include <mfv/sampling/torus_law.hpp>

#include <cstddef>
#include <string>
#include <vector>

namespace mfv::sampling {

// Throws mfv::input_error naming `initial.sampling` or `initial.correlation` for an unknown
// name, and `initial.correlation` for a correlated start of a law without modes (it would be
// the iid uniform start, with no correlation at all).
mfv::points sample_torus(const torus_law& mu, const std::string& sampling, const std::string& correlation,
                         std::size_t n, const mfv::random_stream& rs);

// The samplers alone (correlation "none"), reading the stream as described above.
mfv::points sample_torus_iid(const torus_law& mu, std::size_t n, const mfv::random_stream& rs);
mfv::points sample_torus_lattice(const torus_law& mu, std::size_t n, const mfv::random_stream& rs);

// The n boxes of volume 1/n of the unit cube [0,1]^d the lattice jitters, in its order: the
// regular grid (last coordinate fastest) when n = m^d, else box_partition's bisection.
std::vector<box> unit_cube_cells(int d, std::size_t n);

}  // namespace mfv::sampling
