#include <mfv/harness/gronwall.hpp>

#include <mfv/core/error.hpp>
#include <mfv/harness/bootstrap.hpp>
#include <mfv/harness/log_trend.hpp>

#include "number_text.hpp"

#include <algorithm>
#include <cmath>
#include <ostream>
#include <set>

namespace mfv::harness {

using detail::number_text;

namespace {

// max(0, max_{k >= 1} log(|f_k| / e0) / w_k), w_k = t_k (C2) or A(t_k) (the constant C).
// A weight of 0 (an a-priori rate that vanishes up to t_k) takes no part.
double smallest_rate(const std::vector<double>& f, double e0, const std::vector<double>& w) {
    double c = 0.0;
    for (std::size_t k = 1; k < f.size(); ++k) {
        if (!(w[k] > 0.0)) continue;
        const double a = std::abs(f[k]);
        if (a <= e0) continue;
        c = std::max(c, std::log(a / e0) / w[k]);
    }
    return c;
}

}  // namespace

gronwall_fit fit_gronwall(const std::vector<series_at_n>& data, const std::string& observable,
                          const gronwall_options& opt) {
    if (data.empty()) throw input_error("gronwall harness: no N");
    if (!(opt.C1 > 0.0) || !std::isfinite(opt.C1))
        throw input_error("gronwall harness: C1 = " + number_text(opt.C1) + " must be a finite number > 0");
    std::set<std::uint64_t> seen;
    gronwall_fit fit;
    fit.observable = observable;
    fit.C1 = opt.C1;
    fit.C1_source = opt.C1_source;
    for (const auto& at : data) {
        const std::string where = "gronwall harness, N = " + std::to_string(at.N) + ": ";
        if (!seen.insert(at.N).second) throw input_error(where + "N appears twice");
        check_member_series(at.series, where);
        const auto& t = at.series.times;
        if (t.front() != 0.0) throw input_error(where + "the series must start at t = 0 (F_N(0) sets the envelope)");
        if (!opt.apriori_integral.empty() && opt.apriori_integral.size() != t.size())
            throw input_error(where + "the a-priori integral has " + std::to_string(opt.apriori_integral.size()) +
                              " values for " + std::to_string(t.size()) + " output times");
        gronwall_at_n g;
        g.N = at.N;
        const double n = static_cast<double>(at.N);
        g.rate_term = opt.log_case ? std::log(n) / n : std::pow(n, opt.theory_exponent);
        g.times = t;
        std::vector<double> sum_abs(t.size(), 0.0);
        double sum_e0 = 0.0;
        for (std::size_t m = 0; m < at.series.members.size(); ++m) {
            if (!at.series.member_ok(m)) {
                ++g.members_failed;
                continue;
            }
            const auto& f = at.series.members[m];
            const double e0 = std::abs(f.front()) + opt.C1 * g.rate_term;
            g.C2.push_back(smallest_rate(f, e0, t));
            if (!opt.apriori_integral.empty()) g.constant.push_back(smallest_rate(f, e0, opt.apriori_integral));
            for (std::size_t k = 0; k < t.size(); ++k) sum_abs[k] += std::abs(f[k]);
            sum_e0 += e0;
            ++g.members_used;
        }
        if (g.members_used > 0) {
            g.mean_C2 = mean_of(g.C2);
            g.max_C2 = *std::max_element(g.C2.begin(), g.C2.end());
            g.C2_interval = percentile_interval(bootstrap_means(g.C2, opt.seed, at.N, opt.bootstrap_replicates), opt.level);
            if (!g.constant.empty()) {
                g.mean_constant = mean_of(g.constant);
                g.max_constant = *std::max_element(g.constant.begin(), g.constant.end());
            }
            const double e0 = sum_e0 / static_cast<double>(g.members_used);
            for (std::size_t k = 0; k < t.size(); ++k) {
                g.mean_abs.push_back(sum_abs[k] / static_cast<double>(g.members_used));
                g.envelope.push_back(e0 * std::exp(g.max_C2 * t[k]));
            }
        }
        fit.per_N.push_back(std::move(g));
    }
    std::sort(fit.per_N.begin(), fit.per_N.end(), [](const auto& a, const auto& b) { return a.N < b.N; });
    if (!opt.apriori_integral.empty() && data.front().series.times.back() > 0.0)
        fit.apriori_mean_rate = opt.apriori_integral.back() / data.front().series.times.back();

    // Across N: mean C2 against log N (log_trend.hpp).
    std::vector<values_at_n> trend_data;
    for (const auto& g : fit.per_N) trend_data.push_back({g.N, g.C2});
    const log_trend trend = fit_log_trend(trend_data, "mean C2", opt.bootstrap_replicates, opt.seed, opt.level,
                                          opt.growth_tolerance);
    fit.slope = trend.slope;
    fit.slope_interval = trend.slope_interval;
    fit.outcome = trend.outcome;
    fit.reason = trend.largest_mean == 0.0 && trend.slope ? "C2 = 0 at every N: |F_N| never exceeded |F_N(0)| + C1 r(N)"
                                                          : trend.reason;
    return fit;
}

}  // namespace mfv::harness
