#include <mfv/meanfield/torus_series.hpp>

#include "fftw_support.hpp"

#include <Eigen/Eigenvalues>
#include <boost/math/constants/constants.hpp>

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace mfv::meanfield {

namespace {

const double two_pi = boost::math::constants::two_pi<double>();

// The recurrence e_{k+1} = e_k e_1 restarts from sincos every this many steps.
constexpr int restart = 32;

}  // namespace

// The three axes of the dense box are (k_0, k_1, k_2) in d = 3, (-, k_0, k_1) in d = 2 and
// (-, -, k_0) in d = 1: coordinate j of x lives on axis j + 3 - d.
struct torus_series::phases {
    std::vector<double> re[3], im[3];
};

torus_series::torus_series(int d, int K) : d_(d), K_(K) {
    if (d < 1 || d > 3 || K < 0) {
        throw std::invalid_argument("torus_series: d = " + std::to_string(d) + ", K = " + std::to_string(K));
    }
    n2_ = K + 1;
    n1_ = d >= 2 ? 2 * K + 1 : 1;
    n0_ = d == 3 ? 2 * K + 1 : 1;
    const std::size_t n = static_cast<std::size_t>(n0_) * n1_ * n2_;
    re_.assign(n, 0.0);
    im_.assign(n, 0.0);
}

std::size_t torus_series::index(const int* k) const {
    for (int j = 0; j < d_; ++j) {
        if (std::abs(k[j]) > K_ || (j == d_ - 1 && k[j] < 0)) {
            throw std::out_of_range("torus_series: mode outside the stored half band K = " + std::to_string(K_));
        }
    }
    const int i0 = d_ == 3 ? k[0] + K_ : 0;
    const int i1 = d_ >= 2 ? k[d_ - 2] + K_ : 0;
    return (static_cast<std::size_t>(i0) * n1_ + i1) * n2_ + k[d_ - 1];
}

void torus_series::mode(std::size_t i, int* k) const {
    k[d_ - 1] = static_cast<int>(i % n2_);
    const std::size_t r = i / n2_;
    if (d_ >= 2) k[d_ - 2] = static_cast<int>(r % n1_) - K_;
    if (d_ == 3) k[0] = static_cast<int>(r / n1_) - K_;
}

void torus_series::add_cosine(const int* k, double a, double phase) {
    // a cos(2 pi k.x + phase) = (a/2) e^{i phase} e^{2 pi i k.x} + conjugate.
    int kk[3];
    const bool flip = k[d_ - 1] < 0;
    for (int j = 0; j < d_; ++j) kk[j] = flip ? -k[j] : k[j];
    const std::complex<double> c = std::polar(0.5 * a, flip ? -phase : phase);
    std::size_t i = index(kk);
    set(i, (*this)[i] + c);
    if (kk[d_ - 1] == 0) {
        // The plane k_last = 0 stores the partner -k explicitly.
        for (int j = 0; j < d_; ++j) kk[j] = -kk[j];
        i = index(kk);
        set(i, (*this)[i] + std::conj(c));
    }
}

double torus_series::mean() const {
    const int zero[3] = {0, 0, 0};
    return re_[index(zero)];
}

double torus_series::inner(const torus_series& b) const {
    if (b.d_ != d_ || b.K_ != K_) throw std::invalid_argument("torus_series::inner: different shapes");
    double s = 0.0;
    for (std::size_t i = 0; i < size(); ++i) s += weight(i) * (re_[i] * b.re_[i] + im_[i] * b.im_[i]);
    return s;
}

double torus_series::max_abs_between(int lo, int hi) const {
    double m = 0.0;
    int k[3];
    for (std::size_t i = 0; i < size(); ++i) {
        mode(i, k);
        int norm = 0;
        for (int j = 0; j < d_; ++j) norm = std::max(norm, std::abs(k[j]));
        if (norm >= lo && norm <= hi) m = std::max(m, std::hypot(re_[i], im_[i]));
    }
    return m;
}

void torus_series::fill_phases(const double* x, phases& p) const {
    for (int axis = 0; axis < 3; ++axis) {
        const int j = axis - (3 - d_);
        const bool full = axis < 2;
        const int len = axis == 0 ? n0_ : axis == 1 ? n1_ : n2_;
        p.re[axis].resize(len);
        p.im[axis].resize(len);
        if (j < 0) {
            p.re[axis][0] = 1.0;
            p.im[axis][0] = 0.0;
            continue;
        }
        const double y = x[j] - std::floor(x[j]);
        const double c1 = std::cos(two_pi * y), s1 = std::sin(two_pi * y);
        const int zero = full ? K_ : 0;
        double cr = 1.0, ci = 0.0;
        for (int k = 0; k <= K_; ++k) {
            if (k > 0 && k % restart == 0) {
                const double ky = k * y;
                const double arg = two_pi * (ky - std::floor(ky));
                cr = std::cos(arg);
                ci = std::sin(arg);
            } else if (k > 0) {
                const double r = cr * c1 - ci * s1;
                ci = cr * s1 + ci * c1;
                cr = r;
            }
            p.re[axis][zero + k] = cr;
            p.im[axis][zero + k] = ci;
            if (full) {
                p.re[axis][zero - k] = cr;
                p.im[axis][zero - k] = -ci;
            }
        }
    }
}

namespace {

// Row sums over k_last with the weights 1 (k_last = 0) and 2: R_p = sum w c e k_last^p.
template <int P>
void row_sums(const double* cr, const double* ci, const double* er, const double* ei, int n, double* sr,
              double* si) {
    for (int p = 0; p <= P; ++p) sr[p] = si[p] = 0.0;
    for (int k = 1; k < n; ++k) {
        const double tr = cr[k] * er[k] - ci[k] * ei[k];
        const double ti = cr[k] * ei[k] + ci[k] * er[k];
        double kp = 1.0;
        for (int p = 0; p <= P; ++p) {
            sr[p] += kp * tr;
            si[p] += kp * ti;
            kp *= k;
        }
    }
    for (int p = 0; p <= P; ++p) {
        sr[p] *= 2.0;
        si[p] *= 2.0;
    }
    sr[0] += cr[0];
    si[0] += ci[0];
}

// R_0 alone, the hot loop of values(): the SIMD reduction fixes a summation order at compile
// time (so the result is the same on every run and thread count) and lets it vectorise.
inline void row_sum(const double* cr, const double* ci, const double* er, const double* ei, int n, double& sr,
                    double& si) {
    double ar = 0.0, ai = 0.0;
#pragma omp simd reduction(+ : ar, ai)
    for (int k = 1; k < n; ++k) {
        ar += cr[k] * er[k] - ci[k] * ei[k];
        ai += cr[k] * ei[k] + ci[k] * er[k];
    }
    sr = 2.0 * ar + cr[0];
    si = 2.0 * ai + ci[0];
}

}  // namespace

double torus_series::value(const double* x) const {
    phases p;
    fill_phases(x, p);
    double f = 0.0;
    for (int i0 = 0; i0 < n0_; ++i0) {
        for (int i1 = 0; i1 < n1_; ++i1) {
            const double pr = p.re[0][i0] * p.re[1][i1] - p.im[0][i0] * p.im[1][i1];
            const double pi = p.re[0][i0] * p.im[1][i1] + p.im[0][i0] * p.re[1][i1];
            const std::size_t row = (static_cast<std::size_t>(i0) * n1_ + i1) * n2_;
            double sr, si;
            row_sums<0>(&re_[row], &im_[row], p.re[2].data(), p.im[2].data(), n2_, &sr, &si);
            f += pr * sr - pi * si;
        }
    }
    return f;
}

double torus_series::value_gradient(const double* x, double* grad) const {
    phases p;
    fill_phases(x, p);
    // Re and -2 pi Im parts of sum p R k_axis on the three axes.
    double f = 0.0, g[3] = {0.0, 0.0, 0.0};
    for (int i0 = 0; i0 < n0_; ++i0) {
        for (int i1 = 0; i1 < n1_; ++i1) {
            const double pr = p.re[0][i0] * p.re[1][i1] - p.im[0][i0] * p.im[1][i1];
            const double pi = p.re[0][i0] * p.im[1][i1] + p.im[0][i0] * p.re[1][i1];
            const std::size_t row = (static_cast<std::size_t>(i0) * n1_ + i1) * n2_;
            double sr[2], si[2];
            row_sums<1>(&re_[row], &im_[row], p.re[2].data(), p.im[2].data(), n2_, sr, si);
            const double k0 = n0_ > 1 ? i0 - K_ : 0.0, k1 = n1_ > 1 ? i1 - K_ : 0.0;
            // d/dx of Re(c e^{2 pi i k.x}) = -2 pi k Im(c e^{2 pi i k.x}).
            const double im0 = pr * si[0] + pi * sr[0];
            f += pr * sr[0] - pi * si[0];
            g[0] += k0 * im0;
            g[1] += k1 * im0;
            g[2] += pr * si[1] + pi * sr[1];
        }
    }
    for (int j = 0; j < d_; ++j) grad[j] = -two_pi * g[j + 3 - d_];
    return f;
}

void torus_series::hessian(const double* x, double* hess) const {
    phases p;
    fill_phases(x, p);
    // H_ab = -(2 pi)^2 Re sum k_a k_b c e^{2 pi i k.x}, accumulated on the three axes.
    double h[3][3] = {};
    for (int i0 = 0; i0 < n0_; ++i0) {
        for (int i1 = 0; i1 < n1_; ++i1) {
            const double pr = p.re[0][i0] * p.re[1][i1] - p.im[0][i0] * p.im[1][i1];
            const double pi = p.re[0][i0] * p.im[1][i1] + p.im[0][i0] * p.re[1][i1];
            const std::size_t row = (static_cast<std::size_t>(i0) * n1_ + i1) * n2_;
            double sr[3], si[3];
            row_sums<2>(&re_[row], &im_[row], p.re[2].data(), p.im[2].data(), n2_, sr, si);
            double re[3];
            for (int q = 0; q < 3; ++q) re[q] = pr * sr[q] - pi * si[q];
            const double k0 = n0_ > 1 ? i0 - K_ : 0.0, k1 = n1_ > 1 ? i1 - K_ : 0.0;
            h[0][0] += k0 * k0 * re[0];
            h[0][1] += k0 * k1 * re[0];
            h[1][1] += k1 * k1 * re[0];
            h[0][2] += k0 * re[1];
            h[1][2] += k1 * re[1];
            h[2][2] += re[2];
        }
    }
    const int off = 3 - d_;
    const double scale = -two_pi * two_pi;
    for (int a = 0; a < d_; ++a) {
        for (int b = 0; b < d_; ++b) {
            const int p0 = std::min(a, b) + off, p1 = std::max(a, b) + off;
            hess[a * d_ + b] = scale * h[p0][p1];
        }
    }
}

void torus_series::values(points_view x, std::span<double> f) const {
    if (x.d != d_ || f.size() < x.n) throw std::invalid_argument("torus_series::values: shape mismatch");
#pragma omp parallel
    {
        phases p;
        double xi[3];
#pragma omp for schedule(static)
        for (std::size_t i = 0; i < x.n; ++i) {
            for (int j = 0; j < d_; ++j) xi[j] = x(i, j);
            fill_phases(xi, p);
            double s = 0.0;
            for (int i0 = 0; i0 < n0_; ++i0) {
                for (int i1 = 0; i1 < n1_; ++i1) {
                    const double pr = p.re[0][i0] * p.re[1][i1] - p.im[0][i0] * p.im[1][i1];
                    const double pi = p.re[0][i0] * p.im[1][i1] + p.im[0][i0] * p.re[1][i1];
                    const std::size_t row = (static_cast<std::size_t>(i0) * n1_ + i1) * n2_;
                    double sr, si;
                    row_sum(&re_[row], &im_[row], p.re[2].data(), p.im[2].data(), n2_, sr, si);
                    s += pr * sr - pi * si;
                }
            }
            f[i] = s;
        }
    }
}

double symmetric_norm(int d, const double* a) {
    if (d == 1) return std::abs(a[0]);
    if (d == 2) {
        // Eigenvalues m +- r of [[a, b], [b, c]], m = (a + c)/2, r = hypot((a - c)/2, b).
        return std::abs(0.5 * (a[0] + a[3])) + std::hypot(0.5 * (a[0] - a[3]), a[1]);
    }
    Eigen::Matrix3d m;
    m << a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[8];
    Eigen::SelfAdjointEigenSolver<Eigen::Matrix3d> es;
    es.computeDirect(m, Eigen::EigenvaluesOnly);
    return es.eigenvalues().cwiseAbs().maxCoeff();
}

// Compass search for a local maximum of ||D^2 f|| from x: try +-step along each axis, move on
// any gain, halve the step when none; stop at 1e-9 (or after 4000 evaluations).
double torus_series::polish_hessian_norm(double* x, double step) const {
    double hess[9];
    auto norm_at = [&](const double* y) {
        hessian(y, hess);
        return symmetric_norm(d_, hess);
    };
    double best = norm_at(x);
    int evaluations = 0;
    while (step > 1e-9 && evaluations < 4000) {
        bool moved = false;
        for (int j = 0; j < d_; ++j) {
            for (double sign : {1.0, -1.0}) {
                const double keep = x[j];
                x[j] = keep + sign * step;
                const double f = norm_at(x);
                ++evaluations;
                if (f > best) {
                    best = f;
                    moved = true;
                } else {
                    x[j] = keep;
                }
            }
        }
        if (!moved) step *= 0.5;
    }
    return best;
}

double torus_series::hessian_norm_sup(int n) const {
    if (n <= 2 * K_) {
        throw std::invalid_argument("torus_series::hessian_norm_sup: n = " + std::to_string(n) +
                                    " must exceed 2K = " + std::to_string(2 * K_));
    }
    const int d = d_;
    const std::size_t half = static_cast<std::size_t>(n / 2 + 1);
    std::size_t nreal = 1, ncomplex = half;
    for (int j = 0; j < d; ++j) nreal *= n;
    for (int j = 0; j + 1 < d; ++j) ncomplex *= n;

    // One grid per Hessian entry (a <= b): the entry's spectrum -(2 pi)^2 k_a k_b c_k placed
    // on the n-grid half spectrum (k_j mod n on the full axes; n > 2K keeps modes apart),
    // then one inverse FFT, which sums the series at the nodes j/n.
    const int pairs = d * (d + 1) / 2;
    std::vector<detail::fftw_array<double>> grid;
    for (int p = 0; p < pairs; ++p) grid.push_back(detail::fftw_zeros<double>(nreal));
    auto spectrum = detail::fftw_zeros<std::complex<double>>(ncomplex);
    const detail::fftw_plan_handle plan = detail::plan_c2r(d, n, spectrum.get(), grid[0].get());
    int pair_of[3][3];
    int k[3];
    for (int a = 0, p = 0; a < d; ++a) {
        for (int b = a; b < d; ++b, ++p) {
            pair_of[a][b] = pair_of[b][a] = p;
            std::fill(spectrum.get(), spectrum.get() + ncomplex, std::complex<double>{});
            for (std::size_t i = 0; i < size(); ++i) {
                mode(i, k);
                std::size_t pos = 0;
                for (int j = 0; j + 1 < d; ++j) pos = pos * n + static_cast<std::size_t>((k[j] + n) % n);
                pos = pos * half + static_cast<std::size_t>(k[d - 1]);
                spectrum[pos] = -two_pi * two_pi * k[a] * k[b] * (*this)[i];
            }
            fftw_execute_dft_c2r(plan.get(), detail::as_fftw(spectrum.get()), grid[p].get());
        }
    }

    // The best few nodes on the grid.
    constexpr int keep = 4;
    std::pair<double, std::size_t> best[keep];
    for (auto& b : best) b = {-1.0, 0};
    double hess[9];
    for (std::size_t node = 0; node < nreal; ++node) {
        for (int a = 0; a < d; ++a)
            for (int b = 0; b < d; ++b) hess[a * d + b] = grid[pair_of[a][b]][node];
        const double v = symmetric_norm(d, hess);
        if (v > best[keep - 1].first) {
            best[keep - 1] = {v, node};
            std::sort(best, best + keep, [](const auto& l, const auto& r) { return l.first > r.first; });
        }
    }

    double sup = best[0].first;
    for (const auto& [v, node] : best) {
        if (v < 0.0) continue;
        double x[3];
        std::size_t rest = node;
        for (int j = d - 1; j >= 0; --j) {
            x[j] = static_cast<double>(rest % n) / n;
            rest /= n;
        }
        sup = std::max(sup, polish_hessian_norm(x, 0.5 / n));
    }
    return sup;
}

}  // namespace mfv::meanfield
