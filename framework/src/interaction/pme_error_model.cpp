// The PME error model (pme.hpp, model_pme_errors; pme_model.hpp for the parameter choice).
//
// Measure: two charges placed uniformly at random on the torus; e^2 = E[err^2] for the error
// err of one pair's contribution to phi_i (or grad_i) per unit charge squared. For N charges
// the errors of the N - 1 pairs of particle i are uncorrelated with mean zero (the real-space
// mean is restored by tau, the mesh error of a pair has mean zero over either position), so
// the RMS error of phi_i is e sqrt(sum_j q_j^2), and its relative RMS error e / D with
// D^2 = E[G^2] the same for the exact pair term. D is band-limited (below).
//
// Real space (psi(r) = alpha^s psi1(alpha r), psi1 the alpha = 1 function of ewald_split):
//   e_phi^2  = int_{|y| > r_cut} psi^2 dy = |S^(d-1)| alpha^(2s-d) int_xi^inf psi1(t)^2 t^(d-1) dt,
//   e_grad^2 = int_{|y| > r_cut} psi'^2 dy = |S^(d-1)| alpha^(2s+2-d) int_xi^inf psi1'(t)^2 t^(d-1) dt,
// xi = alpha r_cut (the variance is this minus tau^2, neglected: an upper bound).
//
// Mesh: the spline approximation of e^{2 pi i k.x} is sum_m C_m(k) e^{2 pi i (k + mK).x},
// C_m = prod_a w_{m_a}(k_a / K), w_m(xi) = (xi + m)^-p / sum_m' (xi + m')^-p (the Fourier
// coefficients of the Euler spline for even p; sum_m w_m = 1). Expanding the mesh pair term
// sum_k phi(k) E^_k(x) conj(E^_k(y)) in the modes e^{2 pi i (a.x - b.y)}, which are orthogonal
// on average over x and y, gives for each k of the mesh, with P0 = C_0^2,
// A = sum_m C_m^2, Sg = A - P0 and B' = sum_{m != 0} |2 pi (k + mK)|^2 C_m^2:
//   phi:  phi(k)^2 [(1 - P0)^2 + Sg (2 P0 + Sg)],
//   grad: phi(k)^2 [|2 pi k|^2 ((1 - P0)^2 + P0 Sg) + B' A],
// plus, for the k outside the mesh (|k_a| > K/2 for some a), the omitted phi(k)^2 (times
// |2 pi k|^2) (a cross term of aliased and omitted modes is dropped, an upper bound). The
// small differences (1 - P0, Sg, B') are formed from the per-axis aliasing sums directly, not
// by cancellation. The sum over k is exact on the lattice while alpha is small (the terms
// vary on the scale alpha/pi) and a radial-angular quadrature of the same integrand beyond.
//
// Scale: for N uniform charges the sample mean of phi_i^2 is about sum_k |g^(k)|^2 |S(k)|^2 / N
// (g^(k) = c_{d,s} |2 pi k|^(s-d), MATH.md sections 1 and 6; S the structure factor), and
// |S(k)|^2 / sum_j q_j^2 is exponentially distributed, one variable for each pair +-k. D^2 is
// the 5% quantile of that sum, in the Gamma approximation with its mean and variance, over
// the 0 < |k| < k0 with V_d k0^d = N / 2^d (wavelengths longer than twice the interparticle
// distance); the same with |2 pi k|^2 |g^(k)|^2 for the gradient; and a nearest-neighbour
// estimate (below in pair_scales) when it is larger. For the potential,
// g^(k) - g^(k0) replaces g^(k): a band of modes of equal weight is a smoothed point mass,
// which for s near d (g^ nearly flat, of size 1/(d - s)) would stand for the integral of g
// over a ball of the interparticle size, far more than the particles actually in it give
// (the scale was 10 times the samples' RMS at s = d - 0.01); the subtraction leaves the
// other kernels' scales nearly unchanged. So a configuration has a smaller RMS phi only when
// its few longest waves are unusually weak (the log kernels, dominated by the first shells of
// k) or, for s near d, when it lacks the close pairs that the band stands for; a relative
// error above the model's is then rare (pme_test.cpp measures the spread over 40 samples).
#include <mfv/interaction/pme.hpp>

#include <mfv/core/error.hpp>
#include <mfv/interaction/ewald_split.hpp>

#include "pme_model.hpp"
#include "pme_parts.hpp"

#include <boost/math/constants/constants.hpp>
#include <boost/math/quadrature/gauss.hpp>
#include <boost/math/special_functions/gamma.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <limits>
#include <string>
#include <vector>

namespace mfv::interaction {

namespace {

constexpr double pi = boost::math::constants::pi<double>();

using pme_detail::ball_volume;
using pme_detail::sphere_area;

// int_xi^inf psi1(t)^2 t^(d-1) dt and int_xi^inf psi1'(t)^2 t^(d-1) dt on a grid of xi, by
// 8-point Gauss-Legendre panels summed from the top; read with log-linear interpolation.
class real_tail_curve {
public:
    explicit real_tail_curve(const kernel::riesz_kernel& g) : unit_(g, 1.0) {
        const int d = g.d();
        phi_.assign(points + 1, 0.0);
        grad_.assign(points + 1, 0.0);
        long double acc_phi = 0.0L, acc_grad = 0.0L;
        for (int i = points - 1; i >= 0; --i) {
            const double a = xi_at(i), b = xi_at(i + 1);
            const auto panel = [&](auto&& f) { return boost::math::quadrature::gauss<double, 8>::integrate(f, a, b); };
            acc_phi += panel([&](double t) {
                const double v = unit_.real_value(t * t);
                return v * v * std::pow(t, d - 1);
            });
            acc_grad += panel([&](double t) {
                const double v = t * unit_.real_repulsion(t * t);
                return v * v * std::pow(t, d - 1);
            });
            phi_[static_cast<std::size_t>(i)] = static_cast<double>(acc_phi);
            grad_[static_cast<std::size_t>(i)] = static_cast<double>(acc_grad);
        }
    }
    double phi(double xi) const { return read(phi_, xi); }
    double grad(double xi) const { return read(grad_, xi); }

private:
    static constexpr int points = 480;  // xi from 0 to 12 in steps of 1/40
    static double xi_at(int i) { return i / 40.0; }
    static double read(const std::vector<double>& f, double xi) {
        const double y = std::clamp(xi * 40.0, 0.0, points - 1e-9);
        const auto i = static_cast<std::size_t>(y);
        const double t = y - static_cast<double>(i);
        if (f[i + 1] <= 0.0) return f[i] * (1.0 - t);
        return std::exp((1.0 - t) * std::log(f[i]) + t * std::log(f[i + 1]));
    }
    ewald_split unit_;
    std::vector<double> phi_, grad_;
};

// Band-limited RMS size of one pair's exact contribution (see the top of the file).
struct scales {
    double phi = 0.0, grad = 0.0;
};

scales pair_scales(const kernel::riesz_kernel& g, std::size_t n) {
    const int d = g.d();
    const double s = g.s();
    const double count = static_cast<double>(std::max<std::size_t>(n, 2));
    const double k0 = std::max(1.5, 0.5 * std::pow(count / ball_volume(d), 1.0 / d));
    const double c = g.fourier_constant();
    const auto transform = [&](double k2) { return c * std::pow(4.0 * pi * pi * k2, 0.5 * (s - d)); };
    const double edge = transform(k0 * k0);
    // Weights w(k) of the two sums: (g^(k) - g^(k0))^2 and |2 pi k|^2 g^(k)^2.
    const auto weight = [&](double k2, int which) {
        const double t = transform(k2);
        return which == 0 ? (t - edge) * (t - edge) : 4.0 * pi * pi * k2 * t * t;
    };
    const double lattice = std::min(k0, 24.5);
    const int m = static_cast<int>(lattice);
    const int m1 = d > 1 ? m : 0, m2 = d > 2 ? m : 0;
    long double mean[2] = {0.0L, 0.0L}, var[2] = {0.0L, 0.0L};
    for (int a = -m; a <= m; ++a)
        for (int b = -m1; b <= m1; ++b)
            for (int e = -m2; e <= m2; ++e) {
                const double k2 = double(a) * a + double(b) * b + double(e) * e;
                if (k2 == 0.0 || k2 >= lattice * lattice) continue;
                for (int which = 0; which < 2; ++which) {
                    const double w = weight(k2, which);
                    mean[which] += w;
                    var[which] += 2.0 * w * w;
                }
            }
    // Beyond, the continuum |S| int_lattice^k0 k^(d-1) w(k)^j dk, by 32-point Gauss-Legendre
    // in log k.
    if (k0 > lattice) {
        const auto& x = boost::math::quadrature::gauss<double, 32>::abscissa();
        const auto& wt = boost::math::quadrature::gauss<double, 32>::weights();
        const double lo = std::log(lattice), hi = std::log(k0);
        for (std::size_t i = 0; i < x.size(); ++i)
            for (int sgn : {-1, 1}) {
                const double k = std::exp(0.5 * (lo + hi) + sgn * 0.5 * (hi - lo) * x[i]);
                const double dk = 0.5 * (hi - lo) * wt[i] * k * sphere_area(d) * std::pow(k, d - 1);
                for (int which = 0; which < 2; ++which) {
                    const double w = weight(k * k, which);
                    mean[which] += dk * w;
                    var[which] += 2.0 * dk * w * w;
                }
            }
    }
    double out[2];
    for (int which = 0; which < 2; ++which) {
        const double mu = static_cast<double>(mean[which]);
        const double shape = mu * mu / static_cast<double>(var[which]);
        out[which] = mu * boost::math::gamma_p_inv(shape, 0.05) / shape;
    }
    // The point mass g^(k0) taken out of the potential's modes is still there, as the
    // constant -g^(k0) (Q - q_i) in phi_i: at least g^(k0) for neutral charges, g^(k0)^2 / N
    // per pair.
    out[0] += edge * edge / count;
    // Nearest neighbours: phi_i^2 is at least about g(r_i)^2 and |grad_i|^2 about |grad g(r_i)|^2,
    // r_i the distance to the nearest other particle, N V_d r^d = u exponentially distributed.
    // The mean over u, with u cut below at 30/N (a sample's largest terms are typically near the
    // 1/N quantile; 30/N leaves room for samples without such close pairs: over 40 samples of
    // N = 500 and 5000 the smallest sample RMS was 0.92 of the scale or more), per pair; the
    // larger of this and the band estimate. It decides for s > d/2 (phi) and s > d/2 - 1 (grad),
    // where close pairs dominate the RMS.
    if (n >= 64) {
        const double cut = 30.0 / count;
        const auto at = [&](double u, int which) {
            const double r2 = std::pow(u / (count * ball_volume(d)), 2.0 / d);
            if (which == 0) return g.value_r2(r2) * g.value_r2(r2);
            const double f = std::sqrt(r2) * g.repulsion_r2(r2);
            return f * f;
        };
        const auto& x = boost::math::quadrature::gauss<double, 32>::abscissa();
        const auto& wt = boost::math::quadrature::gauss<double, 32>::weights();
        for (int which = 0; which < 2; ++which) {
            // int_cut^40 at(u) e^-u du in log u, plus the part below the cut at the cut's value.
            long double mean_nn = at(cut, which) * -std::expm1(-cut);
            const double lo = std::log(cut), hi = std::log(40.0);
            for (std::size_t i = 0; i < x.size(); ++i)
                for (int sgn : {-1, 1}) {
                    const double u = std::exp(0.5 * (lo + hi) + sgn * 0.5 * (hi - lo) * x[i]);
                    mean_nn += 0.5 * (hi - lo) * wt[i] * u * at(u, which) * std::exp(-u);
                }
            out[which] = std::max(out[which], static_cast<double>(mean_nn) / (count - 1.0));
        }
    }
    return {std::sqrt(out[0]), std::sqrt(out[1])};
}

// Aliasing sums of one axis at xi = k_a / K (|xi| <= 1/2): delta = 1 - w_0, sigma = sum_{m != 0}
// w_m^2, beta = sum_{m != 0} (k_a + m K)^2 w_m^2 (in units where the mesh is K).
struct axis_alias {
    double c0 = 1.0, delta = 0.0, sigma = 0.0, beta = 0.0, k = 0.0;
};

// x^-p for the even orders p (repeated squaring, no pow: the model is evaluated often).
inline double inverse_power(double x, int p) {
    double base = 1.0 / (x * x), r = 1.0;
    for (int e = p / 2; e > 0; e >>= 1) {
        if (e & 1) r *= base;
        base *= base;
    }
    return r;
}

axis_alias alias_of(double k, int mesh, int p) {
    axis_alias r;
    r.k = k;
    const double xi = std::fabs(k) / mesh;
    if (xi == 0.0) return r;
    // |m| <= 4: the omitted w_m are below (1/9)^p of w_0 + w_{-1} (at most 5e-4 of delta at p = 4).
    constexpr int terms = 4;
    double w[2 * terms + 1], total = 0.0;
    for (int m = -terms; m <= terms; ++m) {
        w[m + terms] = inverse_power(xi + m, p);
        total += w[m + terms];
    }
    double delta = 0.0, sigma = 0.0, beta = 0.0;
    for (int m = -terms; m <= terms; ++m) {
        if (m == 0) continue;
        const double wm = w[m + terms] / total;
        delta += wm;
        sigma += wm * wm;
        const double km = std::fabs(k) + static_cast<double>(m) * mesh;
        beta += km * km * wm * wm;
    }
    r.c0 = w[terms] / total;
    r.delta = delta;
    r.sigma = sigma;
    r.beta = beta;
    return r;
}

// The two mesh error integrands at one k of the mesh (the bracket of the file's comment).
struct mesh_terms {
    double phi = 0.0, grad = 0.0;
};

template <int D>
mesh_terms mesh_integrand(const axis_alias* ax) {
    // 1 - C_0 = 1 - prod (1 - delta_a); Sg = prod (c0^2 + sigma) - prod c0^2; both built
    // axis by axis without cancellation. For B' the Sg of the other axes is needed.
    double one_minus_c = 0.0, c0sq = 1.0, sg = 0.0, k2 = 0.0;
    for (int a = 0; a < D; ++a) {
        one_minus_c = one_minus_c + ax[a].delta - one_minus_c * ax[a].delta;
        const double q = ax[a].c0 * ax[a].c0;
        sg = q * sg + ax[a].sigma * (c0sq + sg);
        c0sq *= q;
        k2 += ax[a].k * ax[a].k;
    }
    const double p0 = c0sq, amean = p0 + sg;
    const double one_minus_p0 = one_minus_c * (2.0 - one_minus_c);
    mesh_terms t;
    t.phi = one_minus_p0 * one_minus_p0 + sg * (2.0 * p0 + sg);
    // B' = (2 pi)^2 sum_a [beta_a prod_{e != a} A_e + k_a^2 c0_a^2 Sg_(others)].
    double bprime = 0.0;
    for (int a = 0; a < D; ++a) {
        double prod_a = 1.0, prod_c = 1.0, sg_other = 0.0;
        for (int e = 0; e < D; ++e) {
            if (e == a) continue;
            const double q = ax[e].c0 * ax[e].c0;
            sg_other = q * sg_other + ax[e].sigma * (prod_c + sg_other);
            prod_c *= q;
            prod_a *= q + ax[e].sigma;
        }
        bprime += ax[a].beta * prod_a + ax[a].k * ax[a].k * ax[a].c0 * ax[a].c0 * sg_other;
    }
    bprime *= 4.0 * pi * pi;
    t.grad = 4.0 * pi * pi * k2 * (one_minus_p0 * one_minus_p0 + p0 * sg) + bprime * amean;
    return t;
}

// sum over all k of phi(k)^2 times the mesh integrand (inside the mesh) or 1 (outside), for
// one alpha and any (K, p). Beyond |k| = R = 6 alpha / pi, phi(k)^2 < e^-72 of its scale and
// nothing is summed. Exact on the lattice for alpha <= 12, otherwise a radial-angular
// quadrature of the same integrand (it varies on the scale alpha/pi >= 4, where the lattice sum
// and the integral agree): the radius in 4 Gauss-Legendre panels of 8 points, the directions
// of one orthant (the integrand is even in each k_a) by Gauss-Legendre in the angles (d = 2:
// 8 angles in [0, pi/2]; d = 3: 4 x 4 in cos(theta) in [0, 1] and the azimuth in [0, pi/2]).
// Against the exact lattice sum at alpha = 14 to 60 (d = 3, K = 32 to 128, p = 6) and
// alpha = 14, 30 (d = 2) the quadrature is within 3%.
class mesh_error_sum {
public:
    mesh_error_sum(const kernel::riesz_kernel& g, double alpha) : d_(g.d()), radius_(6.0 * alpha / pi) {
        const ewald_split split(g, alpha);
        const pme_detail::fast_fourier_coefficient phi(split);
        lattice_ = alpha <= 12.0;
        if (lattice_) {
            top_ = static_cast<int>(std::ceil(radius_));
            // phi(k)^2 by k (d = 1) or by the integer k^2 (d > 1).
            const std::size_t size = d_ == 1 ? static_cast<std::size_t>(top_) + 1 : static_cast<std::size_t>(top_) * top_ + 1;
            phi2_.assign(size, 0.0);
            for (std::size_t i = 1; i < size; ++i) {
                const double k2 = d_ == 1 ? double(i) * double(i) : double(i);
                const double v = phi(k2);
                phi2_[i] = v * v;
            }
            return;
        }
        const auto& rx = boost::math::quadrature::gauss<double, 8>::abscissa();
        const auto& rw = boost::math::quadrature::gauss<double, 8>::weights();
        constexpr int panels = 4;
        for (int pnl = 0; pnl < panels; ++pnl) {
            const double lo = radius_ * pnl / panels, hi = radius_ * (pnl + 1) / panels;
            for (std::size_t i = 0; i < rx.size(); ++i)
                for (int sgn : {-1, 1}) {
                    const double k = 0.5 * (lo + hi) + sgn * 0.5 * (hi - lo) * rx[i];
                    const double f = phi(k * k);
                    radial_k_.push_back(k);
                    radial_w_.push_back(0.5 * (hi - lo) * rw[i] * sphere_area(d_) * std::pow(k, d_ - 1) * f * f);
                }
        }
        if (d_ == 1) {
            directions_.push_back({1.0, 0.0, 0.0, 1.0});
        } else if (d_ == 2) {
            const auto& x = boost::math::quadrature::gauss<double, 8>::abscissa();
            const auto& w = boost::math::quadrature::gauss<double, 8>::weights();
            for (std::size_t i = 0; i < x.size(); ++i)
                for (int sgn : {-1, 1}) {
                    const double th = 0.25 * pi * (1.0 + sgn * x[i]);
                    directions_.push_back({std::cos(th), std::sin(th), 0.0, 0.5 * w[i]});
                }
        } else {
            const auto& x = boost::math::quadrature::gauss<double, 4>::abscissa();
            const auto& w = boost::math::quadrature::gauss<double, 4>::weights();
            for (std::size_t i = 0; i < x.size(); ++i)
                for (int si : {-1, 1})
                    for (std::size_t j = 0; j < x.size(); ++j)
                        for (int sj : {-1, 1}) {
                            const double mu = 0.5 * (1.0 + si * x[i]);
                            const double ph = 0.25 * pi * (1.0 + sj * x[j]);
                            const double st = std::sqrt(std::max(0.0, 1.0 - mu * mu));
                            directions_.push_back({st * std::cos(ph), st * std::sin(ph), mu, 0.25 * w[i] * w[j]});
                        }
        }
    }

    mesh_terms operator()(int mesh, int p) const {
        switch (d_) {
        case 1: return sum<1>(mesh, p);
        case 2: return sum<2>(mesh, p);
        default: return sum<3>(mesh, p);
        }
    }

private:
    template <int D>
    mesh_terms sum(int mesh, int p) const {
        const double half = 0.5 * mesh;
        long double sum_phi = 0.0L, sum_grad = 0.0L;
        if (lattice_) {
            // One orthant, with the multiplicity of the sign changes.
            // The aliasing sums of the axis values inside the mesh (|k_a| <= K/2).
            const int inner = std::min(top_, mesh / 2);
            std::vector<axis_alias> axis(static_cast<std::size_t>(inner) + 1);
            for (int k = 0; k <= inner; ++k) axis[static_cast<std::size_t>(k)] = alias_of(k, mesh, p);
            const int t1 = D > 1 ? top_ : 0, t2 = D > 2 ? top_ : 0;
            for (int a = 0; a <= top_; ++a)
                for (int b = 0; b <= t1; ++b)
                    for (int c = 0; c <= t2; ++c) {
                        const int kk = a * a + b * b + c * c;
                        if (kk == 0 || kk > top_ * top_) continue;
                        const double weight = (a > 0 ? 2.0 : 1.0) * (b > 0 ? 2.0 : 1.0) * (c > 0 ? 2.0 : 1.0);
                        const double f2 = phi2_[static_cast<std::size_t>(D == 1 ? a : kk)];
                        const int idx[3] = {a, b, c};
                        bool inside = true;
                        axis_alias ax[3];
                        for (int e = 0; e < D && inside; ++e) {
                            inside = idx[e] <= inner;
                            if (inside) ax[e] = axis[static_cast<std::size_t>(idx[e])];
                        }
                        add<D>(inside, ax, weight * f2, kk, sum_phi, sum_grad);
                    }
        } else {
            for (std::size_t r = 0; r < radial_k_.size(); ++r) {
                const double k = radial_k_[r];
                for (const auto& dir : directions_) {
                    axis_alias ax[3];
                    bool inside = true;
                    for (int e = 0; e < D && inside; ++e) {
                        const double ke = k * dir[static_cast<std::size_t>(e)];
                        inside = ke <= half;
                        if (inside) ax[e] = alias_of(ke, mesh, p);
                    }
                    add<D>(inside, ax, radial_w_[r] * dir[3], k * k, sum_phi, sum_grad);
                }
            }
        }
        return {static_cast<double>(sum_phi), static_cast<double>(sum_grad)};
    }

    template <int D>
    static void add(bool inside, const axis_alias* ax, double weight, double k2, long double& sum_phi,
                    long double& sum_grad) {
        if (inside) {
            const auto t = mesh_integrand<D>(ax);
            sum_phi += weight * t.phi;
            sum_grad += weight * t.grad;
        } else {
            sum_phi += weight;
            sum_grad += weight * 4.0 * pi * pi * k2;
        }
    }

    int d_;
    double radius_;
    bool lattice_ = false;
    int top_ = 0;
    std::vector<double> phi2_;
    std::vector<double> radial_k_, radial_w_;
    std::vector<std::array<double, 4>> directions_;
};

// The modelled errors of given parameters, with the real-space curve and the scales given.
pme_error_model model_with(const kernel::riesz_kernel& g, const pme_parameters& p, const real_tail_curve& curve,
                           const scales& sc) {
    const int d = g.d();
    const double s = g.s();
    const double xi = p.alpha * p.r_cut;
    pme_error_model m;
    m.real_phi = std::sqrt(sphere_area(d) * std::pow(p.alpha, 2.0 * s - d) * curve.phi(xi));
    m.real_grad = std::sqrt(sphere_area(d) * std::pow(p.alpha, 2.0 * s + 2.0 - d) * curve.grad(xi));
    const auto mesh = mesh_error_sum(g, p.alpha)(p.mesh, p.order);
    m.mesh_phi = std::sqrt(mesh.phi);
    m.mesh_grad = std::sqrt(mesh.grad);
    m.scale_phi = sc.phi;
    m.scale_grad = sc.grad;
    return m;
}

}  // namespace

double pme_error_model::relative_phi() const { return std::hypot(real_phi, mesh_phi) / scale_phi; }
double pme_error_model::relative_grad() const { return std::hypot(real_grad, mesh_grad) / scale_grad; }

pme_error_model model_pme_errors(const kernel::riesz_kernel& g, const pme_parameters& p, std::size_t n) {
    return model_with(g, p, real_tail_curve(g), pair_scales(g, n));
}

}  // namespace mfv::interaction

namespace mfv::interaction::pme_detail {

struct error_model::impl {
    impl(const kernel::riesz_kernel& g, std::size_t n) : g(g), curve(g), scale(pair_scales(g, n)) {}
    kernel::riesz_kernel g;
    real_tail_curve curve;
    scales scale;
};

error_model::error_model(const kernel::riesz_kernel& g, std::size_t n) : impl_(std::make_unique<impl>(g, n)) {}
error_model::~error_model() = default;

double error_model::real_relative(double alpha, double r_cut) const {
    const int d = impl_->g.d();
    const double s = impl_->g.s(), xi = alpha * r_cut;
    const double e_phi = std::sqrt(sphere_area(d) * std::pow(alpha, 2.0 * s - d) * impl_->curve.phi(xi));
    const double e_grad = std::sqrt(sphere_area(d) * std::pow(alpha, 2.0 * s + 2.0 - d) * impl_->curve.grad(xi));
    return std::max(e_phi / impl_->scale.phi, e_grad / impl_->scale.grad);
}

pme_error_model error_model::errors(const pme_parameters& p) const {
    return model_with(impl_->g, p, impl_->curve, impl_->scale);
}

struct error_model::mesh_at::impl {
    impl(const kernel::riesz_kernel& g, double alpha) : sum(g, alpha) {}
    mesh_error_sum sum;
};

error_model::mesh_at::mesh_at(const error_model& model, double alpha)
    : impl_(std::make_unique<impl>(model.impl_->g, alpha)), model_(model) {}
error_model::mesh_at::~mesh_at() = default;

double error_model::mesh_at::relative(int mesh, int order) const {
    const auto m = impl_->sum(mesh, order);
    const auto& sc = model_.impl_->scale;
    return std::max(std::sqrt(m.phi) / sc.phi, std::sqrt(m.grad) / sc.grad);
}

}  // namespace mfv::interaction::pme_detail
