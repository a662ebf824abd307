// A "well-prepared" start: one point in each of n cells of equal mass 1/n, the cells of
// diameter O(n^(-1/d)) and bounded aspect ratio where the law's density is bounded below
// (MATH.md section 7: F_N of such starts is of order -N^(s/d-1), against -E/N for iid).
//
// Three maps, each keeping masses equal (see their headers):
//   equal_volume_boxes:         [-1, 1]^d cut into n boxes of equal volume, aspect <= 3;
//   cube_to_ball:               constant-Jacobian, bounded-distortion map onto B_1;
//   transport_from_unit_ball:   radial map from the uniform ball to mu.
// Cell j is the image of box j, and its point is the image of a uniform point of box j,
// hence distributed as mu restricted to the cell. So every cell holds exactly one point,
// and E[#points in A] = n mu(A) for every set A: the start is unbiased, and the count in a
// half-space or ball deviates from n mu(A) only through the cells its boundary cuts,
// O(n^((d-1)/d)) of them, each contributing an independent error in [-1, 1]; typical
// deviations are O(n^((d-1)/(2d))) against sqrt(n) for iid points.
#pragma once
#include <mfv/core/points.hpp>
#include <mfv/core/random_stream.hpp>
#include <mfv/sampling/law.hpp>

#include <cstddef>

namespace mfv::sampling {

// Point j jitters box j with the stream's uniforms at positions [j d, (j+1) d): a function
// of (mu, n, stream) alone, whatever the number of threads.
mfv::points sample_jittered_lattice(const law& mu, std::size_t n, const mfv::random_stream& rs);

}  // namespace mfv::sampling
