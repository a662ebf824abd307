#include <mfv/interaction/ewald_split.hpp>

#include <mfv/core/error.hpp>
#include <mfv/domain/torus.hpp>

#include <boost/math/constants/constants.hpp>
#include <boost/math/special_functions/expint.hpp>
#include <boost/math/special_functions/gamma.hpp>

#include <array>
#include <cmath>
#include <functional>
#include <stdexcept>
#include <string>

namespace mfv::interaction {

namespace {

constexpr double pi = boost::math::constants::pi<double>();
constexpr double euler_gamma = boost::math::constants::euler<double>();

// Relative real-space tail at xi = alpha r (MATH.md section 6): the larger of the
// potential's ratio psi/g and the force's ratio (-psi'/r) / |x|^(-s-2).
//   Riesz: Q(s/2, xi^2) and Q(s/2, xi^2) + 2 xi^s e^(-xi^2) / (s Gamma(s/2));
//   log:   E1(xi^2)/2 (against g of size 1) and e^(-xi^2).
double real_tail_xi(const kernel::riesz_kernel& g, double xi) {
    const double u = xi * xi;
    if (g.is_log()) return std::max(0.5 * boost::math::expint(1, u), std::exp(-u));
    const double s = g.s();
    const double q = boost::math::gamma_q(0.5 * s, u);
    return q + 2.0 * std::pow(xi, s) * std::exp(-u) / (s * boost::math::tgamma(0.5 * s));
}

// Relative Fourier tail at zeta = pi |k| / alpha: Q((d - s)/2, zeta^2).
double fourier_tail_zeta(const kernel::riesz_kernel& g, double zeta) {
    return boost::math::gamma_q(0.5 * (g.d() - g.s()), zeta * zeta);
}

// The smallest x in (0, 64] with tail(x) <= eps, by bisection (each tail decreases).
double solve_tail(const std::function<double(double)>& tail, double eps) {
    double lo = 0.0, hi = 1.0;
    while (tail(hi) > eps) {
        lo = hi;
        hi *= 2.0;
        if (hi > 64.0) throw input_error("Ewald cut-off: accuracy " + std::to_string(eps) + " cannot be met");
    }
    for (int it = 0; it < 100 && hi - lo > 1e-12 * hi; ++it) {
        const double mid = 0.5 * (lo + hi);
        (tail(mid) > eps ? lo : hi) = mid;
    }
    return hi;
}

// Visit every integer vector with |v| < radius (d components; unused ones are 0).
template <class F>
void for_each_lattice_vector(int d, double radius, F&& f) {
    const int m = static_cast<int>(std::ceil(radius));
    std::array<int, 3> v{0, 0, 0};
    const int m1 = d > 1 ? m : 0, m2 = d > 2 ? m : 0;
    for (v[0] = -m; v[0] <= m; ++v[0])
        for (v[1] = -m1; v[1] <= m1; ++v[1])
            for (v[2] = -m2; v[2] <= m2; ++v[2]) {
                const double n2 = double(v[0]) * v[0] + double(v[1]) * v[1] + double(v[2]) * v[2];
                if (n2 < radius * radius) f(v, n2);
            }
}

}  // namespace

ewald_split::ewald_split(const kernel::riesz_kernel& g, double alpha) : g_(g), alpha_(alpha) {
    if (!(alpha > 0.0) || !std::isfinite(alpha))
        throw input_error("Ewald splitting parameter alpha = " + std::to_string(alpha) + " must be positive");
    using boost::math::tgamma;
    const double d = g.d(), s = g.s();
    b_ = 0.5 * (d - s);
    if (g.is_log()) {
        a_ = 0.0;
        real_scale_ = 0.5;
        force_scale_ = 1.0;
        fourier_scale_ = 1.0 / (2.0 * std::pow(pi, 0.5 * d));
        background_ = -std::pow(pi, 0.5 * d) * std::pow(alpha, -d) / d;
        self_ = -0.5 * euler_gamma - std::log(alpha);
    } else {
        a_ = 0.5 * s;
        real_scale_ = 1.0 / s;
        force_scale_ = 2.0 * std::pow(alpha, s) / (s * tgamma(a_));
        fourier_scale_ = std::pow(pi, s - 0.5 * d) / (s * tgamma(a_));
        background_ = -2.0 * std::pow(pi, 0.5 * d) * std::pow(alpha, s - d) / ((d - s) * s * tgamma(a_));
        self_ = -std::pow(alpha, s) / (s * tgamma(a_ + 1.0));
    }
}

double ewald_split::real_value(double r2) const {
    const double u = alpha_ * alpha_ * r2;
    if (g_.is_log()) return 0.5 * boost::math::expint(1, u);
    return real_scale_ * boost::math::gamma_q(a_, u) * std::pow(r2, -a_);
}

// psi'(r) for the Riesz case, from MATH.md section 6 divided by s:
//   -psi'(r)/r = 2 alpha^s e^(-alpha^2 r^2) / (s Gamma(s/2) r^2) + Q(s/2, alpha^2 r^2) r^(-s-2);
// log: -psi'(r)/r = e^(-alpha^2 r^2) / r^2.
double ewald_split::real_repulsion(double r2) const {
    const double u = alpha_ * alpha_ * r2;
    if (g_.is_log()) return std::exp(-u) / r2;
    return force_scale_ * std::exp(-u) / r2 + boost::math::gamma_q(a_, u) * std::pow(r2, -a_ - 1.0);
}

double ewald_split::fourier_coefficient(double k2) const {
    const double z = pi * pi * k2 / (alpha_ * alpha_);
    const double gam = boost::math::tgamma(b_, z);  // upper incomplete, not regularized
    if (g_.is_log()) return fourier_scale_ * gam * std::pow(k2, -0.5 * g_.d());
    return fourier_scale_ * gam * std::pow(k2, 0.5 * (g_.s() - g_.d()));
}

double ewald_split::real_tail(double r) const { return real_tail_xi(g_, alpha_ * r); }
double ewald_split::fourier_tail(double k) const { return fourier_tail_zeta(g_, pi * k / alpha_); }

ewald_parameters ewald_parameters::for_real_cutoff(const kernel::riesz_kernel& g, double eps, double r_cut) {
    if (!(eps > 0.0 && eps < 1.0)) throw input_error("Ewald accuracy " + std::to_string(eps) + " must be in (0, 1)");
    if (!(r_cut > 0.0)) throw input_error("Ewald real-space cut-off must be positive");
    const double xi = solve_tail([&](double x) { return real_tail_xi(g, x); }, eps);
    const double zeta = solve_tail([&](double z) { return fourier_tail_zeta(g, z); }, eps);
    ewald_parameters p;
    p.r_cut = r_cut;
    p.alpha = xi / r_cut;
    p.k_cut = zeta * p.alpha / pi;
    return p;
}

// G_reg(0) = sum_{n != 0} psi(|n|^2) + sum_{k != 0} phi(|k|^2) + background + self
// (MATH.md section 6), with r_cut = 1.5 so that the first shells of images are summed.
double regular_part_at_zero(const kernel::riesz_kernel& g) {
    const auto p = ewald_parameters::for_real_cutoff(g, 1e-17, 1.5);
    const ewald_split split(g, p.alpha);
    long double real = 0.0L, fourier = 0.0L;
    for_each_lattice_vector(g.d(), p.r_cut, [&](const std::array<int, 3>&, double n2) {
        if (n2 > 0.0) real += split.real_value(n2);
    });
    for_each_lattice_vector(g.d(), p.k_cut, [&](const std::array<int, 3>&, double k2) {
        if (k2 > 0.0) fourier += split.fourier_coefficient(k2);
    });
    return static_cast<double>(real + fourier + split.background() + split.self_limit());
}

namespace {

// Plain Ewald sum of G and -grad G at one point, reduced to [-1/2, 1/2)^d.
void periodic_sum(const kernel::riesz_kernel& g, const double* x_in, double eps, double* value,
                  double* minus_grad) {
    const int d = g.d();
    std::array<double, 3> x{0, 0, 0};
    for (int k = 0; k < d; ++k) x[k] = domain::minimum_image(x_in[k]);
    if (x[0] * x[0] + x[1] * x[1] + x[2] * x[2] == 0.0)
        throw input_error("periodic kernel evaluated at x = 0 (mod 1), where it is singular");
    const auto p = ewald_parameters::for_real_cutoff(g, eps, 1.0);
    const ewald_split split(g, p.alpha);
    long double v = split.background();
    std::array<long double, 3> f{0, 0, 0};
    for_each_lattice_vector(d, p.r_cut + 1.0, [&](const std::array<int, 3>& n, double) {
        double y[3], r2 = 0.0;
        for (int k = 0; k < 3; ++k) {
            y[k] = x[k] + n[k];
            r2 += y[k] * y[k];
        }
        if (r2 >= p.r_cut * p.r_cut) return;
        v += split.real_value(r2);
        const double rep = split.real_repulsion(r2);
        for (int k = 0; k < d; ++k) f[k] += rep * y[k];
    });
    // Fourier space shell by shell, m <= |k| < m + 1. ewald_parameters bounds each neglected
    // coefficient by eps g^(k), but when s is near d a shell beyond k_cut holds ~k^(d-1)
    // such terms, and the gradient's carry a factor 2 pi |k|: stopping at k_cut left errors
    // of 1e-11 relative on grad G (8e-14 on G) at eps = 1e-14 for d = 3, s = 2.9, and 3e-10
    // for s = 2.99. So the shells go on until, past k_cut, one adds less than eps / 16 of
    // the kernel's size at x (|g(x)|, at least 1 for the log; |grad g(x)| = |x|^(-s-1));
    // each further shell is smaller by e^(-pi^2 (2m + 1) / alpha^2) < 1e-2 there.
    const double r2x = x[0] * x[0] + x[1] * x[1] + x[2] * x[2];
    const double value_scale = g.is_log() ? std::max(1.0, std::fabs(g.value_r2(r2x))) : g.value_r2(r2x);
    const double grad_scale = std::sqrt(r2x) * g.repulsion_r2(r2x);
    for (int m = 0;; ++m) {
        double shell_value = 0.0, shell_grad = 0.0;
        for_each_lattice_vector(d, m + 1.0, [&](const std::array<int, 3>& k, double k2) {
            if (k2 == 0.0 || k2 < double(m) * m) return;
            const double phase = 2.0 * pi * (k[0] * x[0] + k[1] * x[1] + k[2] * x[2]);
            const double c = split.fourier_coefficient(k2);
            v += c * std::cos(phase);
            // -grad of c cos(2 pi k.x) = 2 pi k c sin(2 pi k.x)
            for (int j = 0; j < d; ++j) f[j] += 2.0 * pi * k[j] * c * std::sin(phase);
            shell_value += std::fabs(c);
            shell_grad += 2.0 * pi * std::sqrt(k2) * std::fabs(c);
        });
        if (m + 1.0 >= p.k_cut && shell_value <= eps / 16 * value_scale && shell_grad <= eps / 16 * grad_scale) break;
        if (m > 64.0 * p.k_cut + 64.0)
            throw std::runtime_error("periodic kernel: the Fourier sum does not converge (alpha = " +
                                     std::to_string(p.alpha) + ")");
    }
    if (value) *value = static_cast<double>(v);
    if (minus_grad)
        for (int k = 0; k < d; ++k) minus_grad[k] = static_cast<double>(f[k]);
}

}  // namespace

double periodic_value(const kernel::riesz_kernel& g, const double* x, double eps) {
    double v = 0.0;
    periodic_sum(g, x, eps, &v, nullptr);
    return v;
}

void periodic_repulsion(const kernel::riesz_kernel& g, const double* x, double* minus_grad, double eps) {
    periodic_sum(g, x, eps, nullptr, minus_grad);
}

}  // namespace mfv::interaction
