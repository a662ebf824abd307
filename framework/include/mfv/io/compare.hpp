// Regression comparison of two results files (issue 6): `mfv compare RESULTS BASELINE`.
//
// BASELINE is any mfv.results/1 file, e.g. reference/baselines/<study>.json, optionally
// with two more top-level keys: "tolerances" (below) and "why" (why the baseline is what
// it is: a string, or the list of entries --update-baseline appends).
//
// What is compared, and how:
//   /study                      equal (a different study is not a regression check)
//   /fits/...                   every leaf: strings equal ("reason" excepted: it is prose
//                               that prints numbers), integers and booleans equal;
//                               an estimate with an interval beside it ("exponent" with
//                               "interval", "log_exponent" with "log_interval", X with
//                               "X_interval"): the new estimate in the baseline's interval
//                               or the baseline's estimate in the new interval, and the
//                               two intervals overlapping (or, when the baseline gives
//                               tolerances.estimate, within that of the baseline); other
//                               numbers present, finite and of the same type
//   /ensembles/k/N, interaction equal
//   /ensembles/k/summary/...    every number within the relative tolerance
// A number x matches b when |x - b| <= relative * max(|x|, |b|) + absolute. A key on one
// side only, a null, an array of another length or another type is a failure: nothing is
// skipped silently. tolerances.ignore lists JSON pointers (prefixes) left out.
#pragma once
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace mfv::io {

struct compare_tolerances {
    // Defaults: a run on another CPU or compiler changes sums in their last bits (SIMD
    // width, fused multiply-adds), which the integrators carry to about 1e-12 relative in
    // the shipped studies; 1e-6 leaves room for that and for adaptive steps that
    // accept one step differently, and still catches any change of substance.
    double relative = 1e-6;
    // For numbers that are themselves differences near zero (a relative change of 1e-9,
    // an offset B = 0): rounding moves them by ~1e-13 absolute.
    double absolute = 1e-12;
    // When > 0: an estimate may move by this much (absolute), instead of the interval rule.
    double estimate = 0.0;
    std::vector<std::string> ignore;
};

// The baseline's "tolerances" over the defaults; throws std::runtime_error on a key it
// does not know or a value of the wrong type.
compare_tolerances tolerances_of(const nlohmann::json& baseline);

struct compare_row {
    std::string path;      // JSON pointer
    std::string baseline;  // as printed
    std::string result;
    std::string change;    // relative change, or "in [lo, hi]", ...
    std::string allowed;
    bool ok = true;
};

struct comparison {
    std::vector<compare_row> rows;
    std::size_t moved() const;
};

comparison compare_results(const nlohmann::json& result, const nlohmann::json& baseline);

// The rows as a fixed-width table (only those that moved unless `all`).
std::string format_comparison(const comparison& c, bool all);

// The baseline rewritten from `result`: result's content, the baseline's tolerances kept,
// and an entry {date, git_commit, reason, moved} appended to "why".
nlohmann::json updated_baseline(const nlohmann::json& result, const nlohmann::json& baseline, const comparison& c,
                                const std::string& reason);

}  // namespace mfv::io
