// Tests of the plain Ewald plan on the torus (ewald.hpp, MATH.md section 6) on lattices and
// under perturbation, against independent truths: the Madelung constants of rock salt and of
// the square lattice, lattice sums with the neutralizing background, finite differences of
// the energy, and the invariances (translation, thread count). The pair sum of the exact
// periodic kernel, the closed forms in d = 1 and alpha-independence are in ewald_test.cpp.
#define BOOST_TEST_MODULE ewald_lattice
#include <boost/test/unit_test.hpp>

#include "ewald_common.hpp"

#include <mfv/domain/torus.hpp>
#include <mfv/interaction/ewald.hpp>

#include <boost/math/special_functions/zeta.hpp>

#include <omp.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstring>
#include <iomanip>
#include <tuple>
#include <utility>
#include <vector>

namespace tt = boost::test_tools;
using mfv::points;
using mfv::interaction::ewald_plan;
using mfv::kernel::riesz_kernel;
using namespace mfv_test::ewald;

namespace {

// Alternating charges (-1)^(i_1 + ... + i_d) on the lattice (1/m) Z^d in the unit torus:
// m^d ions at nearest-neighbour distance a = 1/m. The Madelung constant M of each ion is
// phi_i + q_i G_reg(0) = -q_i M / a (its own images included, neutral: no background).
std::vector<double> madelung_constants(int d, int m, double s) {
    std::size_t n = 1;
    for (int k = 0; k < d; ++k) n *= static_cast<std::size_t>(m);
    points x(d, n);
    std::vector<double> q(n);
    for (std::size_t i = 0; i < n; ++i) {
        std::size_t rest = i;
        int parity = 0;
        for (int k = 0; k < d; ++k) {
            const int c = static_cast<int>(rest % m);
            rest /= m;
            x(i, k) = static_cast<double>(c) / m;
            parity += c;
        }
        q[i] = parity % 2 ? -1.0 : 1.0;
    }
    ewald_plan plan(riesz_kernel(d, s), 1e-13, n);
    const sums r = evaluate(plan, x, q);
    std::vector<double> out(n + 1);
    const double a = 1.0 / m, reg = plan.regular_part_at_zero();
    for (std::size_t i = 0; i < n; ++i) out[i] = -(r.phi[i] + q[i] * reg) * a / q[i];
    // The energy per ion, (1/2) sum_i q_i (phi_i + q_i G_reg(0)) / N = -M / (2a).
    out[n] = -(r.energy + static_cast<double>(n) * reg) * a / static_cast<double>(n);
    return out;
}

}  // namespace

BOOST_AUTO_TEST_CASE(madelung_constants_of_rock_salt_and_the_square_lattice)
{
    // Rock salt (d = 3, g = 1/r): M = 1.747564594633182190636... from the 8-ion cube (a = 1/2)
    // and its 2x2x2 supercell (64 ions, a = 1/4); the square lattice with alternating
    // charges and g = 1/r (d = 2, s = 1): M = 1.6155426267128247... from 4 and 16 ions. The
    // plan's 1e-13 on phi_i ~ M/a + G_reg(0) ~ 10 gives ~1e-12 absolute on M; the energy
    // per ion checks sum_i q_i phi_i the same way.
    const double rock_salt = 1.747564594633182190636, square = 1.6155426267128247;
    for (const auto& [d, m, exact] : {std::tuple{3, 2, rock_salt}, std::tuple{3, 4, rock_salt},
                                      std::tuple{2, 2, square}, std::tuple{2, 4, square}}) {
        const auto constants = madelung_constants(d, m, 1.0);
        double worst = 0.0;
        for (double c : constants) worst = std::max(worst, std::fabs(c - exact));
        BOOST_TEST_MESSAGE("d = " << d << ", " << constants.size() - 1 << " ions: M = "
                                  << std::setprecision(16) << constants[0] << ", worst |M - exact| " << worst);
        for (double c : constants) BOOST_TEST(c == exact, tt::tolerance(1e-12));
    }
}

BOOST_AUTO_TEST_CASE(unit_charges_on_a_lattice_see_the_background)
{
    // q = 1 on the lattice (1/m) Z^d (not neutral): sum_j G(x - x_j) = m^s G(m x) for Riesz
    // and G(m x) for log (Fourier series of MATH.md section 6: only k in m Z^d survive), so
    // every ion has phi_i = (m^s - 1) G_reg(0), or -log m for the log kernel. G_reg(0) from
    // closed forms where known: 2 zeta(s)/s (d = 1), -log(2 pi) (d = 1 log), 4 zeta(1/2)
    // beta(1/2) (d = 2, s = 1; beta(1/2) = (zeta(1/2, 1/4) - zeta(1/2, 3/4)) / 2),
    // -2.8372974794806 (d = 3 Coulomb); else the plan's regular_part_at_zero(). Tolerance:
    // the promised 1e-13 relative on phi, 2e-13 allowing for the rounding of G_reg(0) and of
    // the literal.
    const double beta_half = static_cast<double>((hurwitz_zeta(0.5L, 0.25L) - hurwitz_zeta(0.5L, 0.75L)) / 2.0L);
    const struct {
        int d;
        double s;
        int m;
        double reg;  // NaN: take the plan's
    } cases[] = {{1, 0.0, 7, -std::log(2.0 * pi)},
                 {1, 0.5, 7, 2.0 * boost::math::zeta(0.5) / 0.5},
                 {2, 0.0, 4, std::nan("")},
                 {2, 1.0, 4, 4.0 * boost::math::zeta(0.5) * beta_half},
                 {2, 1.5, 4, std::nan("")},
                 {3, 1.0, 3, -2.8372974794806},
                 {3, 0.5, 3, std::nan("")},
                 {3, 2.5, 3, std::nan("")}};
    for (const auto& c : cases) {
        int n = 1;
        for (int k = 0; k < c.d; ++k) n *= c.m;
        points x(c.d, static_cast<std::size_t>(n));
        for (int i = 0; i < n; ++i) {
            int rest = i;
            for (int k = 0; k < c.d; ++k, rest /= c.m) x(static_cast<std::size_t>(i), k) = (rest % c.m + 0.25) / c.m;
        }
        const riesz_kernel g(c.d, c.s);
        ewald_plan plan(g, 1e-13, static_cast<std::size_t>(n));
        const double reg = std::isnan(c.reg) ? plan.regular_part_at_zero() : c.reg;
        if (!std::isnan(c.reg)) BOOST_TEST(plan.regular_part_at_zero() == c.reg, tt::tolerance(1e-13));
        const double expected = g.is_log() ? -std::log(static_cast<double>(c.m)) : (std::pow(c.m, c.s) - 1.0) * reg;
        std::vector<double> phi(static_cast<std::size_t>(n)), grad(static_cast<std::size_t>(c.d * n));
        plan.potentials(x, phi);
        plan.gradients(x, grad);
        double worst = 0.0, worst_grad = 0.0;
        for (double v : phi) worst = std::max(worst, std::fabs(v - expected) / std::fabs(expected));
        for (double v : grad) worst_grad = std::max(worst_grad, std::fabs(v));
        BOOST_TEST_MESSAGE("d = " << c.d << " s = " << c.s << ", m = " << c.m << ": phi_i = " << expected
                                  << " within " << worst << ", |grad| <= " << worst_grad);
        for (double v : phi) BOOST_TEST(v == expected, tt::tolerance(2e-13));
        // By symmetry the field vanishes at every ion; 1e-13 of the typical pair field m^(s+1).
        BOOST_TEST(worst_grad <= 1e-13 * std::pow(c.m, c.s + 1.0));
        BOOST_TEST(plan.pair_energy(x) == n * expected, tt::tolerance(2e-13));
    }
}

BOOST_AUTO_TEST_CASE(gradients_are_finite_differences_of_the_energy)
{
    // E(X) = sum_{i != j} q_i q_j G(x_i - x_j) has dE/dx_i = 2 q_i grad_i (G even), an
    // independent check of sign, factor and the Fourier gradient. Central differences with
    // h = 1e-5 r_min (r_min the smallest pair distance): truncation ~(h / r_min)^2 = 1e-10
    // relative; rounding of E, ~1e-15 |E| / h, is up to ~1e-9 of the RMS gradient in d = 1
    // where r_min is smallest; the plan at 1e-13 is a smooth function of X except for a jump
    // of ~1e-14 g(r_cut) when a pair crosses r_cut (none does here). 1e-7 of the RMS
    // gradient leaves a margin of ten over the worst measured (printed).
    const std::size_t n = 10;
    for (int d = 1; d <= 3; ++d) {
        const points x = uniform(d, n, 50 + d);
        const auto q = signed_charges(n, 60 + d);
        double r_min = 1.0;
        for (std::size_t i = 0; i < n; ++i) {
            for (std::size_t j = i + 1; j < n; ++j) {
                double r2 = 0.0;
                for (int k = 0; k < d; ++k) {
                    const double y = mfv::domain::minimum_image(x(i, k) - x(j, k));
                    r2 += y * y;
                }
                r_min = std::min(r_min, std::sqrt(r2));
            }
        }
        const double h = 1e-5 * r_min;
        for (double s : exponents(d)) {
            ewald_plan plan(riesz_kernel(d, s), 1e-13, n);
            const sums base = evaluate(plan, x, q);
            long double rms = 0.0L;
            for (double v : base.grad) rms += static_cast<long double>(v) * v;
            const double scale = static_cast<double>(std::sqrt(rms / base.grad.size()));
            double worst = 0.0;
            for (std::size_t i = 0; i < n; ++i) {
                for (int k = 0; k < d; ++k) {
                    points xp = x, xm = x;
                    xp(i, k) += h, xm(i, k) -= h;
                    double ep = 0.0, em = 0.0;
                    plan.evaluate(xp, q, {}, {}, &ep);
                    plan.evaluate(xm, q, {}, {}, &em);
                    const double fd = (ep - em) / (2.0 * h);
                    worst = std::max(worst, std::fabs(fd - 2.0 * q[i] * base.grad[k * n + i]) / scale);
                }
            }
            BOOST_TEST_MESSAGE("d = " << d << " s = " << s << ": finite differences within " << worst
                                      << " of the RMS gradient");
            BOOST_TEST(worst <= 1e-7);
        }
    }
}

BOOST_AUTO_TEST_CASE(sums_are_invariant_under_translation_and_read_modulo_one)
{
    // G depends on differences only, and positions are read modulo 1: shifting every particle
    // by c (out of [0,1)) changes nothing but the rounding of x + c, at most 2.2e-16 (half an
    // ulp below 2). A pair's field at distance r then changes by up to (s + 2) 2.2e-16 / r
    // relative, ~1e-12 for the closest pair in d = 1 (r ~ 1/N^2); the RMS over the particles
    // moves less (measured: 1.4e-13 in d = 1, below 1e-14 in d = 2, 3), and 1e-12 holds it.
    // The energy is exactly the compensated sum_i q_i phi_i of the same call.
    const std::size_t n = 40;
    const double shift[3] = {1.3183, -0.71, 0.5};
    for (int d = 1; d <= 3; ++d) {
        const points x = uniform(d, n, 70 + d);
        const auto q = signed_charges(n, 80 + d);
        points y = x;
        for (std::size_t i = 0; i < n; ++i)
            for (int k = 0; k < d; ++k) y(i, k) += shift[k];
        for (double s : exponents(d)) {
            ewald_plan plan(riesz_kernel(d, s), 1e-10, n);
            const sums a = evaluate(plan, x, q), b = evaluate(plan, y, q);
            BOOST_TEST_MESSAGE("d = " << d << " s = " << s << ": translation changes phi by "
                                      << relative_rms(b.phi, a.phi) << ", grad by " << relative_rms(b.grad, a.grad)
                                      << ", energy by " << energy_error(b.energy, a, q));
            BOOST_TEST(relative_rms(b.phi, a.phi) <= 1e-12);
            BOOST_TEST(relative_rms(b.grad, a.grad) <= 1e-12);
            BOOST_TEST(energy_error(b.energy, a, q) <= 1e-12);
            // The energy is sum_i q_i phi_i: Neumaier's sum of the rounded products in index
            // order, within 1.5 eps sum_i |q_i phi_i| of the long double sum.
            long double e = 0.0L, scale = 0.0L;
            for (std::size_t i = 0; i < n; ++i) {
                e += q[i] * static_cast<long double>(a.phi[i]);
                scale += std::fabs(q[i] * a.phi[i]);
            }
            BOOST_TEST(std::fabs(a.energy - static_cast<double>(e)) <= 4e-16 * static_cast<double>(scale));
        }
    }
}

BOOST_AUTO_TEST_CASE(results_do_not_depend_on_the_thread_count)
{
    // Bitwise: real-space rows are summed by one thread each in j order, structure factors
    // over fixed blocks of particles added in block order, Fourier sums per particle in k
    // order (ewald.cpp). N = 700 spans three blocks of both kinds.
    const std::size_t n = 700;
    const int max_threads = omp_get_max_threads();
    for (const auto& [d, s] : {std::pair{3, 1.0}, std::pair{2, 0.5}, std::pair{1, 0.0}}) {
        const points x = uniform(d, n, 100 + d);
        const auto q = signed_charges(n, 110 + d);
        ewald_plan plan(riesz_kernel(d, s), 1e-8, n);
        sums r[3];
        for (int t = 0; t < 3; ++t) {
            omp_set_num_threads(t + 1);
            r[t] = evaluate(plan, x, q);
        }
        for (int t = 1; t < 3; ++t) {
            BOOST_TEST(std::memcmp(r[0].phi.data(), r[t].phi.data(), n * sizeof(double)) == 0);
            BOOST_TEST(std::memcmp(r[0].grad.data(), r[t].grad.data(), d * n * sizeof(double)) == 0);
            BOOST_TEST(std::memcmp(&r[0].energy, &r[t].energy, sizeof(double)) == 0);
        }
    }
    omp_set_num_threads(max_threads);
}
