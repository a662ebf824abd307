// The uniform-in-time harness (uniform_in_time.hpp): the sup statistic per horizon, the rate
// harness per horizon, and the verdict on growth in T.
#include <mfv/harness/uniform_in_time.hpp>

#include "number_text.hpp"

#include <mfv/core/error.hpp>
#include <mfv/harness/statistic.hpp>

#include <algorithm>
#include <cmath>
#include <ostream>
#include <span>

namespace mfv::harness {

namespace {
using detail::number_text;

// T with room for its rounding: a horizon computed as f T may land a few ulp below the
// output time it means.
double with_rounding(double horizon) { return horizon + 1e-12 * std::max(1.0, std::abs(horizon)); }

void validate(std::vector<series_at_n>& data, const uniform_options& o) {
    if (data.empty()) throw input_error("uniform-in-time harness: no N given");
    if (!(o.max_growth_factor >= 1.0)) throw input_error("uniform-in-time harness: max_growth_factor must be >= 1");
    std::sort(data.begin(), data.end(), [](const auto& a, const auto& b) { return a.N < b.N; });
    for (std::size_t k = 0; k < data.size(); ++k) {
        const std::string where = "uniform-in-time harness: N = " + std::to_string(data[k].N);
        if (k > 0 && data[k - 1].N == data[k].N) throw input_error(where + " appears twice");
        check_member_series(data[k].series, where);
    }
}

std::vector<double> horizons_of(const std::vector<series_at_n>& data, const uniform_options& o) {
    std::vector<double> h = o.horizons.empty() ? default_horizons(data.front().series.times) : o.horizons;
    if (h.size() < 2) {
        throw input_error("uniform-in-time harness: " + std::to_string(h.size()) +
                          " horizon(s); growth in T needs at least 2 (more output times?)");
    }
    for (std::size_t j = 1; j < h.size(); ++j) {
        if (!(h[j] > h[j - 1])) throw input_error("uniform-in-time harness: horizons are not increasing");
    }
    for (const auto& d : data) {
        if (!(with_rounding(h.front()) >= d.series.times.front())) {
            throw input_error("uniform-in-time harness: horizon " + number_text(h.front()) +
                              " precedes the first output time " + number_text(d.series.times.front()) +
                              " of N = " + std::to_string(d.N));
        }
    }
    return h;
}

// Members' S_j = sup_{t_k <= T} |F(t_k)| at one N; failed members keep their flag.
members_at_n sup_up_to(const series_at_n& d, double horizon) {
    const member_series& s = d.series;
    const auto count = static_cast<std::size_t>(
        std::upper_bound(s.times.begin(), s.times.end(), with_rounding(horizon)) - s.times.begin());
    members_at_n at{d.N, {}, {}};
    for (std::size_t m = 0; m < s.members.size(); ++m) {
        const bool ok = s.member_ok(m);
        at.values.push_back(ok ? sup_abs(std::span<const double>(s.members[m].data(), count)) : 0.0);
        at.ok.push_back(ok);
    }
    return at;
}

growth_at_n growth(std::size_t n_index, const std::vector<horizon_fit>& fits, double g) {
    growth_at_n r;
    r.N = fits.front().fit.per_N[n_index].N;
    r.complete = true;
    for (const horizon_fit& h : fits) {
        r.per_horizon.push_back(h.fit.per_N[n_index].estimate);
        r.complete = r.complete && r.per_horizon.back().has_value();
    }
    if (!r.complete) return r;
    const auto& e = r.per_horizon;
    r.growing = true;
    for (std::size_t j = 1; j < e.size(); ++j) {
        r.ratios.push_back(e[j]->mean / e[j - 1]->mean);
        r.growing = r.growing && e[j]->mean > e[j - 1]->ci.hi && e[j]->mean > g * e[j - 1]->mean;
    }
    const std::size_t last = e.size() - 1;
    r.saturated = e[last]->mean <= e[last - 1]->ci.hi || e[last]->mean <= g * e[last - 1]->mean;
    return r;
}

std::string list_n(const std::vector<growth_at_n>& v, bool (*pick)(const growth_at_n&)) {
    std::string s;
    for (const auto& g : v) {
        if (!pick(g)) continue;
        s += (s.empty() ? "" : ", ") + std::to_string(g.N);
    }
    return s;
}

void decide(uniform_in_time& r) {
    std::vector<growth_at_n> complete;
    for (const auto& g : r.per_N)
        if (g.complete) complete.push_back(g);
    const std::string gf = number_text(r.max_growth_factor);
    const std::string span = "T = " + number_text(r.horizons[r.horizons.size() - 2].horizon) + " to " +
                             number_text(r.horizons.back().horizon);
    if (complete.empty()) {
        r.outcome = uniformity::inconclusive;
        r.reason = "no N has a mean of sup|F| with an interval at every horizon (fewer than 2 finite members?)";
        return;
    }
    const std::string skipped = complete.size() == r.per_N.size() ? "" :
        " (N = " + list_n(r.per_N, [](const growth_at_n& g) { return !g.complete; }) + " left out: no estimate at some horizon)";
    const auto all = [&](bool growth_at_n::*flag) {
        return std::all_of(complete.begin(), complete.end(), [&](const growth_at_n& g) { return g.*flag; });
    };
    double worst = 0.0;
    for (const auto& g : complete) worst = std::max(worst, g.ratios.back());
    if (all(&growth_at_n::saturated)) {
        r.outcome = uniformity::uniform;
        r.reason = "at every N the mean of sup|F| grows from " + span + " by at most a factor " + number_text(worst, 4) +
                   ", within the interval of the shorter horizon or below the allowed " + gf + skipped;
    } else if (all(&growth_at_n::growing)) {
        r.outcome = uniformity::growing;
        r.reason = "at every N the mean of sup|F| keeps growing with T, beyond the intervals and the factor " + gf +
                   " (last step " + span + ": factor up to " + number_text(worst, 4) + ")" + skipped;
    } else {
        r.outcome = uniformity::inconclusive;
        r.reason = "the mean of sup|F| still grows from " + span + " at N = " +
                   list_n(complete, [](const growth_at_n& g) { return !g.saturated; }) +
                   " but does not grow at every horizon at every N" + skipped;
    }
}

}  // namespace

std::vector<double> default_horizons(const std::vector<double>& times) {
    std::vector<double> h;
    if (times.empty()) return h;
    const double t0 = times.front(), t1 = times.back();
    for (double f : {0.25, 0.5, 0.75, 1.0}) {
        // The last output time at or before t0 + f (t1 - t0), allowing for its rounding.
        const double target = t0 + f * (t1 - t0) + 1e-12 * std::max(1.0, std::abs(t1));
        const auto it = std::upper_bound(times.begin(), times.end(), target);
        if (it == times.begin()) continue;
        const double t = *(it - 1);
        if (h.empty() || t > h.back()) h.push_back(t);
    }
    return h;
}

uniform_in_time check_uniform_in_time(std::vector<series_at_n> data, const uniform_options& options) {
    validate(data, options);
    const std::vector<double> horizons = horizons_of(data, options);
    rate_options ro = options.rate;
    ro.statistic = "sup_abs";
    uniform_in_time r;
    r.observable = ro.observable;
    r.max_growth_factor = options.max_growth_factor;
    for (double T : horizons) {
        std::vector<members_at_n> at;
        for (const auto& d : data) at.push_back(sup_up_to(d, T));
        r.horizons.push_back({T, fit_rate(std::move(at), ro)});
    }
    for (std::size_t i = 0; i < data.size(); ++i) r.per_N.push_back(growth(i, r.horizons, options.max_growth_factor));
    decide(r);
    return r;
}

std::string_view to_string(uniformity u) {
    switch (u) {
    case uniformity::uniform: return "uniform";
    case uniformity::growing: return "growing";
    case uniformity::inconclusive: return "inconclusive";
    }
    return "inconclusive";
}

std::ostream& operator<<(std::ostream& os, uniformity u) { return os << to_string(u); }

}  // namespace mfv::harness
