// The study's harnesses applied to its ensembles (DESIGN.md: "harnesses: rate fit over N
// ... -> verdicts"). For a rate harness: per member the named statistic of the named
// observable (sup_t |F_N|, F_N(0) or F_N(T), with sign), the fit over N, and the numerical
// error budget: one member at the largest N re-run with tolerances tightened 100-fold;
// a change above 1% makes the verdict inconclusive.
#pragma once
#include <mfv/study/runner.hpp>

#include <nlohmann/json.hpp>

#include <vector>

namespace mfv::study {

std::vector<nlohmann::json> run_harnesses(const study& st, const std::vector<ensemble_record>& ensembles);

}  // namespace mfv::study
