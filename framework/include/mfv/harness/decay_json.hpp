// The decay harness's result as JSON (decay_fit.hpp).
//
// Keys: harness ("decay"), observable, model ("A exp(-lambda t) + B" or "A exp(-lambda t)"),
// window {t_begin, t_end, times}, members {used, excluded}, rate_search [min, max],
// converged, A (at t = 0), A_at_window_start (at the window's first output time), lambda,
// B (B free only), rms_residual (of the mean about the fit), lambda_interval, A_interval,
// B_interval (B free only), bootstrap {replicates, not_converged, level}, predicted_rate,
// verdict ("consistent", "inconsistent", "inconclusive" or "not_compared"), reason.
// No key is ever null: the fitted numbers are left out when the fit of the mean did not
// converge, the intervals when there are none, predicted_rate when none was given. A
// non-finite number is never written: it throws std::domain_error.
#pragma once
#include <mfv/harness/decay_fit.hpp>

#include <nlohmann/json.hpp>

namespace mfv::harness {

nlohmann::json to_json(const decay_fit& fit);

}  // namespace mfv::harness
