// The row sums of the direct evaluator, eight pairs at a time (private to direct.cpp).
//
// For particle i (MATH.md section 0, g(x) = |x|^(-s)/s, or -log|x| when s = 0):
//   phi_i = sum_{j != i} g(x_i - x_j),   G_i = -sum_{j != i} (x_i - x_j) |x_i - x_j|^(-s-2).
// Each kernel family turns r^2 = |x_i - x_j|^2 into a value term v (g up to a constant
// factor, applied once to the finished sum) and a weight w = |x|^(-s-2):
//   s = 1:  v = 1/r = rsqrt(r^2),          w = v^3;
//   s = 2:  v = 1/r^2 = reciprocal(r^2),   w = v^2;            g = v/2;
//   s = 0:  v = log r^2,                   w = 1/r^2;          g = -v/2;
//   other:  v = (r^2)^(-s/2),              w = (r^2)^(-s/2-1); g = v/s.
// Integer s and the log never call exp2; no family calls pow.
//
// Order of the sums (the determinism contract): lane l of the accumulators takes the j with
// j = l mod 8, in increasing j; the lanes are first summed over chunks of 2048 j, the chunk
// sums added in chunk order, and the eight lanes reduced in the fixed order of simd.hpp.
// Row i is done by one thread, so the bits do not depend on the number of threads. The
// two-level sum keeps the rounding bound at (256 + N/2048 + 3) u sum_j |term|, u = 2^-53
// (instead of (N/8) u): 3.4e-14 at N = 1e5, 1e-13 at N = 1.3e6. Each term adds its own
// error, 1 to 3 ulp, or (1 + ln2 |(s/2 + 1) log2 r^2|) eps for the general power.
//
// The diagonal is excluded by index (lane of j = i masked out), never by distance; the
// masked lanes' Inf/NaN never reach an accumulator, while a distinct particle at the same
// place gives Inf or NaN in phi_i and G_i.
#pragma once
#include <mfv/interaction/simd_math.hpp>
#include <mfv/kernel/riesz_kernel.hpp>

#include <algorithm>
#include <cstddef>
#include <limits>

namespace mfv::interaction::detail {

constexpr std::size_t chunk = 2048;

// s = 1: g = 1/r, w = 1/r^3.
template <class P>
struct inverse_distance {
    double finish(double sum) const { return sum; }
    template <bool Phi, bool Grad>
    MFV_SIMD_INLINE void terms(typename P::reg r2, typename P::reg& v, typename P::reg& w) const {
        v = simd::rsqrt<P>(r2);
        if constexpr (Grad) w = P::mul(P::mul(v, v), v);
    }
};

// s = 2: g = 1/(2 r^2), w = 1/r^4.
template <class P>
struct inverse_square {
    double finish(double sum) const { return 0.5 * sum; }
    template <bool Phi, bool Grad>
    MFV_SIMD_INLINE void terms(typename P::reg r2, typename P::reg& v, typename P::reg& w) const {
        v = simd::reciprocal<P>(r2);
        if constexpr (Grad) w = P::mul(v, v);
    }
};

// s = 0: g = -(1/2) log r^2, w = 1/r^2 (the gradient needs no log).
template <class P>
struct logarithm {
    double finish(double sum) const { return -0.5 * sum; }
    template <bool Phi, bool Grad>
    MFV_SIMD_INLINE void terms(typename P::reg r2, typename P::reg& v, typename P::reg& w) const {
        if constexpr (Phi) v = simd::log<P>(r2);
        if constexpr (Grad) w = simd::reciprocal<P>(r2);
    }
};

// Any other s: g = r^(-s)/s, w = r^(-s-2), each one simd::power of r^2 (log, then exp2).
// With both wanted, w is the power and v = w r^2 (one power, one multiply; w overflows to
// +inf for r below 10^(-308/(s+2)), a collision anyway).
template <class P>
struct general_power {
    double s;
    double finish(double sum) const { return sum / s; }
    template <bool Phi, bool Grad>
    MFV_SIMD_INLINE void terms(typename P::reg r2, typename P::reg& v, typename P::reg& w) const {
        if constexpr (Grad) {
            w = simd::power<P>(r2, -0.5 * s - 1.0);
            if constexpr (Phi) v = P::mul(w, r2);
        } else {
            v = simd::power<P>(r2, -0.5 * s);
        }
    }
};

// The kernel family above for g: pow-free paths for s = 0, 1, 2 (direct.cpp, tree_engine.cpp).
template <class P, class F>
void with_family(const kernel::riesz_kernel& g, F&& f) {
    if (g.is_log()) {
        f(logarithm<P>{});
    } else if (g.s() == 1.0) {
        f(inverse_distance<P>{});
    } else if (g.s() == 2.0) {
        f(inverse_square<P>{});
    } else {
        f(general_power<P>{g.s()});
    }
}

// The D coordinate arrays of the sources.
template <int D>
struct source {
    const double* c[D];
    std::size_t n;
};

template <int D>
struct row_sums {
    double phi = 0.0;
    double grad[D] = {};
};

template <class P, int D>
struct lanes {
    typename P::reg phi;
    typename P::reg grad[D];

    static lanes zero() {
        lanes a;
        a.phi = P::broadcast(0.0);
        for (int k = 0; k < D; ++k) a.grad[k] = P::broadcast(0.0);
        return a;
    }
    void add(const lanes& b) {
        phi = P::add(phi, b.phi);
        for (int k = 0; k < D; ++k) grad[k] = P::add(grad[k], b.grad[k]);
    }
};

// The lane of j0 + l = i, as a bit (none when i is outside [j0, j0 + 8)).
inline simd::lane_mask diagonal_bit(std::size_t i, std::size_t j0) {
    const std::size_t offset = i - j0;
    return offset < simd::width ? static_cast<simd::lane_mask>(1u << offset) : 0;
}

inline simd::lane_mask first_lanes(std::size_t count) {
    return static_cast<simd::lane_mask>((1u << count) - 1u);
}

// One block j0 .. j0+7 of row i: the lanes of m enter the sums. Partial blocks (the tail)
// load only the lanes of m.
template <class P, int D, bool Phi, bool Grad, bool Partial, class K>
MFV_SIMD_INLINE void accumulate(const K& kernel, const source<D>& src, const typename P::reg* xi,
                                std::size_t j0, simd::lane_mask m, lanes<P, D>& acc) {
    typename P::reg dx[D];
    typename P::reg r2 = P::broadcast(0.0);
    for (int k = 0; k < D; ++k) {
        const auto xj = Partial ? P::load(src.c[k] + j0, m) : P::load(src.c[k] + j0);
        dx[k] = P::sub(xi[k], xj);
        r2 = k == 0 ? P::mul(dx[k], dx[k]) : P::fma(dx[k], dx[k], r2);
    }
    typename P::reg v, w;
    kernel.template terms<Phi, Grad>(r2, v, w);
    if constexpr (Phi) acc.phi = P::masked_add(acc.phi, m, v);
    if constexpr (Grad) {
        for (int k = 0; k < D; ++k) acc.grad[k] = P::masked_fnma(acc.grad[k], m, dx[k], w);
    }
}

// phi_i (if Phi) and G_i (if Grad) for one particle i, in the fixed order described above.
template <class P, int D, bool Phi, bool Grad, class K>
row_sums<D> sum_row(const K& kernel, const source<D>& src, std::size_t i) {
    typename P::reg xi[D];
    for (int k = 0; k < D; ++k) xi[k] = P::broadcast(src.c[k][i]);
    auto total = lanes<P, D>::zero();
    for (std::size_t c0 = 0; c0 < src.n; c0 += chunk) {
        const std::size_t c1 = std::min(src.n, c0 + chunk);
        auto part = lanes<P, D>::zero();
        std::size_t j0 = c0;
        for (; j0 + simd::width <= c1; j0 += simd::width) {
            const auto m = static_cast<simd::lane_mask>(simd::all_lanes & ~diagonal_bit(i, j0));
            accumulate<P, D, Phi, Grad, false>(kernel, src, xi, j0, m, part);
        }
        if (j0 < c1) {
            const auto m = static_cast<simd::lane_mask>(first_lanes(c1 - j0) & ~diagonal_bit(i, j0));
            accumulate<P, D, Phi, Grad, true>(kernel, src, xi, j0, m, part);
        }
        total.add(part);
    }
    row_sums<D> out;
    if constexpr (Phi) out.phi = kernel.finish(P::reduce_add(total.phi));
    if constexpr (Grad) {
        for (int k = 0; k < D; ++k) out.grad[k] = P::reduce_add(total.grad[k]);
    }
    return out;
}

// min over j > i of |x_i - x_j|^2 (+inf when there is no such j). A minimum is exact, so
// its value does not depend on the order in which it is taken.
template <class P, int D>
double min_distance2_row(const source<D>& src, std::size_t i) {
    typename P::reg xi[D];
    for (int k = 0; k < D; ++k) xi[k] = P::broadcast(src.c[k][i]);
    auto best = P::broadcast(std::numeric_limits<double>::infinity());
    const auto block = [&](std::size_t j0, simd::lane_mask m) {
        typename P::reg r2 = P::broadcast(0.0);
        for (int k = 0; k < D; ++k) {
            const auto dx = P::sub(xi[k], P::load(src.c[k] + j0, m));
            r2 = P::fma(dx, dx, r2);
        }
        best = P::masked_min(best, m, r2);
    };
    std::size_t j0 = (i + 1) / simd::width * simd::width;
    for (; j0 < src.n; j0 += simd::width) {
        const std::size_t count = std::min<std::size_t>(simd::width, src.n - j0);
        const std::size_t below = i + 1 > j0 ? i + 1 - j0 : 0;
        block(j0, static_cast<simd::lane_mask>(first_lanes(count) & ~first_lanes(below)));
    }
    return P::reduce_min(best);
}

}  // namespace mfv::interaction::detail
