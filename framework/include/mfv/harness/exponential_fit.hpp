// Least-squares fit of one time series by an exponential relaxation,
//   y_k ~ A0 e^(-lambda (t_k - t_0)) + B     (B free)   or   A0 e^(-lambda (t_k - t_0))   (B = 0),
// t_0 the first time of the series (so A0 is the amplitude there, well conditioned whatever
// the window), lambda > 0.
//
// Method: variable projection. For fixed lambda the model is linear in (A0, B), whose least
// squares solution is closed form; the residual sum of squares S(lambda) of that solution is
// minimised over u = log lambda in [log lambda_min, log lambda_max]: a scan of 32 points
// (geometric in lambda) finds the best basin, Brent's method (boost::math::tools::
// brent_find_minima, half the digits of a double, its own limit) brackets the minimum in it,
// and Gauss-Newton steps on the full model (A0, lambda, B) (normal equations), each accepted only if it lowers
// S, polish it to full precision (quadratic convergence when the residuals are zero, which
// Brent alone, resolving S to sqrt(eps) in u, would not give).
//
// Not converged, with the reason: a minimum at the edge of the search range (the data do not
// decay at a rate inside it: a constant or a growing series, or a decay too fast for the
// sampling), a non-finite S (non-finite data), or Brent's iteration limit.
#pragma once
#include <span>
#include <string>

namespace mfv::harness {

struct exponential_fit {
    // A0 (at the first time of the series), lambda, B (0 when not fitted).
    double amplitude = 0.0;
    double rate = 0.0;
    double offset = 0.0;
    // sqrt(S / K), K the number of times.
    double rms_residual = 0.0;
    bool converged = false;
    // Why not converged; empty when converged.
    std::string reason;
};

// Needs t strictly increasing, y of the same length, at least 3 times (4 with B free, so that
// a residual remains), 0 < rate_min < rate_max (throws std::invalid_argument otherwise).
exponential_fit fit_exponential(std::span<const double> t, std::span<const double> y, bool fit_offset,
                                double rate_min, double rate_max);

}  // namespace mfv::harness
