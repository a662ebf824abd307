// Helpers shared by the tests of the radial Coulomb reference (meanfield_radial_test.cpp,
// meanfield_radial_frames_test.cpp): the laws, the settings, the Gaussian's enclosed mass
// (MATH.md 5) and a convergence table.
#pragma once
#include "meanfield_quadrature.hpp"

#include <mfv/core/law_spec.hpp>
#include <mfv/meanfield/radial_coulomb.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

namespace mfv_test::radial {

using mfv::law_spec;
using mfv::kernel::riesz_kernel;
using mfv::meanfield::radial_coulomb;
using mfv::meanfield::radial_settings;

inline riesz_kernel coulomb(int d) { return riesz_kernel(d, d == 2 ? 0.0 : 1.0); }

inline law_spec gaussian(double sigma) {
    law_spec law;
    law.type = "gaussian";
    law.sigma = sigma;
    return law;
}

inline law_spec ball(double R0) {
    law_spec law;
    law.type = "uniform_ball";
    law.radius = R0;
    return law;
}

inline radial_settings settings(int grid, double dt, double L, bool self_similar = false) {
    radial_settings s;
    s.grid = grid;
    s.dt = dt;
    s.radius = L;
    s.self_similar = self_similar;
    return s;
}

// The mass of a centred Gaussian of per-coordinate variance v inside B_r (MATH.md 5, by the
// chi distribution): 1 - e^(-z) (d = 2), erf(sqrt z) - 2 sqrt(z/pi) e^(-z) (d = 3), z = r^2/(2v).
inline double gaussian_mass(int d, double v, double r) {
    const double z = r * r / (2.0 * v);
    if (d == 2) return -std::expm1(-z);
    return std::erf(std::sqrt(z)) - 2.0 * std::sqrt(z / pi) * std::exp(-z);
}

// max over the nodes of the coarser solution of |m_coarse - m_fine| at the last output time
// (the fine grid has a multiple of the coarse cells, so the coarse nodes are fine nodes).
inline double node_difference(const radial_coulomb& coarse, const radial_coulomb& fine) {
    const auto& a = coarse.solution();
    const auto& b = fine.solution();
    const int ratio = b.cells / a.cells;
    double e = 0.0;
    for (int i = 0; i <= a.cells; ++i)
        e = std::max(e, std::abs(a.enclosed_mass.back()[i] - b.enclosed_mass.back()[i * ratio]));
    return e;
}

// A deal.II ConvergenceTable-style table: one row per refinement, the error and the order
// log2(e_{k-1}/e_k) (each refinement halves the step). Returns the orders.
inline std::vector<double> print_table(const std::string& title, const std::string& column, const std::vector<double>& steps,
                                const std::vector<double>& errors) {
    std::printf("\n%s\n%12s %14s %8s\n", title.c_str(), column.c_str(), "error", "order");
    std::vector<double> orders;
    for (std::size_t k = 0; k < errors.size(); ++k) {
        if (k == 0) {
            std::printf("%12.5g %14.4e %8s\n", steps[k], errors[k], "-");
            continue;
        }
        orders.push_back(std::log(errors[k - 1] / errors[k]) / std::log(steps[k - 1] / steps[k]));
        std::printf("%12.5g %14.4e %8.2f\n", steps[k], errors[k], orders.back());
    }
    std::fflush(stdout);
    return orders;
}

}  // namespace mfv_test::radial
