// The radial map that carries the uniform law on the unit ball B_1 to a radial law mu:
//   T(x) = (x / |x|) r(|x|^d),    r = M^{-1} the radius quantile of mu.
// Under the uniform law |x|^d is uniform on [0, 1] and x/|x| is uniform on the sphere
// and independent of it, so T(x) has law mu. T also keeps masses: a set A has
// mu(T(A)) = |A| / |B_1| (the mass in each thin cone between radii is matched by
// definition of the quantile), so cells of equal volume go to cells of equal mass
// (law.hpp, MATH.md section 7). Cells near the edge of a law whose density vanishes there
// (Barenblatt) or that is unbounded (Gaussian) are stretched radially: that is the law's
// shape, not a defect of the map.
#pragma once
#include <mfv/sampling/law.hpp>

namespace mfv::sampling {

// y = T(x) for x in the closed unit ball; x and y hold mu.dim() numbers (may alias).
// |x|^d is capped just below 1 so that an unbounded law gives a finite point.
void transport_from_unit_ball(const law& mu, const double* x, double* y);

}  // namespace mfv::sampling
