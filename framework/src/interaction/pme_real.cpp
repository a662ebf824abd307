// The real-space part of PME (pme_parts.hpp): for each particle i,
//   phi_i = sum_{j != i, |x_i - x_j| < r_cut} q_j psi(|x_i - x_j|^2),
//   grad_i = -sum_{same j} q_j rep(|x_i - x_j|^2) (x_i - x_j),
// the difference taken as the minimum image (r_cut < 1/2: no other image is that close), psi
// and rep = -psi'(r)/r of ewald_split (MATH.md section 6) as kernel minus tabulated smooth
// part (smooth_table).
//
// Cells: the particles are sorted into columns (cells of side 1/M >= r_cut/2 in the first
// d - 1 coordinates; one column in d = 1) and, within a column, by the last coordinate. The
// neighbours of i are found in the 5^(d-1) columns around its own (all M when M < 5; columns
// farther than r_cut in the first coordinates skipped), in each by binary search for the
// window |z_j - z_i| <= r_cut. Pass 1 computes r^2 for the window eight at a time and keeps
// (compresses) the pairs within r_cut; pass 2 evaluates the kernel on the kept pairs only.
//
// Determinism: particle i's sum is done by one thread, over the columns and windows in a
// fixed order, the kept pairs in that order, lane l of the accumulators taking the pairs
// l mod 8, reduced in simd.hpp's fixed order: the same bits for any thread count.
#include "pme_parts.hpp"

#include <mfv/interaction/simd_math.hpp>

#include <algorithm>
#include <bit>
#include <cmath>
#include <numeric>
#include <stdexcept>
#include <string>
#include <type_traits>

namespace mfv::interaction::pme_detail {

namespace {

using simd::lane_mask;

// What simd.hpp's packs lack here: a comparison into a mask, compression of the lanes of a
// mask to the front (stored as eight lanes, so the destination needs eight free slots), and
// the 16-entry table lookup on both backends.
template <class P>
struct lane_ops;

template <>
struct lane_ops<simd::portable> {
    using reg = simd::portable::reg;
    static lane_mask less(const reg& a, const reg& b) {
        unsigned m = 0;
        for (int l = 0; l < simd::width; ++l) m |= static_cast<unsigned>(a.v[l] < b.v[l]) << l;
        return static_cast<lane_mask>(m);
    }
    static void compress_store(double* dst, lane_mask m, const reg& v) {
        int n = 0;
        for (int l = 0; l < simd::width; ++l)
            if ((m >> l) & 1u) dst[n++] = v.v[l];
    }
    static reg lookup16(const reg& t, const double* tab) {
        reg r;
        for (int l = 0; l < simd::width; ++l) r.v[l] = tab[std::bit_cast<std::uint64_t>(t.v[l]) & 15u];
        return r;
    }
};

#ifdef __AVX512F__
template <>
struct lane_ops<simd::avx512> {
    using reg = __m512d;
    static lane_mask less(reg a, reg b) { return _mm512_cmp_pd_mask(a, b, _CMP_LT_OQ); }
    // The register form of vcompresspd (the memory form is microcoded and slow on Zen 4).
    static void compress_store(double* dst, lane_mask m, reg v) { _mm512_storeu_pd(dst, _mm512_maskz_compress_pd(m, v)); }
    static reg lookup16(reg t, const double* tab) { return simd::avx512::lookup16(t, tab); }
};
#endif

// The kernel g(r) = c v and its repulsion w = r^(-s-2) from r^2, as in direct_kernels.hpp.
template <class P>
struct coulomb {  // s = 1
    static constexpr double c = 1.0;
    template <bool Phi, bool Grad>
    MFV_SIMD_INLINE void terms(typename P::reg r2, typename P::reg& v, typename P::reg& w) const {
        v = simd::rsqrt<P>(r2);
        if constexpr (Grad) w = P::mul(P::mul(v, v), v);
    }
};
template <class P>
struct inverse_square {  // s = 2
    static constexpr double c = 0.5;
    template <bool Phi, bool Grad>
    MFV_SIMD_INLINE void terms(typename P::reg r2, typename P::reg& v, typename P::reg& w) const {
        v = simd::reciprocal<P>(r2);
        if constexpr (Grad) w = P::mul(v, v);
    }
};
template <class P>
struct logarithm {  // s = 0: g = -(1/2) log r^2
    static constexpr double c = -0.5;
    template <bool Phi, bool Grad>
    MFV_SIMD_INLINE void terms(typename P::reg r2, typename P::reg& v, typename P::reg& w) const {
        if constexpr (Phi) v = simd::log<P>(r2);
        if constexpr (Grad) w = simd::reciprocal<P>(r2);
    }
};
// g = r^-s / s: one power w = r^(-s-2) and v = w r^2, also when only v is wanted, so that the
// potentials have the same bits with or without the gradients.
template <class P>
struct general_power {
    double s, c;
    template <bool Phi, bool Grad>
    MFV_SIMD_INLINE void terms(typename P::reg r2, typename P::reg& v, typename P::reg& w) const {
        w = simd::power<P>(r2, -0.5 * s - 1.0);
        if constexpr (Phi) v = P::mul(w, r2);
    }
};

// The pairs kept by pass 1, as structure of arrays (eight spare slots at the end).
struct kept_pairs {
    std::vector<double> dx[3], r2, q;
    std::size_t count = 0;
    void make_room(std::size_t n) {
        if (r2.size() >= n + simd::width) return;
        const std::size_t size = 2 * n + simd::width;
        for (auto& v : dx) v.resize(size);
        r2.resize(size);
        q.resize(size);
    }
};

// The window [j0, j1) of sorted particles against particle i (sorted index i): pairs with
// r^2 < r_cut^2 appended to `kept`, i itself excluded by index.
template <class P, int D>
void keep_pairs(const double* const* xs, const double* qs, std::size_t i, std::size_t j0, std::size_t j1,
                const typename P::reg* xi, typename P::reg rc2, kept_pairs& kept) {
    using ops = lane_ops<P>;
    for (std::size_t j = j0; j < j1; j += simd::width) {
        const std::size_t count = std::min<std::size_t>(simd::width, j1 - j);
        const bool partial = count < simd::width;
        const auto valid = static_cast<lane_mask>((1u << count) - 1u);
        typename P::reg dx[D];
        typename P::reg r2 = P::broadcast(0.0);
        for (int k = 0; k < D; ++k) {
            const auto xj = partial ? P::load(xs[k] + j, valid) : P::load(xs[k] + j);
            const auto diff = P::sub(xi[k], xj);
            dx[k] = P::sub(diff, P::round(diff));
            r2 = P::fma(dx[k], dx[k], r2);
        }
        unsigned m = valid & ops::less(r2, rc2);
        if (i >= j && i - j < simd::width) m &= ~(1u << (i - j));
        if (m == 0) continue;
        const auto mask = static_cast<lane_mask>(m);
        const auto qj = partial ? P::load(qs + j, valid) : P::load(qs + j);
        for (int k = 0; k < D; ++k) ops::compress_store(kept.dx[k].data() + kept.count, mask, dx[k]);
        ops::compress_store(kept.r2.data() + kept.count, mask, r2);
        ops::compress_store(kept.q.data() + kept.count, mask, qj);
        kept.count += static_cast<std::size_t>(std::popcount(m));
    }
}

// S_f(u) from the table: piece k = round(y - 1/2) (y = u pieces / u_max, clamped to the
// largest double below 16, 16 - 2^-49, so that u = u_max is in the last piece),
// read from the low bits of y - 1/2 + 1.5 2^52; t = 2 (y - k) - 1 in [-1, 1]; Horner in t.
template <class P>
MFV_SIMD_INLINE typename P::reg smooth(const smooth_table& tab, int f, typename P::reg big, typename P::reg t) {
    using ops = lane_ops<P>;
    auto p = ops::lookup16(big, tab.coefficients(f, tab.degree));
    for (int j = tab.degree - 1; j >= 0; --j) p = P::fma(p, t, ops::lookup16(big, tab.coefficients(f, j)));
    return p;
}

template <int D>
struct sums {
    double phi = 0.0;
    double grad[D] = {};
};

// Pass 2: the kernel on the kept pairs, eight at a time.
template <class P, int D, bool Phi, bool Grad, class K>
sums<D> sum_kept(const K& kernel, const smooth_table& tab, double alpha2, const kept_pairs& kept) {
    using reg = typename P::reg;
    reg acc_phi = P::broadcast(0.0);
    reg acc_grad[D];
    for (int k = 0; k < D; ++k) acc_grad[k] = P::broadcast(0.0);
    const reg a2 = P::broadcast(alpha2), scale = P::broadcast(tab.scale);
    const reg top = P::broadcast(smooth_table::pieces - 0x1p-49), shift = P::broadcast(0x1.8p52);
    const reg half = P::broadcast(0.5), two = P::broadcast(2.0), minus_one = P::broadcast(-1.0);
    const reg cg = P::broadcast(kernel.c);
    for (std::size_t j = 0; j < kept.count; j += simd::width) {
        const std::size_t count = std::min<std::size_t>(simd::width, kept.count - j);
        const auto m = static_cast<lane_mask>((1u << count) - 1u);
        const reg r2 = P::load(kept.r2.data() + j, m);
        const reg q = P::load(kept.q.data() + j, m);
        const reg y = P::min(P::mul(P::mul(r2, a2), scale), top);
        const reg big = P::add(P::sub(y, half), shift);
        const reg t = P::fma(two, P::sub(y, P::sub(big, shift)), minus_one);
        reg v, w;
        kernel.template terms<Phi, Grad>(r2, v, w);
        if constexpr (Phi) {
            const reg psi = P::sub(P::mul(cg, v), smooth<P>(tab, 0, big, t));
            acc_phi = P::masked_add(acc_phi, m, P::mul(q, psi));
        }
        if constexpr (Grad) {
            const reg qrep = P::mul(q, P::sub(w, smooth<P>(tab, 1, big, t)));
            for (int k = 0; k < D; ++k) {
                const reg dx = P::load(kept.dx[k].data() + j, m);
                acc_grad[k] = P::masked_fnma(acc_grad[k], m, dx, qrep);
            }
        }
    }
    sums<D> out;
    if constexpr (Phi) out.phi = P::reduce_add(acc_phi);
    if constexpr (Grad)
        for (int k = 0; k < D; ++k) out.grad[k] = P::reduce_add(acc_grad[k]);
    return out;
}

// The periodic gap between coordinate x and the column interval [c/M, (c+1)/M).
double axis_gap(double x, int c, int m) {
    const double lo = static_cast<double>(c) / m, hi = static_cast<double>(c + 1) / m;
    if (x >= lo && x < hi) return 0.0;
    const double a = std::fabs(x - lo - std::floor(x - lo + 0.5));
    const double b = std::fabs(x - hi - std::floor(x - hi + 0.5));
    return std::min(a, b);
}

// The columns visited along one axis: -2..2 around the own column, or every column when
// there are fewer than 5.
struct stencil {
    int col[5] = {0, 0, 0, 0, 0};
    int count = 0;
    stencil() : count(1) {}
    stencil(int own, int m) {
        if (m < 5) {
            for (int c = 0; c < m; ++c) col[count++] = c;
        } else {
            for (int o = -2; o <= 2; ++o) col[count++] = ((own + o) % m + m) % m;
        }
    }
};

struct layout {
    int d, m;
    std::size_t n;
    const double* xs[3];
    const double* qs;
    const std::size_t* start;  // column starts
};

// Particle i (sorted index) against all its neighbours.
template <class P, int D, bool Phi, bool Grad, class K>
sums<D> row(const K& kernel, const smooth_table& tab, double alpha, double r_cut, const layout& lay,
            std::size_t i, kept_pairs& kept) {
    using reg = typename P::reg;
    reg xi[D];
    double own[3] = {0, 0, 0};
    for (int k = 0; k < D; ++k) {
        own[k] = lay.xs[k][i];
        xi[k] = P::broadcast(own[k]);
    }
    const reg rc2 = P::broadcast(r_cut * r_cut);
    // A column or window is visited if it may hold a pair within r_cut (margin for rounding).
    const double reach = r_cut * (1.0 + 1e-12) + 1e-15;
    int cell[2] = {0, 0};
    for (int k = 0; k + 1 < D; ++k) cell[k] = std::min(lay.m - 1, static_cast<int>(own[k] * lay.m));
    const stencil c0 = D > 1 ? stencil(cell[0], lay.m) : stencil();
    const stencil c1 = D > 2 ? stencil(cell[1], lay.m) : stencil();
    const double z = own[D - 1];
    const double* zs = lay.xs[D - 1];

    kept.count = 0;
    for (int ia = 0; ia < c0.count; ++ia) {
        const int a = c0.col[ia];
        const double gap0 = D > 1 ? axis_gap(own[0], a, lay.m) : 0.0;
        if (gap0 > reach) continue;
        for (int ib = 0; ib < c1.count; ++ib) {
            const int b = c1.col[ib];
            const double gap1 = D > 2 ? axis_gap(own[1], b, lay.m) : 0.0;
            if (gap0 * gap0 + gap1 * gap1 > reach * reach) continue;
            const std::size_t col = static_cast<std::size_t>(a) * (D > 2 ? lay.m : 1) + b;
            const std::size_t first = lay.start[col], last = lay.start[col + 1];
            if (first == last) continue;
            kept.make_room(kept.count + (last - first));
            const auto lower = [&](double v) {
                return static_cast<std::size_t>(std::lower_bound(zs + first, zs + last, v) - zs);
            };
            const auto upper = [&](double v) {
                return static_cast<std::size_t>(std::upper_bound(zs + first, zs + last, v) - zs);
            };
            const double lo = z - reach, hi = z + reach;
            if (lo < 0.0) {
                keep_pairs<P, D>(lay.xs, lay.qs, i, first, upper(hi), xi, rc2, kept);
                keep_pairs<P, D>(lay.xs, lay.qs, i, std::max(lower(lo + 1.0), upper(hi)), last, xi, rc2, kept);
            } else if (hi >= 1.0) {
                const std::size_t wrap_end = upper(hi - 1.0);
                keep_pairs<P, D>(lay.xs, lay.qs, i, first, std::min(wrap_end, lower(lo)), xi, rc2, kept);
                keep_pairs<P, D>(lay.xs, lay.qs, i, std::max(wrap_end, lower(lo)), last, xi, rc2, kept);
            } else {
                keep_pairs<P, D>(lay.xs, lay.qs, i, lower(lo), upper(hi), xi, rc2, kept);
            }
        }
    }
    return sum_kept<P, D, Phi, Grad>(kernel, tab, alpha * alpha, kept);
}

template <class P, int D, bool Phi, bool Grad, class K>
void all_rows(const K& kernel, const smooth_table& tab, double alpha, double r_cut, const layout& lay,
              const std::size_t* origin, double* phi, double* grad) {
    const auto n = static_cast<std::ptrdiff_t>(lay.n);
#pragma omp parallel
    {
        kept_pairs kept;
#pragma omp for schedule(dynamic, 64)
        for (std::ptrdiff_t s = 0; s < n; ++s) {
            const auto i = static_cast<std::size_t>(s);
            const auto out = row<P, D, Phi, Grad>(kernel, tab, alpha, r_cut, lay, i, kept);
            const std::size_t o = origin[i];
            if constexpr (Phi) phi[o] = out.phi;
            if constexpr (Grad)
                for (int k = 0; k < D; ++k) grad[static_cast<std::size_t>(k) * lay.n + o] = out.grad[k];
        }
    }
}

template <class P, class F>
void with_kernel(const kernel::riesz_kernel& g, F&& f) {
    if (g.is_log()) {
        f(logarithm<P>{});
    } else if (g.s() == 1.0) {
        f(coulomb<P>{});
    } else if (g.s() == 2.0) {
        f(inverse_square<P>{});
    } else {
        f(general_power<P>{g.s(), 1.0 / g.s()});
    }
}

}  // namespace

namespace {
double checked_cutoff(double r_cut) {
    if (!(r_cut > 0.0 && r_cut < 0.5)) throw std::invalid_argument("real_space: r_cut must be in (0, 1/2)");
    return r_cut;
}
}  // namespace

real_space::real_space(const kernel::riesz_kernel& g, double alpha, double r_cut, bool portable)
    : g_(g), alpha_(alpha), r_cut_(checked_cutoff(r_cut)), portable_(portable),
      table_(smooth_table::build(g, alpha, r_cut)),
      m_(g.d() == 1 ? 1 : std::max(1, static_cast<int>(std::floor(2.0 / r_cut)))) {}

void real_space::evaluate(points_view x, const double* q, double* phi, double* grad) {
    const int d = x.d;
    const std::size_t n = x.n;
    const std::size_t columns = d == 1 ? 1 : (d == 2 ? static_cast<std::size_t>(m_)
                                                     : static_cast<std::size_t>(m_) * static_cast<std::size_t>(m_));
    // Counting sort into columns (stable), then each column by its last coordinate.
    std::vector<std::size_t> col(n);
    column_start_.assign(columns + 1, 0);
    for (std::size_t i = 0; i < n; ++i) {
        std::size_t c = 0;
        for (int k = 0; k + 1 < d; ++k)
            c = c * static_cast<std::size_t>(m_) +
                static_cast<std::size_t>(std::min(m_ - 1, static_cast<int>(x(i, k) * m_)));
        col[i] = c;
        ++column_start_[c + 1];
    }
    std::partial_sum(column_start_.begin(), column_start_.end(), column_start_.begin());
    origin_.resize(n);
    {
        std::vector<std::size_t> next(column_start_.begin(), column_start_.end() - 1);
        for (std::size_t i = 0; i < n; ++i) origin_[next[col[i]]++] = i;
    }
    const double* zs_in = x.coord(d - 1);
    const auto ncols = static_cast<std::ptrdiff_t>(columns);
#pragma omp parallel for schedule(dynamic, 16) if (n > 4096)
    for (std::ptrdiff_t c = 0; c < ncols; ++c) {
        auto* first = origin_.data() + column_start_[static_cast<std::size_t>(c)];
        auto* last = origin_.data() + column_start_[static_cast<std::size_t>(c) + 1];
        std::sort(first, last, [&](std::size_t a, std::size_t b) {
            return zs_in[a] < zs_in[b] || (zs_in[a] == zs_in[b] && a < b);
        });
    }
    xs_.resize(static_cast<std::size_t>(d) * n);
    qs_.resize(n);
    for (std::size_t s = 0; s < n; ++s) {
        for (int k = 0; k < d; ++k) xs_[static_cast<std::size_t>(k) * n + s] = x(origin_[s], k);
        qs_[s] = q[origin_[s]];
    }
    layout lay{d, m_, n, {nullptr, nullptr, nullptr}, qs_.data(), column_start_.data()};
    for (int k = 0; k < d; ++k) lay.xs[k] = xs_.data() + static_cast<std::size_t>(k) * n;

    const auto run = [&](auto pack) {
        using P = decltype(pack);
        with_kernel<P>(g_, [&](const auto& kern) {
            const auto go = [&](auto dim) {
                constexpr int D = decltype(dim)::value;
                if (phi && grad) all_rows<P, D, true, true>(kern, table_, alpha_, r_cut_, lay, origin_.data(), phi, grad);
                else if (phi) all_rows<P, D, true, false>(kern, table_, alpha_, r_cut_, lay, origin_.data(), phi, grad);
                else if (grad) all_rows<P, D, false, true>(kern, table_, alpha_, r_cut_, lay, origin_.data(), phi, grad);
            };
            if (d == 1) go(std::integral_constant<int, 1>{});
            if (d == 2) go(std::integral_constant<int, 2>{});
            if (d == 3) go(std::integral_constant<int, 3>{});
        });
    };
    if (portable_) run(simd::portable{});
    else run(simd::best{});
}

}  // namespace mfv::interaction::pme_detail
