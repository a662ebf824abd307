// The Bessel truncation g_eta of the Riesz and log kernels (Hess-Childs, Rosenzweig, Serfaty
// arXiv:2511.13461, as the talk states it; written in MATH.md's conventions in
// reference/truncation.md, which derives what the slide leaves out). With the Bessel kernel
// phi of order a = d + 1 (nu = 1/2: phi = e^(-|x|) / (|S^(d-1)| Gamma(d))):
//   g_eta(x) = c_{phi,d,s} int_eta^inf t^(d-s-1) phi_t(x) dt = eta^(-s) G(|x|/eta),
//   G(r) = gamma_p(s, r) / (s r^s),  G(0) = 1/(s Gamma(s+1))          (truncation.md 1.3)
//   g - g_eta = gamma_q(s, |x|/eta) / (s |x|^s)                          (computed from Q)
//   -grad g_eta = x |x|^(-s-2) gamma_p(s+1, |x|/eta)                      (1.4)
//   log (s = 0): g_eta = -log eta + G_0(|x|/eta), G_0(r) = -log r - E_1(r), G_0(0) = gamma_E,
//                -grad g_eta = x |x|^-2 (1 - e^(-|x|/eta))                 (1.5)
//   g_eta^(k) = c_{d,s} |k|^(s-d) I_z((1+s)/2, (d-s)/2),  z = 1/(1 + eta^2 |k|^2) >= 0  (1.6)
// The closed forms (Boost.Math gamma_p, gamma_q, expint, ibeta) are exact to the special
// functions' accuracy (about 1e-15 relative), so no table is needed: a table interpolated in
// r would only add an error. Properties (truncation.md 2): g_eta <= g, g_eta^ >= 0 (positive
// definite; for s = 0 on measures of mass 0), |g - g_eta| <= C_gamma eta^gamma / |x|^(s+gamma)
// for every gamma >= 0, C_gamma = (1/s) sup_r r^gamma gamma_q(s, r) (log: sup_r r^gamma E_1(r)).
#pragma once
#include <mfv/kernel/riesz_kernel.hpp>

namespace mfv::kernel {

class bessel_truncation {
public:
    // Throws mfv::input_error for eta <= 0 or not finite.
    bessel_truncation(const riesz_kernel& g, double eta);

    const riesz_kernel& kernel() const { return g_; }
    double eta() const { return eta_; }

    // g_eta at distance r >= 0 (finite at r = 0).
    double value(double r) const;
    // g(r) - g_eta(r) >= 0 for r > 0, without cancellation.
    double difference(double r) const;
    // The force factor F in -grad g_eta(x) = x |x|^(-s-2) F(|x|/eta), 0 <= F <= 1.
    double force_factor(double r) const;
    // g_eta^(k) at |k| = k > 0 (Fourier convention of MATH.md 0).
    double fourier(double k) const;
    // ||g - g_eta||_L1 = c_{phi,d,s} eta^(d-s) / (d-s) (truncation.md 1.7).
    double cutoff_mass() const;
    // c_{phi,d,s} = |S^(d-1)| Gamma(d) / Gamma(s+1) (log: (4 pi)^(d/2) Gamma((d+1)/2) / Gamma(1/2)).
    double constant() const;

    // The profile G(r) (s > 0) or G_0(r) (s = 0) at eta = 1.
    static double profile(double s, double r);
    // C_gamma of |g - g_eta| <= C_gamma eta^gamma / |x|^(s+gamma), by a golden-section search
    // of the sup over r of r^gamma gamma_q(s, r) / s (log: r^gamma E_1(r)) after a grid scan.
    static double error_constant(double s, double gamma);

private:
    riesz_kernel g_;
    double eta_;
};

}  // namespace mfv::kernel
