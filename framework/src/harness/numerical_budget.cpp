#include <mfv/harness/numerical_budget.hpp>

#include "number_text.hpp"

#include <mfv/core/error.hpp>

#include <algorithm>
#include <cmath>
#include <string>

namespace mfv::harness {

double relative_change(double value, double tightened) {
    if (!std::isfinite(value) || !std::isfinite(tightened)) {
        throw input_error("numerical error budget: statistic " + detail::number_text(value) +
                          " or its tightened re-run " + detail::number_text(tightened) + " is not finite");
    }
    const double scale = std::max(std::abs(value), std::abs(tightened));
    return scale == 0.0 ? 0.0 : std::abs(value - tightened) / scale;
}

void apply_numerical_budget(rate_fit& fit, std::uint64_t n, double value, double tightened, double tolerance) {
    using detail::number_text;
    const double change = relative_change(value, tightened);
    fit.numerical = numerical_check{n, value, tightened, change, tolerance};
    if (change <= tolerance) return;
    fit.outcome = verdict::inconclusive;
    fit.reason = "numerical error: at N = " + std::to_string(n) + " the statistic moves from " +
                 number_text(value) + " to " + number_text(tightened) + " with tightened tolerances, a change of " +
                 number_text(100 * change) + "% > " + number_text(100 * tolerance) + "%; before this check: " + fit.reason;
}

}  // namespace mfv::harness
