#include <mfv/harness/commutator_ratio.hpp>

#include <mfv/core/error.hpp>
#include <mfv/harness/bootstrap.hpp>

#include "number_text.hpp"

#include <algorithm>
#include <cmath>

namespace mfv::harness {

commutator_fit fit_commutator(const std::vector<series_at_n>& K, const std::vector<series_at_n>& F,
                              const std::vector<series_at_n>& L, const commutator_options& opt) {
    if (K.empty()) throw input_error("commutator harness: no N");
    if (K.size() != F.size() || K.size() != L.size())
        throw input_error("commutator harness: the commutator, modulated_energy and Lipschitz series differ in N");
    const auto rate = [&](std::uint64_t N) {
        const double n = static_cast<double>(N);
        return opt.log_case ? std::log(n) / n : std::pow(n, opt.theory_exponent);
    };
    for (std::size_t q = 0; q < K.size(); ++q) {
        const std::string where = "commutator harness, N = " + std::to_string(K[q].N) + ": ";
        check_member_series(K[q].series, where);
        check_member_series(F[q].series, where);
        check_member_series(L[q].series, where);
        if (F[q].N != K[q].N || L[q].N != K[q].N || F[q].series.members.size() != K[q].series.members.size() ||
            L[q].series.members.size() != K[q].series.members.size() || F[q].series.times != K[q].series.times ||
            L[q].series.times != K[q].series.times)
            throw input_error(where + "the three series differ in members or times");
    }
    commutator_fit fit;
    if (std::isfinite(opt.C_prime)) {
        if (!(opt.C_prime > 0.0)) throw input_error("commutator harness: C = " + detail::number_text(opt.C_prime) + " must be > 0");
        fit.C_prime = opt.C_prime;
        fit.C_prime_source = "study";
    } else {
        double largest = 0.0;
        for (std::size_t q = 0; q < F.size(); ++q)
            for (std::size_t m = 0; m < F[q].series.members.size(); ++m)
                if (F[q].series.member_ok(m) && K[q].series.member_ok(m))
                    for (double f : F[q].series.members[m]) largest = std::max(largest, std::abs(f) / rate(F[q].N));
        fit.C_prime = largest > 0.0 ? 2.0 * largest : 1.0;
        fit.C_prime_source = largest > 0.0 ? "twice the largest |F_N| / r(N) over N, members and times" : "1 (F_N = 0 throughout)";
    }
    std::vector<values_at_n> trend;
    for (std::size_t q = 0; q < K.size(); ++q) {
        commutator_at_n g;
        g.N = K[q].N;
        g.rate_term = rate(g.N);
        const auto& t = K[q].series.times;
        g.times = t;
        std::vector<std::vector<double>> ratios;
        for (std::size_t m = 0; m < K[q].series.members.size(); ++m) {
            if (!K[q].series.member_ok(m) || !F[q].series.member_ok(m) || !L[q].series.member_ok(m)) {
                ++g.members_failed;
                continue;
            }
            std::vector<double> r(t.size());
            double sup = 0.0;
            for (std::size_t k = 0; k < t.size(); ++k) {
                const double denom = L[q].series.members[m][k] * (F[q].series.members[m][k] + fit.C_prime * g.rate_term);
                r[k] = denom > 0.0 ? std::abs(K[q].series.members[m][k]) / denom : 0.0;
                if (!(denom > 0.0) && K[q].series.members[m][k] != 0.0)
                    throw input_error("commutator harness, N = " + std::to_string(g.N) + ", member " + std::to_string(m) +
                                      ", t = " + detail::number_text(t[k]) + ": F_N + C r(N) = " + detail::number_text(denom) +
                                      " is not positive: give a larger C in the study");
                sup = std::max(sup, r[k]);
            }
            g.sup_ratio.push_back(sup);
            ratios.push_back(std::move(r));
            ++g.members_used;
        }
        if (g.members_used > 0) {
            g.mean_sup_ratio = mean_of(g.sup_ratio);
            g.max_sup_ratio = *std::max_element(g.sup_ratio.begin(), g.sup_ratio.end());
            g.sup_ratio_interval =
                percentile_interval(bootstrap_means(g.sup_ratio, opt.seed, g.N, opt.bootstrap_replicates), opt.level);
            fit.sup_ratio = std::max(fit.sup_ratio, g.max_sup_ratio);
            for (std::size_t k = 0; k < t.size(); ++k) {
                double s = 0.0, s2 = 0.0;
                for (const auto& r : ratios) s += r[k];
                const double mean = s / static_cast<double>(ratios.size());
                for (const auto& r : ratios) s2 += (r[k] - mean) * (r[k] - mean);
                g.mean_ratio.push_back(mean);
                g.sd_ratio.push_back(ratios.size() > 1 ? std::sqrt(s2 / static_cast<double>(ratios.size() - 1)) : 0.0);
            }
        }
        trend.push_back({g.N, g.sup_ratio});
        fit.per_N.push_back(std::move(g));
    }
    std::sort(fit.per_N.begin(), fit.per_N.end(), [](const auto& a, const auto& b) { return a.N < b.N; });
    fit.trend = fit_log_trend(trend, "mean sup_t ratio", opt.bootstrap_replicates, opt.seed,
                              opt.level, opt.growth_tolerance);
    return fit;
}

}  // namespace mfv::harness
