// Ewald splitting of the periodic Riesz / log kernel G on the unit torus T^d = [0,1)^d
// (MATH.md section 6, covolume V = 1, dual lattice Z^d).
//
//   G(x) = sum_{n in Z^d} psi(|x + n|^2)                 real space, short range
//        + sum_{k in Z^d, k != 0} phi(|k|^2) cos(2 pi k.x)  Fourier space, smooth
//        + background                                    k = 0, neutralizing background
//
// for any alpha > 0, with g = |x|^-s / s (0 < s < d) or -log|x| (s = 0), Gamma(a, z) the
// upper incomplete gamma function and Q(a, z) = Gamma(a, z) / Gamma(a) (Boost.Math):
//   Riesz: psi(r^2) = Q(s/2, alpha^2 r^2) r^-s / s,
//          phi(k^2) = pi^(s-d/2) |k|^(s-d) Gamma((d-s)/2, pi^2 |k|^2/alpha^2) / (s Gamma(s/2)),
//          background = -2 pi^(d/2) alpha^(s-d) / ((d-s) s Gamma(s/2)),
//          self = lim_{r->0} psi(r^2) - g(r) = -alpha^s / (s Gamma(s/2 + 1));
//   log:   psi(r^2) = E1(alpha^2 r^2) / 2,
//          phi(k^2) = Gamma(d/2, pi^2 |k|^2/alpha^2) / (2 pi^(d/2) |k|^d),
//          background = -pi^(d/2) alpha^(-d) / d,   self = -gamma_E/2 - log(alpha).
// The functions here are the exact ones (Boost.Math, relative accuracy ~1e-15); fast
// evaluators tabulate them. G(x) is independent of alpha (a test checks it).
#pragma once
#include <mfv/kernel/riesz_kernel.hpp>

namespace mfv::interaction {

class ewald_split {
public:
    // Throws mfv::input_error unless alpha > 0 and finite.
    ewald_split(const kernel::riesz_kernel& g, double alpha);

    const kernel::riesz_kernel& kernel() const { return g_; }
    double alpha() const { return alpha_; }

    // psi(r^2), the real-space part of one image at distance r.
    double real_value(double r2) const;
    // -psi'(r)/r, so that -grad_x psi(|x|^2) = x * real_repulsion(|x|^2).
    double real_repulsion(double r2) const;
    // phi(|k|^2) for an integer wave vector k != 0: the coefficient of cos(2 pi k.x).
    double fourier_coefficient(double k2) const;
    double background() const { return background_; }
    // lim_{x -> 0} psi(|x|^2) - g(x): the n = 0 image of a particle with itself.
    double self_limit() const { return self_; }

    // Truncation bounds used to choose cut-offs (see ewald_parameters):
    // the largest |psi(r^2)| / g(r) and |repulsion| / |grad g| relative tails beyond r,
    double real_tail(double r) const;
    // and the relative size of phi at |k| against its alpha -> infinity limit g^(k).
    double fourier_tail(double k) const;

private:
    kernel::riesz_kernel g_;
    double alpha_;
    double a_;            // s/2 (Riesz) or unused (log)
    double b_;            // (d - s)/2
    double real_scale_;   // 1 / s (Riesz)
    double force_scale_;  // 2 alpha^s / (s Gamma(s/2)) (Riesz), 1 (log)
    double fourier_scale_;
    double background_;
    double self_;
};

// Cut-offs of an Ewald sum for a requested relative accuracy `eps` on the unit torus:
// the real-space sum keeps the images with |x + n| < r_cut, the Fourier sum the wave
// vectors with |k| < k_cut. alpha * r_cut solves real_tail = eps and pi k_cut / alpha solves
// fourier_tail = eps, so each neglected term is below eps times the kernel's own size.
struct ewald_parameters {
    double alpha = 0.0;
    double r_cut = 0.0;
    double k_cut = 0.0;

    // Given r_cut (any r_cut > 0; images beyond the minimum image are summed when
    // r_cut > 1/2), the alpha and k_cut that meet eps.
    static ewald_parameters for_real_cutoff(const kernel::riesz_kernel& g, double eps, double r_cut);
};

// The regular part of G at 0, lim_{x -> 0} G(x) - g(x) (the field of a particle's own
// periodic images at its position, with the background): the Epstein zeta value of
// MATH.md section 6. Summed to relative accuracy ~1e-14.
double regular_part_at_zero(const kernel::riesz_kernel& g);

// G(x) and -grad G(x) by the plain Ewald sum with cut-offs for relative accuracy eps; x may
// be any point (it is reduced mod 1); x = 0 (mod 1) is an error (G is singular there).
double periodic_value(const kernel::riesz_kernel& g, const double* x, double eps = 1e-14);
void periodic_repulsion(const kernel::riesz_kernel& g, const double* x, double* minus_grad, double eps = 1e-14);

}  // namespace mfv::interaction
