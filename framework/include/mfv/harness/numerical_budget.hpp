// The numerical error budget of a rate verdict: the statistic at the largest N is computed
// again with tightened tolerances (integrator, interaction accuracy). If it moves by more
// than the tolerance (1%), the discretisation error is not small against the effect being
// measured and the verdict cannot stand.
#pragma once
#include <mfv/harness/rate_fit.hpp>

#include <cstdint>

namespace mfv::harness {

// |value - tightened| / max(|value|, |tightened|), and 0 when both are 0. The symmetric
// denominator keeps the number finite when either run gives exactly 0; for small changes it
// agrees with |value - tightened| / |tightened| to first order.
// Throws mfv::input_error for a non-finite argument.
double relative_change(double value, double tightened);

// Records the check in fit.numerical and, when the relative change exceeds `tolerance`,
// makes the verdict inconclusive with reason "numerical error: ...".
void apply_numerical_budget(rate_fit& fit, std::uint64_t n, double value, double tightened,
                            double tolerance = 0.01);

}  // namespace mfv::harness
