// Tests of the electric formulation of F_N on the torus (energy/electric_energy.hpp,
// reference/electric.md): against the Ewald F_N (plain Ewald sum, interaction/ewald.hpp, whose
// structure factors, real-space sums and splitting share nothing with the field energy),
// the order of convergence in the band K predicted by the sphere's transform, the identity
// E(eta) = F_N - P_eta + X_eta with P_eta summed directly in real space (smeared_truncation.hpp),
// the almost-monotonicity in eta, and the stress-tensor form of the commutator against its
// Fourier double sum.
#define BOOST_TEST_MODULE electric
#include <boost/test/unit_test.hpp>

#include <mfv/core/error.hpp>
#include <mfv/domain/torus.hpp>
#include <mfv/energy/electric_energy.hpp>
#include <mfv/energy/stress_tensor.hpp>
#include <mfv/interaction/ewald.hpp>
#include <mfv/kernel/smeared_truncation.hpp>
#include <mfv/meanfield/spectral_torus.hpp>
#include <mfv/study/study.hpp>

#include <algorithm>
#include <cmath>
#include <complex>
#include <cstdint>
#include <numbers>
#include <random>
#include <string>
#include <vector>

namespace tt = boost::test_tools;
using namespace mfv;

namespace {

constexpr double pi = std::numbers::pi;

double uniform01(std::mt19937_64& rng) { return static_cast<double>(rng() >> 11) * 0x1.0p-53; }

// m^d points, one in each cell of side 1/m, at the centre moved by jitter * U(-1/2, 1/2)^d / m.
points jittered_lattice(int d, int m, double jitter, std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    std::size_t n = 1;
    for (int a = 0; a < d; ++a) n *= static_cast<std::size_t>(m);
    points x(d, n);
    for (std::size_t i = 0; i < n; ++i) {
        std::size_t c = i;
        for (int a = 0; a < d; ++a) {
            x(i, a) = (static_cast<double>(c % m) + 0.5 + jitter * (uniform01(rng) - 0.5)) / m;
            c /= static_cast<std::size_t>(m);
        }
    }
    return x;
}

points iid(int d, std::size_t n, std::uint64_t seed) {
    std::mt19937_64 rng(seed);
    points x(d, n);
    for (std::size_t i = 0; i < n; ++i)
        for (int a = 0; a < d; ++a) x(i, a) = uniform01(rng);
    return x;
}

double distance(const points& x, std::size_t i, std::size_t j) {
    double r2 = 0.0;
    for (int a = 0; a < x.dim(); ++a) {
        const double dx = domain::minimum_image(x(i, a) - x(j, a));
        r2 += dx * dx;
    }
    return std::sqrt(r2);
}

double min_distance(const points& x) {
    double r = 1.0;
    for (std::size_t i = 0; i < x.size(); ++i)
        for (std::size_t j = i + 1; j < x.size(); ++j) r = std::min(r, distance(x, i, j));
    return r;
}

// F_N against mu = 1 + sum_m a_m cos(2 pi k_m.x + phi_m) (distinct k_m, no k_m = -k_q) by the
// plain Ewald sum at 1e-13: the pair term from the plan, h = sum_m a_m G^(2 pi k_m)
// cos(2 pi k_m.x + phi_m), iint G dmu dmu = sum_m (a_m^2/2) G^(2 pi k_m), G^(xi) = c_d / |xi|^2
// (MATH.md 0, 6).
double ewald_modulated_energy(const kernel::riesz_kernel& g, const points& x, const std::vector<fourier_mode>& modes = {}) {
    interaction::ewald_plan plan(g, 1e-13);
    const double n = static_cast<double>(x.size());
    double f = plan.pair_energy(x.view()) / (n * n);
    for (const auto& mode : modes) {
        double k2 = 0.0;
        for (int c : mode.k) k2 += double(c) * c;
        const double gk = g.fourier_constant() / (4.0 * pi * pi * k2);
        double cross = 0.0;
        for (std::size_t i = 0; i < x.size(); ++i) {
            double phase = mode.phase;
            for (int a = 0; a < x.dim(); ++a) phase += 2.0 * pi * mode.k[a] * x(i, a);
            cross += mode.amplitude * gk * std::cos(phase);
        }
        f += -2.0 * cross / n + 0.5 * mode.amplitude * mode.amplitude * gk;
    }
    return f;
}

}  // namespace

BOOST_AUTO_TEST_CASE(field_energy_spectral_sum_equals_grid_integral)
{
    // Parseval: |grad H|^2 has band 2K < n = 2K + 2, so its grid mean is its integral and equals
    // the spectral sum exactly; the two differ by the rounding of ~n^d terms (1e-12 relative).
    for (int d : {2, 3}) {
        const kernel::riesz_kernel g(d, d - 2.0);
        const points x = jittered_lattice(d, d == 3 ? 3 : 6, 0.5, 11);
        const energy::electric_plan plan(g, 10, 0.4 * min_distance(x));
        const auto t = plan.evaluate(x.view());
        BOOST_TEST(t.field_energy_grid == t.field_energy, tt::tolerance(1e-12));
    }
}

BOOST_AUTO_TEST_CASE(band_error_is_first_order_and_the_tail_corrected_value_is_ewald)
{
    // electric.md 3: without the diagonal tail the band K misses T_K ~ 1/(2 pi^2 eta^2 K N) (3D),
    // ~ 1/(2 pi^2 eta K N) (2D), both order 1 in 1/K, because |s_eta^(k)|^2 decays like |k|^-2
    // (3D) and |k|^-1 (2D). Observed order on K -> 2K within 0.15 of 1: the off-diagonal part of
    // the dropped tail oscillates and stays below 1.3e-2 T_K at K >= 16 here, so it moves the
    // ratio by far less. The band error itself is -T_K (T_K computed exactly) up to that
    // off-diagonal part: the tail-corrected value is compared with the Ewald F_N (plan at 1e-13)
    // with tolerance 1e-2 T_K (3D; measured at most 1.5e-3 T_K at K >= 16 over this file's
    // configurations) and 2e-2 T_K (2D; measured 1.3e-2 at K = 16, 7.4e-3 at K = 32, where
    // 2 pi K eta ~ 3-6, and 5e-6 at K = 64: J_0 decays more slowly than sin(r)/r).
    struct config {
        int d, m, K0;
    };
    for (const config c : {config{3, 4, 8}, config{2, 8, 16}}) {
        const kernel::riesz_kernel g(c.d, c.d - 2.0);
        const points x = jittered_lattice(c.d, c.m, 0.6, 7 + c.d);
        const double f = ewald_modulated_energy(g, x);
        const double eta = 0.45 * min_distance(x);
        std::vector<energy::electric_terms> t;
        for (int K = c.K0; K <= 4 * c.K0; K *= 2) t.push_back(energy::electric_plan(g, K, eta).evaluate(x.view()));
        for (std::size_t q = 0; q < t.size(); ++q) {
            const double error = t[q].value_band - f;
            BOOST_TEST(error < 0.0);
            const double share = c.d == 3 ? 1e-2 : 2e-2;
            if (c.K0 * (1 << q) >= 16)
                BOOST_TEST(std::abs(t[q].value - f) <= share * t[q].diagonal_tail + 1e-13 * std::abs(f));
            if (q > 0) {
                const double order = std::log2((t[q - 1].value_band - f) / error);
                BOOST_TEST_MESSAGE("d = " << c.d << ", N = " << x.size() << ", eta = " << eta << ", K = " << c.K0 * (1 << q)
                                          << ": band error " << error << ", T_K " << t[q].diagonal_tail
                                          << ", observed order " << order << ", tail-corrected error " << t[q].value - f);
                BOOST_TEST(std::abs(order - 1.0) <= 0.15);
            }
        }
    }
}

BOOST_AUTO_TEST_CASE(simple_cubic_lattice_energy)
{
    // The lattice (1/m) Z^3 in T^3, N = m^3: sum_j G(x - x_j) = m G(m x) (its transform is N G^(k)
    // on k in m Z^3, and G^(m k) = G^(k)/m^2), so sum_{j != i} G(x_i - x_j) = (m - 1) R_0 and
    // F_N = R_0 (N^(-2/3) - N^(-1)) against mu = 1, R_0 = -2.8372974794806 (the simple cubic
    // jellium constant, literature value). Tolerance 0.1 T_K, not 1e-2: on a perfect lattice the
    // dropped off-diagonal modes add coherently (|S(k)|^2 = N^2 on the reciprocal lattice m Z^3),
    // measured 2.3e-2 to 4.9e-2 T_K at K = 32 (electric.md 3).
    const kernel::riesz_kernel g(3, 1.0);
    const double r0 = -2.8372974794806;
    for (int m : {3, 4, 5}) {
        const points x = jittered_lattice(3, m, 0.0, 1);
        const double n = static_cast<double>(x.size());
        const double exact = r0 * (std::pow(n, -2.0 / 3.0) - 1.0 / n);
        const auto t = energy::electric_plan(g, 32, 0.45 / m).evaluate(x.view());
        BOOST_TEST_MESSAGE("m = " << m << ": electric " << t.value << ", closed form " << exact << ", T_K " << t.diagonal_tail);
        BOOST_TEST(std::abs(t.value - exact) <= 0.1 * t.diagonal_tail);
    }
}

BOOST_AUTO_TEST_CASE(smooth_density_given_by_fourier_modes)
{
    // mu = 1 + 0.3 cos(2 pi (x_1 + x_2) + 0.4) + 0.2 cos(2 pi (x_1 - x_d) - 1) + ...: the cross
    // term X_eta now carries f_eta^(2 pi k) = c_d (1 - s_eta^)/|2 pi k|^2 (electric.md 2) and nu^
    // the modes of mu (one with k_last < 0, stored as its conjugate). Tolerance as above (1e-2 T_K
    // in 3D, 2e-2 T_K in 2D); the Ewald side gets h and iint G dmu dmu in closed form.
    for (int d : {2, 3}) {
        const kernel::riesz_kernel g(d, d - 2.0);
        std::vector<fourier_mode> modes(3);
        modes[0].k = d == 3 ? std::vector<int>{1, 1, 0} : std::vector<int>{1, 1};
        modes[0].amplitude = 0.3;
        modes[0].phase = 0.4;
        modes[1].k = d == 3 ? std::vector<int>{1, 0, -1} : std::vector<int>{1, -1};
        modes[1].amplitude = 0.2;
        modes[1].phase = -1.0;
        modes[2].k = d == 3 ? std::vector<int>{0, 2, 1} : std::vector<int>{0, 2};
        modes[2].amplitude = 0.25;
        modes[2].phase = 2.0;
        const points x = jittered_lattice(d, d == 3 ? 4 : 8, 0.6, 21);
        const double f = ewald_modulated_energy(g, x, modes);
        const double eta = 0.45 * min_distance(x);
        const int K = d == 3 ? 32 : 64;
        const auto t = energy::electric_plan(g, K, eta, modes).evaluate(x.view());
        BOOST_TEST_MESSAGE("d = " << d << ", three modes: electric - Ewald = " << t.value - f << ", T_K " << t.diagonal_tail);
        const double tol = (d == 3 ? 1e-2 : 2e-2) * t.diagonal_tail + 1e-13 * std::abs(f);
        BOOST_TEST(std::abs(t.value - f) <= tol);
        // and the modes matter: with mu = 1 the value moves by much more than that tolerance.
        const double uniform = energy::electric_plan(g, K, eta).evaluate(x.view()).value;
        BOOST_TEST(std::abs(uniform - f) > 10.0 * tol);
    }
}

BOOST_AUTO_TEST_CASE(density_from_a_torus_reference)
{
    // The observable passes the spectral reference's mu^t as a torus series. At t = 0 that series
    // is the initial fourier law, so the plan made from it gives the value of the plan made from
    // the modes (the same sums in another order: 1e-13 relative).
    const kernel::riesz_kernel g(3, 1.0);
    law_spec law;
    law.type = "fourier";
    law.modes.resize(2);
    law.modes[0].k = {1, 0, -1};
    law.modes[0].amplitude = 0.3;
    law.modes[0].phase = 0.5;
    law.modes[1].k = {0, 1, 0};
    law.modes[1].amplitude = 0.2;
    const meanfield::spectral_torus mu(g, "gradient", 0.0, law, {0.0});
    const points x = jittered_lattice(3, 3, 0.5, 17);
    const double eta = 0.45 * min_distance(x);
    const auto from_series = energy::electric_plan(g, 16, eta, mu.density_series(0.0)).evaluate(x.view());
    const auto from_modes = energy::electric_plan(g, 16, eta, law.modes).evaluate(x.view());
    BOOST_TEST(from_series.value == from_modes.value, tt::tolerance(1e-13));
    BOOST_TEST(from_series.cross_term == from_modes.cross_term, tt::tolerance(1e-13));
}

BOOST_AUTO_TEST_CASE(eta_above_half_the_minimal_distance_is_refused)
{
    const kernel::riesz_kernel g(3, 1.0);
    points x = jittered_lattice(3, 3, 0.2, 3);
    x(7, 0) = x(3, 0) + 0.05;
    x(7, 1) = x(3, 1);
    x(7, 2) = x(3, 2);
    const energy::electric_plan plan(g, 4, 0.03);
    BOOST_CHECK_EXCEPTION(plan.evaluate(x.view()), input_error, [](const input_error& e) {
        return std::string(e.what()).find("particles 3 and 7") != std::string::npos;
    });
    BOOST_CHECK_THROW(energy::electric_plan(kernel::riesz_kernel(3, 0.5), 4, 0.03), input_error);
    BOOST_CHECK_THROW(energy::electric_plan(g, 4, 0.3), input_error);
}

BOOST_AUTO_TEST_CASE(truncated_energy_identity_and_almost_monotonicity)
{
    // electric.md 4: E(eta) = iint G d(mu_N^(eta) - mu)^2 - (g(eta) + R_0)/N = F_N - P_eta + X_eta,
    // P_eta = (1/N^2) sum_{i != j} (g - g_{eta eta})(x_i - x_j) summed directly (minimum image,
    // 2 eta < 1/2), X_eta = c_d eta^2/d (mu = 1). Hence E - X nonincreasing in eta and
    // E(eta1) >= E(eta2) - c_d (eta2^2 - eta1^2)/d for eta1 < eta2 (the almost-monotonicity).
    // Checked per N on jittered lattices and iid points, on a ladder of eta from below half the
    // minimal distance to 0.2. Tolerance: the band's error after the diagonal tail, 1e-2 T_K
    // (electric.md 3; measured at most 2.5e-3 T_K here), added over the two energies compared,
    // plus Ewald's 1e-13.
    const kernel::riesz_kernel g(3, 1.0);
    const double cd = g.fourier_constant();
    for (int m : {3, 4}) {
        for (bool lattice : {true, false}) {
            const std::size_t n = static_cast<std::size_t>(m * m * m);
            const points x = lattice ? jittered_lattice(3, m, 0.8, 40 + m) : iid(3, n, 50 + m);
            const double f = ewald_modulated_energy(g, x);
            std::vector<double> etas;
            for (double e = 0.4 * min_distance(x); e < 0.2; e *= 1.5) etas.push_back(e);
            etas.push_back(0.2);
            const energy::electric_plan plan(g, 32, etas.front());
            std::vector<double> e32;
            for (const auto& point : plan.truncated_energies(x.view(), etas)) {
                e32.push_back(point.energy);
                // X_eta for mu = 1 is c_d eta^2 / d exactly (electric.md 2).
                BOOST_TEST(point.cross_term == cd * point.eta * point.eta / 3.0, tt::tolerance(1e-14));
            }
            std::vector<double> tol;
            for (double e : etas) tol.push_back(0.01 * plan.diagonal_tail(e) / n + 1e-13 * std::abs(f));
            for (std::size_t q = 0; q < etas.size(); ++q) {
                const kernel::smeared_coulomb sm(g, etas[q]);
                long double pair = 0.0L;
                for (std::size_t i = 0; i < n; ++i)
                    for (std::size_t j = 0; j < n; ++j)
                        if (i != j) pair += sm.difference(distance(x, i, j));
                const double p = static_cast<double>(pair / (double(n) * n));
                const double xeta = cd * etas[q] * etas[q] / 3.0;
                BOOST_TEST_MESSAGE("N = " << n << (lattice ? " lattice" : " iid") << ", eta = " << etas[q]
                                          << ": E = " << e32[q] << ", F_N - P + X = " << f - p + xeta
                                          << ", P = " << p << ", T_K " << plan.diagonal_tail(etas[q]) / n);
                BOOST_TEST(std::abs(e32[q] - (f - p + xeta)) <= tol[q]);
                if (q > 0) {
                    const double x1 = cd * etas[q - 1] * etas[q - 1] / 3.0;
                    const double tol2 = tol[q] + tol[q - 1];
                    BOOST_TEST(e32[q] - xeta <= e32[q - 1] - x1 + tol2);
                    BOOST_TEST(e32[q - 1] >= e32[q] - (xeta - x1) - tol2);
                }
            }
            // Below half the minimal distance the truncated energy is F_N + X_eta exactly.
            BOOST_TEST(std::abs(e32.front() - (f + cd * etas.front() * etas.front() / 3.0)) <= tol.front());
        }
    }
}

namespace {

// A trigonometric polynomial sum_m c_m e^{2 pi i k_m.x} (real: both k and -k listed).
struct trig {
    std::vector<std::vector<int>> k;
    std::vector<std::complex<double>> c;
    void add_real(std::vector<int> kk, double a, double phase) {
        std::vector<int> minus(kk.size());
        for (std::size_t q = 0; q < kk.size(); ++q) minus[q] = -kk[q];
        k.push_back(kk);
        c.push_back(0.5 * a * std::polar(1.0, phase));
        k.push_back(minus);
        c.push_back(0.5 * a * std::polar(1.0, -phase));
    }
    std::complex<double> coefficient(const std::vector<int>& p) const {
        std::complex<double> s = 0.0;
        for (std::size_t m = 0; m < k.size(); ++m)
            if (k[m] == p) s += c[m];
        return s;
    }
    std::vector<double> on_grid(int d, int n) const {
        std::size_t total = 1;
        for (int a = 0; a < d; ++a) total *= static_cast<std::size_t>(n);
        std::vector<double> out(total);
        for (std::size_t p = 0; p < total; ++p) {
            std::size_t r = p;
            std::vector<int> idx(d);
            for (int a = d - 1; a >= 0; --a) {
                idx[a] = static_cast<int>(r % n);
                r /= n;
            }
            std::complex<double> s = 0.0;
            for (std::size_t m = 0; m < k.size(); ++m) {
                double phase = 0.0;
                for (int a = 0; a < d; ++a) phase += 2.0 * pi * k[m][a] * idx[a] / n;
                s += c[m] * std::polar(1.0, phase);
            }
            out[p] = s.real();
        }
        return out;
    }
};

trig product(const trig& u, const trig& w) {
    trig out;
    for (std::size_t a = 0; a < u.k.size(); ++a)
        for (std::size_t b = 0; b < w.k.size(); ++b) {
            std::vector<int> kk(u.k[a].size());
            for (std::size_t q = 0; q < kk.size(); ++q) kk[q] = u.k[a][q] + w.k[b][q];
            out.k.push_back(kk);
            out.c.push_back(u.c[a] * w.c[b]);
        }
    return out;
}

// The pair form iint (v(x) - v(y)).grad G(x - y) f(x) f(y), grad G(z) = sum_{p != 0} 2 pi i p
// G^(p) e^{2 pi i p.z}: = sum_p G^(p) sum_a 2 pi i p_a [conj((v_a f)^(p)) f^(p) - conj(f^(p)) (v_a f)^(p)]
// (f, v_a real), a finite sum over the modes of v_a f.
double pair_form(const kernel::riesz_kernel& g, const trig& f, const std::vector<trig>& v) {
    const int d = g.d();
    std::complex<double> sum = 0.0;
    for (int a = 0; a < d; ++a) {
        const trig vf = product(v[a], f);
        std::vector<std::vector<int>> seen;
        for (const auto& p : vf.k) {
            if (std::find(seen.begin(), seen.end(), p) != seen.end()) continue;
            seen.push_back(p);
            double p2 = 0.0;
            for (int c : p) p2 += double(c) * c;
            if (p2 == 0.0) continue;
            const double gp = g.fourier_constant() / (4.0 * pi * pi * p2);
            const std::complex<double> fp = f.coefficient(p), vfp = vf.coefficient(p);
            sum += gp * std::complex<double>(0.0, 2.0 * pi * p[a]) * (std::conj(vfp) * fp - std::conj(fp) * vfp);
        }
    }
    return sum.real();
}

}  // namespace

BOOST_AUTO_TEST_CASE(commutator_through_the_stress_tensor)
{
    // electric.md 5: pair form = (1/c_d) int Dv : [grad h]. f, v trigonometric polynomials of
    // band 2, grid n = 16 > 3 * 2: the tensor form is exact up to the rounding of FFTs of 16^d
    // points (1e-12 relative to the scale sum |G^| |p| |coefficients|, here ~1).
    for (int d : {2, 3}) {
        const kernel::riesz_kernel g(d, d - 2.0);
        trig f;
        std::vector<trig> v(d);
        if (d == 2) {
            f.add_real({1, 0}, 1.0, 0.3);
            f.add_real({1, 2}, 0.7, -1.1);
            f.add_real({0, 1}, 0.5, 2.0);
            v[0].add_real({0, 1}, 1.0, 0.2);
            v[0].add_real({1, 1}, 0.4, 0.0);
            v[1].add_real({1, 0}, 0.8, -0.5);
            v[1].add_real({2, -1}, 0.3, 1.0);
        } else {
            f.add_real({1, 0, 0}, 1.0, 0.3);
            f.add_real({0, 1, 1}, 0.7, -1.1);
            f.add_real({1, -1, 0}, 0.5, 2.0);
            v[0].add_real({0, 1, 0}, 1.0, 0.2);
            v[0].add_real({0, 0, 1}, 0.6, 0.9);
            v[1].add_real({1, 0, 1}, 0.8, -0.5);
            v[2].add_real({1, 1, 0}, 0.3, 1.0);
            v[2].add_real({0, 1, 0}, 0.5, -0.3);
        }
        const int n = 16;
        std::vector<std::vector<double>> vg;
        for (const auto& c : v) vg.push_back(c.on_grid(d, n));
        const double pair = pair_form(g, f, v);
        const double tensor = energy::tensor_commutator(g, n, f.on_grid(d, n), vg);
        BOOST_TEST_MESSAGE("d = " << d << ": pair form " << pair << ", tensor form " << tensor);
        BOOST_TEST(std::abs(pair) > 0.05);
        BOOST_TEST(std::abs(tensor - pair) <= 1e-12);
    }
}

BOOST_AUTO_TEST_CASE(the_study_check_refuses_electric_energy_outside_its_domain)
{
    // The observable is the Coulomb field energy on the torus against mu = 1 or a spectral mu^t
    // whose band fits in the electric band (electric.md);
    // the study check names the key and the reason before anything runs.
    const auto error_of = [](const char* text) {
        try {
            study::parse_study(nlohmann::json::parse(text), ".");
        } catch (const input_error& e) {
            return std::string(e.what());
        }
        return std::string();
    };
    const auto has = [](const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; };
    BOOST_TEST(has(error_of(R"({"name": "w", "model": {"d": 3, "s": 1}, "initial": {"law": {"type": "uniform_ball"}},
        "N": [20], "observables": ["modulated_energy", "electric_energy"]})"),
                   "set /model/domain to \"torus\""));
    BOOST_TEST(has(error_of(R"({"name": "r", "model": {"d": 3, "s": 0.5, "domain": "torus"},
        "initial": {"law": {"type": "uniform"}}, "reference": {"type": "exact"}, "N": [20],
        "observables": ["modulated_energy", "electric_energy"]})"),
                   "needs the Coulomb kernel"));
    BOOST_TEST(has(error_of(R"({"name": "f", "model": {"d": 3, "s": 1, "domain": "torus"},
        "initial": {"law": {"type": "fourier", "modes": [{"k": [1, 0, 0], "amplitude": 0.1}]}},
        "reference": {"type": "spectral", "grid": 128}, "N": [20], "observables": ["modulated_energy", "electric_energy"]})"),
                   "/reference/grid = 128"));
    BOOST_TEST(error_of(R"({"name": "s", "model": {"d": 2, "s": 0, "domain": "torus"},
        "initial": {"law": {"type": "fourier", "modes": [{"k": [1, 0], "amplitude": 0.1}]}},
        "reference": {"type": "spectral"}, "N": [20], "observables": ["modulated_energy", "electric_energy"]})") == "");
    BOOST_TEST(error_of(R"({"name": "ok", "model": {"d": 3, "s": 1, "domain": "torus"},
        "initial": {"law": {"type": "uniform"}}, "reference": {"type": "exact"}, "N": [20],
        "observables": ["modulated_energy", "electric_energy"]})") == "");
}
