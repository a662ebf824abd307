#include <mfv/harness/statistic.hpp>

#include <mfv/core/error.hpp>

#include <cmath>
#include <limits>
#include <string>

namespace mfv::harness {

namespace {
void require_non_empty(std::span<const double> values, const char* what) {
    if (values.empty()) throw input_error(std::string("statistic ") + what + " of an empty time series");
}

// NaN for a non-finite sample, the value itself otherwise.
double finite_or_nan(double x) {
    return std::isfinite(x) ? x : std::numeric_limits<double>::quiet_NaN();
}
}  // namespace

statistic_kind parse_statistic(std::string_view name) {
    if (name == "sup_abs") return statistic_kind::sup_abs;
    if (name == "initial") return statistic_kind::initial;
    if (name == "final") return statistic_kind::final_value;
    throw input_error("unknown statistic \"" + std::string(name) + "\" (expected sup_abs, initial or final)");
}

std::string_view to_string(statistic_kind kind) {
    switch (kind) {
    case statistic_kind::sup_abs: return "sup_abs";
    case statistic_kind::initial: return "initial";
    case statistic_kind::final_value: return "final";
    }
    return "unknown";
}

double sup_abs(std::span<const double> values) {
    require_non_empty(values, "sup_abs");
    double sup = 0.0;
    for (double v : values) {
        if (!std::isfinite(v)) return std::numeric_limits<double>::quiet_NaN();
        sup = std::max(sup, std::abs(v));
    }
    return sup;
}

double at_start(std::span<const double> values) {
    require_non_empty(values, "initial");
    return finite_or_nan(values.front());
}

double at_end(std::span<const double> values) {
    require_non_empty(values, "final");
    return finite_or_nan(values.back());
}

double extract(statistic_kind kind, std::span<const double> values) {
    switch (kind) {
    case statistic_kind::sup_abs: return sup_abs(values);
    case statistic_kind::initial: return at_start(values);
    case statistic_kind::final_value: return at_end(values);
    }
    throw input_error("unknown statistic kind");
}

}  // namespace mfv::harness
