// The study's harnesses applied to its ensembles (DESIGN.md: "harnesses: rate fit over N
// ... -> verdicts"). For a rate harness: per member the named statistic of the named
// observable (sup_t |F_N|, F_N(0) or F_N(T), with sign), the fit over N, and the numerical
// error budget: one member at the largest N re-run with tolerances tightened 100-fold;
// a change above 1% makes the verdict inconclusive.
#pragma once
#include <mfv/meanfield/reference.hpp>
#include <mfv/study/runner.hpp>

#include <nlohmann/json.hpp>

#include <map>
#include <vector>

namespace mfv::study {

// The units the harnesses will re-run tightened (the budget member: the first member that
// finished at the largest N that has one), so that they can be scheduled and checkpointed
// like the others; empty when no rate harness asks for an error budget.
std::vector<work_unit> budget_units(const study& st, const std::vector<ensemble_record>& ensembles);

// The budget unit as it will be unless member 0 at the largest N fails: scheduled with the
// ensembles (first, being the costliest), so that it does not run alone at the end.
std::vector<work_unit> likely_budget_units(const study& st);

// `reruns`: tightened units already run (budget_units); one that is missing is run here.
// `mu`: the study's reference (the Gronwall harness reads its ||Dv^t||_inf; built here when
// null and needed).
std::vector<nlohmann::json> run_harnesses(const study& st, const std::vector<ensemble_record>& ensembles,
                                          std::map<work_unit, member_record> reruns = {},
                                          const meanfield::reference* mu = nullptr);

}  // namespace mfv::study
