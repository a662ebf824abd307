// Reading the verdict of a rate fit (rules in rate_fit.hpp), with its one-sentence reason.
#pragma once
#include <mfv/harness/rate_fit.hpp>

#include <cstddef>

namespace mfv::harness::detail {

// Sets fit.outcome and fit.reason from the fitted intervals; `nonfinite` counts bootstrap
// refits that were not finite.
void decide(rate_fit& fit, const rate_options& options, std::size_t nonfinite);

// The bound's prefactor at one N with an estimate: |mean| N^(-t), or |mean| N / log N in the
// log case.
double scaled_mean(const rate_fit& fit, const n_summary& n);

}  // namespace mfv::harness::detail
