// Error bars for the mean of a Markov chain's output (reference/gibbs.md section 5).
//
// For a stationary series f_1..f_n with autocorrelation rho(t), the variance of its mean is
// Var(fbar) = (sigma^2 / n) tau_int,  tau_int = 1 + 2 sum_{t >= 1} rho(t)   (tau_int = 1 for
// iid samples). tau_int is estimated with Sokal's automatic window: the empirical
// rho(t) = C(t)/C(0), C(t) = (1/n) sum_{k < n-t} (f_k - fbar)(f_{k+t} - fbar), summed up to
// the first window M with M >= c tau_int(M) (c = 5; Sokal, "Monte Carlo methods in
// statistical mechanics", 1996, section 3). Then
//   ess = n / tau_int,   standard_error = sqrt(C(0) tau_int / n).
#pragma once
#include <cstddef>
#include <span>

namespace mfv::gibbs {

struct chain_statistics {
    double mean = 0.0;
    double variance = 0.0;
    double tau_int = 1.0;
    double ess = 0.0;
    double standard_error = 0.0;
    std::size_t window = 0;
    // False when no window M < n/4 satisfied M >= c tau_int(M): the chain is too short for
    // its correlation time, and the error bar is not to be trusted.
    bool window_found = true;
};

// Needs at least 8 values (throws std::invalid_argument otherwise).
chain_statistics sokal_statistics(std::span<const double> series, double c = 5.0);

}  // namespace mfv::gibbs
