// The uniform-in-time harness's result as JSON (uniform_in_time.hpp).
//
// Keys: harness ("uniform_in_time"), observable, statistic ("sup_abs up to T"),
// max_growth_factor, horizons [{T, rate: the rate harness's JSON (rate_json.hpp) for the
// members' sup_{t <= T}|F|}], per_N [{N, complete, mean [m_1..m_J], interval [[lo, hi]..],
// growth_ratios [m_2/m_1..], saturated, growing}] (all but N and complete only when the N
// has an estimate at every horizon), verdict ("uniform", "growing" or "inconclusive"), reason.
// No key is ever null; a non-finite number throws std::domain_error.
#pragma once
#include <mfv/harness/uniform_in_time.hpp>

#include <nlohmann/json.hpp>

namespace mfv::harness {

nlohmann::json to_json(const uniform_in_time& result);

}  // namespace mfv::harness
