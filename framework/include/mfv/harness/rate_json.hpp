// The rate harness's result as JSON (the "harnesses" entries of results.json).
//
// Keys: harness ("rate"), observable, statistic, exponent, prefactor, interval [lo, hi] (the
// hull the verdict reads), its two components bootstrap_interval [lo, hi] and
// lack_of_fit_interval [lo, hi], residual_sd (of log|mean| about the fitted line, log
// units), theory_exponent, sign, pairwise [{N_from, N_to, rate}], verdict, reason,
// window {N_min, N_max, usable}, per_N [{N, members_ok, members_failed, mean, stderr,
// interval, usable, reason}], numerical_error {N, value, tightened, relative_change,
// tolerance}; in the log case also log_exponent, log_prefactor, log_interval,
// log_bootstrap_interval, log_lack_of_fit_interval, log_residual_sd and
// log_theory_exponent (= 1).
// No key is ever null: what does not apply is left out (no fit with fewer than two usable N,
// no lack_of_fit_interval or residual_sd with fewer than three, no mean for an N without two
// finite members, no reason for a usable N, no log_* keys unless s = 0). A non-finite number
// is never written: it throws std::domain_error.
#pragma once
#include <mfv/harness/rate_fit.hpp>

#include <nlohmann/json.hpp>

namespace mfv::harness {

nlohmann::json to_json(const rate_fit& fit);

}  // namespace mfv::harness
