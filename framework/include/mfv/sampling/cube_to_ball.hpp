// A volume-preserving map from the cube [-1, 1]^d onto the closed unit ball B_1, d = 1, 2, 3,
// with Jacobian determinant the constant |B_1| / 2^d (1, pi/4, pi/6) and bounded distortion.
// The jittered lattice (jittered_lattice.hpp) pushes equal-volume boxes of the cube through
// it to get cells of equal mass with diameters O(n^(-1/d)).
//
// The construction, in every d. Write u = rho w with rho = |u|_inf and w on the cube's
// surface, and set F(u) = rho S(w) with S an equal-area map from the surface of the cube
// onto the unit sphere (area ratio |S^(d-1)| / (d 2^d) = |B_1| / 2^d). In the coordinates
// (rho, w) Lebesgue measure is rho^(d-1) drho dA_cube(w) (on a face the outer normal and w
// have inner product 1), and at F(u) it is rho^(d-1) drho dA_sphere(S(w)): so F has
// constant Jacobian iff S is equal-area, and F is positively homogeneous, so its distortion
// is that of S, the same at every radius.
//   d = 1: F is the identity.
//   d = 2: S maps each side of the square onto a quarter circle proportionally to arc
//     length: this F is the concentric map of Shirley & Chiu, "A low distortion map between
//     disk and square", J. Graphics Tools 2(3), 1997. For |b| <= |a|:
//       F(a, b) = a (cos phi, sin phi),   phi = (pi/4) b / a.
//   d = 3: S is an equal-area projection of each face onto its spherical square, in the
//     spirit of Rosca & Plonka, "Uniform spherical grids via equal area projection from the
//     cube to the sphere", J. Comput. Appl. Math. 236 (2011); the radial extension F is the
//     cube-to-ball construction of Holhos & Rosca (2014). Derived here so it can be checked:
//     on the face w_3 = 1, cut the square into four triangles by its diagonals; on the
//     triangle |b| <= a the planar measure is a da dv (b = v a, v in [-1, 1]). Describe
//     the sphere by the polar angle theta from the face centre and the azimuth phi from
//     the a-axis, with measure d(1 - cos theta) dphi. The triangle's outer edge a = 1 is
//     the cube edge, whose radial image is the great-circle arc cos theta_max(phi) =
//     1 / sqrt(2 + tan^2 phi), |phi| <= pi/4. Choose phi = phi(v) so that the wedges have
//     the right area,
//       (1 - cos theta_max(phi)) phi'(v) = (pi/6) / 2,
//     which integrates (with int_0^phi dpsi / sqrt(2 + tan^2 psi) = asin(sin phi / sqrt 2))
//     to phi - asin(sin phi / sqrt 2) = (pi/12) v, solved in closed form by
//       tan phi = sin alpha / (cos alpha - 1/sqrt 2),   alpha = (pi/12) v;
//     then fill each wedge proportionally, 1 - cos theta = a^2 (1 - cos theta_max(phi)).
//     The Jacobian is d(a^2 B) ^ dphi = 2 a B phi' da dv = (pi/6) a da dv with
//     B = 1 - cos theta_max: equal area. v = +-1 gives phi = +-pi/4 from both sides of a
//     diagonal, and a = 1 gives the radial projection (1, tan phi, 1)/|.| of the edge point,
//     symmetric in the two faces that share it: F is continuous, piecewise smooth, and
//     its inverse has the closed form used by ball_to_cube.
// Distortion (finite-difference F' at 2e5 random points): singular values of F' lie in
// [0.57, 1.38] for d = 2 and [0.45, 1.57] for d = 3, so images of boxes of aspect ratio
// <= 3 keep a bounded aspect ratio and diameter <= 1.6 times the box's.
#pragma once

namespace mfv::sampling {

// |B_1| / 2^d, the Jacobian determinant of cube_to_ball.
double cube_to_ball_jacobian(int d);

// x = F(u) for u in [-1, 1]^d; x and u hold d numbers, d in {1, 2, 3}.
void cube_to_ball(int d, const double* u, double* x);

// u = F^{-1}(x) for x in the closed unit ball.
void ball_to_cube(int d, const double* x, double* u);

}  // namespace mfv::sampling
