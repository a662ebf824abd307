// The uniform-in-time harness: is the mean-field error bounded uniformly in time, or does it
// grow with the horizon? (The torus results of Chodron de Courcel-Rosenzweig-Serfaty,
// MATH.md section 9, bound F_N uniformly in t; the whole-space Gronwall bound grows.)
//
// For horizons T_1 < ... < T_J (by default the last output times at or before 1/4, 1/2, 3/4
// and 1 of the run [t_first, t_last], duplicates dropped), per N and per member the statistic
//   S_j = sup_{t_k <= T_j} |F_N(t_k)|          (statistic.hpp's sup_abs on the prefix)
// whose ensemble mean m_j(N), standard error and bootstrap interval ci_j(N), and the rate fit
// of m_j(N) in N, come from the rate harness (rate_fit.hpp) run once per horizon.
//
// Verdict, with g the allowed growth factor (default 1.1), at every N that has an estimate
// at every horizon (S_j grows with j member by member, so m_J >= m_(J-1)):
//   saturated at N  m_J <= ci_(J-1).hi or m_J <= g m_(J-1): the last stretch of the run
//                   adds nothing the members resolve, or less than the factor g;
//   growing at N    m_j > ci_(j-1).hi and m_j > g m_(j-1) for every j = 2..J: the sup
//                   keeps increasing with T;
//   uniform         saturated at every N;
//   growing         growing at every N;
//   inconclusive    anything else (some N saturated and some not, growth that stops and
//                   starts), or no N with an estimate at every horizon.
// Why g: a stationary noisy series has a sup that still creeps up with the number of samples
// (extreme values grow like sqrt(2 log K) for Gaussian noise: a few percent between 3/4 and
// the whole run), which a tight interval would call growth; a linear growth gives
// m_J/m_(J-1) = 4/3 on the default horizons.
#pragma once
#include <mfv/harness/member_series.hpp>
#include <mfv/harness/rate_fit.hpp>

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mfv::harness {

enum class uniformity { uniform, growing, inconclusive };
std::string_view to_string(uniformity u);
std::ostream& operator<<(std::ostream& os, uniformity u);

struct uniform_options {
    // Horizons T_j, increasing; empty: the default fractions 1/4, 1/2, 3/4, 1 of the run.
    std::vector<double> horizons;
    double max_growth_factor = 1.1;
    // For the rate fit at every horizon (observable, theory exponent, log case, bootstrap,
    // seed, level, width); its statistic is set to "sup_abs".
    rate_options rate;
};

// One horizon: T_j and the rate harness on the members' S_j (per_N holds m_j(N) and ci_j(N)).
struct horizon_fit {
    double horizon = 0.0;
    rate_fit fit;
};

// One N across the horizons: m_j and ci_j (absent at a horizon without an estimate), the
// growth ratios m_(j+1)/m_j, and the two per-N readings of the verdict.
struct growth_at_n {
    std::uint64_t N = 0;
    std::vector<std::optional<mean_estimate>> per_horizon;
    std::vector<double> ratios;
    bool complete = false;
    bool saturated = false;
    bool growing = false;
};

struct uniform_in_time {
    std::string observable;
    double max_growth_factor = 1.1;
    std::vector<horizon_fit> horizons;
    std::vector<growth_at_n> per_N;
    uniformity outcome = uniformity::inconclusive;
    std::string reason;
};

// The default horizons of an output grid (see above).
std::vector<double> default_horizons(const std::vector<double>& times);

// A horizon T takes the output times t_k <= T (1 + 1e-12), so that T = f t_last computed in
// floating point still takes the output time it means.
// Throws mfv::input_error for no N, a repeated N, a malformed series (check_member_series),
// fewer than two horizons, horizons not increasing or before an N's first output time, or a
// growth factor below 1; the rate harness's own errors pass through.
uniform_in_time check_uniform_in_time(std::vector<series_at_n> data, const uniform_options& options);

}  // namespace mfv::harness
