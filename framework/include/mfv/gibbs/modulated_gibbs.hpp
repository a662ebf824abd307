// The modulated Gibbs measure (reference/gibbs.md section 1, the talk's "modulated free
// energy" slide, after Rosenzweig-Serfaty):
//   Q_{N,beta}(mu) = K_{N,beta}(mu)^(-1) exp(-beta N F_N(X_N, mu)) dmu(x_1) ... dmu(x_N),
// beta = 1/theta, with F_N the modulated energy of MATH.md section 0 against the law mu
// (the study's reference at t = 0). This class is the target of the sampler: at a
// configuration it gives F_N (through energy::modulated_energy), sum_i log mu(x_i), and the
// gradients of both, so that
//   log q_beta(X) = -beta N F_N(X, mu) + sum_i log mu(x_i)        (log of Q up to -log K)
//   grad_i log q_beta = -beta N grad_i F_N + grad log mu(x_i),
//   grad_i F_N = (2/N^2) G_i - (2/N) grad h(x_i),   G_i = sum_{j != i} grad g(x_i - x_j),
// h = g * mu (G from the interaction plan, grad h from the reference). On the torus the
// kernel is the periodic G of MATH.md section 6 (the plan is periodic).
#pragma once
#include <mfv/core/points.hpp>
#include <mfv/energy/modulated_energy.hpp>
#include <mfv/gibbs/law_score.hpp>
#include <mfv/interaction/plan.hpp>
#include <mfv/meanfield/reference.hpp>

#include <cmath>
#include <span>
#include <vector>

namespace mfv::gibbs {

// Everything the sampler needs at one configuration.
struct target_point {
    energy::modulated_energy_terms F;
    // sum_i log mu(x_i): -infinity when a point lies outside the support of mu.
    double log_mu = 0.0;
    // grad_i F_N and grad log mu(x_i), both in the points layout (k * n + i).
    std::vector<double> grad_F, score;

    bool in_support() const { return std::isfinite(log_mu); }
    double log_density(double beta, std::size_t n) const { return -beta * static_cast<double>(n) * F.value + log_mu; }
};

class modulated_gibbs {
public:
    // plan: made for the N particles (periodic on the torus); mu: the law at t = 0.
    modulated_gibbs(interaction::plan& plan, const meanfield::reference& mu, law_score score, domain::kind space);

    // Evaluate at x (points on the torus may lie outside [0,1): every quantity is periodic).
    // Outside the support of mu only log_mu = -infinity is set (nothing else is evaluated).
    void evaluate(points_view x, target_point& out);

    domain::kind space() const { return space_; }

private:
    interaction::plan& plan_;
    const meanfield::reference& mu_;
    law_score score_;
    domain::kind space_;
    std::vector<double> wrapped_, field_;
};

}  // namespace mfv::gibbs
