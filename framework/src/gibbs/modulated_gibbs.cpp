#include <mfv/gibbs/modulated_gibbs.hpp>

#include <cmath>
#include <limits>

namespace mfv::gibbs {

modulated_gibbs::modulated_gibbs(interaction::plan& plan, const meanfield::reference& mu, law_score score,
                                 domain::kind space)
    : plan_(plan), mu_(mu), score_(std::move(score)), space_(space) {}

void modulated_gibbs::evaluate(points_view x, target_point& out) {
    const int d = x.d;
    const std::size_t n = x.n;
    // The reference is asked at points of [0,1)^d on the torus (the plan reads positions
    // modulo 1 itself).
    points_view y = x;
    if (space_ == domain::kind::torus) {
        wrapped_.assign(x.x, x.x + static_cast<std::size_t>(d) * n);
        for (double& v : wrapped_) v -= std::floor(v);
        y = view_of(wrapped_, d);
    }
    // sum_i log mu(x_i), Neumaier-compensated; a point outside the support ends it.
    std::vector<double> point(static_cast<std::size_t>(d)), grad(static_cast<std::size_t>(d));
    std::vector<double> log_mu(n);
    for (std::size_t i = 0; i < n; ++i) {
        for (int k = 0; k < d; ++k) point[k] = y(i, k);
        const double rho = mu_.density(0.0, point.data());
        if (!(rho > 0.0)) {
            out.log_mu = -std::numeric_limits<double>::infinity();
            return;
        }
        log_mu[i] = std::log(rho);
    }
    out.log_mu = static_cast<double>(energy::compensated_sum(log_mu.data(), n));
    out.F = energy::modulated_energy(plan_, mu_, y, 0.0);
    // grad_i F_N = (2/N^2) G_i - (2/N) grad h(x_i)   (modulated_gibbs.hpp).
    const std::size_t dn = static_cast<std::size_t>(d) * n;
    field_.resize(dn);
    plan_.gradients(y, field_);
    out.grad_F.resize(dn);
    out.score.resize(dn);
    const double nn = static_cast<double>(n);
    for (std::size_t i = 0; i < n; ++i) {
        for (int k = 0; k < d; ++k) point[k] = y(i, k);
        mu_.potential_gradient(0.0, point.data(), grad.data());
        for (int k = 0; k < d; ++k) {
            const std::size_t at = static_cast<std::size_t>(k) * n + i;
            out.grad_F[at] = 2.0 * field_[at] / (nn * nn) - 2.0 * grad[k] / nn;
        }
        score_(point.data(), grad.data());
        for (int k = 0; k < d; ++k) out.score[static_cast<std::size_t>(k) * n + i] = grad[k];
    }
}

}  // namespace mfv::gibbs
