// The rate harness (rate_fit.hpp): per-N summaries, the power-law fits with their bootstrap
// and lack-of-fit intervals, pairwise rates. The verdict is read in rate_verdict.cpp.
#include <mfv/harness/rate_fit.hpp>

#include "number_text.hpp"
#include "rate_verdict.hpp"

#include <mfv/core/error.hpp>
#include <mfv/harness/bootstrap.hpp>
#include <mfv/harness/line_fit.hpp>

#include <algorithm>
#include <cmath>
#include <ostream>
#include <string>

namespace mfv::harness {

namespace {
using detail::interval_text;
using detail::number_text;

// One N's summary together with its bootstrap means (empty unless an estimate exists).
struct n_work {
    n_summary summary;
    std::vector<double> boot;
};

void validate(std::vector<members_at_n>& data, const rate_options& o) {
    if (data.empty()) throw input_error("rate harness: no N given");
    if (o.bootstrap_replicates == 0) throw input_error("rate harness: bootstrap_replicates must be at least 1");
    if (!(o.level > 0.0 && o.level < 1.0)) throw input_error("rate harness: level must lie in (0, 1)");
    if (!(o.max_interval_width > 0.0)) throw input_error("rate harness: max_interval_width must be positive");
    std::sort(data.begin(), data.end(), [](const auto& a, const auto& b) { return a.N < b.N; });
    const std::uint64_t n_least = o.log_case ? 2 : 1;
    for (std::size_t k = 0; k < data.size(); ++k) {
        const auto& d = data[k];
        const std::string where = "rate harness: N = " + std::to_string(d.N);
        if (d.N < n_least) throw input_error(where + " is below " + std::to_string(n_least));
        if (k > 0 && data[k - 1].N == d.N) throw input_error(where + " appears twice");
        if (!d.ok.empty() && d.ok.size() != d.values.size()) {
            throw input_error(where + " has " + std::to_string(d.values.size()) + " values but " +
                              std::to_string(d.ok.size()) + " ok flags");
        }
    }
}

// Sample standard deviation (divisor M - 1) over sqrt(M).
double standard_error(std::span<const double> v, double mean) {
    double ss = 0.0;
    for (double x : v) ss += (x - mean) * (x - mean);
    return std::sqrt(ss / (v.size() - 1)) / std::sqrt(double(v.size()));
}

// The usable flag needs a finite estimate whose bootstrap interval excludes 0.
n_work summarize(const members_at_n& d, const rate_options& o) {
    n_work w;
    n_summary& s = w.summary;
    s.N = d.N;
    std::vector<double> v;
    for (std::size_t m = 0; m < d.values.size(); ++m) {
        if (!d.ok.empty() && !d.ok[m]) continue;
        if (!std::isfinite(d.values[m]) && s.reason.empty()) {
            s.reason = "member " + std::to_string(m) + " has the non-finite value " + number_text(d.values[m]);
        }
        v.push_back(d.values[m]);
    }
    s.members_ok = v.size();
    s.members_failed = d.values.size() - v.size();
    if (v.empty()) s.reason = "no member succeeded (" + std::to_string(s.members_failed) + " failed)";
    else if (v.size() == 1) s.reason = "only one member succeeded: no standard error, no interval";
    if (!s.reason.empty()) return w;

    const double mean = mean_of(v);
    w.boot = bootstrap_means(v, o.seed, d.N, o.bootstrap_replicates);
    s.estimate = mean_estimate{mean, standard_error(v, mean), percentile_interval(w.boot, o.level)};
    const interval& ci = s.estimate->ci;
    if (ci.contains(0.0)) {
        s.reason = "bootstrap interval of the mean " + interval_text(ci.lo, ci.hi) +
                   " contains 0: its sign is not resolved";
    } else {
        s.usable = true;
    }
    return w;
}

double log_n(std::uint64_t n) { return std::log(double(n)); }

// log((log N)/N), the abscissa of the log-case fit.
double log_log_n_over_n(std::uint64_t n) { return std::log(std::log(double(n))) - std::log(double(n)); }

// Least squares on log|m| against x(N), refitted on every bootstrap replicate; refits that
// are not finite (a resampled mean exactly 0) are counted and left out of the interval.
// With three or more N, the lack-of-fit interval of the slope joins the bootstrap's in the
// hull ci (rate_fit.hpp).
std::optional<power_law> fit_power_law(const std::vector<const n_work*>& used, double (*x_of)(std::uint64_t),
                                       const rate_options& o, std::size_t& nonfinite) {
    if (used.size() < 2) return std::nullopt;
    std::vector<double> x, y(used.size());
    for (const n_work* w : used) x.push_back(x_of(w->summary.N));
    for (std::size_t k = 0; k < used.size(); ++k) y[k] = std::log(std::abs(used[k]->summary.estimate->mean));
    const line point = fit_line(x, y);
    power_law law{point.slope, std::exp(point.intercept), {}, {}, std::nullopt, std::nullopt};
    if (used.size() >= 3) {
        const line_scatter scatter = scatter_about(x, y, point);
        law.residual_sd = scatter.residual_sd;
        law.lack_of_fit = student_interval(point.slope, scatter.slope_standard_error, scatter.dof, o.level);
    }

    std::vector<double> slopes;
    slopes.reserve(o.bootstrap_replicates);
    for (std::size_t b = 0; b < o.bootstrap_replicates; ++b) {
        for (std::size_t k = 0; k < used.size(); ++k) y[k] = std::log(std::abs(used[k]->boot[b]));
        const double slope = fit_line(x, y).slope;
        if (std::isfinite(slope)) slopes.push_back(slope);
        else ++nonfinite;
    }
    law.bootstrap = slopes.empty() ? interval{point.slope, point.slope} : percentile_interval(slopes, o.level);
    law.ci = law.lack_of_fit ? hull(law.bootstrap, *law.lack_of_fit) : law.bootstrap;
    return law;
}

mean_sign sign_of(const std::vector<const n_work*>& used) {
    if (used.empty()) return mean_sign::none;
    const auto positive = [](const n_work* w) { return w->summary.estimate->mean > 0.0; };
    if (std::all_of(used.begin(), used.end(), positive)) return mean_sign::positive;
    if (std::none_of(used.begin(), used.end(), positive)) return mean_sign::negative;
    return mean_sign::mixed;
}

std::vector<pairwise_rate> pairwise_rates(const std::vector<const n_work*>& used) {
    std::vector<pairwise_rate> rates;
    for (std::size_t k = 1; k < used.size(); ++k) {
        const n_summary& a = used[k - 1]->summary;
        const n_summary& b = used[k]->summary;
        const double rate = (std::log(std::abs(b.estimate->mean)) - std::log(std::abs(a.estimate->mean))) /
                            (log_n(b.N) - log_n(a.N));
        rates.push_back({a.N, b.N, rate});
    }
    return rates;
}
}  // namespace

rate_fit fit_rate(std::vector<members_at_n> data, const rate_options& options) {
    validate(data, options);
    rate_fit r;
    r.observable = options.observable;
    r.statistic = options.statistic;
    r.theory_exponent = options.theory_exponent;
    r.log_case = options.log_case;

    std::vector<n_work> work;
    for (const auto& d : data) work.push_back(summarize(d, options));
    std::vector<const n_work*> used;
    for (const auto& w : work) {
        if (w.summary.usable) used.push_back(&w);
        r.per_N.push_back(w.summary);
    }
    if (!used.empty()) r.window = {used.front()->summary.N, used.back()->summary.N, used.size()};
    r.sign = sign_of(used);
    r.pairwise = pairwise_rates(used);

    std::size_t nonfinite = 0;
    r.fit = fit_power_law(used, log_n, options, nonfinite);
    if (options.log_case) r.log_fit = fit_power_law(used, log_log_n_over_n, options, nonfinite);
    detail::decide(r, options, nonfinite);
    return r;
}

std::string_view to_string(verdict v) {
    switch (v) {
    case verdict::violated: return "violated";
    case verdict::consistent: return "consistent";
    case verdict::attained: return "attained";
    case verdict::inconclusive: return "inconclusive";
    }
    return "inconclusive";
}

std::string_view to_string(mean_sign s) {
    switch (s) {
    case mean_sign::positive: return "positive";
    case mean_sign::negative: return "negative";
    case mean_sign::mixed: return "mixed";
    case mean_sign::none: return "none";
    }
    return "none";
}

std::ostream& operator<<(std::ostream& os, verdict v) { return os << to_string(v); }

std::ostream& operator<<(std::ostream& os, mean_sign s) { return os << to_string(s); }

}  // namespace mfv::harness
