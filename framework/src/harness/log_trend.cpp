#include <mfv/harness/log_trend.hpp>

#include <mfv/harness/bootstrap.hpp>
#include <mfv/harness/line_fit.hpp>

#include "number_text.hpp"

#include <algorithm>
#include <cmath>
#include <ostream>

namespace mfv::harness {

using detail::interval_text;
using detail::number_text;

std::string_view to_string(trend_outcome g) {
    switch (g) {
        case trend_outcome::bounded: return "bounded";
        case trend_outcome::growing: return "growing";
        case trend_outcome::inconclusive: return "inconclusive";
    }
    return "inconclusive";
}

std::ostream& operator<<(std::ostream& os, trend_outcome g) { return os << to_string(g); }

log_trend fit_log_trend(const std::vector<values_at_n>& data, const std::string& what, std::size_t replicates,
                        std::uint64_t seed, double level, double tolerance) {
    log_trend out;
    std::vector<const values_at_n*> usable;
    for (const auto& d : data)
        if (d.values.size() >= 2) usable.push_back(&d);
    std::sort(usable.begin(), usable.end(), [](const auto* a, const auto* b) { return a->N < b->N; });
    for (const auto* d : usable) out.largest_mean = std::max(out.largest_mean, mean_of(d->values));
    if (usable.size() < 3) {
        out.reason = "fewer than three N with two members that finished";
        return out;
    }
    std::vector<double> x, y;
    for (const auto* d : usable) {
        x.push_back(std::log(static_cast<double>(d->N)));
        y.push_back(mean_of(d->values));
    }
    const line l = fit_line(x, y);
    out.slope = l.slope;
    // Replicate b takes replicate b of every N's resampled mean.
    std::vector<std::vector<double>> reps;
    for (const auto* d : usable) reps.push_back(bootstrap_means(d->values, seed, d->N, replicates));
    std::vector<double> slopes;
    for (std::size_t b = 0; b < replicates; ++b) {
        std::vector<double> yb;
        for (const auto& r : reps) yb.push_back(r[b]);
        slopes.push_back(fit_line(x, yb).slope);
    }
    interval ci = percentile_interval(slopes, level);
    const line_scatter sc = scatter_about(x, y, l);
    const interval lof = student_interval(l.slope, sc.slope_standard_error, sc.dof, level);
    ci = {std::min(ci.lo, lof.lo), std::max(ci.hi, lof.hi)};
    out.slope_interval = ci;
    const double window = x.back() - x.front();
    const std::string text = "the slope of " + what + " against log N is " + number_text(l.slope) + ", interval " +
                             interval_text(ci.lo, ci.hi);
    if (out.largest_mean == 0.0) {
        out.outcome = trend_outcome::bounded;
        out.reason = what + " = 0 at every N";
    } else if (ci.hi * window <= tolerance * out.largest_mean) {
        out.outcome = trend_outcome::bounded;
        out.reason = text + ": over the window the growth it allows, " + number_text(std::max(ci.hi, 0.0) * window) +
                     ", is at most " + number_text(tolerance * 100) + "% of the largest " + what + " " +
                     number_text(out.largest_mean);
    } else if (ci.lo > 0.0) {
        out.outcome = trend_outcome::growing;
        out.reason = text + ": it grows with N, against the theorem's N-independent constant";
    } else {
        out.reason = text + ": it allows a growth of " + number_text(ci.hi * window) + " over the window, more than " +
                     number_text(tolerance * 100) + "% of the largest " + what + " " + number_text(out.largest_mean);
    }
    return out;
}

}  // namespace mfv::harness
