// The enclosed-mass equation of a radial law under the whole-space Coulomb gradient flow with
// noise, in either frame (reference/radial.md sections 1-3):
//
//   d_t m = -a(t) m d_r m / r^(d-1) + (theta/2) r^(d-1) d_r(r^(1-d) d_r m) + b r d_r m,
//
// m(t, r) = mu^t(B_r), a(t) = exp(-decay t) (decay = 0: the original frame, a = 1; decay = s/2 in
// the self-similar frame, s = d-2) and b = 0 (original) or 1/2 (self-similar confinement).
// d = 2 (log) and d = 3.
//
// Space (radial.md 4). Nodes r_i = i h, h = L/n, on the truncated domain [0, L] with
// m_0 = 0 and m_n = M. The unknown at node i is the mass inside the sphere r_i, and its rate
// is minus the flux through that sphere: the mass of the shell [r_{i-1}, r_i] is
// m_i - m_{i-1}, and the shells add up to m_n - m_0 = M at every step, whatever the fluxes
// (a finite-volume scheme for the density with the shell masses as cell masses; the flux
// through r = 0 vanishes by symmetry and the one through r = L is zero by construction, a
// reflecting wall whose effect is the mass beyond L, made negligible by the choice of L).
// The flux at r_i, second order:
//   transport    a m_i (m_{i+1} - m_{i-1}) / (2 h r_i^(d-1))       (central),
//   diffusion    (theta/2) r_i^(d-1) (p_{i+1/2} - p_{i-1/2}) / h,
//                p_{i+1/2} = d (m_{i+1} - m_i) / (r_{i+1}^d - r_i^d)
//                (|S^(d-1)| times the shell's mean density: exact for a uniform density,
//                so the origin, where m ~ r^d, needs no special stencil),
//   confinement  b r_i (m_{i+1} - m_{i-1}) / (2 h).
// Central transport has no numerical diffusion. Monotonicity (density >= 0, m increasing) is
// not guaranteed (it is for cell Peclet numbers h |v|/(theta/2) < 2 and small Courant numbers
// |v| dt/h); the smallest shell mass over all steps is recorded so that a caller can refuse a
// run that went negative (radial_coulomb does). At theta = 0 a ball's edge is a kink of m;
// radial.md 5 states the orders there.
//
// Time (radial.md 4). TR-BDF2 (gamma = 2 - sqrt 2): a trapezoidal stage to t + gamma k, then
// BDF2; second order, L-stable, so the stiff diffusion (eigenvalues down to -2 theta/h^2)
// sets no step limit and its fast modes are damped, not kept oscillating. Each stage is an
// implicit solve by Newton's method with the exact Jacobian, which is tridiagonal (three-point
// stencils), by the Thomas algorithm: O(n) a stage. Between consecutive output times the step
// is (t_b - t_a)/ceil((t_b - t_a)/dt) <= dt, so every output time is hit exactly. The
// accuracy control is the stated order: the error is O(h^2 + dt^2), measured in
// tests/unit/meanfield_radial_test.cpp; radial_coulomb adds a Richardson estimate from a second
// run on half the cells with twice the step.
#pragma once
#include <functional>
#include <vector>

namespace mfv::meanfield {

struct radial_problem {
    // Dimension, 2 (log kernel) or 3 (s = 1).
    int d = 3;
    double mass = 1.0;
    double theta = 0.0;
    // a(t) = exp(-transport_decay t).
    double transport_decay = 0.0;
    // b, the confinement's coefficient: 0 or 1/2.
    double confinement = 0.0;
    // false switches the transport term off (tests only: pure diffusion has a closed form).
    bool interaction = true;
};

struct radial_solution {
    int d = 3;
    double mass = 1.0;
    // Domain [0, L] and node spacing h = L / cells.
    double radius = 0.0;
    double spacing = 0.0;
    int cells = 0;
    // The output times, increasing, and m at the nodes r_i = i h, i = 0..cells, at each.
    std::vector<double> times;
    std::vector<std::vector<double>> enclosed_mass;
    // Diagnostics: steps taken, the most Newton iterations a stage needed, and the smallest
    // shell mass m_{i+1} - m_i met at any step (negative: the density went negative).
    long steps = 0;
    int newton_iterations = 0;
    double min_shell_mass = 0.0;
};

// Solves from m(0, r_i) = initial_mass(r_i) (which must give 0 at r = 0; the value at L is
// replaced by M) to every time in `times` (>= 0, sorted and merged here), with steps <= dt.
// Throws mfv::input_error for bad input, mfv::run_error if Newton's method fails.
radial_solution solve_radial_coulomb(const radial_problem& p, const std::function<double(double)>& initial_mass,
                                     double radius, int cells, std::vector<double> times, double dt);

}  // namespace mfv::meanfield
