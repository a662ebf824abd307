// A real band-limited trigonometric polynomial on the torus T^d = [0,1)^d (MATH.md section 0,
// torus Fourier convention):
//
//   f(x) = sum_{k in Z^d, |k|_inf <= K} c_k e^{2 pi i k.x},      c_{-k} = conj(c_k).
//
// Only the half spectrum k_last >= 0 is stored (k_j in [-K, K] for the other components),
// densely, k_last fastest; the plane k_last = 0 holds both k and -k, the other entries stand
// for their conjugate partner too. So f(x) = sum over stored k of w_k Re(c_k e^{2 pi i k.x})
// with w_k = 1 on the plane k_last = 0 and 2 elsewhere.
//
// Evaluation at a point is the exact finite sum (not an interpolation). e^{2 pi i k_j x_j}
// is built per coordinate by recurrence from e^{2 pi i x_j} (x_j reduced modulo 1 first, so
// unwrapped coordinates are fine), restarted from sincos every 32 steps so that the rounding
// of the recurrence stays at a few ulps. The cost is O(#modes) a point: (2K+1)^(d-1) (K+1).
#pragma once
#include <mfv/core/points.hpp>

#include <complex>
#include <cstddef>
#include <span>
#include <vector>

namespace mfv::meanfield {

class torus_series {
public:
    torus_series() = default;
    // The zero polynomial of band K >= 0 in d = 1, 2, 3.
    torus_series(int d, int K);

    int dim() const { return d_; }
    int band() const { return K_; }
    std::size_t size() const { return re_.size(); }

    // Storage position of k (|k_j| <= K, k_last >= 0), and its inverse.
    std::size_t index(const int* k) const;
    void mode(std::size_t i, int* k) const;
    // Weight w_k of a stored entry: 1 on the plane k_last = 0, else 2.
    double weight(std::size_t i) const { return i % (K_ + 1) == 0 ? 1.0 : 2.0; }

    std::complex<double> operator[](std::size_t i) const { return {re_[i], im_[i]}; }
    void set(std::size_t i, std::complex<double> c) {
        re_[i] = c.real();
        im_[i] = c.imag();
    }
    // f += a cos(2 pi k.x + phase), for any k with |k_j| <= K (either sign of k_last).
    void add_cosine(const int* k, double a, double phase);

    // c_0, the mean of f over T^d.
    double mean() const;
    // sum_{k in Z^d} c_k conj(b_k) = int_{T^d} f b dx (Parseval); same d and K.
    double inner(const torus_series& b) const;
    // The largest |c_k| over the stored k with lo <= |k|_inf <= hi.
    double max_abs_between(int lo, int hi) const;

    double value(const double* x) const;
    // f(x), and grad f(x) into grad[0..d).
    double value_gradient(const double* x, double* grad) const;
    // The Hessian of f at x, d x d row-major into hess.
    void hessian(const double* x, double* hess) const;
    // f at every point, in parallel (OpenMP over points; each value is computed alone, so the
    // result does not depend on the number of threads).
    void values(points_view x, std::span<double> f) const;

    // sup_x ||D^2 f(x)|| (operator norm): the largest norm over the nodes of an n^d grid
    // (n > 2K; the grid values come from one inverse FFT per Hessian entry, exact up to
    // rounding), then the best few nodes are polished by a compass search on the point
    // Hessian down to steps of 1e-9. The result is at least the grid maximum; it is the sup
    // to ~1e-12 relative when the maximum is a smooth local maximum that the grid sees.
    double hessian_norm_sup(int n) const;

private:
    // Per-axis tables of e^{2 pi i k x_j}, k = -K..K (or 0..K for the last axis), and the
    // row sums that every evaluation shares.
    struct phases;
    void fill_phases(const double* x, phases& p) const;
    // A local maximum of ||D^2 f|| near x (moved there), by compass search from steps of `step`.
    double polish_hessian_norm(double* x, double step) const;

    int d_ = 0;
    int K_ = 0;
    // Dense extents of the stored half spectrum as a 3-axis box (absent axes have extent 1).
    int n0_ = 1, n1_ = 1, n2_ = 1;
    std::vector<double> re_, im_;
};

// The operator norm of a symmetric d x d matrix (row-major), d = 1, 2, 3.
double symmetric_norm(int d, const double* a);

}  // namespace mfv::meanfield
