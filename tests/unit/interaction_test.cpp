// Tests of the interaction module: the direct evaluator against long-double brute force
// (MATH.md section 0 kernels), finite differences of H_N, its determinism and its guards.
// Every check runs on both backends: AVX-512 (when compiled in) and the portable loops.
#define BOOST_TEST_MODULE interaction
#include <boost/test/unit_test.hpp>

#include <mfv/core/error.hpp>
#include <mfv/interaction/direct.hpp>
#include <mfv/interaction/simd_math.hpp>

#include <omp.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <cstring>
#include <limits>
#include <random>
#include <vector>

namespace tt = boost::test_tools;
using mfv::points;
using mfv::interaction::direct_backend;
using mfv::interaction::direct_plan;
using mfv::kernel::riesz_kernel;

namespace {

constexpr double eps = std::numeric_limits<double>::epsilon();
const direct_backend backends[] = {direct_backend::best, direct_backend::portable};

// Uniform points in [-1, 1]^d, and every 40th particle moved to within ~1e-4 of the one
// before it: r^2 then spans 1e-11 .. 12, as after a flow has brought particles together.
points cloud(int d, std::size_t n, std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    std::uniform_real_distribution<double> u(-1.0, 1.0);
    points x(d, n);
    for (auto& v : x.data()) v = u(rng);
    for (std::size_t i = 40; i < n; i += 40) {
        for (int k = 0; k < d; ++k) x(i, k) = x(i - 1, k) + 1e-4 * u(rng);
    }
    return x;
}

// r^(-s) in long double: for s a multiple of 1/2 through correctly rounded square roots
// (fast, and independent of the exp/log of the code under test), otherwise powl.
long double inverse_power(long double r2, double s) {
    const long double r = std::sqrt(r2), root = std::sqrt(r);
    if (s == 0.5) return 1.0L / root;
    if (s == 1.0) return 1.0L / r;
    if (s == 1.5) return 1.0L / (r * root);
    if (s == 2.0) return 1.0L / r2;
    if (s == 2.5) return 1.0L / (r2 * root);
    return std::pow(r2, -0.5L * s);
}

// phi_i, G_i and the sums of |terms| they are measured against, in long double from the
// same double coordinates (differences exact): 64-bit mantissas, so good to ~1e-18.
struct brute_force {
    std::vector<long double> phi, phi_abs, grad, grad_abs;

    brute_force(const points& x, double s) {
        const std::size_t n = x.size();
        const int d = x.dim();
        phi.assign(n, 0.0L), phi_abs.assign(n, 0.0L), grad.assign(d * n, 0.0L), grad_abs.assign(n, 0.0L);
        for (std::size_t i = 0; i < n; ++i) {
            for (std::size_t j = 0; j < n; ++j) {
                if (j == i) continue;
                long double dx[3], r2 = 0.0L;
                for (int k = 0; k < d; ++k) {
                    dx[k] = static_cast<long double>(x(i, k)) - x(j, k);
                    r2 += dx[k] * dx[k];
                }
                const long double g = s == 0.0 ? -0.5L * std::log(r2) : inverse_power(r2, s) / s;
                const long double w = s == 0.0 ? 1.0L / r2 : inverse_power(r2, s) / r2;
                phi[i] += g;
                phi_abs[i] += std::fabs(g);
                for (int k = 0; k < d; ++k) grad[k * n + i] -= dx[k] * w;
                grad_abs[i] += std::sqrt(r2) * w;
            }
        }
    }
};

struct errors {
    double phi = 0.0, grad = 0.0;
};

errors measure(const brute_force& ref, const std::vector<double>& phi, const std::vector<double>& grad,
               int d) {
    errors e;
    const std::size_t n = phi.size();
    for (std::size_t i = 0; i < n; ++i) {
        e.phi = std::max(e.phi, static_cast<double>(std::fabs(phi[i] - ref.phi[i]) / ref.phi_abs[i]));
        for (int k = 0; k < d; ++k) {
            const long double diff = std::fabs(grad[k * n + i] - ref.grad[k * n + i]);
            e.grad = std::max(e.grad, static_cast<double>(diff / ref.grad_abs[i]));
        }
    }
    return e;
}

// The kernels to check in dimension d: the log, Coulomb (s = d-2) when >= 0, the integer s
// (pow-free paths) and non-integer s (simd::power: log, then exp2).
std::vector<double> exponents(int d) {
    if (d == 1) return {0.0, 0.5};
    if (d == 2) return {0.0, 1.0, 0.5, 1.5};
    return {0.0, 1.0, 2.0, 0.5, 1.5, 2.5};
}

}  // namespace

BOOST_AUTO_TEST_CASE(sums_match_long_double_brute_force)
{
    // The acceptance criterion: phi_i within 1e-13 of the exact sum relative to
    // sum_j |g(x_i - x_j)|, G_i within 1e-13 relative to sum_j |grad g| (promised_accuracy).
    // The rounding analysis of direct_kernels.hpp bounds the error by about (N/8 + 60) u =
    // 2e-14 at this N (u = 2^-53, the 60 from the power's term error at r^2 = 1e-11); the
    // measured errors (printed) are at most 3.6e-15.
    const std::size_t n = 997;
    for (int d = 1; d <= 3; ++d) {
        const points x = cloud(d, n, 17 + d);
        for (double s : exponents(d)) {
            const brute_force ref(x, s);
            for (auto backend : backends) {
                direct_plan plan(riesz_kernel(d, s), backend);
                std::vector<double> phi(n), grad(d * n), phi2(n), grad2(d * n);
                plan.potentials(x, phi);
                plan.gradients(x, grad);
                plan.potentials_and_gradients(x, phi2, grad2);
                const errors separate = measure(ref, phi, grad, d), fused = measure(ref, phi2, grad2, d);
                BOOST_TEST_MESSAGE(plan.backend_name() << " d = " << d << " s = " << s << ": phi "
                                   << separate.phi << ", grad " << separate.grad << " (fused "
                                   << fused.phi << ", " << fused.grad << ")");
                BOOST_TEST(separate.phi <= plan.promised_accuracy());
                BOOST_TEST(separate.grad <= plan.promised_accuracy());
                BOOST_TEST(fused.phi <= plan.promised_accuracy());
                BOOST_TEST(fused.grad <= plan.promised_accuracy());
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(sums_over_several_chunks_stay_accurate)
{
    // N = 4500 spans three chunks of 2048 (the two-level sum of direct_kernels.hpp) and a
    // partial block; same 1e-13 criterion as above, for Coulomb and a general s in d = 3.
    const std::size_t n = 4500;
    const points x = cloud(3, n, 5);
    for (double s : {1.0, 1.5}) {
        const brute_force ref(x, s);
        direct_plan plan(riesz_kernel(3, s));
        std::vector<double> phi(n), grad(3 * n);
        plan.potentials_and_gradients(x, phi, grad);
        const errors e = measure(ref, phi, grad, 3);
        BOOST_TEST_MESSAGE("N = 4500, s = " << s << ": phi " << e.phi << ", grad " << e.grad);
        BOOST_TEST(e.phi <= plan.promised_accuracy());
        BOOST_TEST(e.grad <= plan.promised_accuracy());
    }
}

BOOST_AUTO_TEST_CASE(pair_energy_is_the_compensated_sum_of_potentials)
{
    // sum_{i != j} g = sum_i phi_i (= 2 H_N, MATH.md section 0), checked against the long
    // double total relative to sum_{i != j} |g|: the phi_i are within 1e-13 and the
    // Neumaier sum adds 2 eps, so the promised 1e-13 holds.
    const points x = cloud(2, 800, 3);
    for (double s : {0.0, 1.0, 0.5}) {
        const brute_force ref(x, s);
        long double exact = 0.0L, scale = 0.0L;
        for (std::size_t i = 0; i < x.size(); ++i) exact += ref.phi[i], scale += ref.phi_abs[i];
        for (auto backend : backends) {
            direct_plan plan(riesz_kernel(2, s), backend);
            const double e = plan.pair_energy(x);
            BOOST_TEST(static_cast<double>(std::fabs(e - exact) / scale) <= plan.promised_accuracy());
        }
    }
}

BOOST_AUTO_TEST_CASE(gradients_are_finite_differences_of_the_energy)
{
    // grad_i H_N = G_i with H_N = pair_energy / 2 (MATH.md section 0), an independent check
    // of the sign and the factor. Central differences with step h = 1e-5 r_min: truncation
    // (h / r_min)^2 |G| ~ 1e-10 |G|; rounding of the energy eps |H| / h ~ eps N (r / r_min)
    // 1e5 |G|, up to ~1e-8 |G| in d = 1 where r_min is smallest (measured: 1.0e-8 there,
    // below 1e-9 in d = 2, 3). 1e-7 relative to sum_j |grad g| leaves a factor of ten.
    const std::size_t n = 12;
    for (int d = 1; d <= 3; ++d) {
        for (double s : exponents(d)) {
            std::mt19937_64 rng(100 + d);
            std::uniform_real_distribution<double> u(-1.0, 1.0);
            points x(d, n);
            for (auto& v : x.data()) v = u(rng);
            direct_plan plan(riesz_kernel(d, s));
            std::vector<double> grad(d * n);
            plan.gradients(x, grad);
            const brute_force ref(x, s);
            const double h = 1e-5 * mfv::interaction::min_pair_distance(x);
            double worst = 0.0;
            for (std::size_t i = 0; i < n; ++i) {
                for (int k = 0; k < d; ++k) {
                    points xp = x, xm = x;
                    xp(i, k) += h, xm(i, k) -= h;
                    const double fd = (0.5 * plan.pair_energy(xp) - 0.5 * plan.pair_energy(xm)) / (2 * h);
                    const double scale = static_cast<double>(ref.grad_abs[i]);
                    worst = std::max(worst, std::fabs(fd - grad[k * n + i]) / scale);
                    BOOST_TEST(std::fabs(fd - grad[k * n + i]) <= 1e-7 * scale);
                }
            }
            BOOST_TEST_MESSAGE("d = " << d << " s = " << s << ": finite differences within " << worst);
        }
    }
}

BOOST_AUTO_TEST_CASE(results_do_not_depend_on_the_thread_count)
{
    // Bitwise: each row is summed by one thread in a fixed order (direct_kernels.hpp), so 1,
    // 2 and 3 threads give identical bits. N = 2500 spans two chunks and a partial block.
    const std::size_t n = 2500;
    const int max_threads = omp_get_max_threads();
    for (int d = 1; d <= 3; ++d) {
        const points x = cloud(d, n, 40 + d);
        for (double s : exponents(d)) {
            for (auto backend : backends) {
                direct_plan plan(riesz_kernel(d, s), backend);
                std::vector<double> phi[3], grad[3];
                double energy[3], dmin[3];
                for (int t = 0; t < 3; ++t) {
                    omp_set_num_threads(t + 1);
                    phi[t].resize(n), grad[t].resize(d * n);
                    plan.potentials_and_gradients(x, phi[t], grad[t]);
                    energy[t] = plan.pair_energy(x);
                    dmin[t] = mfv::interaction::min_pair_distance(x, backend);
                }
                for (int t = 1; t < 3; ++t) {
                    BOOST_TEST(std::memcmp(phi[0].data(), phi[t].data(), n * sizeof(double)) == 0);
                    BOOST_TEST(std::memcmp(grad[0].data(), grad[t].data(), d * n * sizeof(double)) == 0);
                    BOOST_TEST(std::memcmp(&energy[0], &energy[t], sizeof(double)) == 0);
                    BOOST_TEST(dmin[0] == dmin[t]);
                }
            }
        }
    }
    omp_set_num_threads(max_threads);
}

BOOST_AUTO_TEST_CASE(coincident_particles_give_non_finite_values)
{
    // The diagonal is excluded by index, not by distance: two distinct particles at the same
    // place must give Inf or NaN (so the flows' guards see the collision), in their own
    // potentials and gradients only; every other particle stays finite.
    const std::size_t n = 30;
    for (int d = 1; d <= 3; ++d) {
        points x = cloud(d, n, 7);
        for (int k = 0; k < d; ++k) x(13, k) = x(7, k);
        for (double s : exponents(d)) {
            for (auto backend : backends) {
                direct_plan plan(riesz_kernel(d, s), backend);
                std::vector<double> phi(n), grad(d * n);
                plan.potentials_and_gradients(x, phi, grad);
                for (std::size_t i = 0; i < n; ++i) {
                    const bool hit = i == 7 || i == 13;
                    BOOST_TEST(std::isfinite(phi[i]) == !hit);
                    for (int k = 0; k < d; ++k) BOOST_TEST(std::isfinite(grad[k * n + i]) == !hit);
                }
                BOOST_TEST(!std::isfinite(plan.pair_energy(x)));
                BOOST_TEST(mfv::interaction::min_pair_distance(x, backend) == 0.0);
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(one_and_two_particles_have_closed_forms)
{
    // N = 0: nothing to do. N = 1: no pair, all zero (the lone particle is not its own
    // neighbour), whatever was in the outputs before. N = 2: phi_1 =
    // phi_2 = g(r), G_1 = -G_2 = -(x_1 - x_2) r^(-s-2) (MATH.md section 0), energy 2 g(r).
    // One pair term: ~1 ulp from the kernels plus a few from r^2 and the final scaling;
    // 8 eps relative.
    for (int d = 1; d <= 3; ++d) {
        for (double s : exponents(d)) {
            for (auto backend : backends) {
                direct_plan plan(riesz_kernel(d, s), backend);
                BOOST_TEST(plan.pair_energy(points(d, 0)) == 0.0);
                points one(d, 1);
                one(0, 0) = 0.3;
                std::vector<double> phi1(1, 9.0), grad1(d, 9.0);
                plan.potentials_and_gradients(one, phi1, grad1);
                BOOST_TEST(phi1[0] == 0.0);
                for (double v : grad1) BOOST_TEST(v == 0.0);
                BOOST_TEST(plan.pair_energy(one) == 0.0);

                points two(d, 2);
                const double a[3] = {0.75, -0.5, 0.25};
                long double r2 = 0.0L;
                for (int k = 0; k < d; ++k) two(1, k) = a[k], r2 += static_cast<long double>(a[k]) * a[k];
                const long double g = s == 0.0 ? -0.5L * std::log(r2) : std::pow(r2, -0.5L * s) / s;
                const long double w = s == 0.0 ? 1.0L / r2 : std::pow(r2, -0.5L * s - 1.0L);
                std::vector<double> phi(2), grad(2 * d);
                plan.potentials_and_gradients(two, phi, grad);
                for (int i = 0; i < 2; ++i) {
                    BOOST_TEST(phi[i] == static_cast<double>(g), tt::tolerance(8 * eps));
                }
                BOOST_TEST(plan.pair_energy(two) == static_cast<double>(2 * g), tt::tolerance(8 * eps));
                for (int k = 0; k < d; ++k) {
                    BOOST_TEST(grad[2 * k] == static_cast<double>(a[k] * w), tt::tolerance(8 * eps));
                    BOOST_TEST(grad[2 * k + 1] == static_cast<double>(-a[k] * w), tt::tolerance(8 * eps));
                }
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(log_kernel_is_accurate_near_unit_distance)
{
    // g = -log r is small near r = 1, so its error must be relative to log r itself. With
    // r = 1 + 2^-m (exact square, r^2 = 1 + 2^(1-m) + 2^-2m) the only error left is the log:
    // 4 eps relative to |g|, down to |g| ~ 1e-8.
    for (auto backend : backends) {
        direct_plan plan(riesz_kernel(1, 0.0), backend);
        for (int m = 2; m <= 26; ++m) {
            for (double sign : {1.0, -1.0}) {
                points two(1, 2);
                two(1, 0) = 1.0 + sign * std::ldexp(1.0, -m);
                std::vector<double> phi(2);
                plan.potentials(two, phi);
                const long double step = sign * std::ldexp(1.0L, -m);
                const double exact = static_cast<double>(-std::log1p(step));
                BOOST_TEST(phi[0] == exact, tt::tolerance(4 * eps));
            }
        }
    }
}

namespace {

// Apply one of simd_math's functions lane by lane to a vector of arguments.
template <class P, class F>
std::vector<double> apply(const std::vector<double>& in, F f) {
    std::vector<double> out(in.size());
    constexpr int width = mfv::interaction::simd::width;
    for (std::size_t i = 0; i + width <= in.size(); i += width) {
        const auto r = f(P::load(in.data() + i));
        double lanes[width];
        std::memcpy(lanes, &r, sizeof lanes);
        std::copy(lanes, lanes + width, out.begin() + i);
    }
    return out;
}

// Largest error in units of eps relative to |exact|.
template <class Exact>
double worst_relative(const std::vector<double>& in, const std::vector<double>& out, Exact exact) {
    double worst = 0.0;
    for (std::size_t i = 0; i < in.size(); ++i) {
        const long double e = exact(static_cast<long double>(in[i]));
        worst = std::max(worst, static_cast<double>(std::fabs(out[i] - e) / std::fabs(e) / eps));
    }
    return worst;
}

template <class P>
void check_elementary_functions() {
    namespace simd = mfv::interaction::simd;
    // Arguments: r^2 log-uniform over [1e-300, 1e300] and uniform over [0.5, 2] (near 1);
    // for exp2, y uniform over [-1000, 1000] and [-1, 1]. Count a multiple of 8.
    std::mt19937_64 rng(11);
    std::vector<double> x, y;
    for (int i = 0; i < 40000; ++i) {
        x.push_back(std::pow(10.0, std::uniform_real_distribution<double>(-300, 300)(rng)));
        x.push_back(std::uniform_real_distribution<double>(0.5, 2.0)(rng));
        y.push_back(std::uniform_real_distribution<double>(-1000, 1000)(rng));
        y.push_back(std::uniform_real_distribution<double>(-1, 1)(rng));
    }
    // The error budget of simd_math.hpp: rsqrt, reciprocal, log (relative to log x, also
    // near x = 1) and exp2 within 1 ulp; 2 eps leaves an ulp of margin.
    const auto rs = apply<P>(x, [](auto v) { return simd::rsqrt<P>(v); });
    const auto rc = apply<P>(x, [](auto v) { return simd::reciprocal<P>(v); });
    const auto lg = apply<P>(x, [](auto v) { return simd::log<P>(v); });
    const auto e2 = apply<P>(y, [](auto v) { return simd::exp2<P>(v); });
    const double w_rs = worst_relative(x, rs, [](long double v) { return 1.0L / std::sqrt(v); });
    const double w_rc = worst_relative(x, rc, [](long double v) { return 1.0L / v; });
    const double w_lg = worst_relative(x, lg, [](long double v) { return std::log(v); });
    const double w_e2 = worst_relative(y, e2, [](long double v) { return std::exp2(v); });
    // power(x, a) = x^a: (1 + ln2 |a log2 x|) eps from the rounding of a log2 x, plus an ulp
    // from exp2; measured in units of that bound, 2 leaves room.
    double w_pw = 0.0;
    for (double a : {-0.25, -0.75, -1.25, -2.25}) {
        const auto pw = apply<P>(x, [a](auto v) { return simd::power<P>(v, a); });
        for (std::size_t i = 0; i < x.size(); ++i) {
            const long double exact = std::pow(static_cast<long double>(x[i]), static_cast<long double>(a));
            if (exact > 1e300L || exact < 1e-300L) continue;
            const double bound = (1.0 + std::log(2.0) * std::fabs(a * std::log2(x[i]))) * eps;
            w_pw = std::max(w_pw, static_cast<double>(std::fabs(pw[i] - exact) / exact / bound));
        }
    }
    BOOST_TEST_MESSAGE(P::name << ": rsqrt " << w_rs << " eps, reciprocal " << w_rc << ", log " << w_lg
                               << ", exp2 " << w_e2 << ", power " << w_pw << " of its bound");
    BOOST_TEST(w_rs <= 2.0);
    BOOST_TEST(w_rc <= 2.0);
    BOOST_TEST(w_lg <= 2.0);
    BOOST_TEST(w_e2 <= 2.0);
    BOOST_TEST(w_pw <= 2.0);
}

template <class P>
void check_special_values() {
    namespace simd = mfv::interaction::simd;
    // log(0) = -inf, log(inf) = inf, 0^a = inf and inf^a = 0 for a < 0 (the collision guard),
    // exp2 overflows to inf and underflows through the subnormals to 0, NaN propagates,
    // subnormal arguments are not flushed. Tolerances as above; (1e-310)^(-1/4) has
    // |a log2 x| = 257, so its bound is (1 + ln2 257) eps = 179 eps: 200 eps.
    const double inf = std::numeric_limits<double>::infinity();
    const std::vector<double> sx = {0.0, inf, 4.9406564584124654e-324, 1e-310, std::nan(""), 1.0, 2.0, 0.5};
    const auto sl = apply<P>(sx, [](auto v) { return simd::log<P>(v); });
    BOOST_TEST(sl[0] == -inf);
    BOOST_TEST(sl[1] == inf);
    BOOST_TEST(sl[2] == std::log(sx[2]), tt::tolerance(2 * eps));
    BOOST_TEST(sl[3] == std::log(sx[3]), tt::tolerance(2 * eps));
    BOOST_TEST(std::isnan(sl[4]));
    BOOST_TEST(sl[5] == 0.0);
    const auto sp = apply<P>(sx, [](auto v) { return simd::power<P>(v, -0.25); });
    BOOST_TEST(sp[0] == inf);
    BOOST_TEST(sp[1] == 0.0);
    BOOST_TEST(sp[3] == std::pow(1e-310, -0.25), tt::tolerance(200 * eps));
    BOOST_TEST(std::isnan(sp[4]));
    BOOST_TEST(sp[5] == 1.0);
    const auto sr = apply<P>(sx, [](auto v) { return simd::rsqrt<P>(v); });
    BOOST_TEST(!std::isfinite(sr[0]));
    BOOST_TEST(sr[2] == 1.0 / std::sqrt(sx[2]), tt::tolerance(2 * eps));
    BOOST_TEST(sr[3] == 1.0 / std::sqrt(sx[3]), tt::tolerance(2 * eps));
    const std::vector<double> sy = {2000.0, -2000.0, -1074.0, -1080.0, std::nan(""), 1023.5, 1024.0, 0.0};
    const auto se = apply<P>(sy, [](auto v) { return simd::exp2<P>(v); });
    BOOST_TEST(se[0] == inf);
    BOOST_TEST(se[1] == 0.0);
    BOOST_TEST(se[2] == 4.9406564584124654e-324);
    BOOST_TEST(se[3] == 0.0);
    BOOST_TEST(std::isnan(se[4]));
    BOOST_TEST(se[5] == std::exp2(1023.5), tt::tolerance(2 * eps));
    BOOST_TEST(se[6] == inf);
    BOOST_TEST(se[7] == 1.0);
}

}  // namespace

BOOST_AUTO_TEST_CASE(elementary_functions_are_accurate)
{
    check_elementary_functions<mfv::interaction::simd::portable>();
#ifdef __AVX512F__
    check_elementary_functions<mfv::interaction::simd::avx512>();
#endif
}

BOOST_AUTO_TEST_CASE(elementary_functions_handle_special_values)
{
    check_special_values<mfv::interaction::simd::portable>();
#ifdef __AVX512F__
    check_special_values<mfv::interaction::simd::avx512>();
#endif
}

BOOST_AUTO_TEST_CASE(min_pair_distance_matches_brute_force)
{
    // min over i != j of |x_i - x_j|: exact up to one rounding of r^2 and one of the square
    // root, so the brute force in long double agrees to 4 eps. N < 2 gives +inf, and a
    // non-finite coordinate gives NaN.
    for (int d = 1; d <= 3; ++d) {
        for (std::size_t n : {2u, 9u, 300u, 1001u}) {
            const points x = cloud(d, n, 90 + n);
            long double best = std::numeric_limits<long double>::infinity();
            for (std::size_t i = 0; i < n; ++i) {
                for (std::size_t j = i + 1; j < n; ++j) {
                    long double r2 = 0.0L;
                    for (int k = 0; k < d; ++k) {
                        const long double dx = static_cast<long double>(x(i, k)) - x(j, k);
                        r2 += dx * dx;
                    }
                    best = std::min(best, std::sqrt(r2));
                }
            }
            for (auto backend : backends) {
                const double dmin = mfv::interaction::min_pair_distance(x, backend);
                BOOST_TEST(dmin == static_cast<double>(best), tt::tolerance(4 * eps));
            }
        }
        BOOST_TEST(std::isinf(mfv::interaction::min_pair_distance(points(d, 1))));
        points bad = cloud(d, 20, 1);
        bad(5, d - 1) = std::nan("");
        BOOST_TEST(std::isnan(mfv::interaction::min_pair_distance(bad)));
    }
}

BOOST_AUTO_TEST_CASE(make_plan_chooses_the_direct_sum)
{
    const riesz_kernel g(3, 1.0);
    for (const char* method : {"direct", "auto"}) {
        const auto plan = mfv::interaction::make_plan(g, 1000, 1e-10, method);
        BOOST_TEST(plan->method() == "direct");
        BOOST_TEST(plan->promised_accuracy() <= 1e-10);
        BOOST_TEST(plan->kernel().s() == 1.0);
    }
    BOOST_CHECK_THROW(mfv::interaction::make_plan(g, 1000, 1e-10, "fmm"), mfv::input_error);
}

BOOST_AUTO_TEST_CASE(wrong_shapes_are_rejected)
{
    direct_plan plan(riesz_kernel(2, 0.0));
    const points x = cloud(2, 10, 2);
    std::vector<double> phi(9), grad(20);
    BOOST_CHECK_THROW(plan.potentials(x, phi), std::invalid_argument);
    BOOST_CHECK_THROW(plan.gradients(cloud(3, 10, 2), grad), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(min_pair_distance_large_configurations) {
    // Above min_distance_pairs_up_to the closest pair comes from k-d tree nearest neighbours:
    // against an all-pairs scan written here (r^2 as a plain sum of squares; the k-d tree may
    // round r^2 differently, hence 2 ulp of the distance), on a uniform cube with a planted
    // close pair and on a clustered set (a tight blob and a far cluster).
    const std::size_t n = mfv::interaction::min_distance_pairs_up_to + 5000;
    std::mt19937_64 rng(17);
    std::uniform_real_distribution<double> u(-1.0, 1.0);
    std::normal_distribution<double> z(0.0, 1.0);
    for (int layout = 0; layout < 2; ++layout) {
        mfv::points x(3, n);
        for (std::size_t i = 0; i < n; ++i)
            for (int k = 0; k < 3; ++k)
                x(i, k) = layout == 0 ? u(rng) : (i % 4 == 0 ? 50.0 + 1e-3 * z(rng) : 0.1 * z(rng));
        if (layout == 0) {
            for (int k = 0; k < 3; ++k) x(24000, k) = x(3, k) + 1e-7 * (k + 1);
        }
        double best = std::numeric_limits<double>::infinity();
#pragma omp parallel for reduction(min : best) schedule(dynamic, 256)
        for (std::size_t i = 0; i < n; ++i)
            for (std::size_t j = i + 1; j < n; ++j) {
                double r2 = 0.0;
                for (int k = 0; k < 3; ++k) r2 += (x(i, k) - x(j, k)) * (x(i, k) - x(j, k));
                best = std::min(best, r2);
            }
        const double got = mfv::interaction::min_pair_distance(x);
        BOOST_TEST_INFO("layout " << layout);
        BOOST_TEST(std::abs(got - std::sqrt(best)) <= 4.5e-16 * std::sqrt(best));
    }
}

BOOST_AUTO_TEST_CASE(direct_potentials_at_other_points)
{
    // plan::evaluate_at of the direct sum: signed charges at 3000 sources, potentials and
    // fields at 500 other points, against a long-double loop; relative to sum_j |q_j g| and
    // sum_j |q_j grad g| per target, at the direct plan's promise 1e-13. Unit charges (q
    // empty) give the same numbers as q = 1.
    std::mt19937_64 rng(23);
    std::uniform_real_distribution<double> u(-1.0, 1.0);
    for (int d = 1; d <= 3; ++d) {
        for (double s : {0.0, d - 0.7}) {
            const mfv::kernel::riesz_kernel g(d, s);
            mfv::points y(d, 3000), z(d, 500);
            for (auto& v : y.data()) v = u(rng);
            for (auto& v : z.data()) v = 2.0 * u(rng);
            std::vector<double> q(y.size());
            for (auto& v : q) v = u(rng);
            mfv::interaction::direct_plan plan(g);
            std::vector<double> phi(z.size()), grad(static_cast<std::size_t>(d) * z.size());
            plan.evaluate_at(y, q, z, phi, grad);
            double worst = 0.0;
            for (std::size_t i = 0; i < z.size(); ++i) {
                long double p = 0.0L, pa = 0.0L, gr[3] = {}, ga[3] = {};
                for (std::size_t j = 0; j < y.size(); ++j) {
                    long double r2 = 0.0L, dx[3];
                    for (int k = 0; k < d; ++k) {
                        dx[k] = static_cast<long double>(z(i, k)) - y(j, k);
                        r2 += dx[k] * dx[k];
                    }
                    const long double gv = s == 0.0 ? -0.5L * std::log(r2) : std::pow(r2, -0.5L * s) / s;
                    const long double w = s == 0.0 ? 1.0L / r2 : std::pow(r2, -0.5L * s - 1.0L);
                    p += q[j] * gv;
                    pa += std::abs(q[j] * gv);
                    for (int k = 0; k < d; ++k) {
                        gr[k] -= q[j] * dx[k] * w;
                        ga[k] += std::abs(q[j] * dx[k] * w);
                    }
                }
                worst = std::max(worst, static_cast<double>(std::abs(phi[i] - p) / pa));
                for (int k = 0; k < d; ++k)
                    worst = std::max(worst, static_cast<double>(std::abs(grad[static_cast<std::size_t>(k) * z.size() + i] - gr[k]) / ga[k]));
            }
            BOOST_TEST_INFO("d = " << d << ", s = " << s);
            BOOST_TEST(worst < 1e-13);
            std::vector<double> ones(y.size(), 1.0), a(z.size()), b(z.size());
            plan.evaluate_at(y, ones, z, a, {});
            plan.evaluate_at(y, {}, z, b, {});
            BOOST_TEST(std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0);
        }
    }
    // The periodic evaluators have no evaluate_at (their charges enter through evaluate).
    auto pme = mfv::interaction::make_plan(mfv::kernel::riesz_kernel(3, 1.0), 100, 1e-6, "pme", mfv::domain::kind::torus);
    mfv::points y(3, 4), z(3, 2);
    std::vector<double> phi(2);
    BOOST_CHECK_THROW(pme->evaluate_at(y, {}, z, phi, {}), std::logic_error);
}
