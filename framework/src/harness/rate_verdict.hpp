// Reading the verdict of a rate fit (rules in rate_fit.hpp), with its one-sentence reason.
#pragma once
#include <mfv/harness/rate_fit.hpp>

#include <cstddef>

namespace mfv::harness::detail {

// Sets fit.outcome and fit.reason from the fitted intervals; `nonfinite` counts bootstrap
// refits that were not finite.
void decide(rate_fit& fit, const rate_options& options, std::size_t nonfinite);

}  // namespace mfv::harness::detail
