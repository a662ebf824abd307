// The Gronwall harness (issue 6; seed-talk.md, "Gronwall"; MATH.md section 8): along the
// flow, F_N(t) <= e^(C int_0^t ||Dv^r||_inf dr) (F_N(0) + C1 N^(s/d-1)), so with a constant
// rate C2 the trajectories stay under the envelope (|F_N(0)| + C1 N^(s/d-1)) e^(C2 t).
//
// Per member (F_N at the output times t_0 = 0 < t_1 < ... < t_K), the smallest C2 >= 0 that
// keeps it under the envelope at every t_k > 0:
//   C2 = max(0, max_k log(|F_N(t_k)| / E_0) / t_k),   E_0 = |F_N(0)| + C1 r(N),
// with r(N) = N^(s/d-1), or (log N)/N in the log case s = 0 (MATH.md 8). Measured against
// the a-priori rate of the reference, A(t) = int_0^t ||Dv^r||_inf dr (when finite), the
// empirical constant of the theorem is
//   C = max(0, max_k log(|F_N(t_k)| / E_0) / A(t_k)),   and C2 / (A(T)/T) is reported too.
// Per N: the mean and the largest C2 over the members, with a bootstrap interval of the mean.
// Across N the theorem says C2 does not grow: the slope of mean C2 against log N and its
// verdict bounded / growing / inconclusive come from log_trend.hpp (growth tolerance 25%;
// every C2 = 0, F_N never leaving its envelope's start, reads bounded).
#pragma once
#include <mfv/harness/interval.hpp>
#include <mfv/harness/log_trend.hpp>
#include <mfv/harness/member_series.hpp>

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mfv::harness {

// The reading across N (log_trend.hpp).
using gronwall_outcome = trend_outcome;

struct gronwall_options {
    // C1 of the envelope (> 0) and where it came from ("study", "rate fit prefactor").
    double C1 = 1.0;
    std::string C1_source;
    double theory_exponent = 0.0;  // s/d - 1
    bool log_case = false;
    // A(t_k) = int_0^t_k ||Dv^r||_inf dr at the series' output times; empty when the
    // reference has no finite Lipschitz constant.
    std::vector<double> apriori_integral;
    std::size_t bootstrap_replicates = 2000;
    std::uint64_t seed = 1;
    double level = 0.95;
    // The share of the largest mean C2 the allowed growth may reach for "bounded".
    double growth_tolerance = 0.25;
};

struct gronwall_at_n {
    std::uint64_t N = 0;
    double rate_term = 0.0;            // r(N)
    std::vector<double> C2;            // per member that finished
    std::vector<double> constant;      // C per member (empty without A)
    double mean_C2 = 0.0, max_C2 = 0.0;
    interval C2_interval;              // bootstrap interval of the mean
    std::optional<double> mean_constant, max_constant;
    std::size_t members_used = 0, members_failed = 0;
    // For the figure: the ensemble mean of |F_N(t_k)| and the envelope (mean E_0) e^(max C2 t_k).
    std::vector<double> times, mean_abs, envelope;
};

struct gronwall_fit {
    std::string observable;
    double C1 = 0.0;
    std::string C1_source;
    std::vector<gronwall_at_n> per_N;
    std::optional<double> slope;       // of mean C2 against log N
    std::optional<interval> slope_interval;
    std::optional<double> apriori_mean_rate;  // A(T)/T
    gronwall_outcome outcome = gronwall_outcome::inconclusive;
    std::string reason;
};

// Throws mfv::input_error for no N, a repeated N, a malformed series, a series that does not
// start at t = 0, C1 <= 0, or an a-priori integral of another length than the times.
gronwall_fit fit_gronwall(const std::vector<series_at_n>& data, const std::string& observable,
                          const gronwall_options& options);

}  // namespace mfv::harness
