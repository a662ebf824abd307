// The plain Ewald sum of ewald.hpp (MATH.md section 6).
//
// With psi, phi(|k|^2) and B of ewald_split.hpp and G(x) = sum_n psi(|x + n|^2)
// + sum_{k != 0} phi(|k|^2) cos(2 pi k.x) + B, the potential of particle i is
//   phi_i = sum_{j != i} q_j G(x_i - x_j)
//         = sum_{j != i} q_j sum_n psi(|x_i - x_j + n|^2)                    (real space)
//         + sum_{k != 0} phi(|k|^2) [sum_j q_j cos(2 pi k.(x_i - x_j)) - q_i]  (Fourier)
//         + B (sum_j q_j - q_i)                                               (background)
// and sum_j q_j cos(2 pi k.(x_i - x_j)) = Re[e^{2 pi i k.x_i} S(k)] with the structure factor
// S(k) = sum_j q_j e^{-2 pi i k.x_j}: the Fourier sum runs over all j and then takes the
// j = i term, q_i phi(|k|^2), away. A particle's own images n != 0 are in no term (they are
// q_i G_reg(0), periodic_plan.hpp). The gradient, with -grad psi(|y|^2) = y real_repulsion:
//   grad_i = -sum_{j != i} q_j sum_n (x_i - x_j + n) real_repulsion(|x_i - x_j + n|^2)
//            - sum_{k != 0} 2 pi k phi(|k|^2) Im[e^{2 pi i k.x_i} S(k)]
// (the j = i term of the Fourier sum has sin 0 = 0; the background is constant). Terms k and
// -k are equal (S(-k) = conj S(k) for real charges), so half of the k are summed, twice.
// The truncation keeps |x_i - x_j + n| < r_cut and |k| < k_cut (ewald_parameters; the
// choice of both is in ewald_cutoffs.cpp).
//
// Below, T(k) = conj S(k) = sum_j q_j e^{2 pi i k.x_j} is what is accumulated, and
// Re[e^{2 pi i k.x_i} S(k)] = Re[w conj T], Im[...] = Im[w conj T] with w = e^{2 pi i k.x_i}.
//
// Determinism: real-space rows are summed by one thread each, j in increasing order; the
// structure factor is a sum of partial sums over fixed blocks of particles (the blocks
// depend on N only), added in block order; the Fourier sum of each particle runs over the k
// in a fixed order, in fixed blocks of particles. Hence the same bits for any thread count.
#include "neumaier_sum.hpp"
#include <mfv/interaction/ewald.hpp>

#include <sstream>

#include <mfv/core/error.hpp>
#include <mfv/domain/torus.hpp>

#include "ewald_cutoffs.hpp"

#include <boost/math/constants/constants.hpp>
#include <boost/math/policies/policy.hpp>
#include <boost/math/special_functions/expint.hpp>
#include <boost/math/special_functions/gamma.hpp>
#include <boost/math/special_functions/cos_pi.hpp>
#include <boost/math/special_functions/sin_pi.hpp>

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>

namespace mfv::interaction {
namespace {

using ewald_detail::fourier_cutoff;
using ewald_detail::image_vectors;
using ewald_detail::truncation_margin;

constexpr double pi = boost::math::constants::pi<double>();

// Below this N a parallel region costs more than it saves.
constexpr std::size_t parallel_from = 64;
// Particles per block of the Fourier evaluation (vector loops over a block).
constexpr std::size_t fourier_block = 256;

// Particles per partial structure factor: at least 256, at most 64 partial sums. Depends on
// N only (determinism).
std::size_t structure_block(std::size_t n) {
    const std::size_t b = std::max<std::size_t>(256, (n + 63) / 64);
    return (b + 7) / 8 * 8;
}

// The eight lanes of a vector sum, added pairwise in a fixed order.
double lane_sum(const double (&a)[8]) { return ((a[0] + a[1]) + (a[2] + a[3])) + ((a[4] + a[5]) + (a[6] + a[7])); }

using detail::neumaier_sum;

// e^{2 pi i m x} for 0 <= x < 1 to about an ulp: m x = p + e exactly (the FMA recovers the
// product's rounding error), t = (p mod 1) + e rounded once and reduced to [-1/2, 1/2), then
// cos_pi and sin_pi of 2t, which reduce their argument exactly.
void unit_phase(double x, int m, double& c, double& s) {
    const double p = m * x;
    const double e = std::fma(static_cast<double>(m), x, -p);
    double t = (p - std::floor(p)) + e;
    t -= std::floor(t + 0.5);
    using policy = boost::math::policies::policy<boost::math::policies::promote_double<false>>;
    c = boost::math::cos_pi(2.0 * t, policy());
    s = boost::math::sin_pi(2.0 * t, policy());
}

// The tables e^{2 pi i m x_l} (m = 0..m_max) of a block of particles, one per dimension,
// row m at [m * block]. Each entry is one complex product e^{2 pi i b q x} e^{2 pi i r x}
// (m = b q + r, b ~ sqrt(m_max)) of two exact phases, so its error is a few ulps whatever m
// (a plain recurrence would grow like m ulps). A dimension the torus does not have gets
// the single row m = 0, which is 1.
struct phase_tables {
    int d = 0, m_max = 0;
    std::size_t block = 0;
    std::array<std::vector<double>, 3> re, im;

    phase_tables(int d_, int m_max_, std::size_t block_) : d(d_), m_max(m_max_), block(block_) {
        for (int k = 0; k < 3; ++k) {
            const auto rows = k < d ? static_cast<std::size_t>(m_max) + 1 : 1;
            re[k].assign(rows * block, 1.0), im[k].assign(rows * block, 0.0);
        }
    }

    // x: the wrapped coordinates (layout of points), particles first .. first + count - 1.
    void fill(const std::vector<double>& x, std::size_t n, std::size_t first, std::size_t count) {
        const int b = static_cast<int>(std::ceil(std::sqrt(m_max + 1.0)));
        std::vector<double> small_re(b), small_im(b), big_re(m_max / b + 1), big_im(m_max / b + 1);
        for (int k = 0; k < d; ++k) {
            for (std::size_t l = 0; l < count; ++l) {
                const double xl = x[static_cast<std::size_t>(k) * n + first + l];
                for (int r = 0; r < b; ++r) unit_phase(xl, r, small_re[r], small_im[r]);
                for (int q = 0; q <= m_max / b; ++q) unit_phase(xl, q * b, big_re[q], big_im[q]);
                for (int m = 0; m <= m_max; ++m) {
                    const int q = m / b, r = m % b;
                    const std::size_t at = static_cast<std::size_t>(m) * block + l;
                    re[k][at] = big_re[q] * small_re[r] - big_im[q] * small_im[r];
                    im[k][at] = big_re[q] * small_im[r] + big_im[q] * small_re[r];
                }
            }
        }
    }

    const double* row_re(int k, int m) const { return re[k].data() + static_cast<std::size_t>(std::abs(m)) * block; }
    const double* row_im(int k, int m) const { return im[k].data() + static_cast<std::size_t>(std::abs(m)) * block; }

    // P_l = w_l e^{2 pi i (k_2 y_l + k_3 z_l)} for the column (k_2, k_3): the conjugate row
    // for a negative index. w = nullptr means w_l = 1.
    void column_phase(int k2, int k3, const double* w, std::size_t count, double* p_re, double* p_im) const {
        const double *c2 = row_re(1, k2), *s2 = row_im(1, k2), *c3 = row_re(2, k3), *s3 = row_im(2, k3);
        const double sign2 = k2 < 0 ? -1.0 : 1.0, sign3 = k3 < 0 ? -1.0 : 1.0;
#pragma omp simd
        for (std::size_t l = 0; l < count; ++l) {
            const double a = c2[l], b = sign2 * s2[l], c = c3[l], e = sign3 * s3[l];
            const double weight = w ? w[l] : 1.0;
            p_re[l] = weight * (a * c - b * e);
            p_im[l] = weight * (a * e + b * c);
        }
    }
};

// psi(r^2) and -psi'(r)/r of ewald_split.hpp (MATH.md section 6) for one image, from a
// single incomplete gamma function, which Boost.Math is told to evaluate in double (its
// default promotes to long double: 8 to 10 times slower, 66 ns against 563 ns for
// Q(1/2, u), 433 ns against 3.9 us for Q(1/4, u), for a difference below 5e-15 relative):
//   Riesz: psi = Q(s/2, u) r^-s / s,  -psi'/r = 2 alpha^s e^(-u) / (s Gamma(s/2) r^2) + s psi / r^2,
//   log:   psi = E1(u) / 2,           -psi'/r = e^(-u) / r^2,          u = alpha^2 r^2.
// ewald_test.cpp checks the plan against periodic_value, which uses ewald_split's own
// functions. r = 0 (two particles at one place) gives +inf rather than Boost's overflow
// error for E1(0).
class real_pair {
public:
    real_pair(const kernel::riesz_kernel& g, double alpha) : g_(g), alpha2_(alpha * alpha) {
        if (!g.is_log()) force_scale_ = 2.0 * std::pow(alpha, g.s()) / (g.s() * boost::math::tgamma(0.5 * g.s()));
    }

    void operator()(double r2, bool want_value, bool want_repulsion, double& value, double& repulsion) const {
        using policy = boost::math::policies::policy<boost::math::policies::promote_double<false>>;
        if (!(r2 > 0.0)) {
            value = repulsion = std::numeric_limits<double>::infinity();
            return;
        }
        const double u = alpha2_ * r2;
        if (g_.is_log()) {
            if (want_value) value = 0.5 * boost::math::expint(1, u, policy());
            if (want_repulsion) repulsion = std::exp(-u) / r2;
            return;
        }
        value = boost::math::gamma_q(0.5 * g_.s(), u, policy()) * g_.value_r2(r2);
        if (want_repulsion) repulsion = (force_scale_ * std::exp(-u) + g_.s() * value) / r2;
    }

private:
    kernel::riesz_kernel g_;
    double alpha2_;
    double force_scale_ = 0.0;
};

}  // namespace

ewald_plan::ewald_plan(const kernel::riesz_kernel& g, double accuracy, std::size_t n_hint)
    : ewald_plan(g, accuracy,
                 n_hint == 0 || !(accuracy > 0.0 && accuracy < 1.0)
                     ? 0.5
                     : real_cutoff_for(g, std::max(accuracy, accuracy_floor) * truncation_margin, n_hint),
                 0) {}

ewald_plan ewald_plan::with_real_cutoff(const kernel::riesz_kernel& g, double accuracy, double r_cut) {
    return ewald_plan(g, accuracy, r_cut, 0);
}

ewald_plan::ewald_plan(const kernel::riesz_kernel& g, double accuracy, double r_cut, int)
    : g_(g),
      accuracy_(std::max(accuracy, accuracy_floor)),
      params_(accuracy > 0.0 && accuracy < 1.0
                  ? ewald_parameters::for_real_cutoff(g, accuracy_ * truncation_margin, r_cut)
                  : throw input_error("Ewald plan: accuracy " + std::to_string(accuracy) + " is not in (0, 1)")),
      split_(g, params_.alpha),
      images_(image_vectors(g.d(), r_cut)) {
    params_.k_cut = fourier_cutoff(split_, accuracy_ * truncation_margin, r_cut, params_.k_cut);
    const int d = g.d();
    const double kc2 = params_.k_cut * params_.k_cut;
    k_max_ = std::max(0, static_cast<int>(std::ceil(params_.k_cut)) - 1);
    const int m2 = d > 1 ? k_max_ : 0, m3 = d > 2 ? k_max_ : 0;
    for (int k2 = -m2; k2 <= m2; ++k2) {
        for (int k3 = -m3; k3 <= m3; ++k3) {
            const double t2 = double(k2) * k2 + double(k3) * k3;
            if (t2 >= kc2) continue;
            column c{k2, k3, k2 > 0 || (k2 == 0 && k3 > 0) ? 0 : 1, 0, coefficient_.size()};
            c.k1_last = c.k1_first - 1;
            for (int k1 = c.k1_first; k1 <= k_max_ && double(k1) * k1 + t2 < kc2; ++k1) {
                const double coef = 2.0 * split_.fourier_coefficient(double(k1) * k1 + t2);
                coefficient_.push_back(coef);
                c.k1_last = k1;
            }
            if (c.k1_last >= c.k1_first) columns_.push_back(c);
        }
    }
}

void ewald_plan::real_space(const std::vector<double>& w, const std::vector<double>& q, std::vector<double>& phi,
                            std::vector<double>& grad, bool want_phi, bool want_grad) const {
    const int d = g_.d();
    const std::size_t n = q.size();
    const double rc2 = params_.r_cut * params_.r_cut;
    const real_pair pair(g_, params_.alpha);
    // r_cut <= 1/2: only the minimum image can be within r_cut.
    const bool single_image = images_.size() == 1;
    const auto rows = static_cast<std::ptrdiff_t>(n);
#pragma omp parallel if (n >= parallel_from)
    {
        // Minimum-image differences x_i - x_j of one row, coordinate by coordinate, and
        // their squared lengths (vector loops); then the pairs within r_cut, j in order.
        std::vector<double> y(static_cast<std::size_t>(d) * n), y2(n);
#pragma omp for schedule(dynamic, 16)
        for (std::ptrdiff_t r = 0; r < rows; ++r) {
            const auto i = static_cast<std::size_t>(r);
            std::fill(y2.begin(), y2.end(), 0.0);
            for (int k = 0; k < d; ++k) {
                const double* c = w.data() + static_cast<std::size_t>(k) * n;
                double* yk = y.data() + static_cast<std::size_t>(k) * n;
                const double ci = c[i];
#pragma omp simd
                for (std::size_t j = 0; j < n; ++j) {
                    yk[j] = domain::minimum_image(ci - c[j]);
                    y2[j] += yk[j] * yk[j];
                }
            }
            double acc = 0.0, force[3] = {0.0, 0.0, 0.0};
            const auto add = [&](std::size_t j, const double* z, double r2) {
                double value = 0.0, repulsion = 0.0;
                pair(r2, want_phi, want_grad, value, repulsion);
                if (want_phi) acc += q[j] * value;
                if (want_grad) {
                    const double rep = q[j] * repulsion;
                    for (int k = 0; k < d; ++k) force[k] += rep * z[k];
                }
            };
            for (std::size_t j = 0; j < n; ++j) {
                if (j == i) continue;
                double z[3] = {0.0, 0.0, 0.0};
                if (single_image) {
                    if (y2[j] >= rc2) continue;
                    for (int k = 0; k < d; ++k) z[k] = y[static_cast<std::size_t>(k) * n + j];
                    add(j, z, y2[j]);
                    continue;
                }
                for (const auto& img : images_) {
                    double r2 = 0.0;
                    for (int k = 0; k < d; ++k) {
                        z[k] = y[static_cast<std::size_t>(k) * n + j] + img[k];
                        r2 += z[k] * z[k];
                    }
                    if (r2 < rc2) add(j, z, r2);
                }
            }
            if (want_phi) phi[i] = acc;
            if (want_grad)
                for (int k = 0; k < d; ++k) grad[static_cast<std::size_t>(k) * n + i] = -force[k];
        }
    }
}

// T(k) = sum_j q_j e^{2 pi i k.x_j} for the half-space k: per block of particles, each
// T_b(k) summed over the block in eight interleaved lanes (particle l in lane l mod 8, one
// vector register; the block is padded to a multiple of 8 with charge 0) that are added in
// a fixed order; then the T_b(k) in block order.
void ewald_plan::structure_factors(const std::vector<double>& w, const std::vector<double>& q,
                                   std::vector<double>& t_re, std::vector<double>& t_im) const {
    constexpr std::size_t lanes = 8;
    const std::size_t n = q.size(), waves = coefficient_.size(), block = structure_block(n);
    const std::size_t blocks = (n + block - 1) / block;
    std::vector<double> part_re(blocks * waves, 0.0), part_im(blocks * waves, 0.0);
#pragma omp parallel if (n >= parallel_from)
    {
        phase_tables tab(g_.d(), k_max_, block);
        std::vector<double> p_re(block), p_im(block), charge(block);
#pragma omp for schedule(dynamic, 1)
        for (std::ptrdiff_t bb = 0; bb < static_cast<std::ptrdiff_t>(blocks); ++bb) {
            const auto b = static_cast<std::size_t>(bb);
            const std::size_t first = b * block, count = std::min(block, n - first);
            const std::size_t padded = (count + lanes - 1) / lanes * lanes;
            tab.fill(w, n, first, count);
            std::fill(charge.begin(), charge.end(), 0.0);
            std::copy(q.begin() + static_cast<std::ptrdiff_t>(first),
                      q.begin() + static_cast<std::ptrdiff_t>(first + count), charge.begin());
            const double *pr = p_re.data(), *pim = p_im.data();
            for (const column& c : columns_) {
                tab.column_phase(c.k2, c.k3, charge.data(), padded, p_re.data(), p_im.data());
                for (int k1 = c.k1_first; k1 <= c.k1_last; ++k1) {
                    const double *e_re = tab.row_re(0, k1), *e_im = tab.row_im(0, k1);
                    double a_re[lanes] = {}, a_im[lanes] = {};
                    for (std::size_t l = 0; l < padded; l += lanes) {
#pragma omp simd
                        for (std::size_t v = 0; v < lanes; ++v) {
                            a_re[v] += pr[l + v] * e_re[l + v] - pim[l + v] * e_im[l + v];
                            a_im[v] += pr[l + v] * e_im[l + v] + pim[l + v] * e_re[l + v];
                        }
                    }
                    const std::size_t at = b * waves + c.offset + static_cast<std::size_t>(k1 - c.k1_first);
                    part_re[at] = lane_sum(a_re);
                    part_im[at] = lane_sum(a_im);
                }
            }
        }
    }
    t_re.assign(waves, 0.0), t_im.assign(waves, 0.0);
    for (std::size_t b = 0; b < blocks; ++b) {
        for (std::size_t k = 0; k < waves; ++k) {
            t_re[k] += part_re[b * waves + k];
            t_im[k] += part_im[b * waves + k];
        }
    }
}

void ewald_plan::fourier_space(const std::vector<double>& w, const std::vector<double>& q,
                               const std::vector<double>& t_re, const std::vector<double>& t_im,
                               std::vector<double>& phi, std::vector<double>& grad, bool want_phi,
                               bool want_grad) const {
    const int d = g_.d();
    const std::size_t n = w.size() / static_cast<std::size_t>(d);
    const std::size_t blocks = (n + fourier_block - 1) / fourier_block;
#pragma omp parallel if (n >= parallel_from)
    {
        phase_tables tab(d, k_max_, fourier_block);
        std::vector<double> p_re(fourier_block), p_im(fourier_block), q_l(fourier_block), acc(7 * fourier_block);
        // Sums of the potential and gradient terms over all k, and over the k of one column
        // (c_phi, c_g1, c_im): a column's sums are added to the totals at its end, so that
        // each total takes one rounding per column rather than per k (it is as large as the
        // smooth part of G near a close pair, ~alpha^s, while a term is ~alpha^s / k_cut^d).
        // c_im, the column's sum of the Im terms, is multiplied there by k_2 and k_3.
        double* a_phi = acc.data();
        double* a_g1 = a_phi + fourier_block;
        double* a_g2 = a_g1 + fourier_block;
        double* a_g3 = a_g2 + fourier_block;
        double* c_phi = a_g3 + fourier_block;
        double* c_g1 = c_phi + fourier_block;
        double* c_im = c_g1 + fourier_block;
#pragma omp for schedule(dynamic, 1)
        for (std::ptrdiff_t bb = 0; bb < static_cast<std::ptrdiff_t>(blocks); ++bb) {
            const auto b = static_cast<std::size_t>(bb);
            const std::size_t first = b * fourier_block, count = std::min(fourier_block, n - first);
            tab.fill(w, n, first, count);
            std::fill(acc.begin(), acc.end(), 0.0);
            for (std::size_t l = 0; l < count; ++l) q_l[l] = q[first + l];
            for (const column& c : columns_) {
                tab.column_phase(c.k2, c.k3, nullptr, count, p_re.data(), p_im.data());
                std::fill(c_phi, c_phi + 3 * fourier_block, 0.0);
                const double *pr = p_re.data(), *pim = p_im.data(), *ql = q_l.data();
                for (int k1 = c.k1_first; k1 <= c.k1_last; ++k1) {
                    const std::size_t at = c.offset + static_cast<std::size_t>(k1 - c.k1_first);
                    const double coef = coefficient_[at], tr = t_re[at], ti = t_im[at], kk = k1;
                    const double *e_re = tab.row_re(0, k1), *e_im = tab.row_im(0, k1);
#pragma omp simd
                    for (std::size_t l = 0; l < count; ++l) {
                        const double wr = pr[l] * e_re[l] - pim[l] * e_im[l];
                        const double wi = pr[l] * e_im[l] + pim[l] * e_re[l];
                        const double re = coef * ((wr * tr + wi * ti) - ql[l]);
                        const double im = coef * (wi * tr - wr * ti);
                        c_phi[l] += re;
                        c_g1[l] += kk * im;
                        c_im[l] += im;
                    }
                }
                const double k2 = c.k2, k3 = c.k3;
                for (std::size_t l = 0; l < count; ++l) {
                    a_phi[l] += c_phi[l];
                    a_g1[l] += c_g1[l];
                    a_g2[l] += k2 * c_im[l];
                    a_g3[l] += k3 * c_im[l];
                }
            }
            for (std::size_t l = 0; l < count; ++l) {
                const std::size_t i = first + l;
                if (want_phi) phi[i] = a_phi[l];
                if (want_grad) {
                    const double g[3] = {a_g1[l], a_g2[l], a_g3[l]};
                    for (int k = 0; k < d; ++k) grad[static_cast<std::size_t>(k) * n + i] = -2.0 * pi * g[k];
                }
            }
        }
    }
}

void ewald_plan::evaluate(points_view x, std::span<const double> q_in, std::span<double> phi_out,
                          std::span<double> grad_out, double* energy) {
    const int d = g_.d();
    const std::size_t n = x.n;
    const auto where = std::string("ewald_plan::evaluate: ");
    if (x.d != d)
        throw std::invalid_argument(where + "points of dimension " + std::to_string(x.d) + " for a kernel in d = " +
                                    std::to_string(d));
    if (!q_in.empty() && q_in.size() != n)
        throw std::invalid_argument(where + "q has " + std::to_string(q_in.size()) + " entries for N = " +
                                    std::to_string(n));
    if (!phi_out.empty() && phi_out.size() != n)
        throw std::invalid_argument(where + "phi has " + std::to_string(phi_out.size()) + " entries for N = " +
                                    std::to_string(n));
    if (!grad_out.empty() && grad_out.size() != static_cast<std::size_t>(d) * n)
        throw std::invalid_argument(where + "grad has " + std::to_string(grad_out.size()) + " entries, d N = " +
                                    std::to_string(static_cast<std::size_t>(d) * n));
    const bool want_phi = !phi_out.empty() || energy != nullptr, want_grad = !grad_out.empty();
    // No pair when N < 2: every output is zero (not the rounding of the Fourier sum's
    // j = i term).
    if (energy) *energy = 0.0;
    std::fill(phi_out.begin(), phi_out.end(), 0.0);
    std::fill(grad_out.begin(), grad_out.end(), 0.0);
    if (n < 2 || (!want_phi && !want_grad)) return;

    std::vector<double> q(n, 1.0);
    if (!q_in.empty()) std::copy(q_in.begin(), q_in.end(), q.begin());
    std::vector<double> w(x.x, x.x + static_cast<std::size_t>(d) * n);
    for (double& v : w) v = domain::wrap(v);

    std::vector<double> real_phi(want_phi ? n : 0), real_grad(want_grad ? static_cast<std::size_t>(d) * n : 0);
    real_space(w, q, real_phi, real_grad, want_phi, want_grad);
    std::vector<double> t_re, t_im;
    structure_factors(w, q, t_re, t_im);
    std::vector<double> four_phi(want_phi ? n : 0), four_grad(want_grad ? static_cast<std::size_t>(d) * n : 0);
    fourier_space(w, q, t_re, t_im, four_phi, four_grad, want_phi, want_grad);

    if (want_phi) {
        const double total = neumaier_sum(n, [&](std::size_t j) { return q[j]; });
        const double b = split_.background();
        std::vector<double> phi(n);
        for (std::size_t i = 0; i < n; ++i)
            phi[i] = real_phi[i] + four_phi[i] + b * (total - q[i]);
        if (!phi_out.empty()) std::copy(phi.begin(), phi.end(), phi_out.begin());
        if (energy) *energy = neumaier_sum(n, [&](std::size_t i) { return q[i] * phi[i]; });
    }
    if (want_grad)
        for (std::size_t k = 0; k < static_cast<std::size_t>(d) * n; ++k) grad_out[k] = real_grad[k] + four_grad[k];
}

std::string ewald_plan::describe() const {
    std::ostringstream os;
    os << "alpha " << params_.alpha << ", r_cut " << params_.r_cut << ", k_cut " << params_.k_cut;
    return os.str();
}

}  // namespace mfv::interaction
