#include <mfv/gibbs/gibbs_run.hpp>

#include <mfv/core/error.hpp>
#include <mfv/core/random_stream.hpp>
#include <mfv/gibbs/circular_ensemble.hpp>
#include <mfv/gibbs/law_score.hpp>
#include <mfv/gibbs/mala.hpp>
#include <mfv/gibbs/modulated_gibbs.hpp>
#include <mfv/interaction/plan.hpp>
#include <mfv/meanfield/exact.hpp>
#include <mfv/sampling/make_law.hpp>
#include <mfv/sampling/sample_initial.hpp>
#include <mfv/sampling/sample_torus.hpp>
#include <mfv/study/runner.hpp>

#include <chrono>
#include <cmath>
#include <exception>
#include <sstream>

namespace mfv::gibbs {

bool is_circular_ensemble(const study::study& st) {
    return st.torus() && st.d == 1 && st.s == 0.0 && st.law.type == "uniform";
}

namespace {

// iid points of mu on the stream rs: a chain's start (its burn-in forgets it), and the
// proposals of its independence moves.
points iid_points(const study::study& st, std::size_t n, const random_stream& rs) {
    if (st.torus()) return sampling::sample_torus(sampling::make_torus_law(st.law, st.d), "iid", "none", n, rs);
    const auto law = sampling::make_law(st.law, kernel::riesz_kernel(st.d, st.s));
    return sampling::sample_initial(*law, "iid", n, rs);
}

// The length scale of mu: the step starts at a tenth of it, and never exceeds it on the
// torus (period 1) or four times it in R^d.
mala_settings chain_settings(const study::study& st, std::size_t samples) {
    mala_settings s;
    s.samples = samples > 0 ? samples : st.gibbs.samples;
    s.burn_in = st.gibbs.burn_in;
    s.acceptance_target = st.gibbs.acceptance_target;
    const double scale = st.torus() ? 1.0 : st.law.type == "gaussian" ? st.law.sigma : st.law.radius;
    s.initial_step = 0.1 * scale;
    s.max_step = st.torus() ? 1.0 : 4.0 * scale;
    return s;
}

// mu as a reference at t = 0: its density, potential h = g * mu and self-energy. On the
// torus the study's own reference; in R^d the exact reference of the study's flow, asked
// without noise when the noisy flow has no closed form (a law at t = 0 does not depend on
// the flow or on theta: only its time evolution does).
std::shared_ptr<const meanfield::reference> law_at_zero(const study::study& st) {
    if (st.torus()) return study::make_reference(st, {0.0});
    const kernel::riesz_kernel g(st.d, st.s);
    try {
        return meanfield::make_exact_reference(g, st.flow, st.theta, st.law);
    } catch (const input_error&) {
        return meanfield::make_exact_reference(g, st.flow, 0.0, st.law);
    }
}

void check_input(const study::study& st, std::size_t n, std::size_t samples) {
    std::ostringstream m;
    m.precision(17);
    if (!(st.theta > 0.0)) {
        m << "/model/theta = " << st.theta << ": the modulated Gibbs measure exp(-(N/theta) F_N) needs theta > 0";
        throw input_error(m.str());
    }
    if (n < 2) throw input_error("N = " + std::to_string(n) + ": the modulated Gibbs measure needs N >= 2 (F_N has no pair term)");
    if (samples != 0 && samples < 100) throw input_error("--samples = " + std::to_string(samples) + ": at least 100 are needed for an error bar");
}

}  // namespace

gibbs_result run_gibbs(const study::study& st, std::size_t n, std::size_t samples) {
    check_input(st, n, samples);
    const auto start = std::chrono::steady_clock::now();
    const double beta = 1.0 / st.theta;
    const kernel::riesz_kernel g(st.d, st.s);
    const auto mu = law_at_zero(st);
    const mala_settings settings = chain_settings(st, samples);
    const ladder rule = gauss_legendre_ladder(beta, st.gibbs.rungs);
    // Chain 0 at beta = 1/theta, chain k >= 1 at rung k - 1.
    const std::size_t chains = rule.beta.size() + 1;
    std::vector<rung> out(chains);
    std::vector<std::exception_ptr> failure(chains);
#pragma omp parallel for schedule(dynamic, 1)
    for (std::size_t c = 0; c < chains; ++c) {
        try {
            auto plan = interaction::make_plan(g, n, st.interaction_accuracy, st.interaction_method, st.space);
            modulated_gibbs target(*plan, *mu, law_score(st.law, st.d, st.s, st.space), st.space);
            const double b = c == 0 ? beta : rule.beta[c - 1];
            iid_draw draw;
            if (st.gibbs.independence) {
                draw = [&st, n, c](std::uint64_t k) {
                    return iid_points(st, n, random_stream(st.seed, n, (std::uint64_t(c) << 40) + k, stream_purpose::gibbs_independence));
                };
            }
            const auto chain = run_mala(target, b, iid_points(st, n, random_stream(st.seed, n, c, stream_purpose::gibbs_start)),
                                        settings, random_stream(st.seed, n, c, stream_purpose::gibbs_chain), draw);
            out[c].beta = b;
            out[c].weight = c == 0 ? 0.0 : rule.weight[c - 1];
            out[c].F_N = sokal_statistics(chain.F_N);
            out[c].acceptance_rate = chain.acceptance_rate;
            out[c].independence_acceptance = chain.independence_acceptance;
            out[c].step = chain.step;
            out[c].out_of_support = chain.out_of_support;
        } catch (...) {
            failure[c] = std::current_exception();
        }
    }
    for (const auto& f : failure)
        if (f) std::rethrow_exception(f);

    gibbs_result r;
    r.N = n;
    r.theta = st.theta;
    r.at_theta = out[0];
    r.ladder.assign(out.begin() + 1, out.end());
    r.log_K = integrate_ladder(r.ladder);
    r.interaction = interaction::chosen_method(g, n, st.interaction_accuracy, st.interaction_method, st.space);
    if (is_circular_ensemble(st)) {
        r.exact_log_K_over_N = circular_log_K_over_N(n, beta);
        r.exact_mean_F_N = circular_mean_F_N(n, beta);
        long double rule_sum = 0.0L;
        for (std::size_t k = 0; k < rule.beta.size(); ++k) rule_sum -= static_cast<long double>(rule.weight[k]) * circular_mean_F_N(n, rule.beta[k]);
        r.quadrature_error = static_cast<double>(rule_sum) - *r.exact_log_K_over_N;
    }
    r.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return r;
}

}  // namespace mfv::gibbs
