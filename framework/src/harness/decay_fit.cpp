// The decay harness (decay_fit.hpp): window, members, the fit of the mean, the bootstrap over
// members and the verdict.
#include <mfv/harness/decay_fit.hpp>

#include "number_text.hpp"

#include <mfv/core/error.hpp>
#include <mfv/harness/bootstrap.hpp>

#include <algorithm>
#include <cmath>
#include <ostream>

namespace mfv::harness {

namespace {
using detail::interval_text;
using detail::number_text;

void check_options(const decay_options& o) {
    if (o.bootstrap_replicates == 0) throw input_error("decay harness: bootstrap_replicates must be at least 1");
    if (!(o.level > 0.0 && o.level < 1.0)) throw input_error("decay harness: level must lie in (0, 1)");
    if (!(o.max_relative_width > 0.0)) throw input_error("decay harness: max_relative_width must be positive");
    if (o.predicted_rate && !std::isfinite(*o.predicted_rate))
        throw input_error("decay harness: the predicted rate is not finite");
}

// The indices of the times inside [t_begin, t_end].
std::vector<std::size_t> window(const member_series& s, decay_fit& r, const decay_options& o) {
    r.t_begin = o.t_begin.value_or(s.times.front());
    r.t_end = o.t_end.value_or(s.times.back());
    if (!(r.t_end > r.t_begin)) {
        throw input_error("decay harness: the window [" + number_text(r.t_begin) + ", " + number_text(r.t_end) +
                          "] is empty");
    }
    // Ends with room for their rounding: t_end = T may sit an ulp below the last output time.
    const double lo = r.t_begin - 1e-12 * std::max(1.0, std::abs(r.t_begin));
    const double hi = r.t_end + 1e-12 * std::max(1.0, std::abs(r.t_end));
    std::vector<std::size_t> idx;
    for (std::size_t k = 0; k < s.times.size(); ++k)
        if (s.times[k] >= lo && s.times[k] <= hi) idx.push_back(k);
    const std::size_t needed = o.fit_offset ? 4 : 3;
    if (idx.size() < needed) {
        throw input_error("decay harness: the window [" + number_text(r.t_begin) + ", " + number_text(r.t_end) +
                          "] holds " + std::to_string(idx.size()) + " output times; fitting A e^(-lambda t)" +
                          (o.fit_offset ? " + B" : "") + " needs at least " + std::to_string(needed));
    }
    return idx;
}

// Columns of the usable members: col[k][m] is member m's value at window time k.
std::vector<std::vector<double>> usable_columns(const member_series& s, const std::vector<std::size_t>& idx,
                                                decay_fit& r, std::string& note) {
    std::vector<std::vector<double>> col(idx.size());
    for (std::size_t m = 0; m < s.members.size(); ++m) {
        bool finite = s.member_ok(m);
        for (std::size_t k = 0; k < idx.size() && finite; ++k) {
            if (!std::isfinite(s.members[m][idx[k]])) {
                finite = false;
                if (note.empty()) {
                    note = "member " + std::to_string(m) + " has the non-finite value " +
                           number_text(s.members[m][idx[k]]) + " at t = " + number_text(s.times[idx[k]]);
                }
            }
        }
        if (!finite) {
            ++r.members_excluded;
            continue;
        }
        for (std::size_t k = 0; k < idx.size(); ++k) col[k].push_back(s.members[m][idx[k]]);
        ++r.members_used;
    }
    return col;
}

void set(decay_fit& r, decay_verdict v, std::string reason) {
    r.outcome = v;
    r.reason = std::move(reason);
}

void decide(decay_fit& r, const decay_options& o, const std::string& note) {
    const std::string excluded =
        r.members_excluded == 0 ? "" : " (" + std::to_string(r.members_excluded) + " members excluded; " + note + ")";
    if (!r.mean_fit.converged) return set(r, decay_verdict::inconclusive, "the fit of the mean " + r.mean_fit.reason + excluded);
    if (r.members_used < 2) {
        return set(r, decay_verdict::inconclusive,
                   "only " + std::to_string(r.members_used) + " usable member(s): no bootstrap interval" + excluded);
    }
    const double failed = double(r.replicates_not_converged) / double(r.replicates);
    if (failed > (1.0 - o.level) / 2.0 || !r.rate_ci) {
        return set(r, decay_verdict::inconclusive,
                   "the fit did not converge on " + number_text(100 * failed, 2) + "% of the bootstrap replicates" +
                       excluded);
    }
    const std::string lam = "lambda = " + number_text(r.mean_fit.rate, 4) + ", interval " +
                            interval_text(r.rate_ci->lo, r.rate_ci->hi);
    if (r.amplitude_ci->contains(0.0)) {
        return set(r, decay_verdict::inconclusive,
                   "the amplitude's interval " + interval_text(r.amplitude_ci->lo, r.amplitude_ci->hi) +
                       " contains 0: no decay resolved (" + lam + ")" + excluded);
    }
    const double width = r.rate_ci->width() / r.mean_fit.rate;
    if (width > o.max_relative_width) {
        return set(r, decay_verdict::inconclusive,
                   lam + " is too wide: relative width " + number_text(width) + " above " +
                       number_text(o.max_relative_width) + excluded);
    }
    if (!o.predicted_rate) return set(r, decay_verdict::not_compared, lam + "; no predicted rate to compare" + excluded);
    const std::string pred = number_text(*o.predicted_rate, 4);
    if (r.rate_ci->contains(*o.predicted_rate)) {
        return set(r, decay_verdict::consistent, lam + " contains the predicted rate " + pred + excluded);
    }
    set(r, decay_verdict::inconsistent,
        lam + (*o.predicted_rate < r.rate_ci->lo ? " lies above" : " lies below") + " the predicted rate " + pred +
            excluded);
}

}  // namespace

decay_fit fit_decay(const member_series& data, const decay_options& o) {
    check_member_series(data, "decay harness");
    check_options(o);
    decay_fit r;
    r.observable = o.observable;
    r.fit_offset = o.fit_offset;
    r.predicted_rate = o.predicted_rate;
    r.level = o.level;
    const std::vector<std::size_t> idx = window(data, r, o);
    r.times_used = idx.size();
    const double length = data.times[idx.back()] - data.times[idx.front()];
    r.rate_min = o.rate_min.value_or(1e-3 / length);
    r.rate_max = o.rate_max.value_or(1e3 / length);
    if (!(r.rate_min > 0.0 && r.rate_max > r.rate_min && std::isfinite(r.rate_max))) {
        throw input_error("decay harness: the rate search range [" + number_text(r.rate_min) + ", " +
                          number_text(r.rate_max) + "] must satisfy 0 < min < max < inf");
    }

    std::string note;
    const std::vector<std::vector<double>> col = usable_columns(data, idx, r, note);
    std::vector<double> t(idx.size()), mean(idx.size());
    for (std::size_t k = 0; k < idx.size(); ++k) t[k] = data.times[idx[k]];
    const auto to_origin = [&](const exponential_fit& f) { return f.amplitude * std::exp(f.rate * t.front()); };

    if (r.members_used > 0) {
        for (std::size_t k = 0; k < idx.size(); ++k) mean[k] = mean_of(col[k]);
        r.mean_fit = fit_exponential(t, mean, o.fit_offset, r.rate_min, r.rate_max);
        r.amplitude = to_origin(r.mean_fit);
    } else {
        r.mean_fit.reason = "has no usable member";
    }

    if (r.members_used >= 2) {
        // Column k's bootstrap means use the same member picks for every k (bootstrap.hpp).
        std::vector<std::vector<double>> boot(idx.size());
        for (std::size_t k = 0; k < idx.size(); ++k) boot[k] = bootstrap_means(col[k], o.seed, o.N, o.bootstrap_replicates);
        r.replicates = o.bootstrap_replicates;
        std::vector<exponential_fit> fits(r.replicates);
#pragma omp parallel for schedule(dynamic, 8)
        for (std::size_t b = 0; b < r.replicates; ++b) {
            std::vector<double> y(idx.size());
            for (std::size_t k = 0; k < idx.size(); ++k) y[k] = boot[k][b];
            fits[b] = fit_exponential(t, y, o.fit_offset, r.rate_min, r.rate_max);
        }
        std::vector<double> rates, amps, offs;
        for (const exponential_fit& f : fits) {
            if (!f.converged) {
                ++r.replicates_not_converged;
                continue;
            }
            rates.push_back(f.rate);
            amps.push_back(to_origin(f));
            offs.push_back(f.offset);
        }
        if (!rates.empty()) {
            r.rate_ci = percentile_interval(rates, o.level);
            r.amplitude_ci = percentile_interval(amps, o.level);
            if (o.fit_offset) r.offset_ci = percentile_interval(offs, o.level);
        }
    }
    decide(r, o, note);
    return r;
}

std::string_view to_string(decay_verdict v) {
    switch (v) {
    case decay_verdict::consistent: return "consistent";
    case decay_verdict::inconsistent: return "inconsistent";
    case decay_verdict::inconclusive: return "inconclusive";
    case decay_verdict::not_compared: return "not_compared";
    }
    return "inconclusive";
}

std::ostream& operator<<(std::ostream& os, decay_verdict v) { return os << to_string(v); }

}  // namespace mfv::harness
