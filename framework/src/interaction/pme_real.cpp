// The real-space part of PME (pme_parts.hpp): for each particle i,
//   phi_i = sum_{j != i, |x_i - x_j| < r_cut} q_j psi(|x_i - x_j|^2),
//   grad_i = -sum_{same j} q_j rep(|x_i - x_j|^2) (x_i - x_j),
// the difference taken as the minimum image (r_cut < 1/2: no other image is that close), psi
// and rep = -psi'(r)/r of ewald_split (MATH.md section 6) as kernel minus tabulated smooth
// part (smooth_table).
//
// Cells: the particles are sorted into columns (sorted_particles: side 1/M >= r_cut/j in the
// first d - 1 coordinates, j = 1, 2 or 3 by column_plan; one column in d = 1) and, within a
// column, by the last coordinate. The neighbours of i are in the (2j + 1)^(d-1) columns around
// its own (all M when M < 2j + 1; columns farther than r_cut in the first coordinates
// skipped), in each the window |z_j - z_i| <= r_cut, which slides along as the particles of a
// column are taken in increasing z. Pass 1 computes r^2 for the window eight at a time and
// keeps (compresses) the pairs within r_cut; pass 2 evaluates the kernel on the kept pairs.
//
// Determinism: particle i's sum is done by one thread, over the columns and windows in a
// fixed order, the kept pairs in that order, lane l of the accumulators taking the pairs
// l mod 8, reduced in simd.hpp's fixed order: the same bits for any thread count.
#include "pme_parts.hpp"

#include <mfv/interaction/simd_math.hpp>

#include <algorithm>
#include <bit>
#include <cmath>
#include <limits>
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
MFV_SIMD_INLINE void keep_pairs(const double* const* xs, const double* qs, std::size_t i, std::size_t j0, std::size_t j1,
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

// The columns visited along one axis: -j..j around the own column (j = reach), or every
// column when there are fewer than 2 j + 1.
struct stencil {
    int col[7] = {0, 0, 0, 0, 0, 0, 0};
    int count = 0;
    stencil() : count(1) {}
    stencil(int own, int m, int reach) {
        if (m < 2 * reach + 1) {
            for (int c = 0; c < m; ++c) col[count++] = c;
        } else {
            for (int o = -reach; o <= reach; ++o) col[count++] = ((own + o) % m + m) % m;
        }
    }
};

struct layout {
    int d, m, reach;
    std::size_t n;
    const double* xs[3];
    const double* qs;
    const std::size_t* start;  // column starts
    const double* extended;    // 3 L extended z values per column, at 3 start[c]
};

// The window of one neighbour column for the particles of a task, taken in increasing z: it
// runs over the column's periodic extension (copies shifted by -1, 0 and +1 in z, extended
// index e = copy L + index, stored), where z increases with e, so [lo, hi) = {e : |z_e - z_i|
// <= reach} only moves forward as z_i grows. lo and hi depend on z_i alone (the same as by
// bisection), so the pairs and their order do not depend on how the particles were cut into
// tasks.
struct window {
    const double* z = nullptr;  // the column's extended z: 3 L values (z - 1, z, z + 1)
    std::size_t length = 0;
    std::size_t lo = 0, hi = 0;
    // The first e with z[e] >= v (strict = false) or > v (strict = true), by bisection.
    std::size_t search(double v, bool strict) const {
        const double* end = z + 3 * length;
        return static_cast<std::size_t>((strict ? std::upper_bound(z, end, v) : std::lower_bound(z, end, v)) - z);
    }
    void start(double zi, double reach) {
        lo = search(zi - reach, false);
        hi = std::max(lo, search(zi + reach, true));
    }
    void advance(double zi, double reach) {
        const std::size_t top = 3 * length;
        while (lo < top && z[lo] < zi - reach) ++lo;
        hi = std::max(hi, lo);
        while (hi < top && z[hi] <= zi + reach) ++hi;
    }
};

// The columns around an own column ((2j + 1)^(d-1), or all M per axis when M < 2j + 1): first
// sorted index, size, and the interval of each of the first d - 1 coordinates they cover,
// unwrapped next to the own column (for the gap test, skipped when all columns are visited).
constexpr int max_neighbours = 49;
struct neighbours {
    int count = 0;
    std::size_t first[max_neighbours], length[max_neighbours];
    double lo[max_neighbours][2], hi[max_neighbours][2];
};

// A task: the sorted particles [begin, end) of one column, with its cell coordinates.
struct task {
    std::size_t column, begin, end;
    int cell[2];
};

template <class P, int D, bool Phi, bool Grad, class K>
void run_task(const K& kernel, const smooth_table& tab, double alpha, double r_cut, const layout& lay,
              const task& t, double* phi, double* grad, kept_pairs& kept) {
    using reg = typename P::reg;
    const reg rc2 = P::broadcast(r_cut * r_cut);
    // A column or window is visited if it may hold a pair within r_cut (margin for rounding).
    const double reach = r_cut * (1.0 + 1e-12) + 1e-15;
    const stencil c0 = D > 1 ? stencil(t.cell[0], lay.m, lay.reach) : stencil();
    const stencil c1 = D > 2 ? stencil(t.cell[1], lay.m, lay.reach) : stencil();
    const bool gaps = lay.m >= 2 * lay.reach + 1;
    neighbours nb;
    window win[max_neighbours];
    for (int ia = 0; ia < c0.count; ++ia)
        for (int ib = 0; ib < c1.count; ++ib) {
            const int a = c0.col[ia], b = c1.col[ib];
            const std::size_t col = static_cast<std::size_t>(a) * (D > 2 ? lay.m : 1) + b;
            const std::size_t first = lay.start[col], length = lay.start[col + 1] - first;
            if (length == 0) continue;
            const int j = nb.count++;
            nb.first[j] = first, nb.length[j] = length;
            // The neighbour's offset -j..j from the own column, so its interval next to it.
            const int cells[2] = {a, b}, own[2] = {t.cell[0], t.cell[1]};
            for (int k = 0; k + 1 < D; ++k) {
                int offset = cells[k] - own[k];
                if (offset > lay.reach) offset -= lay.m;
                if (offset < -lay.reach) offset += lay.m;
                nb.lo[j][k] = static_cast<double>(own[k] + offset) / lay.m;
                nb.hi[j][k] = static_cast<double>(own[k] + offset + 1) / lay.m;
            }
            win[j].z = lay.extended + 3 * first, win[j].length = length;
            win[j].start(lay.xs[D - 1][t.begin], reach);
        }
    for (std::size_t i = t.begin; i < t.end; ++i) {
        reg xi[D];
        double own[3] = {0, 0, 0};
        for (int k = 0; k < D; ++k) {
            own[k] = lay.xs[k][i];
            xi[k] = P::broadcast(own[k]);
        }
        kept.count = 0;
        for (int j = 0; j < nb.count; ++j) {
            win[j].advance(own[D - 1], reach);
            if (win[j].lo == win[j].hi) continue;
            if (gaps) {
                double gap2 = 0.0;
                for (int k = 0; k + 1 < D; ++k) {
                    const double gap = std::max({0.0, nb.lo[j][k] - own[k], own[k] - nb.hi[j][k]});
                    gap2 += gap * gap;
                }
                if (gap2 > reach * reach) continue;
            }
            const std::size_t length = nb.length[j];
            kept.make_room(kept.count + std::min(length, win[j].hi - win[j].lo));
            // The window's pieces in the copies it spans, in order of e.
            std::size_t e = win[j].lo;
            for (std::size_t copy_end = length; e < win[j].hi; copy_end += length) {
                if (e >= copy_end) continue;
                const std::size_t piece_end = std::min(win[j].hi, copy_end);
                const std::size_t offset = copy_end - length;
                keep_pairs<P, D>(lay.xs, lay.qs, i, nb.first[j] + (e - offset), nb.first[j] + (piece_end - offset), xi,
                                 rc2, kept);
                e = piece_end;
            }
        }
        const auto out = sum_kept<P, D, Phi, Grad>(kernel, tab, alpha * alpha, kept);
        if constexpr (Phi) phi[i] = out.phi;
        if constexpr (Grad)
            for (int k = 0; k < D; ++k) grad[static_cast<std::size_t>(k) * lay.n + i] = out.grad[k];
    }
}

// Tasks of at most 128 particles of one column, in parallel (dynamic: columns differ in size).
template <class P, int D, bool Phi, bool Grad, class K>
void all_rows(const K& kernel, const smooth_table& tab, double alpha, double r_cut, const layout& lay, double* phi,
              double* grad) {
    constexpr std::size_t task_size = 128;
    std::vector<task> tasks;
    const std::size_t columns = D == 1 ? 1 : (D == 2 ? static_cast<std::size_t>(lay.m)
                                                    : static_cast<std::size_t>(lay.m) * static_cast<std::size_t>(lay.m));
    for (std::size_t c = 0; c < columns; ++c) {
        const int cell0 = D > 1 ? static_cast<int>(D > 2 ? c / static_cast<std::size_t>(lay.m) : c) : 0;
        const int cell1 = D > 2 ? static_cast<int>(c % static_cast<std::size_t>(lay.m)) : 0;
        for (std::size_t b = lay.start[c]; b < lay.start[c + 1]; b += task_size)
            tasks.push_back({c, b, std::min(lay.start[c + 1], b + task_size), {cell0, cell1}});
    }
    const auto count = static_cast<std::ptrdiff_t>(tasks.size());
#pragma omp parallel if (lay.n > 2000)
    {
        kept_pairs kept;
#pragma omp for schedule(dynamic, 1)
        for (std::ptrdiff_t t = 0; t < count; ++t)
            run_task<P, D, Phi, Grad>(kernel, tab, alpha, r_cut, lay, tasks[static_cast<std::size_t>(t)], phi, grad, kept);
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
      table_(smooth_table::build(g, alpha, r_cut)) {}

void real_space::evaluate(const sorted_particles& sp, double* phi, double* grad) {
    const int d = sp.d;
    const std::size_t n = sp.n;
    // Each column's z extended periodically: z - 1, z, z + 1 (windows, above).
    extended_.resize(3 * n);
    const double* z = sp.x.data() + static_cast<std::size_t>(d - 1) * n;
    const auto columns = static_cast<std::ptrdiff_t>(sp.columns());
#pragma omp parallel for schedule(static) if (n > 65536)
    for (std::ptrdiff_t cc = 0; cc < columns; ++cc) {
        const auto c = static_cast<std::size_t>(cc);
        const std::size_t first = sp.column_start[c], length = sp.column_start[c + 1] - first;
        double* out = extended_.data() + 3 * first;
        for (int copy = 0; copy < 3; ++copy)
            for (std::size_t e = 0; e < length; ++e) out[copy * length + e] = z[first + e] + (copy - 1.0);
    }
    // The reach that covers r_cut with these columns (the one column_plan chose for them).
    const int reach = d == 1 ? 1 : static_cast<int>(std::ceil(r_cut_ * sp.m));
    if (reach > 3) throw std::invalid_argument("real_space: columns narrower than r_cut / 3");
    layout lay{d, sp.m, reach, n, {nullptr, nullptr, nullptr}, sp.q.data(), sp.column_start.data(), extended_.data()};
    for (int k = 0; k < d; ++k) lay.xs[k] = sp.x.data() + static_cast<std::size_t>(k) * n;

    const auto run = [&](auto pack) {
        using P = decltype(pack);
        with_kernel<P>(g_, [&](const auto& kern) {
            const auto go = [&](auto dim) {
                constexpr int D = decltype(dim)::value;
                if (phi && grad) all_rows<P, D, true, true>(kern, table_, alpha_, r_cut_, lay, phi, grad);
                else if (phi) all_rows<P, D, true, false>(kern, table_, alpha_, r_cut_, lay, phi, grad);
                else if (grad) all_rows<P, D, false, true>(kern, table_, alpha_, r_cut_, lay, phi, grad);
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
