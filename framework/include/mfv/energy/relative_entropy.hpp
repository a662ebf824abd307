// Differential entropy and relative entropy of the one-particle marginal, estimated from a
// sample x_1..x_n of a density f on the torus T^d = [0,1)^d or on R^d, d = 1, 2, 3.
//
// Kozachenko-Leonenko estimator (Kozachenko & Leonenko 1987; with general k, Goria et al.
// 2005, Berrett, Samworth & Yuan, Ann. Statist. 47 (2019)) of H(f) = -int f log f:
//   H_n = psi(n) - psi(k) + log V_d + (d/n) sum_i log eps_i,
// eps_i the distance from x_i to its k-th nearest other point (domain/knn_distance.hpp; minimum
// image on the torus), V_d = pi^(d/2)/Gamma(d/2 + 1) the volume of the unit ball (2, pi,
// 4 pi/3) and psi the digamma function. The constants make it asymptotically unbiased for
// every fixed k: given x_i, n V_d eps_i^d f(x_i) is asymptotically Gamma(k, 1)-distributed,
// whose log has mean psi(k). For the uniform law on the torus it is exactly unbiased
// (V_d eps_i^d ~ Beta(k, n - k), E log = psi(k) - psi(n)) as long as eps_i < 1/2.
// Its standard deviation is of order c/sqrt(n); the tests measure c (entropy_test.cpp).
//
// Relative entropy of the sample's law f with respect to a reference density mu:
//   H(f | mu) = int f log(f/mu) = -H(f) - int f log mu ~ -H_n - (1/n) sum_i log mu(x_i).
// Sums over i are Neumaier-compensated in long double in index order (compensated_sum of
// modulated_energy.hpp), and every eps_i is independent of the threads: the result is
// deterministic.
#pragma once
#include <mfv/core/points.hpp>
#include <mfv/domain/torus.hpp>

#include <functional>
#include <span>

namespace mfv::energy {

// H_n with k neighbours. Needs 1 <= k < n (std::invalid_argument); throws std::domain_error
// naming two points that coincide (eps_i = 0: log eps_i = -infinity).
double knn_entropy(points_view x, domain::kind where, int k = 4);

struct relative_entropy_terms {
    // H_n, the entropy estimate.
    double entropy = 0.0;
    // (1/n) sum_i log mu(x_i), the cross term.
    double mean_log_reference = 0.0;
    // -entropy - mean_log_reference.
    double value = 0.0;
};

// log_mu is called once per point with its d coordinates (on the torus as stored, not
// wrapped; a periodic mu reads them modulo 1), from several threads at once: it must be
// safe to call concurrently. A non-finite log mu(x_i) throws std::domain_error naming i.
relative_entropy_terms relative_entropy(points_view x, const std::function<double(std::span<const double>)>& log_mu,
                                        domain::kind where, int k = 4);

}  // namespace mfv::energy
