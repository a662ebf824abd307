// The sharpness probe (issue 6): how far can a configuration push the commutator
// inequality |K(u)| <= C ||Du||_inf (F_N + C' r(N)) (MATH.md 8)? Starting from the study's
// initial configurations X_N^0 (members 0 .. probe_members-1), at t = 0, a stochastic
// ascent on the ratio
//   rho(X) = |K(X)| / (L (F_N(X) + C' r(N))),   L = ||Du^0||_inf on the support,
// by simultaneous perturbation (SPSA, Spall 1992: one random +-1 direction per step, two
// evaluations of rho, a normalised step of 0.1 (k+1)^-0.602 times the spacing N^(-1/d)),
// accepting only steps that raise rho, keep every pair at least 0.05 N^(-1/d) apart and keep
// F_N >= -(C'/2) r(N) (so that the ratio cannot be inflated by driving its denominator to 0,
// which the theorem's C' forbids). C' is the commutator harness's (the study's C, or twice
// the largest |F_N| / r(N) of the starting configurations). It is a search, not a proof:
// it reports per N the starting and the largest ratios found, and whether the largest grows
// with N (log_trend.hpp).
#pragma once
#include <mfv/meanfield/reference.hpp>
#include <mfv/study/study.hpp>

#include <nlohmann/json.hpp>

namespace mfv::study {

nlohmann::json run_sharpness_probe(const study& st, const harness_spec& h, const meanfield::reference& mu);

}  // namespace mfv::study
