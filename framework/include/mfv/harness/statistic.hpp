// The per-member statistic a rate harness fits: one number from one member's time series
// of an observable (e.g. F_N(t) at the output times t_0 < ... < t_K).
//   sup_abs:  max_k |F_N(t_k)|     (the quantity the theorem bounds on [0, T])
//   initial:  F_N(t_0)             (with its sign; tells iid from well-spread starts, MATH.md 7)
//   final:    F_N(t_K)             (with its sign)
// A series holding a NaN or an infinity gives NaN, so that nothing non-finite is hidden: the
// harness then marks that N unusable and says why.
#pragma once
#include <span>
#include <string_view>

namespace mfv::harness {

enum class statistic_kind { sup_abs, initial, final_value };

// "sup_abs" | "initial" | "final"; throws mfv::input_error for any other name.
statistic_kind parse_statistic(std::string_view name);
std::string_view to_string(statistic_kind kind);

// Each throws mfv::input_error for an empty series.
double sup_abs(std::span<const double> values);
double at_start(std::span<const double> values);
double at_end(std::span<const double> values);

double extract(statistic_kind kind, std::span<const double> values);

}  // namespace mfv::harness
