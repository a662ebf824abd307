// F_N computed a second way, as the energy of the field of charges smeared on spheres
// (energy/electric_energy.hpp, reference/electric.md), for Coulomb on the torus against the
// uniform law mu = 1 or the spectral reference's mu^t (its Fourier series at t); its difference from the interaction plan's F_N; and the truncated
// energies E(eta) of electric.md 4 on a ladder of eta, so that results.json holds the
// almost-monotonicity data per N and member.
//
// eta = min(0.45 min_{i != j} |x_i - x_j|, 0.24) (below half the minimal distance, so that the
// pair correction vanishes); band K = 32 (d = 3), 128 (d = 2); reported with the change from
// band K/2 to K and the diagonal tail T_K (the error after the tail is ~1e-2 T_K or less,
// electric.md 3). Ladder: eta_q = min(c_q N^(-1/d), 0.24), c_q = 1/8, 1/4, 1/2, 1.
// truncated_monotone_gap = max_q [(E - X)(eta_{q+1}) - (E - X)(eta_q)], <= 0 up to the band's
// error (E - X = F_N - P_eta is nonincreasing in eta; X_eta = c_d eta^2 / d for mu = 1).
// The band K must hold mu^t's band (spectral grid 32: band 10 in 3D; 128: 42 in 2D).
#include <mfv/core/error.hpp>
#include <mfv/domain/torus.hpp>
#include <mfv/domain/torus_distance.hpp>
#include <mfv/energy/electric_energy.hpp>
#include <mfv/energy/modulated_energy.hpp>
#include <mfv/meanfield/spectral_torus.hpp>
#include <mfv/observables/observable.hpp>

#include <algorithm>
#include <cmath>

namespace mfv::observables {

namespace {

constexpr double eta_cap = 0.24;

// The smallest distance on the torus, at most 1 (the cap of the all-pairs sum it replaces).
double min_distance(points_view x) { return std::min(1.0, domain::closest_pair_on_torus(x).distance); }

// mu^t: 1 for the uniform reference, the solver's Fourier series for the spectral one.
meanfield::torus_series density_of(const context& c) {
    if (c.reference.name() == "uniform_torus") {
        meanfield::torus_series one(c.x.d, 0);
        const int zero[3] = {0, 0, 0};
        one.set(one.index(zero), 1.0);
        return one;
    }
    if (const auto* spectral = dynamic_cast<const meanfield::spectral_torus*>(&c.reference))
        return spectral->density_series(c.t);
    throw input_error("electric_energy needs the uniform or the spectral torus reference, not " + c.reference.name());
}

std::vector<double> evaluate(const context& c) {
    const auto& g = c.plan.kernel();
    if (c.space != domain::kind::torus || !g.is_coulomb())
        throw input_error("electric_energy needs a Coulomb study on the torus (here " + g.describe() + ", " +
                          domain::name(c.space) + ")");
    const int d = g.d();
    const int band = d == 3 ? 32 : 128;
    const double eta = std::min(0.45 * min_distance(c.x), eta_cap);
    const double spacing = std::pow(static_cast<double>(c.x.n), -1.0 / d);
    std::vector<double> etas;
    for (double q : {0.125, 0.25, 0.5, 1.0}) etas.push_back(std::min(q * spacing, eta_cap));

    const auto mu = density_of(c);
    std::vector<energy::truncation_point> ladder;
    const energy::electric_plan fine(g, band, eta, mu), coarse(g, band / 2, eta, mu);
    const auto t = fine.evaluate(c.x, etas, ladder);
    const double change = t.value - coarse.evaluate(c.x).value;
    const double plan_value = energy::modulated_energy(c.plan, c.reference, c.x, c.t).value;
    double gap = -INFINITY;
    for (std::size_t q = 0; q + 1 < ladder.size(); ++q)
        gap = std::max(gap, (ladder[q + 1].energy - ladder[q + 1].cross_term) - (ladder[q].energy - ladder[q].cross_term));
    std::vector<double> out{t.value, t.value - plan_value, change, t.diagonal_tail, eta};
    for (const auto& p : ladder) out.push_back(p.energy);
    out.push_back(gap);
    return out;
}

}  // namespace

observable electric_energy_observable() {
    return {"electric_energy",
            "F_N as the field energy (1/c_d) int |grad H_eta|^2 of the charges smeared on spheres of radius eta = "
            "min(0.45 min distance, 0.24), minus the self and cross terms (reference/electric.md (1); Coulomb on the "
            "torus, mu = 1 or the spectral mu^t), its difference from the plan's F_N, the change from band K/2 to K, the diagonal tail T_K "
            "added back (the error after it is ~1e-2 T_K or less, electric.md 3), eta, the "
            "truncated energies E(eta_q), eta_q = min(c_q N^(-1/d), 0.24), c_q = 1/8, 1/4, 1/2, 1 (electric.md 4), and "
            "max_q of the increase of E - X_eta along the ladder (<= 0 up to the band's error)",
            {"electric_energy", "electric_minus_plan", "electric_band_change", "electric_diagonal_tail", "electric_eta", "truncated_energy_1",
             "truncated_energy_2", "truncated_energy_3", "truncated_energy_4", "truncated_monotone_gap"},
            evaluate};
}

}  // namespace mfv::observables
