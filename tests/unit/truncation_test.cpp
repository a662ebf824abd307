// Tests of the Bessel truncation g_eta (kernel/bessel_truncation.hpp; reference/truncation.md)
// against independent values and the three properties of the talk:
//  - profiles G, G_0 and the force factor against the table of truncation.md 5, computed
//    there with scipy (gammainc, exp1) independently of Boost;
//  - g_eta^(k) against the same table (scipy's betainc), and g_eta^ >= 0;
//  - g_eta <= g, and |g - g_eta| <= C_gamma eta^gamma / |x|^(s+gamma) with the constants of
//    truncation.md 2 (sharp: the bound is reached to within a grid step);
//  - positivity of iint g_eta d(mu_N - nu)^2, diagonal included, for signed zero-mass
//    measures on random, clustered and lattice configurations: the smallest eigenvalue of the
//    Gram matrix restricted to zero-mass weights is >= 0. The control, the one-sided Coulomb
//    truncation min(g, g(eta)) (truncation.md 3: not positive definite), must go negative on
//    the same configurations, so the check can fail.
#define BOOST_TEST_MODULE truncation
#include <boost/test/unit_test.hpp>

#include <mfv/core/error.hpp>
#include <mfv/core/points.hpp>
#include <mfv/core/random_stream.hpp>
#include <mfv/kernel/bessel_truncation.hpp>
#include <mfv/kernel/smeared_truncation.hpp>

// GCC 12 warns falsely (-Wmaybe-uninitialized) inside its own AVX-512 headers when Eigen's
// vectorised kernels are inlined (as in interaction/tree_m2l.cpp).
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <Eigen/Dense>

#include <cmath>
#include <functional>

using namespace mfv;
using kernel::bessel_truncation;
using kernel::riesz_kernel;
namespace tt = boost::test_tools;

BOOST_AUTO_TEST_CASE(profiles_match_the_scipy_table)
{
    const double r[] = {0, 0.1, 0.5, 1, 2, 5, 10};
    // truncation.md 5, nu = 1/2 (12 digits there; Boost's incomplete gamma and E_1 are
    // accurate to ~1e-15, so 1e-11 leaves room for the table's rounding only).
    const double G05[] = {2.25675833419, 2.18373711031, 1.93093747734, 1.6854015859, 1.34986647208, 0.893027052656, 0.632450634161};
    const double G1[] = {1, 0.95162581964, 0.786938680575, 0.632120558829, 0.432332358382, 0.1986524106, 0.099995460007};
    const double G2[] = {0.25, 0.233942008022, 0.180408020862, 0.132120558829, 0.0742492687863, 0.0191914463601, 0.00499750300386};
    const double G0[] = {0.577215664902, 0.479661134575, 0.133373585784, -0.219383934396, -0.742047691268, -1.61058620803, -2.30258924996};
    const double F1[] = {0, 0.00467884016044, 0.090204010431, 0.264241117657, 0.59399415029, 0.959572318005, 0.999500600773};
    const bessel_truncation t1(riesz_kernel(3, 1), 1.0);
    for (int k = 0; k < 7; ++k) {
        BOOST_TEST(bessel_truncation::profile(0.5, r[k]) == G05[k], tt::tolerance(1e-11));
        BOOST_TEST(bessel_truncation::profile(1.0, r[k]) == G1[k], tt::tolerance(1e-11));
        BOOST_TEST(bessel_truncation::profile(2.0, r[k]) == G2[k], tt::tolerance(1e-11));
        BOOST_TEST(bessel_truncation::profile(0.0, r[k]) == G0[k], tt::tolerance(1e-11));
        if (k > 0) BOOST_TEST(t1.force_factor(r[k]) == F1[k], tt::tolerance(1e-10));
    }
    // d = 3, s = 1: the screened Coulomb kernel (1 - e^(-r/eta))/r; eta = 0.1, r = 0.05.
    const bessel_truncation t(riesz_kernel(3, 1), 0.1);
    BOOST_TEST(t.value(0.05) == 7.86938680575, tt::tolerance(1e-11));
    BOOST_TEST(t.value(0.05) == (1 - std::exp(-0.5)) / 0.05, tt::tolerance(1e-14));
    // g - g_eta from Q, no cancellation: e^(-r/eta)/r at r = 3 (e^-30 / 3).
    BOOST_TEST(t.difference(3.0) == std::exp(-30.0) / 3.0, tt::tolerance(1e-13));
}

BOOST_AUTO_TEST_CASE(fourier_transform_matches_and_is_positive)
{
    struct row {
        int d;
        double s, c_phi, mass, k05, k1, k3;
    };
    // truncation.md 5 (eta = 1, nu = 1/2).
    const row rows[] = {{1, 0.5, 2.256758334, 4.513516668, 2.775192096, 1.10015952, 0.1597276135},
                        {2, 1, 6.283185307, 6.283185307, 6.94651883, 1.840302369, 0.1074774492},
                        {3, 1, 25.13274123, 12.56637061, 40.21238597, 6.283185307, 0.1396263402},
                        {3, 0.5, 28.35926161, 11.34370465, 80.24891099, 10.54606847, 0.2133069086},
                        {3, 2, 12.56637061, 12.56637061, 8.886292867, 1.793209547, 0.0455542546},
                        {2, 0, 6.283185307, 3.141592654, 22.47940714, 4.442882938, 0.2207686281},
                        {1, 0, 2, 2, 4.428594871, 1.570796327, 0.2145003696}};
    for (const auto& w : rows) {
        const bessel_truncation t(riesz_kernel(w.d, w.s), 1.0);
        BOOST_TEST(t.constant() == w.c_phi, tt::tolerance(1e-9));
        BOOST_TEST(t.cutoff_mass() == w.mass, tt::tolerance(1e-9));
        BOOST_TEST(t.fourier(0.5) == w.k05, tt::tolerance(1e-9));
        BOOST_TEST(t.fourier(1.0) == w.k1, tt::tolerance(1e-9));
        BOOST_TEST(t.fourier(3.0) == w.k3, tt::tolerance(1e-9));
        for (double k = 1e-3; k < 1e4; k *= 1.3) BOOST_TEST(t.fourier(k) > 0.0);
    }
}

BOOST_AUTO_TEST_CASE(below_g_and_within_the_power_bound)
{
    // C_gamma of truncation.md 2 (6 digits there).
    struct row {
        double s, c1, c2, c4;
    };
    const row rows[] = {{0.5, 0.331433, 0.377238, 2.44905}, {1, 0.367879, 0.541341, 4.68880},
                        {2, 0.419981, 0.906527, 12.6702}, {0, 0.281494, 0.228924, 1.06260}};
    for (const auto& w : rows) {
        // The table has 6 significant digits: half a unit of the 6th is up to 5e-6 relative.
        BOOST_TEST(bessel_truncation::error_constant(w.s, 1) == w.c1, tt::tolerance(5e-6));
        BOOST_TEST(bessel_truncation::error_constant(w.s, 2) == w.c2, tt::tolerance(5e-6));
        BOOST_TEST(bessel_truncation::error_constant(w.s, 4) == w.c4, tt::tolerance(5e-6));
        const int d = w.s == 2 ? 3 : 2;
        const riesz_kernel g(d, w.s);
        for (double eta : {1e-3, 0.05, 1.0}) {
            const bessel_truncation t(g, eta);
            double worst = 0.0;
            for (double r = 1e-4 * eta; r < 200 * eta; r *= 1.05) {
                const double gr = g.value_r2(r * r), diff = t.difference(r);
                // Rounding: the log case forms -log eta + G_0(r/eta), a few ulps of |g|.
                BOOST_TEST(t.value(r) <= gr + 1e-13 * std::abs(gr));
                BOOST_TEST(diff >= 0.0);
                // The difference from Q agrees with g - g_eta where they do not cancel.
                if (diff > 1e-3 * std::abs(gr)) BOOST_TEST(diff == gr - t.value(r), tt::tolerance(1e-9));
                for (double gamma : {1.0, 2.0, 4.0}) {
                    const double C = bessel_truncation::error_constant(w.s, gamma);
                    const double bound = C * std::pow(eta, gamma) / std::pow(r, w.s + gamma);
                    BOOST_TEST(diff <= bound * (1 + 1e-12));
                    worst = std::max(worst, diff / bound);
                }
            }
            // Sharp: the bound is reached (within the 5% grid in r).
            BOOST_TEST(worst > 0.99);
        }
    }
}

namespace {

// The smallest eigenvalue of the Gram matrix A_ij = k(|x_i - x_j|) (diagonal included)
// restricted to weights of zero sum (P A P, P the projector onto sum w = 0; its eigenvalue 0
// along (1,...,1) is set aside): iint k d(sum w_i delta_i)^2 >= lambda_min |w|^2.
double zero_mass_min_eigenvalue(const points& x, const std::function<double(double)>& k) {
    const std::size_t n = x.size();
    Eigen::MatrixXd A(n, n);
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = 0; j < n; ++j) {
            double r2 = 0;
            for (int c = 0; c < x.dim(); ++c) r2 += (x(i, c) - x(j, c)) * (x(i, c) - x(j, c));
            A(i, j) = k(std::sqrt(r2));
        }
    const Eigen::MatrixXd P = Eigen::MatrixXd::Identity(n, n) - Eigen::MatrixXd::Constant(n, n, 1.0 / n);
    const Eigen::MatrixXd B = P * A * P;
    Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> es(B);
    // Drop the one eigenvalue of the constant vector (0 up to rounding).
    const Eigen::VectorXd ev = es.eigenvalues();
    std::vector<double> v(ev.data(), ev.data() + n);
    const Eigen::VectorXd one = Eigen::VectorXd::Constant(n, 1.0 / std::sqrt(double(n)));
    std::size_t drop = 0;
    double best = 0;
    for (std::size_t q = 0; q < n; ++q) {
        const double overlap = std::abs(es.eigenvectors().col(q).dot(one));
        if (overlap > best) best = overlap, drop = q;
    }
    v.erase(v.begin() + drop);
    return *std::min_element(v.begin(), v.end());
}

points configuration(int d, std::size_t n, const std::string& kind, std::uint64_t seed) {
    random_stream rs(seed, n, 0, stream_purpose::user);
    points x(d, n);
    const std::size_t side = static_cast<std::size_t>(std::ceil(std::pow(double(n), 1.0 / d)));
    for (std::size_t i = 0; i < n; ++i) {
        std::size_t q = i;
        for (int c = 0; c < d; ++c) {
            if (kind == "lattice") {
                x(i, c) = double(q % side) / side;
                q /= side;
            } else if (kind == "clustered") {
                x(i, c) = 0.5 + 0.02 * (rs.next_uniform() - 0.5) + (i % 3 == 0 ? 0.3 : 0.0);
            } else {
                x(i, c) = rs.next_uniform();
            }
        }
    }
    return x;
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_truncated_energy_is_positive_and_the_one_sided_cut_is_not)
{
    for (int d : {2, 3}) {
        const double s = d - 2.0;  // Coulomb (log in 2D)
        const riesz_kernel g(d, s);
        const std::size_t n = d == 2 ? 225 : 216;
        const double eta = std::pow(double(n), -1.0 / d);
        const bessel_truncation t(g, eta);
        double control = 0.0;
        for (const char* kind : {"random", "clustered", "lattice"}) {
            const points x = configuration(d, n, kind, 31);
            const double scale = t.value(0.0);
            const double lambda = zero_mass_min_eigenvalue(x, [&](double r) { return t.value(r); });
            // Rounding of an n x n eigenproblem with entries up to g_eta(0): n eps g_eta(0).
            BOOST_TEST(lambda >= -1e-12 * n * std::abs(scale), "d = " << d << ", " << kind << ": " << lambda);
            // The control: min(g, g(eta)) (whose Fourier transform changes sign).
            const double g_eta = g.value_r2(eta * eta);
            control = std::min(control,
                               zero_mass_min_eigenvalue(x, [&](double r) { return r < eta ? g_eta : g.value_r2(r * r); }));
        }
        BOOST_TEST(control < -1e-6, "d = " << d << ": the one-sided truncation stayed positive (" << control << ")");
    }
}

// The smeared-charge truncation against an independent double average: g over two spheres
// of radius eta by Monte Carlo-free product quadrature (midpoint rule in the angles), and
// its properties: g_{eta eta} <= min(g, g(eta)) <= g, = g beyond 2 eta, g_{eta eta}(0) = g(eta),
// and zero-mass positivity of the Gram matrix.
BOOST_AUTO_TEST_CASE(smeared_coulomb_truncation)
{
    for (int d : {2, 3}) {
        const riesz_kernel g(d, d - 2.0);
        const double eta = 0.3;
        const kernel::smeared_coulomb t(g, eta);
        // Independent: average of min(g, g(eta)) (Newton's theorem, one sphere done exactly)
        // over the second sphere by a fine midpoint rule in its angles.
        const auto brute = [&](double r) {
            double sum = 0.0, weight = 0.0;
            const int m = 2000;
            for (int a = 0; a < m; ++a) {
                const double th = (a + 0.5) * (d == 2 ? 2 * M_PI : M_PI) / m;
                if (d == 2) {
                    const double dx = r + eta * std::cos(th), dy = eta * std::sin(th);
                    sum += t.one_sided(std::hypot(dx, dy));
                    weight += 1.0;
                } else {
                    const double w = std::sin(th);  // area element of the sphere in theta
                    const double dx = r + eta * std::cos(th), dy = eta * std::sin(th);
                    sum += w * t.one_sided(std::hypot(dx, dy));
                    weight += w;
                }
            }
            return sum / weight;
        };
        for (double r : {0.01, 0.1, 0.29, 0.3, 0.31, 0.45, 0.59, 0.6, 0.9}) {
            // The midpoint rule over a kinked integrand: error ~ m^-2 = 2.5e-7.
            BOOST_TEST(t.value(r) == brute(r), tt::tolerance(1e-6));
            BOOST_TEST(t.value(r) <= t.one_sided(r) + 1e-14 * std::abs(t.one_sided(r)));
            BOOST_TEST(t.one_sided(r) <= g.value_r2(r * r) + 1e-15);
            BOOST_TEST(t.difference(r) >= -1e-14);
        }
        BOOST_TEST(t.value(0.0) == g.value_r2(eta * eta), tt::tolerance(1e-12));
        BOOST_TEST(t.difference(2.0 * eta) == 0.0);
        BOOST_TEST(t.value(0.7) == g.value_r2(0.7 * 0.7));
        // Power bound |g - g_ee| <= C eta^gamma / r^(s+gamma): finite C (the difference
        // vanishes beyond 2 eta), its sup over r found and then checked at several eta.
        const double gamma = 1.0, s = d - 2.0;
        double C = 0.0;
        for (double r = 1e-4; r < 2.0; r *= 1.02)
            C = std::max(C, kernel::smeared_coulomb(g, 1.0).difference(r) * std::pow(r, s + gamma));
        BOOST_TEST(std::isfinite(C));
        for (double e : {0.01, 0.1})
            for (double r = 1e-4 * e; r < 3 * e; r *= 1.05)
                BOOST_TEST(kernel::smeared_coulomb(g, e).difference(r) <= C * 1.06 * std::pow(e, gamma) / std::pow(r, s + gamma));
        // Zero-mass positivity on the adversarial configurations of the Bessel test.
        const std::size_t n = d == 2 ? 225 : 216;
        const kernel::smeared_coulomb te(g, std::pow(double(n), -1.0 / d));
        for (const char* kind : {"random", "clustered", "lattice"}) {
            const double lambda = zero_mass_min_eigenvalue(configuration(d, n, kind, 31), [&](double r) { return te.value(r); });
            BOOST_TEST(lambda >= -1e-12 * n * std::abs(te.value(0.0)), "d = " << d << ", " << kind << ": " << lambda);
        }
    }
    BOOST_CHECK_THROW(kernel::smeared_coulomb(riesz_kernel(3, 0.5), 0.1), input_error);
}

BOOST_AUTO_TEST_CASE(bad_eta_is_refused)
{
    BOOST_CHECK_THROW(bessel_truncation(riesz_kernel(3, 1), 0.0), input_error);
    BOOST_CHECK_THROW(bessel_truncation(riesz_kernel(3, 1), std::nan("")), input_error);
}
