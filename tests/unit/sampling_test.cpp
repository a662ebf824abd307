// Tests of the sampling module: initial laws (MATH.md sections 2, 3, 5), the iid and
// jittered-lattice samplers (MATH.md section 7) and the CSV reader of user points.
#define BOOST_TEST_MODULE sampling
#include <boost/test/unit_test.hpp>

#include <mfv/core/error.hpp>
#include <mfv/core/law_spec.hpp>
#include <mfv/core/random_stream.hpp>
#include <mfv/kernel/riesz_kernel.hpp>
#include <mfv/sampling/barenblatt_law.hpp>
#include <mfv/sampling/box_partition.hpp>
#include <mfv/sampling/cube_to_ball.hpp>
#include <mfv/sampling/gaussian_law.hpp>
#include <mfv/sampling/jittered_lattice.hpp>
#include <mfv/sampling/make_law.hpp>
#include <mfv/sampling/points_csv.hpp>
#include <mfv/sampling/sample_iid.hpp>
#include <mfv/sampling/sample_initial.hpp>
#include <mfv/sampling/semicircle_law.hpp>
#include <mfv/sampling/uniform_ball.hpp>

#include <boost/math/quadrature/exp_sinh.hpp>
#include <boost/math/quadrature/tanh_sinh.hpp>

#include <omp.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace tt = boost::test_tools;
namespace ms = mfv::sampling;
using mfv::points;
using mfv::random_stream;
using mfv::stream_purpose;

namespace {

// A law with the closed-form second moment int |x|^2 dmu that MATH.md states for it.
struct law_case {
    std::shared_ptr<ms::law> mu;
    double second_moment;
};

// Section 2: uniform ball d R^2/(d+2); section 5: Gaussian d sigma^2; section 3:
// Barenblatt R^2 d/(s+4) (s = d-2 with beta = 0 is the ball again), semicircle R^2/4.
std::vector<law_case> all_laws() {
    std::vector<law_case> v;
    for (int d = 1; d <= 3; ++d) v.push_back({std::make_shared<ms::uniform_ball>(d, 1.3), d * 1.69 / (d + 2)});
    for (int d = 1; d <= 3; ++d) v.push_back({std::make_shared<ms::gaussian_law>(d, 0.7), d * 0.49});
    const std::vector<std::pair<int, double>> ds = {{1, 0.5}, {2, 0.0}, {2, 0.5}, {2, 1.0}, {2, 1.5},
                                                    {3, 1.0}, {3, 1.5}, {3, 2.0}, {3, 2.5}};
    for (auto [d, s] : ds) v.push_back({std::make_shared<ms::barenblatt_law>(d, s, 1.2), 1.44 * d / (s + 4)});
    v.push_back({std::make_shared<ms::semicircle_law>(0.9), 0.81 / 4});
    return v;
}

// |S^(d-1)|: 2, 2 pi, 4 pi.
double sphere_area(int d) { return d == 1 ? 2.0 : d == 2 ? 2 * M_PI : 4 * M_PI; }

// mu(B_r) by tanh-sinh quadrature of the radial density; tanh-sinh copes with the
// (R - r)^beta endpoint behaviour of the Barenblatt profiles.
double quadrature_mass(const ms::law& mu, double r) {
    const int d = mu.dim();
    boost::math::quadrature::tanh_sinh<double> q;
    const auto f = [&](double rho) { return sphere_area(d) * mu.density_r(rho) * std::pow(rho, d - 1); };
    if (std::isinf(r)) return boost::math::quadrature::exp_sinh<double>().integrate(f, 0.0, r);
    return q.integrate(f, 0.0, r, 1e-15);
}

double norm2(const points& x, std::size_t i) {
    double s = 0;
    for (int k = 0; k < x.dim(); ++k) s += x(i, k) * x(i, k);
    return s;
}

// Kolmogorov-Smirnov distance between the radii of x and the law's M(r).
double ks_distance(const ms::law& mu, const points& x) {
    std::vector<double> r(x.size());
    for (std::size_t i = 0; i < x.size(); ++i) r[i] = std::sqrt(norm2(x, i));
    std::sort(r.begin(), r.end());
    const double n = static_cast<double>(r.size());
    double dmax = 0;
    for (std::size_t i = 0; i < r.size(); ++i) {
        const double m = mu.enclosed_mass(r[i]);
        dmax = std::max({dmax, std::abs(m - i / n), std::abs((i + 1) / n - m)});
    }
    return dmax;
}

std::string error_of(const std::function<void()>& f) {
    try {
        f();
    } catch (const mfv::input_error& e) {
        return e.what();
    }
    return "(no error)";
}

}  // namespace

BOOST_AUTO_TEST_CASE(enclosed_mass_matches_quadrature_of_the_density)
{
    // The closed forms (powers, P(d/2, .), I_x(d/2, beta+1), the arcsine formula) against
    // tanh-sinh quadrature of |S^(d-1)| rho(r) r^(d-1), which converges to ~1e-15: 1e-10
    // is the brief's bound, with room for the r^(d-1) weighting and the Beta endpoint.
    for (const auto& c : all_laws()) {
        const ms::law& mu = *c.mu;
        BOOST_TEST_CONTEXT(mu.name()) {
            BOOST_TEST(std::abs(quadrature_mass(mu, mu.support_radius()) - 1.0) < 1e-10);
            const double scale = std::isinf(mu.support_radius()) ? 3.0 : mu.support_radius();
            for (double f : {0.05, 0.3, 0.61, 0.9, 0.999}) {
                BOOST_TEST(std::abs(quadrature_mass(mu, f * scale) - mu.enclosed_mass(f * scale)) < 1e-10);
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(barenblatt_normalisation_matches_math_md_table)
{
    // A = 1/(m_beta R^(s+2)); m_beta from the table of MATH.md section 3 (given to 12
    // digits, hence 1e-10 relative). The semicircle is the d = 1, s = 0 profile.
    const std::vector<std::tuple<int, double, double>> table = {
        {1, 0.5, 1.43776828168}, {2, 0.5, 2.51327412287}, {2, 1.0, 2.09439510239}, {2, 1.5, 1.79519580205},
        {3, 1.5, 3.1380711428},  {3, 2.0, 2.46740110027}, {3, 2.5, 2.00750323169}};
    for (auto [d, s, m_beta] : table) {
        ms::barenblatt_law mu(d, s, 1.7);
        BOOST_TEST(1.0 / (mu.amplitude() * std::pow(1.7, s + 2)) == m_beta, tt::tolerance(1e-10));
    }
    ms::barenblatt_law b(1, 0.0, 0.8);
    ms::semicircle_law sc(0.8);
    for (double r : {0.0, 0.1, 0.4, 0.77, 0.8}) {
        BOOST_TEST(std::abs(b.density_r(r) - sc.density_r(r)) < 1e-14);
        BOOST_TEST(std::abs(b.enclosed_mass(r) - sc.enclosed_mass(r)) < 1e-14);
    }
}

BOOST_AUTO_TEST_CASE(radius_quantile_inverts_enclosed_mass)
{
    // M(r(u)) = u: Boost's inverses are accurate to a few ulp in r, which moves M by
    // M'(r) r * 1e-15 <= 1e-14 for these laws; 1e-12 leaves a wide margin.
    for (const auto& c : all_laws()) {
        const ms::law& mu = *c.mu;
        BOOST_TEST_CONTEXT(mu.name()) {
            for (double u : {1e-9, 1e-4, 0.01, 0.2, 0.5, 0.77, 0.99, 1 - 1e-9}) {
                BOOST_TEST(std::abs(mu.enclosed_mass(mu.radius_quantile(u)) - u) < 1e-12);
            }
            BOOST_TEST(mu.radius_quantile(0.0) == 0.0);
            BOOST_TEST(mu.radius_quantile(1.0) == mu.support_radius());
        }
    }
}

BOOST_AUTO_TEST_CASE(iid_samples_have_the_law)
{
    // Second moment (1/N) sum |x|^2 against MATH.md, within 5 standard errors (the
    // standard error from the sample's own variance of |x|^2); mean within 5 standard
    // errors of 0 (directions are uniform); radii against M(r) by Kolmogorov-Smirnov:
    // sqrt(N) D < 1.95 is the 0.1% point of Kolmogorov's distribution.
    const std::size_t n = 40000;
    int member = 0;
    for (const auto& c : all_laws()) {
        const ms::law& mu = *c.mu;
        const int d = mu.dim();
        BOOST_TEST_CONTEXT(mu.name()) {
            random_stream rs(2024, n, member++, stream_purpose::initial_positions);
            const points x = ms::sample_iid(mu, n, rs);
            double m2 = 0, m4 = 0;
            std::vector<double> mean(d, 0.0);
            for (std::size_t i = 0; i < n; ++i) {
                const double r2 = norm2(x, i);
                m2 += r2;
                m4 += r2 * r2;
                for (int k = 0; k < d; ++k) mean[k] += x(i, k);
            }
            m2 /= n;
            m4 /= n;
            BOOST_TEST(std::abs(m2 - c.second_moment) < 5 * std::sqrt((m4 - m2 * m2) / n));
            for (int k = 0; k < d; ++k) BOOST_TEST(std::abs(mean[k] / n) < 5 * std::sqrt(m2 / d / n));
            BOOST_TEST(std::sqrt(double(n)) * ks_distance(mu, x) < 1.95);
        }
    }
}

BOOST_AUTO_TEST_CASE(cube_to_ball_has_constant_jacobian)
{
    // Central differences of step h = 1e-6 at 3000 random points per d: truncation
    // O(h^2 |F'''|) ~ 1e-11 and rounding ~1e-16/h = 1e-10 per entry, so det F' equals
    // |B_1|/2^d to 1e-8 relative. Points within 1e-4 of a crease |u_i| = |u_j| (where F
    // is only piecewise smooth) are skipped.
    random_stream rs(1, 0, 0, stream_purpose::user);
    for (int d = 2; d <= 3; ++d) {
        const double h = 1e-6;
        int checked = 0;
        for (int t = 0; t < 3000; ++t) {
            double u[3], jac[3][3];
            for (int k = 0; k < d; ++k) u[k] = 2 * rs.next_uniform() - 1;
            double gap = 1;
            for (int i = 0; i < d; ++i)
                for (int j = i + 1; j < d; ++j) gap = std::min(gap, std::abs(std::abs(u[i]) - std::abs(u[j])));
            if (gap < 1e-4) continue;
            for (int k = 0; k < d; ++k) {
                double up[3] = {u[0], u[1], u[2]}, um[3] = {u[0], u[1], u[2]}, xp[3], xm[3];
                up[k] += h;
                um[k] -= h;
                ms::cube_to_ball(d, up, xp);
                ms::cube_to_ball(d, um, xm);
                for (int i = 0; i < d; ++i) jac[i][k] = (xp[i] - xm[i]) / (2 * h);
            }
            const double det = d == 2 ? jac[0][0] * jac[1][1] - jac[0][1] * jac[1][0]
                                      : jac[0][0] * (jac[1][1] * jac[2][2] - jac[1][2] * jac[2][1]) -
                                            jac[0][1] * (jac[1][0] * jac[2][2] - jac[1][2] * jac[2][0]) +
                                            jac[0][2] * (jac[1][0] * jac[2][1] - jac[1][1] * jac[2][0]);
            BOOST_TEST(det == ms::cube_to_ball_jacobian(d), tt::tolerance(1e-8));
            ++checked;
        }
        BOOST_TEST(checked > 2000);
    }
}

BOOST_AUTO_TEST_CASE(cube_to_ball_is_a_continuous_bijection_onto_the_ball)
{
    // |F(u)| = |u|_inf (each cube shell goes to a sphere), F^{-1}(F(u)) = u to rounding,
    // and F is continuous across the creases |u_i| = |u_j|: points 1e-9 apart on either
    // side map to points < 1e-7 apart (the Lipschitz constant is a few units).
    random_stream rs(2, 0, 0, stream_purpose::user);
    for (int d = 1; d <= 3; ++d) {
        for (int t = 0; t < 20000; ++t) {
            double u[3], x[3], back[3];
            for (int k = 0; k < d; ++k) u[k] = 2 * rs.next_uniform() - 1;
            if (t % 3 == 0 && d > 1) {
                // On a crease: |u_0| = |u_1| (a cube edge direction in d = 3, a diagonal in d = 2).
                u[1] = std::copysign(u[0], u[1]);
                double lo[3] = {u[0], u[1], u[2]}, hi[3] = {u[0], u[1], u[2]}, xl[3], xh[3];
                lo[0] *= 1 - 1e-9;
                hi[0] *= 1 + 1e-9;
                ms::cube_to_ball(d, lo, xl);
                ms::cube_to_ball(d, hi, xh);
                double gap = 0;
                for (int k = 0; k < d; ++k) gap = std::max(gap, std::abs(xl[k] - xh[k]));
                BOOST_TEST_REQUIRE(gap < 1e-7);
            }
            ms::cube_to_ball(d, u, x);
            ms::ball_to_cube(d, x, back);
            double inf = 0, r2 = 0, err = 0;
            for (int k = 0; k < d; ++k) {
                inf = std::max(inf, std::abs(u[k]));
                r2 += x[k] * x[k];
                err = std::max(err, std::abs(back[k] - u[k]));
            }
            BOOST_TEST_REQUIRE(std::abs(std::sqrt(r2) - inf) < 1e-14);
            BOOST_TEST_REQUIRE(err < 1e-12);
        }
    }
}

BOOST_AUTO_TEST_CASE(lattice_cells_have_equal_mass)
{
    // Equal mass, checked without the forward map: 4e5 points uniform in the ball (drawn by
    // sample_iid) are pulled back to the cube by F^{-1} and counted per box. The counts of
    // n cells are multinomial(4e5, 1/n), so chi^2 has n-1 degrees of freedom, mean n-1 and
    // standard deviation sqrt(2(n-1)): 5 of them is the bound. n = 37 makes the cuts uneven.
    const std::size_t n = 37, m = 400000;
    for (int d = 1; d <= 3; ++d) {
        const auto boxes = ms::equal_volume_boxes(d, n);
        for (const auto& b : boxes) {
            double vol = 1;
            for (int k = 0; k < d; ++k) vol *= b.hi[k] - b.lo[k];
            BOOST_TEST(vol == std::pow(2.0, d) / n, tt::tolerance(1e-13));
        }
        random_stream rs(3, m, 0, stream_purpose::user);
        const points x = ms::sample_iid(ms::uniform_ball(d, 1.0), m, rs);
        std::vector<double> count(n, 0.0);
        for (std::size_t i = 0; i < m; ++i) {
            double p[3], u[3];
            for (int k = 0; k < d; ++k) p[k] = x(i, k);
            ms::ball_to_cube(d, p, u);
            for (std::size_t j = 0; j < n; ++j) {
                bool inside = true;
                for (int k = 0; k < d; ++k) inside = inside && u[k] >= boxes[j].lo[k] && u[k] <= boxes[j].hi[k];
                if (inside) {
                    count[j] += 1;
                    break;
                }
            }
        }
        double chi2 = 0;
        for (double c : count) chi2 += (c - double(m) / n) * (c - double(m) / n) / (double(m) / n);
        BOOST_TEST_MESSAGE("d = " << d << ": chi^2 = " << chi2 << " with " << n - 1 << " degrees of freedom");
        BOOST_TEST(chi2 < (n - 1) + 5 * std::sqrt(2.0 * (n - 1)));
    }
}

BOOST_AUTO_TEST_CASE(lattice_cells_have_small_diameter)
{
    // Diameters: box aspect ratio <= 3 (box_partition.hpp) for every n, and the image cells
    // have diameter <= C n^(-1/d). Boxes have diameter <= 2 sqrt(d) 3^((d-1)/d) n^(-1/d)
    // (4.9 in d = 2, 7.2 in d = 3) and F is Lipschitz with constant 1.4 (d = 2), 1.6 (d = 3)
    // (largest singular value of F', cube_to_ball.hpp), a worst case C of 7 and 11. The
    // boxes do much better than their worst case: measured C is 3.1 to 4.5 (d = 2) and
    // 2.5 to 4.8 (d = 3), the diameter taken over a grid of points per cell; C = 6 is the bound.
    for (int d = 1; d <= 3; ++d) {
        for (std::size_t nn : {1ul, 2ul, 3ul, 7ul, 64ul, 100ul, 1000ul, 4097ul}) {
            double c_max = 0;
            for (const auto& b : ms::equal_volume_boxes(d, nn)) {
                double lmax = 0, lmin = 10;
                for (int k = 0; k < d; ++k) {
                    lmax = std::max(lmax, b.hi[k] - b.lo[k]);
                    lmin = std::min(lmin, b.hi[k] - b.lo[k]);
                }
                BOOST_TEST_REQUIRE(lmax <= 3 * lmin * (1 + 1e-12));
                const int g = d == 3 ? 5 : 9;
                std::vector<std::array<double, 3>> img;
                for (int idx = 0; idx < std::pow(g, d); ++idx) {
                    double u[3] = {0, 0, 0};
                    std::array<double, 3> y{};
                    for (int k = 0, t = idx; k < d; ++k, t /= g) u[k] = b.lo[k] + (b.hi[k] - b.lo[k]) * (t % g) / (g - 1);
                    ms::cube_to_ball(d, u, y.data());
                    img.push_back(y);
                }
                double diam2 = 0;
                for (const auto& p : img)
                    for (const auto& q : img)
                        diam2 = std::max(diam2, (p[0] - q[0]) * (p[0] - q[0]) + (p[1] - q[1]) * (p[1] - q[1]) +
                                                    (p[2] - q[2]) * (p[2] - q[2]));
                c_max = std::max(c_max, std::sqrt(diam2) * std::pow(double(nn), 1.0 / d));
            }
            BOOST_TEST_MESSAGE("d = " << d << ", n = " << nn << ": max cell diameter = " << c_max << " n^(-1/d)");
            BOOST_TEST(c_max <= 6.0);
        }
    }
}

BOOST_AUTO_TEST_CASE(lattice_discrepancy_beats_iid)
{
    // Count in 500 random half-spaces {x.e >= c} of the unit ball against N times their
    // mass: (acos c - c sqrt(1 - c^2))/pi in d = 2, (1 - c)^2 (2 + c)/4 in d = 3. For
    // iid points the deviation is binomial, of order sqrt(N p (1-p)) <= 32 at N = 4096;
    // for the lattice only the O(N^((d-1)/d)) cells the plane cuts contribute, each an
    // independent error in [-1, 1], so it is of order N^((d-1)/(2d)) (8 in d = 2, 16 in
    // d = 3). Measured maxima: lattice 10-25, iid 60-100. The test asks the lattice to do
    // at least twice as well as iid and stay below 4 N^((d-1)/(2d)).
    const std::size_t n = 4096;
    for (int d = 2; d <= 3; ++d) {
        const ms::uniform_ball mu(d, 1.0);
        random_stream rs(11, n, 0, stream_purpose::initial_positions);
        const points lat = ms::sample_jittered_lattice(mu, n, rs);
        const points iid = ms::sample_iid(mu, n, rs);
        random_stream ts(99, 0, 0, stream_purpose::user);
        double dev_lat = 0, dev_iid = 0;
        for (int h = 0; h < 500; ++h) {
            double e[3] = {0, 0, 0};
            ts.normal(4 * h, std::span<double>(e, d));
            const double ne = std::sqrt(e[0] * e[0] + e[1] * e[1] + e[2] * e[2]);
            const double c = -0.9 + 1.8 * ts.next_uniform();
            const double mass = d == 2 ? (std::acos(c) - c * std::sqrt(1 - c * c)) / M_PI : (1 - c) * (1 - c) * (2 + c) / 4;
            const auto count = [&](const points& x) {
                double k = 0;
                for (std::size_t i = 0; i < n; ++i) {
                    double dot = 0;
                    for (int j = 0; j < d; ++j) dot += x(i, j) * e[j] / ne;
                    if (dot >= c) k += 1;
                }
                return k;
            };
            dev_lat = std::max(dev_lat, std::abs(count(lat) - n * mass));
            dev_iid = std::max(dev_iid, std::abs(count(iid) - n * mass));
        }
        BOOST_TEST_MESSAGE("d = " << d << ", N = 4096: max deviation lattice " << dev_lat << ", iid " << dev_iid);
        BOOST_TEST(dev_lat < 0.5 * dev_iid);
        BOOST_TEST(dev_lat < 4 * std::pow(double(n), (d - 1.0) / (2.0 * d)));
    }
}

BOOST_AUTO_TEST_CASE(lattice_radii_follow_every_law)
{
    // The radial transport keeps masses, so the lattice's mass coordinates M(|x_i|) are the
    // same for every law of a dimension (same stream): the Kolmogorov-Smirnov distance D of
    // the radii against M(r) must agree across laws to the quantile's accuracy (1e-12).
    // Its size: the count within radius r deviates from N M(r) only through the cells the
    // sphere cuts: at most 2 in d = 1 (N D <= 2, plus the 1/N step of the statistic), and
    // O(N^((d-1)/d)) cells with independent errors in d = 2, 3, so N D is of order
    // N^((d-1)/(2d)). Measured N D at N = 4096: 1.9 (d = 1), 17 (d = 2), 45 (d = 3), against
    // the bounds 3, 5 N^((d-1)/(2d)) = 40 and 80 (for iid radii N D is about 0.9 sqrt(N) = 58).
    const std::size_t n = 4096;
    std::vector<double> first(4, -1.0);
    for (const auto& c : all_laws()) {
        const int d = c.mu->dim();
        random_stream rs(5, n, 0, stream_purpose::initial_positions);
        const points x = ms::sample_jittered_lattice(*c.mu, n, rs);
        const double nd = n * ks_distance(*c.mu, x);
        BOOST_TEST_CONTEXT(c.mu->name()) {
            if (first[d] < 0) {
                first[d] = nd;
                BOOST_TEST_MESSAGE("d = " << d << ", N = 4096: lattice N D = " << nd);
            }
            BOOST_TEST(std::abs(nd - first[d]) < 1e-12 * n);
            BOOST_TEST(nd <= (d == 1 ? 3.0 : 5 * std::pow(double(n), (d - 1.0) / (2.0 * d))));
        }
    }
}

BOOST_AUTO_TEST_CASE(lattice_modulated_energy_is_of_order_n_to_s_over_d_minus_1)
{
    // MATH.md section 7 for 3D Coulomb (s = 1) from the unit ball: F_N of a jittered
    // lattice is negative of order N^(-2/3); iid starts give E[F_N] = -1.2/N. F_N by its
    // three terms (section 0) with h = (3 - r^2)/2 and E = 6/5 (section 2), summed in long
    // double. Measured F_N N^(2/3) = -1.07 .. -1.13 for N = 256 .. 4096, so the ratio at
    // N = 512 and 4096 is 1 within 10%; and F_N is 7 (N = 512) to 15 (N = 4096) times the
    // iid mean -1.2/N, asked here to be at least 5 times.
    std::vector<double> scaled;
    for (std::size_t n : {512ul, 4096ul}) {
        random_stream rs(5, n, 0, stream_purpose::initial_positions);
        const points x = ms::sample_jittered_lattice(ms::uniform_ball(3, 1.0), n, rs);
        long double pair = 0, h = 0;
        for (std::size_t i = 0; i < n; ++i) {
            h += (3 - norm2(x, i)) / 2;
            for (std::size_t j = i + 1; j < n; ++j) {
                double r2 = 0;
                for (int k = 0; k < 3; ++k) r2 += (x(i, k) - x(j, k)) * (x(i, k) - x(j, k));
                pair += 2 / std::sqrt(r2);
            }
        }
        const double f = static_cast<double>(pair / (static_cast<long double>(n) * n) - 2 * h / n + 1.2L);
        BOOST_TEST_MESSAGE("N = " << n << ": F_N = " << f << ", F_N N^(2/3) = " << f * std::pow(n, 2.0 / 3));
        BOOST_TEST(f < -5 * 1.2 / n);
        scaled.push_back(f * std::pow(double(n), 2.0 / 3));
    }
    BOOST_TEST(scaled[1] / scaled[0] == 1.0, tt::tolerance(0.1));
}

BOOST_AUTO_TEST_CASE(samplers_are_deterministic_and_position_indexed)
{
    // Same stream: identical bits; another member: other points; any thread count: same
    // bits; particle i of a sample of 100 equals particle i of a sample of 300 drawn from
    // the same stream object (iid reads fixed positions per particle).
    const ms::barenblatt_law mu(3, 1.5, 1.0);
    for (const std::string how : {"iid", "jittered_lattice"}) {
        random_stream a(7, 300, 2, stream_purpose::initial_positions);
        random_stream b(7, 300, 3, stream_purpose::initial_positions);
        omp_set_num_threads(1);
        const points one = ms::sample_initial(mu, how, 300, a);
        omp_set_num_threads(2);
        const points two = ms::sample_initial(mu, how, 300, a);
        const points other = ms::sample_initial(mu, how, 300, b);
        BOOST_TEST((one.data() == two.data()));
        BOOST_TEST((one.data() != other.data()));
        if (how == "iid") {
            const points head = ms::sample_iid(mu, 100, a);
            for (std::size_t i = 0; i < 100; ++i)
                for (int k = 0; k < 3; ++k) BOOST_TEST_REQUIRE(head(i, k) == one(i, k));
        }
    }
    BOOST_TEST(error_of([&] { ms::sample_initial(mu, "sobol", 10, random_stream(1, 10, 0, stream_purpose::user)); }) ==
               "initial.sampling = \"sobol\" is not one of iid, jittered_lattice");
}

BOOST_AUTO_TEST_CASE(make_law_builds_and_validates)
{
    using mfv::kernel::riesz_kernel;
    const auto spec = [](std::string type, double radius, double sigma) {
        mfv::law_spec s;
        s.type = type;
        s.radius = radius;
        s.sigma = sigma;
        return s;
    };
    BOOST_TEST(ms::make_law(spec("uniform_ball", 2, 1), riesz_kernel(3, 1))->support_radius() == 2.0);
    BOOST_TEST(ms::make_law(spec("gaussian", -1, 0.5), riesz_kernel(2, 0))->radius_quantile(0.5) ==
               0.5 * std::sqrt(2 * std::log(2.0)), tt::tolerance(1e-14));
    BOOST_TEST(ms::make_law(spec("semicircle", 1, 1), riesz_kernel(1, 0))->dim() == 1);
    const auto b = ms::make_law(spec("barenblatt", 1.5, 1), riesz_kernel(3, 2));
    BOOST_TEST(dynamic_cast<ms::barenblatt_law&>(*b).beta() == 0.5);

    const auto msg = [&](std::string type, double radius, double sigma, int d, double s) {
        return error_of([&] { ms::make_law(spec(type, radius, sigma), riesz_kernel(d, s)); });
    };
    BOOST_TEST(msg("uniform_ball", -1, 1, 3, 1) == "initial.law.radius = -1 must be positive");
    BOOST_TEST(msg("barenblatt", 0, 1, 3, 1) == "initial.law.radius = 0 must be positive");
    BOOST_TEST(msg("semicircle", NAN, 1, 1, 0) == "initial.law.radius = nan must be positive");
    BOOST_TEST(msg("uniform_ball", INFINITY, 1, 2, 0) == "initial.law.radius = inf must be finite");
    BOOST_TEST(msg("gaussian", 1, -0.5, 2, 0) == "initial.law.sigma = -0.5 must be positive");
    BOOST_TEST(msg("semicircle", 1, 1, 2, 0) == "initial.law.type = \"semicircle\" needs d = 1, but model.d = 2");
    BOOST_TEST(msg("barenblatt", 1, 1, 3, 0.5) ==
               "initial.law.type = \"barenblatt\" needs d - 2 <= s < d (beta = (s - d + 2)/2 >= 0), "
               "but model.s = 0.5 with model.d = 3");
    BOOST_TEST(msg("ball", 1, 1, 3, 1) ==
               "initial.law.type = \"ball\" is not one of uniform_ball, gaussian, barenblatt, semicircle");
}

namespace {

// A file in a fresh temporary directory, removed at the end of the test.
struct temp_csv {
    std::filesystem::path path;
    explicit temp_csv(const std::string& text, const std::string& name = "points.csv") {
        const auto dir = std::filesystem::temp_directory_path() /
                         ("mfv-sampling-test-" + std::to_string(::getpid()) + "-" + std::to_string(counter()++));
        std::filesystem::create_directories(dir);
        path = dir / name;
        std::ofstream(path, std::ios::binary) << text;
    }
    ~temp_csv() { std::filesystem::remove_all(path.parent_path()); }
    static int& counter() {
        static int c = 0;
        return c;
    }
};

}  // namespace

BOOST_AUTO_TEST_CASE(csv_reader_reads_good_files)
{
    // Header, spaces, '+', exponents, CRLF, trailing blank lines; and a file without header.
    temp_csv with_header("x,y,z\r\n1, 2.5 ,-3e-1\r\n+4,5,6\r\n0,0,0\r\n\r\n\n");
    const points p = ms::read_points_csv(with_header.path.string(), 3);
    BOOST_TEST(p.size() == 3u);
    BOOST_TEST(p(0, 1) == 2.5);
    BOOST_TEST(p(0, 2) == -0.3);
    BOOST_TEST(p(1, 0) == 4.0);
    BOOST_TEST(p(2, 2) == 0.0);
    temp_csv bare("0.125\n-1\n7");
    const points q = ms::read_points_csv(bare.path.string(), 1);
    BOOST_TEST(q.size() == 3u);
    BOOST_TEST(q(2, 0) == 7.0);
}

BOOST_AUTO_TEST_CASE(csv_reader_names_file_and_line_of_each_error)
{
    const auto err = [](const std::string& text, int d) {
        temp_csv f(text);
        const std::string msg = error_of([&] { ms::read_points_csv(f.path.string(), d); });
        // Report the message relative to the file name, as a user sees it after the path.
        const std::string dir = f.path.parent_path().string() + "/";
        return msg.rfind(dir, 0) == 0 ? msg.substr(dir.size()) : msg;
    };
    BOOST_TEST(err("x,y,z\n1,2,3\n4,5\n", 3) == "points.csv line 3: expected 3 numbers, found 2");
    BOOST_TEST(err("1,2,3\n4,5,6,7\n", 3) == "points.csv line 2: expected 3 numbers, found 4");
    BOOST_TEST(err("x,y\n1,2\n3,abc\n", 2) == "points.csv line 3, column 2: \"abc\" is not a number");
    BOOST_TEST(err("1,2\n3,\n", 2) == "points.csv line 2, column 2: \"\" is not a number");
    BOOST_TEST(err("1,2\n3,4\nnan,1\n", 2) == "points.csv line 3, column 1: \"nan\" is not a finite number");
    BOOST_TEST(err("1,2\n3,-inf\n", 2) == "points.csv line 2, column 2: \"-inf\" is not a finite number");
    BOOST_TEST(err("1,2\n3,1e999\n", 2) == "points.csv line 2, column 2: \"1e999\" is not a finite number");
    BOOST_TEST(err("h\n1,2\n\n3,4\n", 2) == "points.csv line 3: expected 2 numbers, found 0 (a blank line inside the data)");
    BOOST_TEST(err("x,y\n0.5,1\n2,3\n0.5,1.0\n", 2) == "points.csv lines 2 and 4: the same point (0.5, 1) appears twice");
    BOOST_TEST(err("", 3) == "points.csv: no points (the file is empty)");
    BOOST_TEST(err("x,y,z\n\n", 3) == "points.csv: no points (no data lines)");
    BOOST_TEST(error_of([] { ms::read_points_csv("/nonexistent/points.csv", 3); }) ==
               "/nonexistent/points.csv: cannot open the file");
}

BOOST_AUTO_TEST_CASE(csv_reader_reads_a_large_file_exactly)
{
    // 3e4 rows of three 17-digit numbers (1.6 MB) read back bit for bit, every row distinct
    // so that the duplicate sort runs in full. Its speed (the brief's 50 ms) is measured by
    // tests/bench/csv_bench.cpp, not here: a timed unit test fails on a loaded machine or
    // under a sanitizer (it did under the tsan preset: 65 ms).
    const std::size_t n = 30000;
    random_stream rs(9, n, 0, stream_purpose::user);
    const points x = ms::sample_iid(ms::gaussian_law(3, 1.0), n, rs);
    std::string text = "x,y,z\n";
    char buf[40];
    for (std::size_t i = 0; i < n; ++i)
        for (int k = 0; k < 3; ++k) {
            std::snprintf(buf, sizeof buf, "%.17g%c", x(i, k), k == 2 ? '\n' : ',');
            text += buf;
        }
    temp_csv f(text);
    const points y = ms::read_points_csv(f.path.string(), 3);
    BOOST_TEST_REQUIRE((y.data() == x.data()));
}
