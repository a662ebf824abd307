// The cut-offs of the plain Ewald sum of ewald.hpp (MATH.md section 6).
//
// For truncation level eps = accuracy * truncation_margin (ewald_cutoffs.hpp): r_cut balances
// the modelled costs of the real-space and Fourier sums for the expected N
// (ewald_plan::real_cutoff_for), alpha follows from r_cut (ewald_parameters), and k_cut is
// the larger of ewald_parameters' and the tail rule of fourier_cutoff. The images within
// r_cut (image_vectors) enter both the cost model and the real-space sum of ewald.cpp.
#include <mfv/interaction/ewald.hpp>

#include "ewald_cutoffs.hpp"

#include <boost/math/constants/constants.hpp>
#include <boost/math/quadrature/gauss_kronrod.hpp>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <limits>

namespace mfv::interaction {
namespace {

constexpr double pi = boost::math::constants::pi<double>();

// Modelled cost, in nanoseconds, of one evaluation (potentials and gradients) for n
// particles with real cut-off r, from the per-item CPU times measured on the development
// machine (AMD EPYC, AVX-512, GCC 12, one thread): the minimum-image difference and test
// of a pair (2.5 ns, times the images tested when r > 1/2); the special functions of a
// pair within r (30 to 60 ns when s is an integer, where Boost.Math has closed forms, about
// 230 ns otherwise); the structure factor and evaluation per particle and half-space k
// (1.5 ns); the phase tables, 4 sqrt(k_cut) sin_pi / cos_pi per particle and dimension
// (20 ns each).
double modelled_cost(const kernel::riesz_kernel& g, std::size_t n, double r, double k_cut, std::size_t images) {
    constexpr double per_check = 2.5, per_wave = 1.5, per_phase = 20.0;
    const double per_pair = g.integer_s() ? 50.0 : 230.0;
    const int d = g.d();
    const double volume = d == 1 ? 2.0 : d == 2 ? pi : 4.0 * pi / 3.0;
    const double nn = static_cast<double>(n);
    const double pairs = nn * nn * volume * std::pow(r, d);
    const double waves = 0.5 * volume * std::pow(k_cut, d);
    return per_check * nn * nn * static_cast<double>(images) + per_pair * pairs + per_wave * nn * waves +
           per_phase * nn * d * 4.0 * std::sqrt(k_cut + 1.0);
}

}  // namespace

namespace ewald_detail {

// The lattice vectors n with |y + n| < r_cut for some y in [-1/2, 1/2]^d, n = 0 first.
std::vector<std::array<int, 3>> image_vectors(int d, double r_cut) {
    std::vector<std::array<int, 3>> out{{0, 0, 0}};
    const int m = static_cast<int>(std::ceil(r_cut + 0.5));
    const int m1 = d > 1 ? m : 0, m2 = d > 2 ? m : 0;
    for (int a = -m; a <= m; ++a)
        for (int b = -m1; b <= m1; ++b)
            for (int c = -m2; c <= m2; ++c) {
                if (a == 0 && b == 0 && c == 0) continue;
                double gap2 = 0.0;
                for (int v : {a, b, c}) {
                    const double gap = std::max(0.0, std::abs(v) - 0.5);
                    gap2 += gap * gap;
                }
                if (gap2 < r_cut * r_cut) out.push_back({a, b, c});
            }
    return out;
}

// The Fourier cut-off for truncation level eps: at least the k_cut of ewald_parameters,
// which bounds each neglected coefficient, phi(|k|^2) <= eps g^(k). When s is near d the
// coefficients decay slowly and each unit of |k| holds ~k_cut^(d-1) of them, so their sum
// is far above eps times the kernel (5 eps measured at d = 3, s = 2.9, r_cut = 0.15). For
// points in general position the neglected terms of phi_i add with random phases:
//   E |error_i|^2 = sum_{j != i} q_j^2 ||E||^2,  E(x) = sum_{|k| >= k_cut} phi(|k|^2) e^{2 pi i k.x},
// while the pairs beyond r_cut alone give sum_{j != i} q_j^2 ||g||^2 over the band
// r_a <= |x| <= 1/2 (r_a = min(r_cut, 1/4)). So k_cut is raised, if needed, until
//   ||E||_2 <= eps ||g||_{L2(band)}   and   ||grad E||_2 <= eps ||grad g||_{L2(band)},
// with ||E||^2 = sum_{|k| >= k_cut} phi^2 ~ |S^(d-1)| int_{k_cut}^inf k^(d-1) phi(k^2)^2 dk
// (the lattice sum as an integral) and (2 pi k)^2 phi^2 for the gradient. For Coulomb in
// d = 3 this is looser than ewald_parameters and changes nothing.
double fourier_cutoff(const ewald_split& split, double eps, double r_cut, double k_cut) {
    using boost::math::quadrature::gauss_kronrod;
    const auto& g = split.kernel();
    const int d = g.d();
    const double sphere = d == 1 ? 2.0 : d == 2 ? 2.0 * pi : 4.0 * pi;
    const double r_a = std::min(r_cut, 0.25);
    const double band_phi = sphere * gauss_kronrod<double, 31>::integrate(
        [&](double r) { return std::pow(r, d - 1) * std::pow(g.value_r2(r * r), 2); }, r_a, 0.5, 10, 1e-8);
    const double band_grad = sphere * gauss_kronrod<double, 31>::integrate(
        [&](double r) { return std::pow(r, d + 1) * std::pow(g.repulsion_r2(r * r), 2); }, r_a, 0.5, 10, 1e-8);
    // |k| = k + t alpha / pi: phi^2 ~ e^(-2 pi^2 |k|^2 / alpha^2) has fallen by e^(-128) at t = 8.
    const double unit = split.alpha() / pi;
    const auto tail = [&](double k, int power) {
        return sphere * unit * gauss_kronrod<double, 31>::integrate(
            [&](double t) {
                const double kk = k + t * unit;
                const double c = split.fourier_coefficient(kk * kk);
                return std::pow(kk, d - 1) * std::pow(2.0 * pi * kk, 2 * power) * c * c;
            },
            0.0, 8.0, 10, 1e-8);
    };
    const auto enough = [&](double k) {
        return tail(k, 0) <= eps * eps * band_phi && tail(k, 1) <= eps * eps * band_grad;
    };
    if (enough(k_cut)) return k_cut;
    double lo = k_cut, hi = k_cut + 0.5 * unit;
    while (!enough(hi)) lo = hi, hi += 0.5 * unit;
    for (int it = 0; it < 40 && hi - lo > 1e-6 * hi; ++it) {
        const double mid = 0.5 * (lo + hi);
        (enough(mid) ? hi : lo) = mid;
    }
    return hi;
}

}  // namespace ewald_detail

using ewald_detail::image_vectors;

double ewald_plan::real_cutoff_for(const kernel::riesz_kernel& g, double eps, std::size_t n) {
    // k_cut scales as 1 / r_cut at fixed eps (alpha r_cut and pi k_cut / alpha are fixed).
    const double k_cut_at_one = ewald_parameters::for_real_cutoff(g, eps, 1.0).k_cut;
    double best_r = 0.5, best_cost = std::numeric_limits<double>::infinity();
    for (double r = 0.02; r <= 2.5; r *= 1.02) {
        const double cost = modelled_cost(g, n, r, k_cut_at_one / r, image_vectors(g.d(), r).size());
        if (cost < best_cost) best_cost = cost, best_r = r;
    }
    return best_r;
}

}  // namespace mfv::interaction
