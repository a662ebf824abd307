#include <mfv/energy/electric_energy.hpp>

#include <mfv/core/error.hpp>
#include <mfv/domain/torus.hpp>
#include <mfv/domain/torus_distance.hpp>
#include <mfv/interaction/ewald_split.hpp>

#include "../meanfield/fftw_support.hpp"

#include <boost/math/special_functions/bessel.hpp>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <sstream>

namespace mfv::energy {

namespace {

constexpr double pi = std::numbers::pi;

// The band's wave vectors in the r2c layout of an n^d grid: entry e <-> (i_0, ..., i_{d-1}),
// the last index fastest and in [0, n/2]; k_a = i_a (i_a <= n/2) or i_a - n.
struct band_layout {
    int d, n, K;
    std::size_t size() const {
        std::size_t s = static_cast<std::size_t>(n / 2 + 1);
        for (int a = 0; a + 1 < d; ++a) s *= static_cast<std::size_t>(n);
        return s;
    }
    // k of entry e; false when it lies outside the band |k|_inf <= K.
    bool wave_vector(std::size_t e, int* k) const {
        meanfield::detail::r2c_wave_vector(d, n, e, k);
        for (int a = 0; a < d; ++a)
            if (std::abs(k[a]) > K) return false;
        return true;
    }
};

double norm2(const int* k, int d) {
    double s = 0.0;
    for (int a = 0; a < d; ++a) s += double(k[a]) * k[a];
    return s;
}

// e^{-2 pi i m x} for m = 0..K, row m of (re, im) tables of length n: the argument reduced
// mod 1 before the multiplication by 2 pi keeps it accurate for large m x.
void phase_table(const double* x, std::size_t n, int K, std::vector<double>& re, std::vector<double>& im) {
    re.assign(static_cast<std::size_t>(K + 1) * n, 0.0);
    im.assign(re.size(), 0.0);
    for (int m = 0; m <= K; ++m)
        for (std::size_t j = 0; j < n; ++j) {
            const double u = m * x[j];
            const double arg = -2.0 * pi * (u - std::nearbyint(u));
            re[m * n + j] = std::cos(arg);
            im[m * n + j] = std::sin(arg);
        }
}

}  // namespace

namespace {

// mu = 1 + sum_m a_m cos(2 pi k_m.x + phi_m) as a torus series of band max_m |k_m|_inf.
meanfield::torus_series series_of(int d, int band, const std::vector<fourier_mode>& modes) {
    int mu_band = 0;
    double total = 0.0;
    for (std::size_t m = 0; m < modes.size(); ++m) {
        if (modes[m].k.size() != static_cast<std::size_t>(d))
            throw input_error("electric energy: mode " + std::to_string(m) + " of mu has " +
                              std::to_string(modes[m].k.size()) + " entries, not d = " + std::to_string(d));
        bool zero = true;
        for (int c : modes[m].k) {
            zero = zero && c == 0;
            mu_band = std::max(mu_band, std::abs(c));
        }
        if (zero) throw input_error("electric energy: mode " + std::to_string(m) + " of mu has k = 0");
        total += std::abs(modes[m].amplitude);
    }
    if (!(total < 1.0)) throw input_error("electric energy: the amplitudes of mu add up to >= 1 (mu not positive)");
    if (mu_band > band)
        throw input_error("electric energy: a mode of mu lies outside the band K = " + std::to_string(band));
    meanfield::torus_series mu(d, mu_band);
    const int zero[3] = {0, 0, 0};
    mu.set(mu.index(zero), 1.0);
    for (const auto& m : modes) mu.add_cosine(m.k.data(), m.amplitude, m.phase);
    return mu;
}

}  // namespace

electric_plan::electric_plan(const kernel::riesz_kernel& g, int band, double eta, const std::vector<fourier_mode>& mu)
    : electric_plan(g, band, eta, series_of(g.d(), std::max(band, 0), mu)) {}

electric_plan::electric_plan(const kernel::riesz_kernel& g, int band, double eta, meanfield::torus_series mu)
    : g_(g), K_(band), eta_(eta), mu_(std::move(mu)), c_d_(g.fourier_constant()),
      regular_part_(interaction::regular_part_at_zero(g)) {
    if (!g.is_coulomb() || (g.d() != 2 && g.d() != 3))
        throw input_error("electric energy: the field-energy formulation is for the Coulomb kernel in d = 3 (s = 1) or "
                          "d = 2 (log), not " + g.describe());
    if (band < 1) throw input_error("electric energy: band K = " + std::to_string(band) + " must be >= 1");
    if (!(eta > 0.0 && eta < 0.25))
        throw input_error("electric energy: eta = " + std::to_string(eta) +
                          " must lie in (0, 1/4) (the pair correction is supported in |x| < 2 eta < 1/2)");
    if (mu_.dim() != g.d() || mu_.band() > band)
        throw input_error("electric energy: mu has d = " + std::to_string(mu_.dim()) + " and band " +
                          std::to_string(mu_.band()) + ", need d = " + std::to_string(g.d()) + " and band <= K = " +
                          std::to_string(band));
    if (!(std::abs(mu_.mean() - 1.0) <= 1e-12))
        throw input_error("electric energy: mu has mass " + std::to_string(mu_.mean()) + ", not 1");
}

double electric_plan::sphere_transform(double xi, double eta) const {
    const double r = xi * eta;
    if (g_.d() == 3) return r < 1e-4 ? 1.0 - r * r / 6.0 : std::sin(r) / r;
    return boost::math::cyl_bessel_j(0, r);
}

double electric_plan::cutoff_transform(double xi, double eta) const {
    const double r = xi * eta;
    // 1 - s^(r) by its series for small r: r^2/6 - r^4/120 (3D), r^2/4 - r^4/64 (2D).
    const double one_minus = r < 1e-3 ? (g_.d() == 3 ? r * r / 6.0 - r * r * r * r / 120.0
                                                     : r * r / 4.0 - r * r * r * r / 64.0)
                                      : 1.0 - sphere_transform(xi, eta);
    return c_d_ * one_minus / (xi * xi);
}

double electric_plan::smeared_self(double eta) const {
    return g_.value_r2(eta * eta) + regular_part_ + c_d_ * eta * eta / g_.d();
}

// mu^(k) for k != 0 on the band (0 beyond mu's band); the half spectrum holds k_last >= 0.
std::complex<double> electric_plan::density_coefficient(const int* k) const {
    const int d = g_.d(), band = mu_.band();
    int kk[3] = {0, 0, 0};
    const bool flip = k[d - 1] < 0;
    for (int a = 0; a < d; ++a) {
        if (std::abs(k[a]) > band) return 0.0;
        kk[a] = flip ? -k[a] : k[a];
    }
    const std::complex<double> c = mu_[mu_.index(kk)];
    return flip ? std::conj(c) : c;
}

// S(k)/N = (1/N) sum_j prod_a e^{-2 pi i k_a x_{j,a}} from per-coordinate phase tables; each
// entry is one sequential sum over j, so the result does not depend on the thread count.
std::vector<std::complex<double>> electric_plan::structure_factor(points_view x) const {
    const int d = g_.d(), n = grid(), K = K_;
    const band_layout layout{d, n, K};
    std::vector<std::vector<double>> re(d), im(d);
    std::vector<double> wrapped(x.n);
    for (int a = 0; a < d; ++a) {
        for (std::size_t j = 0; j < x.n; ++j) wrapped[j] = domain::wrap(x(j, a));
        phase_table(wrapped.data(), x.n, K, re[a], im[a]);
    }
    std::vector<std::complex<double>> s(layout.size(), 0.0);
    const std::size_t half = static_cast<std::size_t>(n / 2 + 1);
    const std::size_t rows = s.size() / half;
    const double inv_n = 1.0 / static_cast<double>(x.n);
#pragma omp parallel for schedule(dynamic)
    for (std::size_t row = 0; row < rows; ++row) {
        int k[3] = {0, 0, 0};
        if (!layout.wave_vector(row * half, k)) continue;
        std::vector<double> pr(x.n, 1.0), pi_(x.n, 0.0);
        for (int a = 0; a + 1 < d; ++a) {
            const int m = std::abs(k[a]);
            const double sign = k[a] < 0 ? -1.0 : 1.0;
            for (std::size_t j = 0; j < x.n; ++j) {
                const double cr = re[a][m * x.n + j], ci = sign * im[a][m * x.n + j];
                const double r = pr[j] * cr - pi_[j] * ci;
                pi_[j] = pr[j] * ci + pi_[j] * cr;
                pr[j] = r;
            }
        }
        const auto& lr = re[d - 1];
        const auto& li = im[d - 1];
        for (int m = 0; m <= K; ++m) {
            double sr = 0.0, si = 0.0;
            for (std::size_t j = 0; j < x.n; ++j) {
                sr += pr[j] * lr[m * x.n + j] - pi_[j] * li[m * x.n + j];
                si += pr[j] * li[m * x.n + j] + pi_[j] * lr[m * x.n + j];
            }
            s[row * half + m] = {sr * inv_n, si * inv_n};
        }
    }
    return s;
}

// sum_{0 < |k|_inf <= K} G^(k) |S(k) s_eta^(k)/N - mu^(k)|^2 over the half space, the entries
// with k_{d-1} > 0 counted twice (their mirrors -k are not stored).
double electric_plan::band_energy(const std::vector<std::complex<double>>& s, double eta) const {
    const int d = g_.d();
    const band_layout layout{d, grid(), K_};
    long double sum = 0.0L;
    int k[3] = {0, 0, 0};
    for (std::size_t e = 0; e < s.size(); ++e) {
        if (!layout.wave_vector(e, k)) continue;
        const double k2 = norm2(k, d);
        if (k2 == 0.0) continue;
        const double xi = 2.0 * pi * std::sqrt(k2);
        const std::complex<double> nu = s[e] * sphere_transform(xi, eta) - density_coefficient(k);
        const double weight = k[d - 1] > 0 ? 2.0 : 1.0;
        sum += weight * c_d_ / (xi * xi) * std::norm(nu);
    }
    return static_cast<double>(sum);
}

double electric_plan::diagonal_band_sum(double eta) const {
    const int d = g_.d();
    long double sum = 0.0L;
    int k[3] = {0, 0, 0};
    const int last = d - 1;
    const int span = 2 * K_ + 1;
    const long total = d == 3 ? long(span) * span * span : long(span) * span;
    for (long e = 0; e < total; ++e) {
        long r = e;
        for (int a = last; a >= 0; --a) {
            k[a] = static_cast<int>(r % span) - K_;
            r /= span;
        }
        const double k2 = norm2(k, d);
        if (k2 == 0.0) continue;
        const double xi = 2.0 * pi * std::sqrt(k2);
        const double t = sphere_transform(xi, eta);
        sum += c_d_ / (xi * xi) * t * t;
    }
    return static_cast<double>(sum);
}

double electric_plan::diagonal_tail(double eta) const { return smeared_self(eta) - diagonal_band_sum(eta); }

// (1/c_d) mean over the n^d grid of |grad H|^2, grad H^(k) = 2 pi i k G^(k) nu^(k), after one
// inverse r2c FFT a component (FFTW3, the layout of structure_factor()).
double electric_plan::grid_field_energy(const std::vector<std::complex<double>>& s) const {
    namespace fx = meanfield::detail;
    const int d = g_.d(), n = grid();
    const band_layout layout{d, n, K_};
    std::size_t points = 1;
    for (int a = 0; a < d; ++a) points *= static_cast<std::size_t>(n);
    auto spectrum = fx::fftw_zeros<std::complex<double>>(s.size());
    auto field = fx::fftw_zeros<double>(points);
    const auto plan = fx::plan_c2r(d, n, spectrum.get(), field.get());
    long double sum = 0.0L;
    int k[3] = {0, 0, 0};
    for (int a = 0; a < d; ++a) {
        for (std::size_t e = 0; e < s.size(); ++e) {
            spectrum[e] = 0.0;
            if (!layout.wave_vector(e, k)) continue;
            const double k2 = norm2(k, d);
            if (k2 == 0.0) continue;
            const double xi = 2.0 * pi * std::sqrt(k2);
            const std::complex<double> nu = s[e] * sphere_transform(xi, eta_) - density_coefficient(k);
            spectrum[e] = std::complex<double>(0.0, 2.0 * pi * k[a]) * (c_d_ / (xi * xi)) * nu;
        }
        fftw_execute_dft_c2r(plan.get(), fx::as_fftw(spectrum.get()), field.get());
        for (std::size_t p = 0; p < points; ++p) sum += static_cast<long double>(field[p]) * field[p];
    }
    return static_cast<double>(sum / static_cast<long double>(points) / c_d_);
}

void electric_plan::check_distances(points_view x) const {
    const auto closest = domain::closest_pair_on_torus(x);
    if (!(closest.distance < 2.0 * eta_)) return;
    std::ostringstream m;
    m.precision(6);
    m << "electric energy: particles " << closest.i << " and " << closest.j << " are " << closest.distance
      << " apart, closer than 2 eta = " << 2.0 * eta_ << " (eta must be below half the minimal distance)";
    throw input_error(m.str());
}

// X_eta = (2/N) sum_i (f_eta * mu)(x_i) = 2 sum_k f_eta^(2 pi |k|) mu^(k) conj(S(k))/N
// (electric.md 2), f_eta^(0) = c_d eta^2/(2d): over mu's band, which lies inside K.
double electric_plan::cross_from(const std::vector<std::complex<double>>& s, double eta) const {
    const int d = g_.d();
    const band_layout layout{d, grid(), K_};
    long double sum = c_d_ * eta * eta / d * mu_.mean();
    int k[3] = {0, 0, 0};
    for (std::size_t e = 0; e < s.size(); ++e) {
        if (!layout.wave_vector(e, k)) continue;
        const double k2 = norm2(k, d);
        if (k2 == 0.0) continue;
        const std::complex<double> mu_k = density_coefficient(k);
        if (mu_k == 0.0) continue;
        const double weight = k[d - 1] > 0 ? 2.0 : 1.0;
        sum += 2.0 * weight * cutoff_transform(2.0 * pi * std::sqrt(k2), eta) * (mu_k * std::conj(s[e])).real();
    }
    return static_cast<double>(sum);
}

double electric_plan::cross_term(points_view x, double eta) const {
    check_points(x, {eta});
    return cross_from(structure_factor(x), eta);
}

void electric_plan::check_points(points_view x, const std::vector<double>& etas) const {
    if (x.d != g_.d()) throw input_error("electric energy: the points have d = " + std::to_string(x.d));
    if (x.n == 0) throw input_error("electric energy: no points");
    for (double e : etas)
        if (!(e > 0.0 && e < 0.25))
            throw input_error("electric energy: truncation radius " + std::to_string(e) + " must lie in (0, 1/4)");
}

electric_terms electric_plan::evaluate(points_view x) const {
    std::vector<truncation_point> none;
    return evaluate(x, {}, none);
}

electric_terms electric_plan::evaluate(points_view x, const std::vector<double>& etas,
                                       std::vector<truncation_point>& ladder) const {
    check_points(x, etas);
    check_distances(x);
    const auto s = structure_factor(x);
    const double n = static_cast<double>(x.n);
    electric_terms t{};
    t.eta = eta_;
    t.field_energy = band_energy(s, eta_);
    t.field_energy_grid = grid_field_energy(s);
    t.self_term = (g_.value_r2(eta_ * eta_) + regular_part_) / n;
    t.cross_term = cross_from(s, eta_);
    t.diagonal_tail = diagonal_tail(eta_) / n;
    t.value_band = t.field_energy - t.self_term - t.cross_term;
    t.value = t.value_band + t.diagonal_tail;
    ladder = ladder_from(s, n, etas);
    return t;
}

std::vector<truncation_point> electric_plan::ladder_from(const std::vector<std::complex<double>>& s, double n,
                                                         const std::vector<double>& etas) const {
    std::vector<truncation_point> out;
    for (double e : etas)
        out.push_back({e, band_energy(s, e) + diagonal_tail(e) / n - (g_.value_r2(e * e) + regular_part_) / n,
                       cross_from(s, e)});
    return out;
}

std::vector<truncation_point> electric_plan::truncated_energies(points_view x, const std::vector<double>& etas) const {
    check_points(x, etas);
    return ladder_from(structure_factor(x), static_cast<double>(x.n), etas);
}

std::string electric_plan::describe() const {
    std::ostringstream o;
    o.precision(6);
    o << "electric field energy, d = " << g_.d() << ", band |k|_inf <= " << K_ << " (grid " << grid() << "^" << g_.d()
      << "), eta = " << eta_ << ", mu of band " << mu_.band() << ", diagonal tail T_K(N=1) = " << accuracy_model();
    return o.str();
}

}  // namespace mfv::energy
