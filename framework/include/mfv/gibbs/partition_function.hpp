// (1/N) log K_{N,theta}(mu) by thermodynamic integration in beta = 1/theta
// (reference/gibbs.md section 2). With K(beta) = int exp(-beta N F_N) dmu^{tensor N},
//   d/dbeta log K(beta) = -N E_{Q_beta}[F_N],   K(0) = 1,
// so (1/N) log K(1/theta) = -int_0^{1/theta} E_{Q_beta}[F_N] dbeta, evaluated on the
// Gauss-Legendre ladder (legendre_ladder.hpp) with one independent MALA chain a rung:
//   (1/N) log K ~ -sum_k w_k m_k,   standard error sqrt(sum_k w_k^2 se_k^2),
// m_k the chain mean of F_N at beta_k and se_k its autocorrelation-corrected standard error
// (autocorrelation.hpp); the chains are independent, so the variances add. The error of
// the rule itself is not in the standard error: it is bounded separately (gibbs.md 2).
#pragma once
#include <mfv/gibbs/autocorrelation.hpp>
#include <mfv/gibbs/legendre_ladder.hpp>

#include <cstddef>
#include <vector>

namespace mfv::gibbs {

// One rung's chain summarised.
struct rung {
    double beta = 0.0, weight = 0.0;
    chain_statistics F_N;
    double acceptance_rate = 0.0;
    // Of the independence moves (NaN when there are none).
    double independence_acceptance = 0.0;
    double step = 0.0;
    std::size_t out_of_support = 0;
};

struct log_K_estimate {
    double log_K_over_N = 0.0;
    double standard_error = 0.0;
};

// The rungs carry their beta and weight; throws std::invalid_argument when empty.
log_K_estimate integrate_ladder(const std::vector<rung>& rungs);

}  // namespace mfv::gibbs
