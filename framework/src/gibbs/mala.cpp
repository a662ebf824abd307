#include <mfv/gibbs/mala.hpp>

#include <mfv/core/error.hpp>

#include <algorithm>
#include <cmath>
#include <sstream>
#include <stdexcept>

namespace mfv::gibbs {

namespace {

// b = grad log q_beta = -beta N grad F_N + grad log mu (modulated_gibbs.hpp), truncated
// particle by particle to |b_i| <= 1/eps (mala.hpp): the drift moves no particle by more
// than eps/2.
void drift(const target_point& p, double beta, std::size_t n, int d, double eps, std::vector<double>& out) {
    out.resize(p.grad_F.size());
    const double bn = beta * static_cast<double>(n);
    for (std::size_t k = 0; k < out.size(); ++k) out[k] = -bn * p.grad_F[k] + p.score[k];
    for (std::size_t i = 0; i < n; ++i) {
        double b2 = 0.0;
        for (int k = 0; k < d; ++k) b2 += out[static_cast<std::size_t>(k) * n + i] * out[static_cast<std::size_t>(k) * n + i];
        const double norm = std::sqrt(b2);
        if (eps * norm > 1.0)
            for (int k = 0; k < d; ++k) out[static_cast<std::size_t>(k) * n + i] /= eps * norm;
    }
}

// log p(to | from) up to its constant: -|to - from - (eps^2/2) drift(from)|^2 / (2 eps^2).
double log_proposal(const std::vector<double>& to, const std::vector<double>& from, const std::vector<double>& drift_from,
                    double eps) {
    long double s = 0.0L;
    for (std::size_t k = 0; k < to.size(); ++k) {
        const double r = to[k] - from[k] - 0.5 * eps * eps * drift_from[k];
        s += static_cast<long double>(r) * r;
    }
    return static_cast<double>(-s / (2.0L * eps * eps));
}

}  // namespace

mala_chain run_mala(modulated_gibbs& target, double beta, points start, const mala_settings& settings,
                    const random_stream& stream, const iid_draw& draw) {
    if (!(beta >= 0.0) || !std::isfinite(beta)) throw std::invalid_argument("run_mala: beta must be finite and >= 0");
    if (settings.samples == 0) throw std::invalid_argument("run_mala: samples must be >= 1");
    const int d = start.dim();
    const std::size_t n = start.size(), dn = static_cast<std::size_t>(d) * n;
    const bool torus = target.space() == domain::kind::torus;
    std::vector<double> x = std::move(start.data()), y(dn), z(dn), drift_x, drift_y;
    target_point px, py;
    target.evaluate(view_of(x, d), px);
    if (!px.in_support() || !std::isfinite(px.F.value))
        throw run_error("N = " + std::to_string(n) + ": the chain's start is outside the support of mu or F_N is not finite there");

    mala_chain chain;
    chain.F_N.reserve(settings.samples);
    double log_eps = std::log(std::min(settings.initial_step, settings.max_step));
    std::size_t accepted = 0, accepted_iid = 0;
    // The uniforms of the independence moves sit after those of the MALA steps.
    const std::uint64_t iid_uniforms = settings.burn_in + settings.samples;
    const std::size_t total = settings.burn_in + settings.samples;
    for (std::size_t it = 0; it < total; ++it) {
        const double eps = std::exp(log_eps);
        // The truncation depends on eps, which changes during burn-in: drift at x afresh.
        drift(px, beta, n, d, eps, drift_x);
        stream.normal(it * dn, z);
        for (std::size_t k = 0; k < dn; ++k) y[k] = x[k] + 0.5 * eps * eps * drift_x[k] + eps * z[k];
        target.evaluate(view_of(y, d), py);
        double accept = 0.0;
        bool outside = !py.in_support();
        if (!outside && std::isfinite(py.F.value)) {
            drift(py, beta, n, d, eps, drift_y);
            const double log_ratio = py.log_density(beta, n) - px.log_density(beta, n) +
                                     log_proposal(x, y, drift_y, eps) - log_proposal(y, x, drift_x, eps);
            accept = log_ratio >= 0.0 ? 1.0 : std::exp(log_ratio);
        }
        double u;
        stream.uniform(it, std::span<double>(&u, 1));
        // u is in (0, 1]: u < accept never accepts a proposal of probability 0.
        const bool take = u < accept;
        if (take) {
            x.swap(y);
            if (torus)
                for (double& v : x) v -= std::floor(v);
            std::swap(px, py);
        }
        bool took_iid = false;
        if (draw) {
            // Independence move: Y ~ mu^N, accepted with min(1, exp(-beta N (F_N(Y) - F_N(X)))).
            points fresh = draw(it);
            target.evaluate(fresh.view(), py);
            if (py.in_support() && std::isfinite(py.F.value)) {
                const double log_ratio = -beta * static_cast<double>(n) * (py.F.value - px.F.value);
                double v;
                stream.uniform(iid_uniforms + it, std::span<double>(&v, 1));
                if (v < (log_ratio >= 0.0 ? 1.0 : std::exp(log_ratio))) {
                    x = std::move(fresh.data());
                    std::swap(px, py);
                    took_iid = true;
                }
            }
        }
        if (it < settings.burn_in) {
            // Robbins-Monro on log eps toward the target acceptance, gain (k + 10)^(-0.6).
            log_eps += (accept - settings.acceptance_target) / std::pow(static_cast<double>(it) + 10.0, 0.6);
            log_eps = std::min(log_eps, std::log(settings.max_step));
        } else {
            accepted += take ? 1 : 0;
            accepted_iid += took_iid ? 1 : 0;
            chain.out_of_support += outside ? 1 : 0;
            chain.F_N.push_back(px.F.value);
        }
    }
    chain.acceptance_rate = static_cast<double>(accepted) / static_cast<double>(settings.samples);
    if (draw) chain.independence_acceptance = static_cast<double>(accepted_iid) / static_cast<double>(settings.samples);
    chain.step = std::exp(log_eps);
    chain.last = points(d, std::move(x));
    return chain;
}

}  // namespace mfv::gibbs
