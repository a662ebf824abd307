// The closed form behind the torus case (reference/gibbs.md section 6). On T^1 with
// g = -log|x| (periodic kernel G(x) = -log|2 sin(pi x)|, MATH.md 6) and mu uniform, h = 0
// and iint G = 0, so F_N = (2/N^2) H_N and
//   exp(-beta N F_N) = prod_{i<j} |2 sin(pi (x_i - x_j))|^(beta_D),   beta_D = 2 beta / N:
// Q_{N,beta} is the circular beta_D-ensemble, and K is Morris' (Dyson's) integral
//   K_N(beta) = Gamma(1 + beta_D N/2) / Gamma(1 + beta_D/2)^N = Gamma(1 + beta) / Gamma(1 + beta/N)^N.
// Hence, with psi the digamma function,
//   (1/N) log K = (1/N) log Gamma(1 + beta) - log Gamma(1 + beta/N),
//   E_{Q_beta}[F_N] = -(1/N) d/dbeta log K = (psi(1 + beta/N) - psi(1 + beta)) / N,
// and for N -> infinity (log Gamma(1 + e) = -gamma_E e + (pi^2/12) e^2 + O(e^3))
//   (1/N) log K = (log Gamma(1 + beta) + gamma_E beta) / N - pi^2 beta^2 / (12 N^2) + O(N^-3).
#pragma once
#include <cstddef>

namespace mfv::gibbs {

// (1/N) log K_{N,beta}; beta = 1/theta >= 0, N >= 2.
double circular_log_K_over_N(std::size_t n, double beta);
// E_{Q_{N,beta}}[F_N].
double circular_mean_F_N(std::size_t n, double beta);
// The first two terms of the large-N expansion of (1/N) log K: c1/N and c2/N^2.
struct circular_asymptotics {
    double c1, c2;
};
circular_asymptotics circular_log_K_asymptotics(double beta);

}  // namespace mfv::gibbs
