// The whole-space fast evaluator (interaction/tree.hpp) against direct summation.
//
// Truths: the direct plan (interaction_test.cpp holds it to 1e-13 against long double) for
// the self-interaction, and a long-double double loop written here for evaluate_at. The
// tolerance of every accuracy check is the accuracy the plan promises (tree.hpp says what
// relative error means); nothing is loosened. Point sets: uniform in [-1, 1]^d, and
// "clustered", a Gaussian blob of anisotropic widths 0.05 k (k = 1..d) holding 80% of the
// points plus a far tight cluster (width 0.01, at distance 10 along every axis).
#define BOOST_TEST_MODULE tree
#include <boost/test/unit_test.hpp>

#include <mfv/core/error.hpp>
#include <mfv/interaction/direct.hpp>
#include <mfv/interaction/tree.hpp>

#include <omp.h>

#include <cmath>
#include <cstring>
#include <limits>
#include <random>
#include <sstream>
#include <vector>

namespace {

using mfv::points;
using mfv::interaction::direct_plan;
using mfv::interaction::tree_parameters;
using mfv::interaction::tree_plan;
using mfv::kernel::riesz_kernel;

enum class layout { uniform, clustered };

points make_points(int d, std::size_t n, layout l, unsigned seed) {
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<double> u(-1.0, 1.0);
    std::normal_distribution<double> z(0.0, 1.0);
    points x(d, n);
    for (std::size_t i = 0; i < n; ++i) {
        const bool far = l == layout::clustered && i % 5 == 4;
        for (int k = 0; k < d; ++k) {
            if (l == layout::uniform) {
                x(i, k) = u(rng);
            } else if (far) {
                x(i, k) = 10.0 + 0.01 * z(rng);
            } else {
                x(i, k) = 0.05 * (k + 1) * z(rng);
            }
        }
    }
    return x;
}

struct errors {
    double phi = 0.0, grad = 0.0, energy = 0.0;
};

// The three relative errors of tree.hpp: phi against A_i = sum_j |g(x_i - x_j)|, G in the
// 2-norm, the energy against sum_{i != j} |g|.
errors measure(const riesz_kernel& g, const points& x, const std::vector<double>& phi, const std::vector<double>& grad) {
    const std::size_t n = x.size();
    const int d = x.dim();
    std::vector<double> phid(n), gradd(static_cast<std::size_t>(d) * n);
    direct_plan(g).potentials_and_gradients(x, phid, gradd);
    std::vector<double> a(n);
    if (g.is_log()) {
        for (std::size_t i = 0; i < n; ++i) {
            double sum = 0.0;
            for (std::size_t j = 0; j < n; ++j) {
                if (j == i) continue;
                double r2 = 0.0;
                for (int k = 0; k < d; ++k) r2 += (x(i, k) - x(j, k)) * (x(i, k) - x(j, k));
                sum += std::abs(g.value_r2(r2));
            }
            a[i] = sum;
        }
    } else {
        a = phid;
    }
    double e2 = 0.0, a2 = 0.0, ge2 = 0.0, g2 = 0.0, e = 0.0, ed = 0.0, asum = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
        e2 += (phi[i] - phid[i]) * (phi[i] - phid[i]);
        a2 += a[i] * a[i];
        e += phi[i];
        ed += phid[i];
        asum += a[i];
    }
    for (std::size_t q = 0; q < grad.size(); ++q) {
        ge2 += (grad[q] - gradd[q]) * (grad[q] - gradd[q]);
        g2 += gradd[q] * gradd[q];
    }
    return {std::sqrt(e2 / a2), std::sqrt(ge2 / g2), std::abs(e - ed) / asum};
}

struct case_spec {
    int d;
    double s;
};

// d = 1, 2, 3; s = 0 (log) and s = d - 2 (Coulomb) where it is >= 0, and others.
const case_spec kernels[] = {{1, 0.0}, {1, 0.5}, {2, 0.0}, {2, 1.0}, {2, 1.5}, {3, 1.0}, {3, 0.0}, {3, 2.5}};

void check_accuracy(double accuracy, std::size_t n) {
    for (const auto& c : kernels) {
        for (layout l : {layout::uniform, layout::clustered}) {
            const riesz_kernel g(c.d, c.s);
            const auto x = make_points(c.d, n, l, 11u + static_cast<unsigned>(10 * c.d + 100 * c.s));
            tree_plan plan(g, accuracy);
            std::vector<double> phi(n), grad(static_cast<std::size_t>(c.d) * n);
            plan.potentials_and_gradients(x, phi, grad);
            const auto err = measure(g, x, phi, grad);
            const auto& st = plan.last_statistics();
            std::ostringstream os;
            os << "d = " << c.d << ", s = " << c.s << (l == layout::uniform ? ", uniform" : ", clustered")
               << ", accuracy " << accuracy << ": degree " << plan.parameters().degree << ", errors phi " << err.phi
               << ", grad " << err.grad << ", energy " << err.energy << "; M2L " << st.m2l << ", P2L " << st.p2l
               << ", M2P " << st.m2p << ", P2P " << st.p2p << ", direct pairs " << st.direct_pairs;
            BOOST_TEST_MESSAGE(os.str());
            BOOST_TEST_INFO(os.str());
            BOOST_TEST(err.phi < accuracy);
            BOOST_TEST(err.grad < accuracy);
            BOOST_TEST(err.energy < accuracy);
            // The test exercises the far field, not only the direct sums inside the tree:
            // at the looser accuracies every kernel interpolates somewhere (in 3D, where the
            // operators are not compressed, N = 6000 may be summed directly: the cost rule
            // finds no cheaper way; compressed_regime_3d covers the 3D far field).
            if (accuracy >= 1e-4 || c.d < 3) {
                BOOST_TEST(st.m2l + st.m2p + st.p2l > 0u);
            }
        }
    }
}

}  // namespace

BOOST_AUTO_TEST_CASE(accuracy_1e4) { check_accuracy(1e-4, 6000); }
BOOST_AUTO_TEST_CASE(accuracy_1e6) { check_accuracy(1e-6, 6000); }
BOOST_AUTO_TEST_CASE(accuracy_1e8) { check_accuracy(1e-8, 6000); }
BOOST_AUTO_TEST_CASE(accuracy_1e12) { check_accuracy(1e-12, 6000); }

BOOST_AUTO_TEST_CASE(compressed_regime_3d) {
    // The benchmark's regime: 3D Coulomb at 1e-6, where the M2L operators are compressed
    // and most of the work is interpolated; and the 3D sub-Coulombic kernels (s = 0, 1/2),
    // whose compression error is ~6 times larger (tree_parameters.cpp), at 3e-6, the tightest
    // accuracy at which they are still compressed.
    const case_spec cases[] = {{3, 1.0}, {3, 0.0}, {3, 0.5}};
    for (const auto& c : cases) {
        const double accuracy = c.s == 1.0 ? 1e-6 : 3e-6;
        const riesz_kernel g(3, c.s);
        for (layout l : {layout::uniform, layout::clustered}) {
            const std::size_t n = 20000;
            const auto x = make_points(3, n, l, 5u);
            tree_plan plan(g, accuracy);
            std::vector<double> phi(n), grad(3 * n);
            plan.potentials_and_gradients(x, phi, grad);
            const auto err = measure(g, x, phi, grad);
            BOOST_TEST_MESSAGE("3D s = " << c.s << (l == layout::uniform ? ", uniform" : ", clustered") << ", accuracy "
                                         << accuracy << ", N = 20000: errors phi " << err.phi << ", grad " << err.grad
                                         << ", energy " << err.energy << "; M2L " << plan.last_statistics().m2l);
            BOOST_TEST(err.phi < accuracy);
            BOOST_TEST(err.grad < accuracy);
            BOOST_TEST(err.energy < accuracy);
            BOOST_TEST(plan.last_statistics().m2l > 100u);
        }
    }
}

BOOST_AUTO_TEST_CASE(energy_and_potentials_agree) {
    // pair_energy is the sum of the potentials, and gradients() alone equals the gradients
    // of the joint call, bit for bit.
    const riesz_kernel g(3, 1.0);
    const auto x = make_points(3, 20000, layout::uniform, 3u);
    tree_plan plan(g, 1e-6);
    std::vector<double> phi(x.size()), grad(3 * x.size()), grad2(3 * x.size());
    plan.potentials_and_gradients(x, phi, grad);
    plan.gradients(x, grad2);
    BOOST_TEST(std::memcmp(grad.data(), grad2.data(), grad.size() * sizeof(double)) == 0);
    long double sum = 0.0L;
    for (double v : phi) sum += v;
    // Neumaier's sum against a long-double sum of the same terms: a few ulps of the total.
    BOOST_TEST(std::abs(plan.pair_energy(x) - static_cast<double>(sum)) <= 1e-14 * std::abs(static_cast<double>(sum)));
}

BOOST_AUTO_TEST_CASE(other_targets_with_charges) {
    // evaluate_at: signed charges at sources, potentials and fields at other points, against
    // a double loop (double terms, long-double sums: ~1e-15, far below the 1e-6 checked).
    // Accuracy 1e-6, relative to sum_j |q_j g| (phi) and in the
    // 2-norm over the fields of sum_j |q_j grad g| (a neutral set has cancelling fields).
    for (int d = 1; d <= 3; ++d) {
        for (double s : {0.0, d - 0.5}) {
            const riesz_kernel g(d, s);
            const auto y = make_points(d, 6000, layout::clustered, 21u + static_cast<unsigned>(d));
            const auto z = make_points(d, 1500, layout::uniform, 31u + static_cast<unsigned>(d));
            std::vector<double> q(y.size());
            std::mt19937_64 rng(9);
            std::uniform_real_distribution<double> u(-1.0, 1.0);
            for (auto& v : q) v = u(rng);
            tree_plan plan(g, 1e-6);
            std::vector<double> phi(z.size()), grad(static_cast<std::size_t>(d) * z.size());
            plan.evaluate_at(y, q, z, phi, grad);
            double e2 = 0.0, a2 = 0.0, ge2 = 0.0, ga2 = 0.0;
            for (std::size_t i = 0; i < z.size(); ++i) {
                long double p = 0.0L, pa = 0.0L, gr[3] = {}, ga[3] = {};
                for (std::size_t j = 0; j < y.size(); ++j) {
                    double r2 = 0.0, dx[3];
                    for (int k = 0; k < d; ++k) {
                        dx[k] = z(i, k) - y(j, k);
                        r2 += dx[k] * dx[k];
                    }
                    const double gv = s == 0.0 ? -0.5 * std::log(r2) : std::pow(r2, -0.5 * s) / s;
                    const double w = s == 0.0 ? 1.0 / r2 : std::pow(r2, -0.5 * s - 1.0);
                    p += q[j] * gv;
                    pa += std::abs(q[j] * gv);
                    for (int k = 0; k < d; ++k) {
                        gr[k] -= q[j] * dx[k] * w;
                        ga[k] += std::abs(q[j] * dx[k] * w);
                    }
                }
                e2 += static_cast<double>((phi[i] - p) * (phi[i] - p));
                a2 += static_cast<double>(pa * pa);
                for (int k = 0; k < d; ++k) {
                    const long double dg = grad[static_cast<std::size_t>(k) * z.size() + i] - gr[k];
                    ge2 += static_cast<double>(dg * dg);
                    ga2 += static_cast<double>(ga[k] * ga[k]);
                }
            }
            BOOST_TEST_INFO("d = " << d << ", s = " << s);
            BOOST_TEST(std::sqrt(e2 / a2) < 1e-6);
            BOOST_TEST(std::sqrt(ge2 / ga2) < 1e-6);
        }
    }
}

BOOST_AUTO_TEST_CASE(same_bits_for_any_thread_count) {
    const riesz_kernel g(3, 1.0);
    const auto x = make_points(3, 30000, layout::clustered, 8u);
    tree_plan plan(g, 1e-6);
    std::vector<double> phi1(x.size()), grad1(3 * x.size()), phi2(x.size()), grad2(3 * x.size());
    const int threads = omp_get_max_threads();
    omp_set_num_threads(1);
    plan.potentials_and_gradients(x, phi1, grad1);
    omp_set_num_threads(std::max(2, threads));
    plan.potentials_and_gradients(x, phi2, grad2);
    omp_set_num_threads(threads);
    BOOST_TEST(std::memcmp(phi1.data(), phi2.data(), phi1.size() * sizeof(double)) == 0);
    BOOST_TEST(std::memcmp(grad1.data(), grad2.data(), grad1.size() * sizeof(double)) == 0);
}

BOOST_AUTO_TEST_CASE(collisions_and_non_finite_points) {
    // Two particles at the same place: non-finite values at those two only (the guards of the
    // flows name them), as with the direct sum. A NaN coordinate: every output NaN.
    const riesz_kernel g(3, 1.0);
    auto x = make_points(3, 5000, layout::uniform, 4u);
    for (int k = 0; k < 3; ++k) x(17, k) = x(4000, k);
    tree_plan plan(g, 1e-6);
    std::vector<double> phi(x.size()), grad(3 * x.size());
    plan.potentials_and_gradients(x, phi, grad);
    BOOST_TEST(!std::isfinite(phi[17]));
    BOOST_TEST(!std::isfinite(phi[4000]));
    std::size_t finite = 0;
    for (double v : phi) finite += std::isfinite(v) ? 1u : 0u;
    BOOST_TEST(finite == x.size() - 2);
    x(3, 1) = std::numeric_limits<double>::quiet_NaN();
    plan.potentials_and_gradients(x, phi, grad);
    for (double v : phi) BOOST_TEST(std::isnan(v));
}

BOOST_AUTO_TEST_CASE(degenerate_sets) {
    // N = 1 (no pair), all points on a line in 3D (a flat tree), and 2000 copies... of two
    // points far apart at wildly different scales: exact against the direct sum.
    const riesz_kernel g(3, 1.0);
    tree_plan plan(g, 1e-8);
    {
        points x(3, 1);
        std::vector<double> phi(1), grad(3);
        plan.potentials_and_gradients(x, phi, grad);
        BOOST_TEST(phi[0] == 0.0);
        BOOST_TEST(grad[0] == 0.0);
    }
    {
        points x(3, 5000);
        for (std::size_t i = 0; i < x.size(); ++i) x(i, 0) = std::ldexp(static_cast<double>(i), -12) + 1e3;
        std::vector<double> phi(x.size()), grad(3 * x.size());
        plan.potentials_and_gradients(x, phi, grad);
        const auto err = measure(g, x, phi, grad);
        BOOST_TEST(err.phi < 1e-8);
        BOOST_TEST(err.grad < 1e-8);
    }
    {
        // Points from 1e-9 to 1e3 apart: a deep, unbalanced tree.
        points x(3, 3000);
        std::mt19937_64 rng(2);
        std::uniform_real_distribution<double> u(0.0, 1.0);
        for (std::size_t i = 0; i < x.size(); ++i) {
            const double scale = std::pow(10.0, -9.0 + 12.0 * static_cast<double>(i % 13) / 12.0);
            for (int k = 0; k < 3; ++k) x(i, k) = scale * u(rng);
        }
        std::vector<double> phi(x.size()), grad(3 * x.size());
        plan.potentials_and_gradients(x, phi, grad);
        const auto err = measure(g, x, phi, grad);
        BOOST_TEST(err.phi < 1e-8);
        BOOST_TEST(err.grad < 1e-8);
    }
}

BOOST_AUTO_TEST_CASE(parameters_and_refusals) {
    const riesz_kernel g(3, 1.0);
    BOOST_CHECK_THROW(tree_plan(g, 1e-14), mfv::input_error);
    BOOST_CHECK_THROW(tree_plan(g, 0.1), mfv::input_error);
    BOOST_CHECK_THROW(tree_plan(g, std::nan("")), mfv::input_error);
    // Tighter accuracy, higher degree.
    BOOST_TEST(mfv::interaction::choose_tree_parameters(g, 1e-8).degree >
               mfv::interaction::choose_tree_parameters(g, 1e-4).degree);
    // "auto": direct below the crossover and at accuracies the tree cannot compress.
    BOOST_TEST(mfv::interaction::make_plan(g, 1000, 1e-6)->method() == "direct");
    BOOST_TEST(mfv::interaction::make_plan(g, 1000000, 1e-6)->method() == "tree");
    BOOST_TEST(mfv::interaction::make_plan(g, 1000000, 1e-12)->method() == "direct");
    BOOST_TEST(mfv::interaction::make_plan(g, 10, 1e-6, "tree")->method() == "tree");
    BOOST_CHECK_THROW(mfv::interaction::make_plan(g, 10, 1e-6, "tree", mfv::domain::kind::torus), mfv::input_error);
    // chosen_method names what make_plan builds (results.json records it per N).
    for (std::size_t n : {std::size_t{1000}, std::size_t{1000000}})
        for (double a : {1e-6, 1e-12})
            BOOST_TEST(mfv::interaction::chosen_method(g, n, a) == mfv::interaction::make_plan(g, n, a)->method());
}
