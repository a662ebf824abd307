// The commutator estimate (MATH.md section 8; issue 6): the theorem bounds
//   |K(u)| <= C ||Du^t||_inf (F_N + C' r(N)),   r(N) = N^(s/d-1) (log: (log N)/N),
// with constants independent of N. Per member and output time the ratio
//   rho(t) = |K(t)| / (L(t) (F_N(t) + C' r(N))),   L(t) = ||Du^t||_inf on the support,
// and per member its supremum over t: the empirical constant C of the functional
// inequality, as far as that member shows it. C' is the study's, or else twice the largest
// |F_N| / r(N) met over all N, members and times, so that F_N + C' r(N) >= |F_N| > 0 (the
// theorem's C' makes F_N + C' r(N) >= 0; this one keeps the ratio finite and of the size of
// |K| / (L |F_N|) where |F_N| is of its typical size). Across N the mean supremum must not
// grow (log_trend.hpp: bounded / growing / inconclusive).
#pragma once
#include <mfv/harness/interval.hpp>
#include <mfv/harness/log_trend.hpp>
#include <mfv/harness/member_series.hpp>

#include <limits>
#include <optional>
#include <string>
#include <vector>

namespace mfv::harness {

struct commutator_options {
    // C' > 0 (NaN: twice the largest |F_N| / r(N) in the data).
    double C_prime = std::numeric_limits<double>::quiet_NaN();
    double theory_exponent = 0.0;
    bool log_case = false;
    std::size_t bootstrap_replicates = 2000;
    std::uint64_t seed = 1;
    double level = 0.95;
    double growth_tolerance = 0.25;
};

struct commutator_at_n {
    std::uint64_t N = 0;
    double rate_term = 0.0;
    std::vector<double> sup_ratio;  // per member that finished
    double mean_sup_ratio = 0.0, max_sup_ratio = 0.0;
    interval sup_ratio_interval;
    std::size_t members_used = 0, members_failed = 0;
    // The ratio's ensemble mean and standard deviation at each output time (figure).
    std::vector<double> times, mean_ratio, sd_ratio;
};

struct commutator_fit {
    double C_prime = 0.0;
    std::string C_prime_source;
    std::vector<commutator_at_n> per_N;
    double sup_ratio = 0.0;  // over every N, member and time
    log_trend trend;
};

// K, F (modulated energy) and L (Lipschitz constant on the support) at each N, the same
// members and times. Throws mfv::input_error for malformed or mismatched series, or C' <= 0.
commutator_fit fit_commutator(const std::vector<series_at_n>& K, const std::vector<series_at_n>& F,
                              const std::vector<series_at_n>& L, const commutator_options& options);

}  // namespace mfv::harness
