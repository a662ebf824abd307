// A partition of the cube [-1, 1]^d into n boxes of equal volume 2^d / n, for any n >= 1,
// by recursive bisection: a box that must hold m >= 2 cells is cut across its longest
// side, in proportion floor(m/2) : ceil(m/2), into a box for floor(m/2) cells and one
// for the rest.
//
// Aspect ratio. Each cut keeps a fraction f = floor(m/2)/m in [1/3, 1/2] of the longest
// side L. By induction from the cube, every box has longest/shortest side <= 3: the new
// short side f L >= L/3 is at least a third of the old longest side, which bounds every
// side of both children. With volume 2^d / n this gives longest side
// <= 2 (3^(d-1) / n)^(1/d) and diameter <= 2 sqrt(d) (3^(d-1) / n)^(1/d) = O(n^(-1/d)).
// When n = 2^(d k) the boxes are the regular grid of k bisections per axis.
#pragma once
#include <array>
#include <cstddef>
#include <vector>

namespace mfv::sampling {

// An axis-aligned box [lo_0, hi_0] x ... x [lo_{d-1}, hi_{d-1}], d <= 3.
struct box {
    std::array<double, 3> lo{};
    std::array<double, 3> hi{};
};

// The n boxes, in the depth-first order of the bisection (neighbours in the list are
// neighbours in space). Requires d in {1, 2, 3}; n = 0 gives no boxes.
std::vector<box> equal_volume_boxes(int d, std::size_t n);

}  // namespace mfv::sampling
