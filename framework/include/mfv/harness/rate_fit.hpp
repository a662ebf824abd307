// The rate harness: does an ensemble statistic decay in N as the theory says?
//
// For each N the members' values X_{N,1..M} of a statistic (e.g. sup_t |F_N|, or F_N(0)
// with its sign) give a mean m_N, its standard error and a bootstrap interval. The usable
// N (mean resolved away from 0) are fitted by least squares on
//   log|m_N| = log C + p log N                       (power law, theory p = s/d - 1)
// and, in the log case s = 0, also on
//   log|m_N| = log C' + q log((log N)/N)             (theory q = 1; MATH.md sections 7, 8).
// The interval of p (and q), at the study's level (95% by default), answers two sources
// of error, and is the hull of both:
//   bootstrap     the percentile bootstrap over members: every replicate resamples the
//                 members of each N independently (bootstrap.hpp) and refits. It sees the
//                 member noise of the means only.
//   lack of fit   [p - t se, p + t se] with the OLS standard error of the slope from the
//                 residuals of the n usable means about the fitted line (line_fit.hpp),
//                   se = sqrt(SSR/(n - 2) / Sxx),  t = Student t quantile, n - 2 dof, at
//                 (1 + level)/2; it needs n >= 3. It sees what the bootstrap cannot: a
//                 prefactor C(N) that varies systematically with N (e.g. jittered-lattice
//                 cells whose shape follows N's binary structure), so that the means do not
//                 lie on one line however many members are run.
//   interval      [min(lo_boot, lo_lof), max(hi_boot, hi_lof)]: both lie around the same
//                 fit p, and the verdict and the width rule read this hull. With member noise
//                 only, both estimate the same spread and the hull is little wider than the
//                 wider of the two (usually the lack-of-fit one: t with few dof); with lack
//                 of fit, the residual sd s (log units, i.e. the relative scatter of the
//                 means) widens it far beyond the bootstrap's and the reason says so.
//
// Verdict, with [lo, hi] the interval of p and t = s/d - 1:
//   inconclusive  fewer than three usable N, means of both signs across N, a bootstrap
//                 refit that is not finite, or hi - lo above the allowed width;
//   violated      lo > t: |m_N| decays slower than the bound N^t allows;
//   attained      lo <= t <= hi: the decay rate of the bound is attained;
//   consistent    hi < t: |m_N| decays faster than the bound.
// In the log case the bound is (log N)/N, which is no power of N (its local slope in
// log-log is -1 + 1/log N), so the verdict is read on q against 1 instead: violated when
// hi_q < 1, attained when the q interval contains 1, consistent when lo_q > 1.
#pragma once
#include <mfv/harness/interval.hpp>

#include <cstdint>
#include <iosfwd>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mfv::harness {

enum class verdict { violated, consistent, attained, inconclusive };
std::string_view to_string(verdict v);
std::ostream& operator<<(std::ostream& os, verdict v);

// The members' values of the statistic at one N. ok[m] == false marks a failed member: it
// is excluded and counted. An empty `ok` means every member succeeded.
struct members_at_n {
    std::uint64_t N = 0;
    std::vector<double> values;
    std::vector<bool> ok;
};

struct rate_options {
    // Names carried into the report: the observable (e.g. "modulated_energy") and the
    // statistic ("sup_abs", "initial", "final").
    std::string observable;
    std::string statistic;
    // s/d - 1.
    double theory_exponent = 0.0;
    // s = 0: add the fit against (log N)/N and read the verdict on it.
    bool log_case = false;
    std::size_t bootstrap_replicates = 2000;
    std::uint64_t seed = 0;
    double level = 0.95;
    // Largest acceptable width hi - lo of the exponent's interval (a study option).
    double max_interval_width = std::numeric_limits<double>::infinity();
};

// Mean of the ok members, its standard error s/sqrt(M) (s the sample standard deviation,
// divisor M - 1) and the bootstrap percentile interval of the mean.
struct mean_estimate {
    double mean = 0.0;
    double standard_error = 0.0;
    interval ci;
};

struct n_summary {
    std::uint64_t N = 0;
    std::size_t members_ok = 0;
    std::size_t members_failed = 0;
    // Absent when fewer than two ok members or a non-finite value.
    std::optional<mean_estimate> estimate;
    bool usable = false;
    // Why the N is not usable; empty when it is.
    std::string reason;
};

// |m| ~ C x^exponent with the interval of the exponent: ci, the hull of the bootstrap and the
// lack-of-fit intervals, is the one the verdict reads.
struct power_law {
    double exponent = 0.0;
    double prefactor = 0.0;
    interval ci;
    // Percentile bootstrap over members.
    interval bootstrap;
    // [p - t se, p + t se] from the residuals about the line, and the residual standard
    // deviation s = sqrt(SSR/(n - 2)) of log|m| about it. Present when at least three N are
    // usable (with two the line passes through both means: no residuals, no interval).
    std::optional<interval> lack_of_fit;
    std::optional<double> residual_sd;
};

// The observed order between consecutive usable N, as deal.II's ConvergenceTable prints it:
//   rate = log(|m_to| / |m_from|) / log(N_to / N_from).
struct pairwise_rate {
    std::uint64_t N_from = 0;
    std::uint64_t N_to = 0;
    double rate = 0.0;
};

// The N the fit used.
struct fit_window {
    std::uint64_t N_min = 0;
    std::uint64_t N_max = 0;
    std::size_t usable = 0;
};

// Sign of the usable means: all positive, all negative, both, or no usable N.
enum class mean_sign { positive, negative, mixed, none };
std::string_view to_string(mean_sign s);
std::ostream& operator<<(std::ostream& os, mean_sign s);

// The numerical error budget (numerical_budget.hpp): the statistic at the largest N, the
// same re-run with tightened tolerances, and their relative change.
struct numerical_check {
    std::uint64_t N = 0;
    double value = 0.0;
    double tightened = 0.0;
    double relative_change = 0.0;
    double tolerance = 0.0;
};

struct rate_fit {
    std::string observable;
    std::string statistic;
    double theory_exponent = 0.0;
    bool log_case = false;
    // Present when at least two N are usable.
    std::optional<power_law> fit;
    // Log case only, and present when at least two N are usable; its theory exponent is 1.
    std::optional<power_law> log_fit;
    mean_sign sign = mean_sign::none;
    std::vector<pairwise_rate> pairwise;
    fit_window window;
    // One entry per N, in increasing N.
    std::vector<n_summary> per_N;
    std::optional<numerical_check> numerical;
    verdict outcome = verdict::inconclusive;
    // One sentence with numbers, e.g. "interval [-0.71, -0.62] contains the theory
    // exponent -0.667".
    std::string reason;
};

// Fits the rate. Throws mfv::input_error for an empty list, N < 1 (N < 2 in the log case),
// a repeated N, an `ok` whose size differs from the values', zero bootstrap replicates or a
// level outside (0, 1).
rate_fit fit_rate(std::vector<members_at_n> data, const rate_options& options);

}  // namespace mfv::harness
