#include "rate_verdict.hpp"

#include "number_text.hpp"

#include <cmath>
#include <string>

namespace mfv::harness::detail {

namespace {
void set(rate_fit& fit, verdict v, std::string reason) {
    fit.outcome = v;
    fit.reason = std::move(reason);
}

std::string too_few_usable(const rate_fit& fit) {
    std::string s = "only " + std::to_string(fit.window.usable) + " of " + std::to_string(fit.per_N.size()) +
                    " N are usable and a rate needs at least 3";
    for (const n_summary& n : fit.per_N) {
        if (!n.usable) return s + " (N = " + std::to_string(n.N) + ": " + n.reason + ")";
    }
    return s;
}

// Which of the two intervals set the hull, when it is the lack of fit (the wider one): the
// residual sd s is in log units, i.e. the relative scatter of the means, shown in percent.
std::string widening(const power_law& p) {
    if (!p.lack_of_fit || !(p.lack_of_fit->width() > p.bootstrap.width())) return "";
    return " (interval widened by the scatter of the means about the fitted line, residual sd " +
           number_text(100 * *p.residual_sd, 2) + "%; bootstrap over members alone " +
           interval_text(p.bootstrap.lo, p.bootstrap.hi) + ")";
}

// The bound's prefactor as the data give it: |mean| / N^t (log case: |mean| N / log N),
// from the smallest to the largest usable N. A prefactor still converging with N (an early
// transient resolved better at large N, a boundary layer) bends the log-log line the same
// way as a slower decay, so a violation says how much the scaled mean moved.
std::string prefactor_drift(const rate_fit& fit) {
    const n_summary* first = nullptr;
    const n_summary* last = nullptr;
    for (const n_summary& n : fit.per_N) {
        if (!n.usable) continue;
        if (first == nullptr) first = &n;
        last = &n;
    }
    if (first == nullptr || first == last) return "";
    const double a = scaled_mean(fit, *first), b = scaled_mean(fit, *last);
    return "; the scaled mean " + std::string(fit.log_case ? "|mean| N/log N" : "|mean| N^(-t)") + " moves from " +
           number_text(a) + " at N = " + std::to_string(first->N) + " to " + number_text(b) + " at N = " +
           std::to_string(last->N) + " (" + number_text(100 * (b / a - 1), 2) +
           "%): a prefactor still converging with N reads the same way";
}

// Power law in N against the theory exponent t = s/d - 1.
void decide_power(rate_fit& fit, const power_law& p) {
    const std::string ci = interval_text(p.ci.lo, p.ci.hi);
    const std::string t = number_text(fit.theory_exponent);
    if (p.ci.lo > fit.theory_exponent) {
        set(fit, verdict::violated,
            "interval " + ci + " lies above the theory exponent " + t + ": |mean| decays slower than N^" + t +
                prefactor_drift(fit));
    } else if (p.ci.contains(fit.theory_exponent)) {
        set(fit, verdict::attained, "interval " + ci + " contains the theory exponent " + t);
    } else {
        set(fit, verdict::consistent,
            "interval " + ci + " lies below the theory exponent " + t + ": |mean| decays faster than N^" + t);
    }
}

// Log case: exponent q of (log N)/N against 1.
void decide_log(rate_fit& fit, const power_law& q) {
    const std::string ci = interval_text(q.ci.lo, q.ci.hi);
    if (q.ci.hi < 1.0) {
        set(fit, verdict::violated,
            "log case: interval " + ci + " of q lies below 1: |mean| decays slower than (log N)/N" +
                prefactor_drift(fit));
    } else if (q.ci.contains(1.0)) {
        set(fit, verdict::attained, "log case: interval " + ci + " of q contains 1: |mean| decays like (log N)/N");
    } else {
        set(fit, verdict::consistent,
            "log case: interval " + ci + " of q lies above 1: |mean| decays faster than (log N)/N");
    }
}
}  // namespace

double scaled_mean(const rate_fit& fit, const n_summary& n) {
    const double m = std::abs(n.estimate->mean), N = static_cast<double>(n.N);
    return fit.log_case ? m * N / std::log(N) : m * std::pow(N, -fit.theory_exponent);
}

void decide(rate_fit& fit, const rate_options& options, std::size_t nonfinite) {
    if (fit.window.usable < 3) return set(fit, verdict::inconclusive, too_few_usable(fit));
    if (fit.sign == mean_sign::mixed) {
        return set(fit, verdict::inconclusive,
                   "the usable means have both signs across N, so |mean| is no power law of N");
    }
    if (nonfinite > 0) {
        return set(fit, verdict::inconclusive,
                   std::to_string(nonfinite) + " bootstrap refits were not finite (a resampled mean was 0)");
    }
    const power_law& law = fit.log_case ? *fit.log_fit : *fit.fit;
    if (law.ci.width() > options.max_interval_width) {
        return set(fit, verdict::inconclusive,
                   "interval " + interval_text(law.ci.lo, law.ci.hi) + " is " + number_text(law.ci.width()) +
                       " wide, more than the allowed " + number_text(options.max_interval_width) +
                       widening(law));
    }
    if (fit.log_case) decide_log(fit, law);
    else decide_power(fit, law);
    fit.reason += widening(law);
}

}  // namespace mfv::harness::detail
