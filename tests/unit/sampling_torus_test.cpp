// Tests of the torus initial laws (sampling/torus_law.hpp), their Knothe-Rosenblatt map
// (knothe_rosenblatt.hpp) and samplers (sample_torus.hpp): Fourier coefficients of the
// samples against the law's, the map's Jacobian and cell masses against the density by
// finite differences and quadrature, reproducibility, the correlated starts, and errors.
//
// Statistical checks compare a sample mean with its expectation within 4 standard errors,
// the standard error estimated from the sample itself: a mean of n >= 2000 iid bounded terms
// is normal to a good approximation, and P(|Z| > 4) = 6e-5, so the ~35 such checks of this
// file would all pass with probability > 0.997 for a correct sampler. The streams are fixed,
// so a run is deterministic: the test never flickers, it passes or fails the same way.
#define BOOST_TEST_MODULE sampling_torus
#include <boost/test/unit_test.hpp>

#include <mfv/core/error.hpp>
#include <mfv/core/law_spec.hpp>
#include <mfv/core/random_stream.hpp>
#include <mfv/sampling/knothe_rosenblatt.hpp>
#include <mfv/sampling/sample_torus.hpp>
#include <mfv/sampling/torus_law.hpp>

#include <boost/math/quadrature/gauss.hpp>

#include <omp.h>

#include <cmath>
#include <functional>
#include <string>
#include <vector>

namespace tt = boost::test_tools;
namespace ms = mfv::sampling;
using mfv::fourier_mode;
using mfv::points;
using mfv::random_stream;
using mfv::stream_purpose;

namespace {

const double two_pi = 2 * M_PI;

// One law a dimension, no two modes sharing +-k, so that E[cos(2 pi k_m.x + phi_m)] = a_m/2.
ms::torus_law law_of(int d) {
    if (d == 1) return ms::torus_law(1, {{{1}, 0.4, 0.3}, {{3}, -0.3, 1.0}});
    if (d == 2) return ms::torus_law(2, {{{1, 0}, 0.3, 0.0}, {{1, -2}, 0.25, 0.7}, {{0, 1}, -0.2, 2.0}});
    return ms::torus_law(3, {{{1, 0, 0}, 0.3, 0.0}, {{0, 1, 1}, 0.2, -1.1}, {{1, -1, 2}, -0.25, 0.4}});
}

// (1/n) sum_i cos(2 pi k.x_i + phi) and its standard error sd/sqrt(n).
struct mean_se {
    double mean, se;
};
mean_se cos_mean(const points& x, const std::vector<int>& k, double phi) {
    const std::size_t n = x.size();
    double s = 0, s2 = 0;
    for (std::size_t i = 0; i < n; ++i) {
        double kx = 0;
        for (int a = 0; a < x.dim(); ++a) kx += k[a] * x(i, a);
        const double c = std::cos(two_pi * kx + phi);
        s += c;
        s2 += c * c;
    }
    const double m = s / n;
    return {m, std::sqrt((s2 / n - m * m) / n)};
}

// Modes absent from every law above (their coefficient is 0).
std::vector<std::vector<int>> absent_modes(int d) {
    if (d == 1) return {{2}, {5}};
    if (d == 2) return {{2, 0}, {1, 1}};
    return {{0, 0, 1}, {2, 1, 0}};
}

std::string error_of(const std::function<void()>& f) {
    try {
        f();
    } catch (const mfv::input_error& e) {
        return e.what();
    }
    return "(no error)";
}

bool mentions(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

double det3(const double j[3][3], int d) {
    if (d == 1) return j[0][0];
    if (d == 2) return j[0][0] * j[1][1] - j[0][1] * j[1][0];
    return j[0][0] * (j[1][1] * j[2][2] - j[1][2] * j[2][1]) - j[0][1] * (j[1][0] * j[2][2] - j[1][2] * j[2][0]) +
           j[0][2] * (j[1][0] * j[2][1] - j[1][1] * j[2][0]);
}

// x_j = T_j(u_j | x_0..x_(j-1)) for a given prefix x: the prefix's u coordinates come from
// the inverse map (u_i depends on x_0..x_i only). T_j(1 | .) = 1 exactly by construction;
// it is returned unwrapped so that it can serve as an upper integration limit.
double conditional_quantile(const ms::knothe_rosenblatt& T, int j, const double* x, double uj) {
    if (uj >= 1.0) return 1.0;
    double xp[3] = {0, 0, 0}, u[3] = {0, 0, 0}, y[3];
    for (int i = 0; i < j; ++i) xp[i] = x[i];
    T.to_cube(xp, u);
    u[j] = uj;
    T.to_torus(u, y);
    return y[j];
}

// mu-mass of T(box) by nested Gauss-Legendre quadrature in x, with `nodes` points a level:
// x_0 over [T_0(lo_0), T_0(hi_0)], then x_1 between T_1(lo_1 | x_0) and T_1(hi_1 | x_0), ...
template <int Nodes>
double cell_mass(const ms::torus_law& mu, const ms::knothe_rosenblatt& T, const ms::box& b) {
    const int d = mu.dim();
    std::function<double(int, double*)> level = [&](int j, double* x) -> double {
        const double lo = conditional_quantile(T, j, x, b.lo[j]);
        const double hi = conditional_quantile(T, j, x, b.hi[j]);
        const auto f = [&](double t) {
            x[j] = t;
            if (j == d - 1) return mu.density(x);
            return level(j + 1, x);
        };
        return boost::math::quadrature::gauss<double, Nodes>::integrate(f, lo, hi);
    };
    double x[3] = {0, 0, 0};
    return level(0, x);
}

}  // namespace

BOOST_AUTO_TEST_CASE(density_matches_its_formula)
{
    // mu(x) = 1 + sum a cos(2 pi k.x + phi) written out by hand at one point, and its
    // periodicity; 1e-14 is rounding of a few cosines of arguments below 2 pi * 10.
    const ms::torus_law mu = law_of(2);
    const double x[2] = {0.37, 0.81}, shifted[2] = {1.37, -2.19};
    const double expected = 1 + 0.3 * std::cos(two_pi * 0.37) + 0.25 * std::cos(two_pi * (0.37 - 2 * 0.81) + 0.7) -
                            0.2 * std::cos(two_pi * 0.81 + 2.0);
    BOOST_TEST(mu.density(x) == expected, tt::tolerance(1e-14));
    BOOST_TEST(mu.density(shifted) == expected, tt::tolerance(1e-13));
    BOOST_TEST(mu.total_amplitude() == 0.75, tt::tolerance(1e-15));
    BOOST_TEST(mu.reflected().density(x) == 2 - expected, tt::tolerance(1e-14));
    BOOST_TEST(ms::make_torus_law(mfv::law_spec{"uniform", 1.0, 1.0, {}, {}}, 3).density(x) == 1.0);
}

BOOST_AUTO_TEST_CASE(bad_laws_are_named)
{
    const auto spec = [](std::vector<fourier_mode> modes, std::string type = "fourier") {
        mfv::law_spec s;
        s.type = std::move(type);
        s.modes = std::move(modes);
        return s;
    };
    const fourier_mode ok{{1, 0}, 0.2, 0.0};
    std::string e = error_of([&] { ms::make_torus_law(spec({ok, ok, {{1, 0, 0}, 0.1, 0.0}}), 2); });
    BOOST_TEST(mentions(e, "initial.law.modes[2].k"), e);
    BOOST_TEST(mentions(e, "3 entries"), e);
    e = error_of([&] { ms::make_torus_law(spec({{{0, 0}, 0.1, 0.0}}), 2); });
    BOOST_TEST(mentions(e, "initial.law.modes[0].k is zero"), e);
    e = error_of([&] { ms::make_torus_law(spec({ok, {{0, 1}, std::nan(""), 0.0}}), 2); });
    BOOST_TEST(mentions(e, "initial.law.modes[1].amplitude"), e);
    e = error_of([&] { ms::make_torus_law(spec({ok, {{0, 1}, 0.1, INFINITY}}), 2); });
    BOOST_TEST(mentions(e, "initial.law.modes[1].phase"), e);
    e = error_of([&] { ms::make_torus_law(spec({{{1, 0}, 0.6, 0.0}, {{0, 1}, -0.4, 0.0}}), 2); });
    BOOST_TEST(mentions(e, "initial.law.modes: the amplitudes sum to sum_m |a_m| = 1"), e);
    e = error_of([&] { ms::make_torus_law(spec({ok}, "uniform"), 2); });
    BOOST_TEST(mentions(e, "initial.law.modes has 1 entries"), e);
    e = error_of([&] { ms::make_torus_law(spec({}, "gaussian"), 2); });
    BOOST_TEST(mentions(e, "initial.law.type = \"gaussian\""), e);
    e = error_of([&] { ms::make_torus_law(spec({}), 4); });
    BOOST_TEST(mentions(e, "d = 1, 2 or 3"), e);

    random_stream rs(1, 10, 0, stream_purpose::initial_positions);
    const ms::torus_law mu = law_of(2), uniform(2, {});
    e = error_of([&] { ms::sample_torus(mu, "sobol", "none", 10, rs); });
    BOOST_TEST(mentions(e, "initial.sampling = \"sobol\""), e);
    e = error_of([&] { ms::sample_torus(mu, "iid", "shifted", 10, rs); });
    BOOST_TEST(mentions(e, "initial.correlation = \"shifted\""), e);
    e = error_of([&] { ms::sample_torus(uniform, "iid", "mixture", 10, rs); });
    BOOST_TEST(mentions(e, "initial.correlation = \"mixture\" needs a law with modes"), e);
}

BOOST_AUTO_TEST_CASE(iid_fourier_coefficients_match_the_law)
{
    // E[cos(2 pi k_m.x + phi_m)] = a_m/2 for each mode (torus_law.hpp) and 0 for a k that is
    // no mode; within 4 standard errors (header). n = 2e5.
    const std::size_t n = 200000;
    for (int d = 1; d <= 3; ++d) {
        const ms::torus_law mu = law_of(d);
        const points x = ms::sample_torus(mu, "iid", "none", n, random_stream(7, n, d, stream_purpose::initial_positions));
        for (std::size_t i = 0; i < x.data().size(); ++i) BOOST_TEST_REQUIRE((x.data()[i] >= 0 && x.data()[i] < 1));
        for (const fourier_mode& f : mu.modes()) {
            const mean_se c = cos_mean(x, f.k, f.phase);
            BOOST_TEST_MESSAGE("iid d = " << d << ": mode a = " << f.amplitude << ": mean " << c.mean << " against "
                                          << f.amplitude / 2 << ", se " << c.se);
            BOOST_TEST(std::abs(c.mean - f.amplitude / 2) < 4 * c.se);
        }
        for (const auto& k : absent_modes(d)) {
            const mean_se c = cos_mean(x, k, 0.0);
            BOOST_TEST(std::abs(c.mean) < 4 * c.se);
        }
    }
}

BOOST_AUTO_TEST_CASE(lattice_fourier_coefficients_match_the_law)
{
    // The lattice is stratified sampling with proportional allocation (one point per cell of
    // mass 1/n): the mean of cos over it is unbiased with a variance no larger than iid
    // sampling's (Cochran, Sampling Techniques, section 5.6), so the iid check (4 standard
    // errors, the se from the sample's own variance) holds a fortiori. n = 4096 is a perfect
    // square and cube (the regular grid), 5000 is neither (the bisection boxes). Measured:
    // the lattice errors are 5 (d = 3) to 5000 (d = 1) times below the iid standard error.
    for (std::size_t n : {4096ul, 5000ul}) {
        for (int d = 1; d <= 3; ++d) {
            const ms::torus_law mu = law_of(d);
            const points x = ms::sample_torus(mu, "jittered_lattice", "none", n,
                                              random_stream(8, n, d, stream_purpose::jitter));
            for (const fourier_mode& f : mu.modes()) {
                const mean_se c = cos_mean(x, f.k, f.phase);
                BOOST_TEST_MESSAGE("lattice n = " << n << ", d = " << d << ", a = " << f.amplitude << ": error "
                                                  << c.mean - f.amplitude / 2 << ", iid se " << c.se);
                BOOST_TEST(std::abs(c.mean - f.amplitude / 2) < 4 * c.se);
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(lattice_puts_one_point_in_each_cell)
{
    // Pulled back to the cube by T^{-1}, point j lies in box j (its own jittered box): one
    // point per cell of mass 1/n. The pull-back is exact to ~1e-14 (next test), so points
    // are compared with the box widened by 1e-12.
    const std::size_t n = 1000;
    for (int d = 1; d <= 3; ++d) {
        const ms::torus_law mu = law_of(d);
        const ms::knothe_rosenblatt T(mu);
        const auto cells = ms::unit_cube_cells(d, n);
        const points x = ms::sample_torus_lattice(mu, n, random_stream(9, n, 0, stream_purpose::jitter));
        for (std::size_t j = 0; j < n; ++j) {
            double p[3], u[3];
            for (int a = 0; a < d; ++a) p[a] = x(j, a);
            T.to_cube(p, u);
            for (int a = 0; a < d; ++a) {
                // A point at the top face u = 1 is wrapped to x = 0, whose pull-back is u = 0.
                const double ua = (u[a] < 1e-12 && cells[j].hi[a] == 1.0) ? 1.0 : u[a];
                BOOST_TEST_REQUIRE((ua >= cells[j].lo[a] - 1e-12 && ua <= cells[j].hi[a] + 1e-12));
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(kr_map_inverts_and_has_jacobian_one_over_mu)
{
    // (a) T^{-1}(T(u)) = u: Newton stops at steps below 1e-15, and the CDF is evaluated with
    // a rounding of a few 1e-16: 1e-13 leaves a margin.
    // (b) det DT(u) = 1/mu(T(u)) (knothe_rosenblatt.hpp) with DT by central differences of
    // step h = 1e-5 and mu from the density itself: truncation h^2 |T'''|/6, with T''' of
    // order (2 pi |k|)^2 (1 + A)/(1 - A)^2 <~ 3e3 for these laws, is below 5e-8, and the
    // Newton tolerance adds 1e-15/h = 1e-10. Measured: 2e-8. 1e-6 relative is the bound. u stays in
    // [0.01, 0.99]^d so that T(u) stays away from the wrap at x = 1.
    random_stream rs(3, 0, 0, stream_purpose::user);
    for (int d = 1; d <= 3; ++d) {
        const ms::torus_law mu = law_of(d);
        const ms::knothe_rosenblatt T(mu);
        double worst_inverse = 0, worst_det = 0;
        for (int t = 0; t < 2000; ++t) {
            double u[3] = {0, 0, 0}, x[3], back[3], jac[3][3];
            for (int a = 0; a < d; ++a) u[a] = 0.01 + 0.98 * rs.next_uniform();
            T.to_torus(u, x);
            T.to_cube(x, back);
            for (int a = 0; a < d; ++a) worst_inverse = std::max(worst_inverse, std::abs(back[a] - u[a]));
            const double h = 1e-5;
            for (int b = 0; b < d; ++b) {
                double up[3] = {u[0], u[1], u[2]}, um[3] = {u[0], u[1], u[2]}, xp[3], xm[3];
                up[b] += h;
                um[b] -= h;
                T.to_torus(up, xp);
                T.to_torus(um, xm);
                for (int a = 0; a < d; ++a) jac[a][b] = (xp[a] - xm[a]) / (2 * h);
            }
            worst_det = std::max(worst_det, std::abs(det3(jac, d) * mu.density(x) - 1));
        }
        BOOST_TEST_MESSAGE("d = " << d << ": |T^-1(T(u)) - u| <= " << worst_inverse << ", |det DT mu - 1| <= "
                                  << worst_det);
        BOOST_TEST(worst_inverse < 1e-13);
        BOOST_TEST(worst_det < 1e-6);
    }
}

BOOST_AUTO_TEST_CASE(lattice_cells_have_mass_one_over_n_by_quadrature)
{
    // The mu-mass of each cell T(box) by nested Gauss-Legendre quadrature of the density
    // over the region the map's boundaries enclose (not through the change of variables):
    // the integrands are analytic (mu is a trigonometric polynomial, the boundaries are
    // analytic in x by the implicit function theorem), so Gauss converges geometrically;
    // 20 and 30 nodes agree to 1e-14 (checked here), and 1e-12 is the bound on |mass - 1/n|.
    // Both kinds of cells: regular grids (n = 7 in d = 1, 9 = 3^2, 8 = 2^3) and bisection
    // boxes (n = 6, 5).
    const std::vector<std::pair<int, std::size_t>> cases = {{1, 7}, {2, 9}, {2, 6}, {3, 8}, {3, 5}};
    for (auto [d, n] : cases) {
        const ms::torus_law mu = law_of(d);
        const ms::knothe_rosenblatt T(mu);
        double total = 0, worst = 0;
        for (const ms::box& b : ms::unit_cube_cells(d, n)) {
            const double m30 = cell_mass<30>(mu, T, b), m20 = cell_mass<20>(mu, T, b);
            BOOST_TEST_REQUIRE(std::abs(m30 - m20) < 1e-14);
            worst = std::max(worst, std::abs(m30 - 1.0 / n));
            total += m30;
        }
        BOOST_TEST_MESSAGE("d = " << d << ", n = " << n << ": max |cell mass - 1/n| = " << worst);
        BOOST_TEST(worst < 1e-12);
        BOOST_TEST(total == 1.0, tt::tolerance(1e-12));
    }
}

BOOST_AUTO_TEST_CASE(uniform_lattice_is_the_jittered_grid)
{
    // For mu = 1 the map is the identity: point j lies in grid box j itself (n = 12^2).
    const std::size_t n = 144;
    const ms::torus_law mu(2, {});
    const auto cells = ms::unit_cube_cells(2, n);
    const points x = ms::sample_torus(mu, "jittered_lattice", "none", n, random_stream(2, n, 0, stream_purpose::jitter));
    for (std::size_t j = 0; j < n; ++j) {
        BOOST_TEST_REQUIRE(cells[j].hi[0] - cells[j].lo[0] == 1.0 / 12, tt::tolerance(1e-14));
        for (int a = 0; a < 2; ++a) BOOST_TEST_REQUIRE((x(j, a) >= cells[j].lo[a] && x(j, a) < cells[j].hi[a] + 1e-15));
    }
}

BOOST_AUTO_TEST_CASE(same_stream_same_points_whatever_the_threads)
{
    // The samplers read fixed stream positions (sample_torus.hpp): identical bits for the same
    // stream with 1 or 2 threads, different points for another member. n = 5001 is above the
    // size from which a member is drawn in parallel (4096).
    const std::size_t n = 5001;
    const ms::torus_law mu = law_of(3);
    for (const std::string sampling : {"iid", "jittered_lattice"}) {
        for (const std::string corr : {"none", "common_shift", "mixture"}) {
            const random_stream rs(11, n, 4, stream_purpose::initial_positions);
            omp_set_num_threads(1);
            const points a = ms::sample_torus(mu, sampling, corr, n, rs);
            omp_set_num_threads(2);
            const points b = ms::sample_torus(mu, sampling, corr, n, rs);
            const points c = ms::sample_torus(mu, sampling, corr, n, random_stream(11, n, 5, stream_purpose::initial_positions));
            BOOST_TEST((a.data() == b.data()), sampling << ", " << corr);
            BOOST_TEST((a.data() != c.data()), sampling << ", " << corr);
        }
    }
}

BOOST_AUTO_TEST_CASE(common_shift_has_uniform_marginal_but_correlated_particles)
{
    // M = 200 members of n = 1000 points from mu = 1 + 0.5 cos(2 pi x_1) (d = 2), shifted per
    // member. Per member c_m + i s_m = (1/n) sum_i e^(2 pi i x_i1) has modulus a/2 = 0.25 up to
    // noise of sd sqrt(1/(2n)) = 0.022 per component (the shift only turns its phase), so
    // every member's modulus exceeds a/4 (5.6 sd away: P < 1e-8 per member). Across members the phase is uniform:
    // the mean of c_m is 0 within 4 standard errors of the members (the members are
    // independent, the particles within one are not, hence the se over members).
    const std::size_t n = 1000, members = 200;
    const ms::torus_law mu(2, {{{1, 0}, 0.5, 0.0}});
    for (const std::string sampling : {"iid", "jittered_lattice"}) {
        std::vector<double> c(members);
        double smallest = 1;
        for (std::size_t m = 0; m < members; ++m) {
            const points x = ms::sample_torus(mu, sampling, "common_shift", n,
                                              random_stream(5, n, m, stream_purpose::initial_positions));
            double cs = 0, sn = 0;
            for (std::size_t i = 0; i < n; ++i) {
                cs += std::cos(two_pi * x(i, 0));
                sn += std::sin(two_pi * x(i, 0));
            }
            c[m] = cs / n;
            smallest = std::min(smallest, std::hypot(cs, sn) / n);
        }
        double mean = 0, var = 0;
        for (double v : c) mean += v / members;
        for (double v : c) var += (v - mean) * (v - mean) / (members - 1);
        BOOST_TEST_MESSAGE(sampling << ": mean over members " << mean << ", se " << std::sqrt(var / members)
                                    << ", smallest within-member modulus " << smallest);
        BOOST_TEST(std::abs(mean) < 4 * std::sqrt(var / members));
        BOOST_TEST(smallest > 0.125);
    }
}

BOOST_AUTO_TEST_CASE(mixture_has_uniform_marginal_but_correlated_particles)
{
    // Each member's coefficient c_m = (1/n) sum_i cos(2 pi x_i1) is +a/2 or -a/2 (a = 0.5) up
    // to noise of sd 0.022: every |c_m| exceeds a/4 (5.6 sd). The number of "+" members is
    // Binomial(M, 1/2): within 4 sd sqrt(M)/2 of M/2; the mean of c_m over members is 0
    // within 4 standard errors.
    const std::size_t n = 1000, members = 200;
    const ms::torus_law mu(2, {{{1, 0}, 0.5, 0.0}});
    std::vector<double> c(members);
    double plus = 0, smallest = 1;
    for (std::size_t m = 0; m < members; ++m) {
        const points x = ms::sample_torus(mu, "iid", "mixture", n, random_stream(6, n, m, stream_purpose::initial_positions));
        double cs = 0;
        for (std::size_t i = 0; i < n; ++i) cs += std::cos(two_pi * x(i, 0));
        c[m] = cs / n;
        plus += c[m] > 0;
        smallest = std::min(smallest, std::abs(c[m]));
    }
    double mean = 0, var = 0;
    for (double v : c) mean += v / members;
    for (double v : c) var += (v - mean) * (v - mean) / (members - 1);
    BOOST_TEST_MESSAGE("mixture: " << plus << " of " << members << " members from mu_+, mean " << mean
                                   << ", smallest |c_m| " << smallest);
    BOOST_TEST(std::abs(plus - members / 2.0) < 4 * std::sqrt(double(members)) / 2);
    BOOST_TEST(std::abs(mean) < 4 * std::sqrt(var / members));
    BOOST_TEST(smallest > 0.125);
}
