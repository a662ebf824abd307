// The reciprocal part of smooth PME (pme_parts.hpp; Essmann et al. 1995, sections II.B-C).
//
// With u = K x, cardinal B-splines M_p of even order p and the Euler exponential spline
//   e^{2 pi i k x} ~ b(k) sum_m M_p(u - m) e^{2 pi i k m / K},
//   |b(k)|^-2 = |sum_{j=0}^{p-2} M_p(j + 1) e^{2 pi i k j / K}|^2   (one factor per axis),
// the Fourier sum sum_{k != 0} phi(|k|^2) Re[e^{2 pi i k.x_i} conj(S(k))] becomes
//   phi_i = sum_m M_p(K x_i - m) V(m),   V = theta * Q,   Q(m) = sum_j q_j M_p(K x_j - m),
//   theta^(k) = phi(|k|^2) |b(k)|^2 for k != 0 in the mesh (|k_a| <= K/2), theta^(0) = 0,
// and grad_i is the x-gradient of the same interpolation (K M_p' in one factor).
//
// Spreading writes into a padded mesh of (K + p - 1)^d points, padded index t = floor(u) + c
// for the spline's c-th point (mesh point (t - p + 1) mod K), so that no particle wraps; the
// padding is then folded onto the mesh. In parallel and deterministic: the particles are
// sorted by their first spline index along the first axis (and the second in d = 3), cut
// into an even number of blocks at least p wide along that axis; blocks of one parity touch
// disjoint rows, so the even blocks run in parallel, then the odd ones, and every mesh value
// receives its terms in the same order whatever the thread count.
#include "pme_parts.hpp"
#include "pme_splines.hpp"

#include <boost/math/constants/constants.hpp>
#include <boost/math/quadrature/gauss.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <complex>
#include <numeric>
#include <stdexcept>
#include <string>
#include <type_traits>

namespace mfv::interaction::pme_detail {

namespace {

using namespace splines;

constexpr double two_pi = 2.0 * boost::math::constants::pi<double>();

// Below this many mesh points a pass over the mesh (about a millisecond) is not worth a
// parallel region (tens of microseconds, and far more on a loaded machine).
constexpr std::size_t parallel_points = 1 << 18;

// One particle's charge onto the padded mesh (side `pad`).
template <int D, int N>
inline void spread_one(const points_view& x, std::size_t i, double q, int k, std::size_t pad, double* mesh) {
    int base[3] = {0, 0, 0};
    double w[3][N];
    for (int a = 0; a < D; ++a) {
        double frac;
        split(x(i, a), k, base[a], frac);
        spline_weights<N>(frac, w[a], nullptr);
    }
    if constexpr (D == 1) {
        double* row = mesh + base[0];
#pragma omp simd
        for (int c = 0; c < N; ++c) row[c] = std::fma(q, w[0][c], row[c]);
    } else if constexpr (D == 2) {
        for (int a = 0; a < N; ++a) {
            double* row = mesh + (static_cast<std::size_t>(base[0] + a)) * pad + base[1];
            const double f = q * w[0][a];
#pragma omp simd
            for (int c = 0; c < N; ++c) row[c] = std::fma(f, w[1][c], row[c]);
        }
    } else {
        for (int a = 0; a < N; ++a) {
            for (int b = 0; b < N; ++b) {
                double* row = mesh + ((static_cast<std::size_t>(base[0] + a)) * pad + base[1] + b) * pad + base[2];
                const double f = q * w[0][a] * w[1][b];
#pragma omp simd
                for (int c = 0; c < N; ++c) row[c] = std::fma(f, w[2][c], row[c]);
            }
        }
    }
}

// The potential and its gradient at one particle from the padded mesh. The sums run over the
// first axes with the last axis's N values as independent lanes (vectorised), reduced over
// them at the end; every product-add is an explicit fma, so that the potential has the same
// bits whether or not the gradient is computed.
template <int D, int N, bool Phi, bool Grad>
inline void interpolate_one(const points_view& x, std::size_t i, int k, std::size_t pad, const double* mesh,
                            double& phi, double* grad) {
    int base[3] = {0, 0, 0};
    double w[3][N], dw[3][N] = {};
    for (int a = 0; a < D; ++a) {
        double frac;
        split(x(i, a), k, base[a], frac);
        spline_weights<N>(frac, w[a], Grad ? dw[a] : nullptr);
    }
    const int last = D - 1;
    // lane[c]: sum over the first axes of weights times mesh values, at last-axis point c;
    // first[c], second[c]: the same with the derivative weight of axis 0 or axis 1.
    double lane[N] = {}, first[N] = {}, second[N] = {};
    if constexpr (D == 1) {
        for (int c = 0; c < N; ++c) lane[c] = mesh[base[0] + c];
    } else if constexpr (D == 2) {
        for (int a = 0; a < N; ++a) {
            const double* row = mesh + (static_cast<std::size_t>(base[0] + a)) * pad + base[1];
#pragma omp simd
            for (int c = 0; c < N; ++c) {
                lane[c] = std::fma(w[0][a], row[c], lane[c]);
                if constexpr (Grad) first[c] = std::fma(dw[0][a], row[c], first[c]);
            }
        }
    } else {
        for (int a = 0; a < N; ++a) {
            double plane[N] = {}, plane_slope[N] = {};
            for (int b = 0; b < N; ++b) {
                const double* row = mesh + ((static_cast<std::size_t>(base[0] + a)) * pad + base[1] + b) * pad + base[2];
#pragma omp simd
                for (int c = 0; c < N; ++c) {
                    plane[c] = std::fma(w[1][b], row[c], plane[c]);
                    if constexpr (Grad) plane_slope[c] = std::fma(dw[1][b], row[c], plane_slope[c]);
                }
            }
#pragma omp simd
            for (int c = 0; c < N; ++c) {
                lane[c] = std::fma(w[0][a], plane[c], lane[c]);
                if constexpr (Grad) {
                    first[c] = std::fma(dw[0][a], plane[c], first[c]);
                    second[c] = std::fma(w[0][a], plane_slope[c], second[c]);
                }
            }
        }
    }
    double v = 0.0, g[3] = {0.0, 0.0, 0.0};
    for (int c = 0; c < N; ++c) {
        v = std::fma(lane[c], w[last][c], v);
        if constexpr (Grad) {
            g[last] = std::fma(lane[c], dw[last][c], g[last]);
            if constexpr (D >= 2) g[0] = std::fma(first[c], w[last][c], g[0]);
            if constexpr (D == 3) g[1] = std::fma(second[c], w[last][c], g[1]);
        }
    }
    if constexpr (Phi) phi = v;
    if constexpr (Grad)
        for (int a = 0; a < D; ++a) grad[a] = k * g[a];
}

}  // namespace

reciprocal_space::reciprocal_space(const kernel::riesz_kernel& g, double alpha, int mesh, int order)
    : g_(g), split_(g, alpha), d_(g.d()), k_(mesh), p_(order), padded_(mesh + order - 1), fft_(g.d(), mesh) {
    if (order < 4 || order > 16 || order % 2 != 0)
        throw std::invalid_argument("pme: B-spline order " + std::to_string(order) + " is not 4, 6, ..., 16");
    if (mesh < order) throw std::invalid_argument("pme: mesh K = " + std::to_string(mesh) + " below the order");
    build_influence();
}

// phi(k^2) for the integer k^2 of the mesh, |b(k)|^2 per axis index, and the mean self
// interaction sigma = sum_{k != 0} phi(|k|^2) prod_a A(k_a) with (mean over the particle's
// position of |b W_k|^2, W_k(u) = sum_m M_p(u - m) e^{2 pi i k m / K})
//   A(k) = |b(k)|^2 sum_{j=-(p-1)}^{p-1} M_2p(p + j) cos(2 pi k j / K),
// M_2p(p + j) = int M_p(v) M_p(v - j) dv being the autocorrelation of M_p.
void reciprocal_space::build_influence() {
    const int half = k_ / 2;
    // phi by |k| (d = 1) or by the integer |k|^2 (d > 1), up to |k| = 6 alpha / pi (beyond,
    // phi < e^-36 of its scale: zero) or the mesh's largest.
    const fast_fourier_coefficient phi(split_);
    const double radius = 6.0 * split_.alpha() / boost::math::constants::pi<double>();
    if (d_ == 1) {
        phi_table_.assign(static_cast<std::size_t>(half) + 1, 0.0);
        for (int i = 1; i <= half && i <= radius + 1.0; ++i) phi_table_[static_cast<std::size_t>(i)] = phi(double(i) * i);
    } else {
        const double k2_max = std::min(double(d_) * half * half, std::ceil(radius * radius));
        phi_table_.assign(static_cast<std::size_t>(k2_max) + 1, 0.0);
        for (std::size_t k2 = 1; k2 < phi_table_.size(); ++k2) phi_table_[k2] = phi(static_cast<double>(k2));
    }

    const auto mp = spline_at_integers(p_);
    b2_.assign(static_cast<std::size_t>(k_), 0.0);
    for (int i = 0; i < k_; ++i) {
        const int kk = i <= half ? i : i - k_;
        std::complex<double> sum = 0.0;
        for (int j = 0; j <= p_ - 2; ++j) sum += mp[static_cast<std::size_t>(j + 1)] * std::polar(1.0, two_pi * kk * j / k_);
        b2_[static_cast<std::size_t>(i)] = 1.0 / std::norm(sum);
    }
    build_self_series();
}

// Colour blocks for spreading: the sorted particles cut into an even number of blocks, each
// a run of whole columns along the first axis (d >= 2) or of first spline indices (d = 1),
// at least p + 3 mesh points wide. The rows each block touches (first spline index .. + p - 1,
// scanned) are checked: blocks two apart must not share a row, otherwise one serial block.
void reciprocal_space::make_blocks(const sorted_particles& sp) {
    const std::size_t n = sp.n;
    std::vector<int> first_index(n);
    for (std::size_t s = 0; s < n; ++s) {
        double f;
        split(sp.x[s], k_, first_index[s], f);
    }
    int blocks = 1;
    block_start_.assign({0, n});
    if (d_ == 1) {
        // Sorted by x, so the first spline index grows along the order.
        blocks = k_ / (p_ + 3);
        if (blocks % 2 != 0) --blocks;
        if (blocks >= 2) {
            block_start_.assign(static_cast<std::size_t>(blocks) + 1, n);
            for (int b = 0; b < blocks; ++b) {
                const int from = static_cast<int>(static_cast<long>(b) * k_ / blocks);
                block_start_[static_cast<std::size_t>(b)] = static_cast<std::size_t>(
                    std::lower_bound(first_index.begin(), first_index.end(), from) - first_index.begin());
            }
        }
    } else {
        const int m = sp.m;
        const int width = static_cast<int>(std::ceil((p_ + 3.0) * m / k_));
        blocks = m / std::max(width, 1);
        if (blocks % 2 != 0) --blocks;
        if (blocks >= 2) {
            const std::size_t per_column0 = sp.columns() / static_cast<std::size_t>(m);
            block_start_.assign(static_cast<std::size_t>(blocks) + 1, n);
            for (int b = 0; b < blocks; ++b) {
                const auto c0 = static_cast<std::size_t>(static_cast<long>(b) * m / blocks);
                block_start_[static_cast<std::size_t>(b)] = sp.column_start[c0 * per_column0];
            }
        }
    }
    if (blocks < 2) {
        block_start_.assign({0, n});
        return;
    }
    std::vector<int> lo(static_cast<std::size_t>(blocks), k_ + p_), hi(static_cast<std::size_t>(blocks), -1);
    for (int b = 0; b < blocks; ++b)
        for (std::size_t s = block_start_[static_cast<std::size_t>(b)]; s < block_start_[static_cast<std::size_t>(b) + 1]; ++s) {
            lo[static_cast<std::size_t>(b)] = std::min(lo[static_cast<std::size_t>(b)], first_index[s]);
            hi[static_cast<std::size_t>(b)] = std::max(hi[static_cast<std::size_t>(b)], first_index[s] + p_ - 1);
        }
    for (int b = 0; b + 2 < blocks; ++b)
        if (hi[static_cast<std::size_t>(b)] >= 0 && lo[static_cast<std::size_t>(b) + 2] <= k_ + p_ &&
            hi[static_cast<std::size_t>(b)] >= lo[static_cast<std::size_t>(b) + 2]) {
            block_start_.assign({0, n});
            return;
        }
}

void reciprocal_space::spread(const sorted_particles& sp) {
    const std::size_t pad = static_cast<std::size_t>(padded_);
    std::size_t size = 1;
    for (int a = 0; a < d_; ++a) size *= pad;
    pad_.resize(size);
    double* mesh = pad_.data();
    const auto chunks = static_cast<std::ptrdiff_t>(size / 4096 + 1);
#pragma omp parallel for schedule(static) if (size > parallel_points)
    for (std::ptrdiff_t c = 0; c < chunks; ++c) {
        const std::size_t lo = static_cast<std::size_t>(c) * 4096, hi = std::min(size, lo + 4096);
        std::fill(mesh + lo, mesh + hi, 0.0);
    }
    const auto blocks = static_cast<std::ptrdiff_t>(block_start_.size() - 1);
    const points_view x = sp.view();
    with_dimension(d_, [&](auto dim) {
        with_order(p_, [&](auto order) {
            constexpr int D = decltype(dim)::value, N = decltype(order)::value;
            for (int parity = 0; parity < 2; ++parity) {
#pragma omp parallel for schedule(dynamic, 1) if (blocks > 1 && sp.n > 2000)
                for (std::ptrdiff_t b = parity; b < blocks; b += 2) {
                    for (std::size_t s = block_start_[static_cast<std::size_t>(b)];
                         s < block_start_[static_cast<std::size_t>(b) + 1]; ++s)
                        spread_one<D, N>(x, s, sp.q[s], k_, pad, mesh);
                }
            }
        });
    });
}

// The padding folded onto the first K points of each axis (padded t + K onto t), then copied
// to the FFT's mesh, point t going to mesh point (t - p + 1) mod K.
void reciprocal_space::fold() {
    const std::size_t pad = static_cast<std::size_t>(padded_), k = static_cast<std::size_t>(k_);
    const bool parallel_mesh = pad_.size() > parallel_points;
    double* mesh = pad_.data();
    const std::size_t lines = d_ == 1 ? 1 : (d_ == 2 ? pad : pad * pad);
    // Last axis: within each line.
#pragma omp parallel for schedule(static) if (parallel_mesh)
    for (std::ptrdiff_t l = 0; l < static_cast<std::ptrdiff_t>(lines); ++l) {
        double* line = mesh + static_cast<std::size_t>(l) * pad;
        for (std::size_t t = k; t < pad; ++t) line[t - k] += line[t];
    }
    if (d_ == 3) {
        // Middle axis: rows t1 >= K onto t1 - K, in each plane.
#pragma omp parallel for schedule(static) if (parallel_mesh)
        for (std::ptrdiff_t t0 = 0; t0 < static_cast<std::ptrdiff_t>(pad); ++t0) {
            double* plane = mesh + static_cast<std::size_t>(t0) * pad * pad;
            for (std::size_t t1 = k; t1 < pad; ++t1)
                for (std::size_t t2 = 0; t2 < k; ++t2) plane[(t1 - k) * pad + t2] += plane[t1 * pad + t2];
        }
    }
    if (d_ >= 2) {
        // First axis: slices t0 >= K onto t0 - K (a slice is a row in 2D, a plane in 3D).
        const std::size_t slice = d_ == 2 ? pad : pad * pad;
        const std::size_t used = d_ == 2 ? k : pad * k;  // the part of a slice that matters
#pragma omp parallel for schedule(static) if (parallel_mesh)
        for (std::ptrdiff_t j = 0; j < static_cast<std::ptrdiff_t>(used); ++j)
            for (std::size_t t0 = k; t0 < pad; ++t0)
                mesh[(t0 - k) * slice + static_cast<std::size_t>(j)] += mesh[t0 * slice + static_cast<std::size_t>(j)];
    }
    // Copy to the FFT mesh: mesh point m holds padded t = (m + p - 1) mod K.
    double* out = fft_.real();
    const std::size_t row = 2 * static_cast<std::size_t>(fft_.row_length());
    std::vector<std::size_t> from(k);
    for (std::size_t m = 0; m < k; ++m) from[m] = (m + static_cast<std::size_t>(p_) - 1) % k;
    const std::size_t rows = fft_.rows();
#pragma omp parallel for schedule(static) if (parallel_mesh)
    for (std::ptrdiff_t r = 0; r < static_cast<std::ptrdiff_t>(rows); ++r) {
        const auto rr = static_cast<std::size_t>(r);
        const double* src = mesh;
        if (d_ == 2) src = mesh + from[rr] * pad;
        if (d_ == 3) src = mesh + (from[rr / k] * pad + from[rr % k]) * pad;
        double* dst = out + rr * row;
        for (std::size_t m = 0; m < k; ++m) dst[m] = src[from[m]];
        std::fill(dst + k, dst + row, 0.0);
    }
}

// V^ = theta^ Q^, theta^(k) = phi(|k|^2) prod_a |b(k_a)|^2, over the half spectrum of r2c.
void reciprocal_space::convolve() {
    const bool parallel_mesh = pad_.size() > parallel_points;
    fft_.forward();
    std::complex<double>* spec = fft_.spectrum();
    const std::size_t l = static_cast<std::size_t>(fft_.row_length());
    const int half = k_ / 2;
    const std::size_t rows = fft_.rows();
#pragma omp parallel for schedule(static) if (parallel_mesh)
    for (std::ptrdiff_t r = 0; r < static_cast<std::ptrdiff_t>(rows); ++r) {
        const auto rr = static_cast<std::size_t>(r);
        std::size_t k2_rows = 0;
        double b_rows = 1.0;
        if (d_ >= 2) {
            const std::size_t i_last = rr % static_cast<std::size_t>(k_);
            const long k_last = static_cast<long>(i_last) <= half ? static_cast<long>(i_last) : static_cast<long>(i_last) - k_;
            k2_rows += static_cast<std::size_t>(k_last * k_last);
            b_rows *= b2_[i_last];
        }
        if (d_ == 3) {
            const std::size_t i_first = rr / static_cast<std::size_t>(k_);
            const long k_first = static_cast<long>(i_first) <= half ? static_cast<long>(i_first) : static_cast<long>(i_first) - k_;
            k2_rows += static_cast<std::size_t>(k_first * k_first);
            b_rows *= b2_[i_first];
        }
        std::complex<double>* line = spec + rr * l;
        for (std::size_t i = 0; i <= static_cast<std::size_t>(half); ++i)
            line[i] *= phi_at(static_cast<long>(k2_rows + i * i)) * (b_rows * b2_[i]);
    }
    fft_.backward();
}

// The FFT mesh copied back to the padded mesh: padded t holds mesh point (t - p + 1) mod K.
void reciprocal_space::unfold() {
    const std::size_t pad = static_cast<std::size_t>(padded_), k = static_cast<std::size_t>(k_);
    const bool parallel_mesh = pad_.size() > parallel_points;
    const double* in = fft_.real();
    const std::size_t row = 2 * static_cast<std::size_t>(fft_.row_length());
    std::vector<std::size_t> from(pad);
    for (std::size_t t = 0; t < pad; ++t) from[t] = (t + k * 2 - static_cast<std::size_t>(p_) + 1) % k;
    double* mesh = pad_.data();
    const std::size_t lines = d_ == 1 ? 1 : (d_ == 2 ? pad : pad * pad);
#pragma omp parallel for schedule(static) if (parallel_mesh)
    for (std::ptrdiff_t l = 0; l < static_cast<std::ptrdiff_t>(lines); ++l) {
        const auto ll = static_cast<std::size_t>(l);
        const double* src = in;
        if (d_ == 2) src = in + from[ll] * row;
        if (d_ == 3) src = in + (from[ll / pad] * k + from[ll % pad]) * row;
        double* dst = mesh + ll * pad;
        for (std::size_t t = 0; t < pad; ++t) dst[t] = src[from[t]];
    }
}

// The interpolated potential and gradient minus the self-interaction: q_i S(x_i) from phi_i
// and q_i (K/2) dS/du from grad_i (the interpolated gradient of q_i S is half its derivative:
// the derivative falls on one of the two spline factors of S).
void reciprocal_space::interpolate(const sorted_particles& sp, double* phi, double* grad) {
    const std::size_t pad = static_cast<std::size_t>(padded_), n = sp.n;
    const double* mesh = pad_.data();
    const points_view x = sp.view();
    const double* q = sp.q.data();
    const auto count = static_cast<std::ptrdiff_t>(n);
    const auto run = [&](auto dim, auto order, auto want_phi, auto want_grad) {
        constexpr int D = decltype(dim)::value, N = decltype(order)::value;
        constexpr bool Phi = decltype(want_phi)::value, Grad = decltype(want_grad)::value;
#pragma omp parallel for schedule(static, 256) if (n > 2000)
        for (std::ptrdiff_t ss = 0; ss < count; ++ss) {
            const auto s = static_cast<std::size_t>(ss);
            double v = 0.0, g[3], self, dself[3];
            interpolate_one<D, N, Phi, Grad>(x, s, k_, pad, mesh, v, g);
            self_at(x, s, self, dself);
            if constexpr (Phi) phi[s] = v - q[s] * self;
            if constexpr (Grad)
                for (int a = 0; a < D; ++a) grad[static_cast<std::size_t>(a) * n + s] = g[a] - q[s] * 0.5 * k_ * dself[a];
        }
    };
    with_dimension(d_, [&](auto dim) {
        with_order(p_, [&](auto order) {
            if (phi && grad) run(dim, order, std::true_type{}, std::true_type{});
            else if (phi) run(dim, order, std::true_type{}, std::false_type{});
            else if (grad) run(dim, order, std::false_type{}, std::true_type{});
        });
    });
}

void reciprocal_space::evaluate(const sorted_particles& sp, double* phi, double* grad) {
    make_blocks(sp);
    spread(sp);
    fold();
    convolve();
    unfold();
    interpolate(sp, phi, grad);
}

}  // namespace mfv::interaction::pme_detail
