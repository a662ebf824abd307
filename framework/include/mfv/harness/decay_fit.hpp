// The decay harness: does the ensemble-mean time series of an observable relax exponentially
// at the predicted rate? (E.g. a free energy or a Fourier mode of the empirical measure
// around mu = 1 on the torus, against lambda_k of MATH.md section 6.)
//
// Fit. The mean over members of F_m(t_k), for the times in the window [t_begin, t_end], is
// fitted by F(t) = A e^(-lambda t) + B (B free, or fixed at 0) by least squares
// (exponential_fit.hpp: variable projection, Brent over log lambda, Gauss-Newton polish).
// The rate is searched in [rate_min, rate_max], by default [1e-3, 1e3] / L, L the span of the
// output times in the window.
//
// Interval. The percentile bootstrap over members: replicate b resamples the M members with
// replacement (the same picks at every time: bootstrap.hpp's streams depend on the member
// index only, so the resampled series are whole member series) and refits. Replicates
// whose fit does not converge are left out and counted.
//
// Verdict, with [lo, hi] the interval of lambda at the level (95% by default):
//   inconclusive  the fit of the mean does not converge; fewer than 2 usable members; more
//                 than a fraction (1 - level)/2 of the replicates do not converge; the
//                 amplitude's interval contains 0 (no decay resolved); or the relative width
//                 (hi - lo)/lambda exceeds max_relative_width;
//   consistent    the predicted rate lies in [lo, hi];
//   inconsistent  it lies outside;
//   not_compared  the fit is conclusive but no prediction was given.
// Members flagged not ok, or with a non-finite value in the window, are excluded and counted
// (the reason names the first such member).
#pragma once
#include <mfv/harness/exponential_fit.hpp>
#include <mfv/harness/interval.hpp>
#include <mfv/harness/member_series.hpp>

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mfv::harness {

enum class decay_verdict { consistent, inconsistent, inconclusive, not_compared };
std::string_view to_string(decay_verdict v);
std::ostream& operator<<(std::ostream& os, decay_verdict v);

struct decay_options {
    // The observable's name, carried into the report.
    std::string observable;
    // Fit window; absent ends are the first and last times. The output times inside it, with
    // a relative allowance of 1e-12 for rounding at either end, are fitted.
    std::optional<double> t_begin, t_end;
    // B free (true) or fixed at 0.
    bool fit_offset = true;
    std::optional<double> predicted_rate;
    // Search range of lambda; absent ends are 1e-3 / L and 1e3 / L (L: span of the window's times).
    std::optional<double> rate_min, rate_max;
    std::size_t bootstrap_replicates = 1000;
    std::uint64_t seed = 0;
    // Keys the bootstrap streams with the seed (bootstrap.hpp): the ensemble's N.
    std::uint64_t N = 0;
    double level = 0.95;
    double max_relative_width = 0.5;
};

struct decay_fit {
    std::string observable;
    bool fit_offset = true;
    double t_begin = 0.0, t_end = 0.0;
    std::size_t times_used = 0;
    std::size_t members_used = 0, members_excluded = 0;
    double rate_min = 0.0, rate_max = 0.0;
    // The fit of the ensemble mean: its amplitude A0 is at the first output time t_w in the
    // window, and A = A0 e^(lambda t_w) is the amplitude of A e^(-lambda t) + B at t = 0.
    exponential_fit mean_fit;
    double amplitude = 0.0;
    // Percentile bootstrap intervals (absent with fewer than 2 usable members or when no
    // replicate converged); the offset's only when B is free.
    std::optional<interval> rate_ci, amplitude_ci, offset_ci;
    std::size_t replicates = 0, replicates_not_converged = 0;
    double level = 0.95;
    std::optional<double> predicted_rate;
    decay_verdict outcome = decay_verdict::inconclusive;
    // One sentence with numbers.
    std::string reason;
};

// Throws mfv::input_error for a malformed series (check_member_series), a window
// holding too few times (3 with B = 0, 4 with B free), a bad search range, zero replicates,
// a level outside (0, 1) or a non-positive max_relative_width.
decay_fit fit_decay(const member_series& data, const decay_options& options);

}  // namespace mfv::harness
