// Weighted kernel sums, eight sources at a time (private to the interaction module), for the
// fast evaluator (tree_engine.cpp) and the direct sum at other points (direct.cpp): at x,
//   phi = sum_j q_j g(x - y_j),   G = sum_j q_j grad g(x - y_j)   (MATH.md section 0),
// over a contiguous block of sources (a leaf's particles, or a box's Chebyshev points
// carrying its multipole charges). The kernel families and the pack interface are those
// of the direct evaluator (direct_kernels.hpp, simd.hpp). One source index may be excluded
// (the target itself, by index, never by distance); sums run over j in increasing order.
#pragma once
#include "direct_kernels.hpp"

#include <cstddef>

namespace mfv::interaction::detail {

template <int D>
struct weighted_source {
    const double* c[D];
    const double* q;  // charges
    std::size_t n;
};

constexpr std::size_t no_exclusion = static_cast<std::size_t>(-1);

template <class P, int D, bool Phi, bool Grad, class K>
MFV_SIMD_INLINE void weighted_block(const K& kernel, const weighted_source<D>& src, const typename P::reg* x,
                                    std::size_t j0, simd::lane_mask m, bool partial, lanes<P, D>& acc) {
    typename P::reg dx[D];
    typename P::reg r2 = P::broadcast(0.0);
    for (int k = 0; k < D; ++k) {
        const auto y = partial ? P::load(src.c[k] + j0, m) : P::load(src.c[k] + j0);
        dx[k] = P::sub(x[k], y);
        r2 = k == 0 ? P::mul(dx[k], dx[k]) : P::fma(dx[k], dx[k], r2);
    }
    const auto q = partial ? P::load(src.q + j0, m) : P::load(src.q + j0);
    typename P::reg v, w;
    kernel.template terms<Phi, Grad>(r2, v, w);
    if constexpr (Phi) acc.phi = P::masked_add(acc.phi, m, P::mul(v, q));
    if constexpr (Grad) {
        const auto wq = P::mul(w, q);
        for (int k = 0; k < D; ++k) acc.grad[k] = P::masked_fnma(acc.grad[k], m, dx[k], wq);
    }
}

// The sums at x over all sources of src except index `exclude`.
template <class P, int D, bool Phi, bool Grad, class K>
row_sums<D> weighted_row(const K& kernel, const weighted_source<D>& src, const double* x,
                         std::size_t exclude = no_exclusion) {
    typename P::reg xr[D];
    for (int k = 0; k < D; ++k) xr[k] = P::broadcast(x[k]);
    auto acc = lanes<P, D>::zero();
    std::size_t j0 = 0;
    for (; j0 + simd::width <= src.n; j0 += simd::width) {
        const auto m = static_cast<simd::lane_mask>(simd::all_lanes & ~diagonal_bit(exclude, j0));
        weighted_block<P, D, Phi, Grad>(kernel, src, xr, j0, m, false, acc);
    }
    if (j0 < src.n) {
        const auto m = static_cast<simd::lane_mask>(first_lanes(src.n - j0) & ~diagonal_bit(exclude, j0));
        weighted_block<P, D, Phi, Grad>(kernel, src, xr, j0, m, true, acc);
    }
    row_sums<D> out;
    if constexpr (Phi) out.phi = kernel.finish(P::reduce_add(acc.phi));
    if constexpr (Grad) {
        for (int k = 0; k < D; ++k) out.grad[k] = P::reduce_add(acc.grad[k]);
    }
    return out;
}

// sum_j q_j (g(x - y_j) - g(c - y_j)) at x, for a point c: the potential of the sources at x
// relative to their potential at c, term by term, so that a large, nearly constant far
// potential (a log kernel's) does not bury its variation in rounding (P2L, tree_engine.cpp).
template <class P, int D, class K>
double centered_row(const K& kernel, const weighted_source<D>& src, const double* x, const double* c) {
    typename P::reg xr[D], cr[D];
    for (int k = 0; k < D; ++k) {
        xr[k] = P::broadcast(x[k]);
        cr[k] = P::broadcast(c[k]);
    }
    auto acc = P::broadcast(0.0);
    for (std::size_t j0 = 0; j0 < src.n; j0 += simd::width) {
        const bool partial = j0 + simd::width > src.n;
        const auto m = partial ? first_lanes(src.n - j0) : simd::all_lanes;
        typename P::reg r2 = P::broadcast(0.0), rc2 = P::broadcast(0.0);
        for (int k = 0; k < D; ++k) {
            const auto y = partial ? P::load(src.c[k] + j0, m) : P::load(src.c[k] + j0);
            const auto dx = P::sub(xr[k], y), dc = P::sub(cr[k], y);
            r2 = P::fma(dx, dx, r2);
            rc2 = P::fma(dc, dc, rc2);
        }
        const auto q = partial ? P::load(src.q + j0, m) : P::load(src.q + j0);
        typename P::reg v, vc, unused;
        kernel.template terms<true, false>(r2, v, unused);
        kernel.template terms<true, false>(rc2, vc, unused);
        acc = P::masked_add(acc, m, P::mul(P::sub(v, vc), q));
    }
    return kernel.finish(P::reduce_add(acc));
}

}  // namespace mfv::interaction::detail
