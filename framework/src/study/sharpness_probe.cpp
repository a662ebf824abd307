#include <mfv/study/sharpness_probe.hpp>

#include <mfv/core/random_stream.hpp>
#include <mfv/energy/commutator.hpp>
#include <mfv/energy/modulated_energy.hpp>
#include <mfv/harness/log_trend.hpp>
#include <mfv/interaction/plan.hpp>
#include <mfv/study/runner.hpp>

#include <algorithm>
#include <cmath>

namespace mfv::study {

namespace {

struct evaluation {
    double ratio = 0.0, F = 0.0;
    bool admissible = false;
};

double min_pair_distance2(const std::vector<double>& x, int d, std::size_t n) {
    double best = INFINITY;
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = i + 1; j < n; ++j) {
            double r2 = 0.0;
            for (int k = 0; k < d; ++k) {
                const double dx = x[k * n + i] - x[k * n + j];
                r2 += dx * dx;
            }
            best = std::min(best, r2);
        }
    return best;
}

}  // namespace

nlohmann::json run_sharpness_probe(const study& st, const harness_spec& h, const meanfield::reference& mu) {
    const kernel::riesz_kernel g(st.d, st.s);
    const bool log_case = st.s == 0.0;
    const auto rate = [&](std::size_t N) {
        const double n = static_cast<double>(N);
        return log_case ? std::log(n) / n : std::pow(n, st.s / st.d - 1.0);
    };
    const std::size_t members = std::min<std::size_t>(static_cast<std::size_t>(h.probe_members), st.members);
    const double L = mu.lipschitz_velocity_on_support(0.0);
    // C': the study's, or twice the largest |F_N| / r(N) of the starting configurations.
    double C = h.C;
    std::string C_source = "study";
    if (!std::isfinite(C)) {
        double largest = 0.0;
        for (std::size_t N : st.N) {
            auto plan = interaction::make_plan(g, N, st.interaction_accuracy, st.interaction_method, st.space);
            for (std::size_t m = 0; m < members; ++m) {
                const points x = initial_configuration(st, N, m);
                largest = std::max(largest, std::abs(energy::modulated_energy(*plan, mu, view_of(x.data(), st.d), 0.0).value) / rate(N));
            }
        }
        C = largest > 0.0 ? 2.0 * largest : 1.0;
        C_source = "twice the largest |F_N| / r(N) of the starting configurations";
    }
    nlohmann::json per = nlohmann::json::array();
    std::vector<harness::values_at_n> trend;
    for (std::size_t N : st.N) {
        auto plan = interaction::make_plan(g, N, st.interaction_accuracy, st.interaction_method, st.space);
        const double spacing = std::pow(static_cast<double>(N), -1.0 / st.d);
        const double floor2 = (0.05 * spacing) * (0.05 * spacing);
        const double r = rate(N);
        const auto evaluate = [&](const std::vector<double>& y) {
            evaluation e;
            const auto v = view_of(y, st.d);
            e.F = energy::modulated_energy(*plan, mu, v, 0.0).value;
            const double denom = L * (e.F + C * r);
            e.admissible = e.F >= -0.5 * C * r && denom > 0.0 && min_pair_distance2(y, st.d, N) >= floor2;
            if (e.admissible) e.ratio = std::abs(energy::commutator(*plan, mu, v, 0.0).value) / denom;
            return e;
        };
        nlohmann::json runs = nlohmann::json::array();
        harness::values_at_n best_of{N, {}};
        for (std::size_t m = 0; m < members; ++m) {
            std::vector<double> x = initial_configuration(st, N, m).data();
            evaluation now = evaluate(x);
            const double start = now.ratio;
            std::size_t accepted = 0;
            std::vector<double> delta(x.size()), plus(x.size()), minus(x.size()), u(x.size());
            for (int k = 0; k < h.iterations; ++k) {
                random_stream(st.seed, N, m * 1000003ull + static_cast<std::uint64_t>(k), stream_purpose::probe).uniform(0, u);
                for (std::size_t q = 0; q < x.size(); ++q) delta[q] = u[q] < 0.5 ? -1.0 : 1.0;
                const double c = 0.02 * spacing / std::pow(k + 1.0, 0.101);
                for (std::size_t q = 0; q < x.size(); ++q) plus[q] = x[q] + c * delta[q], minus[q] = x[q] - c * delta[q];
                const evaluation ep = evaluate(plus), em = evaluate(minus);
                if (!ep.admissible || !em.admissible) continue;
                const double slope = (ep.ratio - em.ratio) / (2.0 * c);
                if (slope == 0.0) continue;
                // Normalised step along sign(slope) delta: every coordinate moves by a.
                const double a = 0.1 * spacing / std::pow(k + 1.0, 0.602);
                std::vector<double> y = x;
                for (std::size_t q = 0; q < x.size(); ++q) y[q] += a * (slope > 0 ? delta[q] : -delta[q]);
                const evaluation ey = evaluate(y);
                if (ey.admissible && ey.ratio > now.ratio) {
                    x = std::move(y);
                    now = ey;
                    ++accepted;
                }
            }
            runs.push_back({{"member", m}, {"start_ratio", start}, {"best_ratio", now.ratio}, {"F_N_at_best", now.F},
                            {"accepted_steps", accepted}});
            best_of.values.push_back(now.ratio);
        }
        double best = 0.0, first = 0.0;
        for (const auto& r_ : runs) best = std::max(best, r_["best_ratio"].get<double>()), first = std::max(first, r_["start_ratio"].get<double>());
        per.push_back({{"N", N}, {"runs", runs}, {"start_ratio", first}, {"best_ratio", best}});
        trend.push_back(std::move(best_of));
    }
    const auto t = harness::fit_log_trend(trend, "best ratio", static_cast<std::size_t>(h.bootstrap),
                                          st.seed, 0.95, 0.25);
    nlohmann::json out = {{"harness", "sharpness"},
                          {"observable", "commutator"},
                          {"ratio", "|K(u)| / (||Du^0||_inf on the support (F_N + C r(N))) at t = 0"},
                          {"method", "SPSA ascent from the study's initial configurations (study/sharpness_probe.hpp)"},
                          {"C", C},
                          {"C_source", C_source},
                          {"iterations", h.iterations},
                          {"per_N", per},
                          {"verdict", std::string(harness::to_string(t.outcome))},
                          {"reason", t.reason}};
    if (t.slope) {
        out["slope_in_log_N"] = *t.slope;
        out["slope_interval"] = {t.slope_interval->lo, t.slope_interval->hi};
    }
    return out;
}

}  // namespace mfv::study
