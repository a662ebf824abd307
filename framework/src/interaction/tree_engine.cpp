// The evaluation pipeline of the fast evaluator (tree.hpp, tree_engine.hpp):
//   1. the tree (tree_octree.hpp) and the lists (tree_lists.hpp);
//   2. upward:   P2M at the leaves, M2M to the parents, level by level;
//   3. far:      M2L (stored operators, batched into matrix products per canonical offset,
//                tree_m2l.hpp) and P2L into the local expansions, box by box;
//   4. downward: L2L to the children, level by level;
//   5. leaves:   L2P (value and derivative of the interpolant), M2P and P2P at the targets.
// Every output is written by one thread, its terms added in list order: the bits do not
// depend on the thread count.
#include "tree_engine.hpp"

#include "tree_chebyshev.hpp"
#include "tree_expansions.hpp"
#include "weighted_sums.hpp"
#include "tree_lists.hpp"
#include "tree_m2l.hpp"
#include "tree_octree.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace mfv::interaction {
namespace {

using namespace detail;
using pack = simd::best;

// Compressed M2L operators are made up to this many Chebyshev points per box (degree 10 in
// 3D: 16 canonical operators of P^2 doubles and their Gram matrices, ~0.5 GB while they are
// made); above it M2L evaluates the kernel on the fly.
constexpr std::size_t compress_up_to = 1331;
// The basis comes from the eigenvalues of a Gram matrix, resolved to ~eps lambda_1, so
// singular values to ~1e-8 sigma_1: smaller cutoffs would cut directions at random (measured:
// errors stall near 1e-10 for the potentials, 2e-8 for 2D log fields), so they use the
// uncompressed operators on the fly.
constexpr double smallest_cutoff = 3e-8;
// Target boxes per batch of M2L products.
constexpr std::size_t m2l_chunk = 64;

template <int D>
class engine final : public tree_engine {
public:
    engine(const kernel::riesz_kernel& g, const tree_parameters& p)
        : g_(g), p_(p), cheb_(p.degree), ex_(cheb_) {
        m_ = cheb_.points();
        points_ = 1;
        for (int k = 0; k < D; ++k) points_ *= static_cast<std::size_t>(m_);
        if (points_ <= compress_up_to && p.svd_cutoff >= smallest_cutoff) {
            ops_ = compressed_m2l(g, cheb_, p.svd_cutoff);
            rank_ = ops_->rank;
        }
        components_ = ops_ ? 1 : 1 + D;
    }

    std::size_t compression_rank() const override { return rank_; }

    void run(const tree_request& r, tree_statistics& stats) override {
        const std::size_t nt = r.targets.x ? r.targets.n : r.sources.n;
        if (!finite(r.sources) || (r.targets.x && !finite(r.targets))) {
            const double nan = std::numeric_limits<double>::quiet_NaN();
            if (r.phi) std::fill(r.phi, r.phi + nt, nan);
            if (r.grad) std::fill(r.grad, r.grad + static_cast<std::size_t>(D) * nt, nan);
            return;
        }
        if (nt == 0) return;
        with_family<pack>(g_, [&](const auto& kernel) { run_with(kernel, r, stats); });
    }

private:
    static bool finite(points_view x) {
        for (std::size_t q = 0; q < static_cast<std::size_t>(x.d) * x.n; ++q) {
            if (!std::isfinite(x.x[q])) return false;
        }
        return true;
    }

    template <class K>
    void run_with(const K& kernel, const tree_request& r, tree_statistics& stats);
    template <class F>
    void each_box(std::size_t lv, F&& f);
    void upward();
    void compress();
    template <class K>
    void far_field(const K& kernel);
    void downward();
    template <class K>
    void leaves(const K& kernel, double* phi_sorted, double* grad_sorted);

    kernel::riesz_kernel g_;
    tree_parameters p_;
    chebyshev cheb_;
    box_expansions<D> ex_;
    std::shared_ptr<const m2l_compressed> ops_;
    std::size_t rank_ = 0;
    // Local expansions per box: the potential, and without compressed operators also the D
    // field components (interpolated, not differentiated: the derivative of an interpolant
    // amplifies its rounding by ~n^2 / h, which the tightest accuracies cannot afford).
    std::size_t components_ = 1;
    int m_ = 0;
    std::size_t points_ = 0;
    octree<D> tree_;
    interaction_lists lists_;
    std::vector<double> multipole_, local_;
    Eigen::MatrixXd compressed_;  // U^T m, one column per box
    std::vector<char> has_local_;
    // The constant part of each local expansion (the log kernel's -log h Q terms), apart.
    std::vector<double> local_const_;
};

template <int D>
template <class K>
void engine<D>::run_with(const K& kernel, const tree_request& r, tree_statistics& stats) {
    build_octree<D>(tree_, r.sources, r.q, r.targets, p_.leaf_size, p_.max_level);
    // kappa P^2: the cost of one M2L against one kernel evaluation (a matrix-product
    // multiply-add is ~10 times cheaper than a kernel: 0.1 r^2; on the fly, P^2 kernels).
    const double p2 = static_cast<double>(points_) * static_cast<double>(points_);
    const double kappa = ops_ ? 0.1 * static_cast<double>(rank_ * rank_) / p2 : 1.0;
    build_lists<D>(tree_, points_, kappa, p_.dual_traversal, lists_, stats);
    stats.boxes = tree_.boxes.size();
    stats.leaves = tree_.leaves.size();
    stats.levels = tree_.levels.size();

    const std::size_t nb = tree_.boxes.size();
    multipole_.assign(nb * points_, 0.0);
    local_.assign(nb * components_ * points_, 0.0);
    has_local_.assign(nb, 0);
    local_const_.assign(nb, 0.0);
    upward();
    compress();
    far_field(kernel);
    downward();

    const std::size_t nt = tree_.nt;
    std::vector<double> phi_sorted(nt), grad_sorted(static_cast<std::size_t>(D) * nt);
    leaves(kernel, phi_sorted.data(), grad_sorted.data());
    const auto& order = tree_.self ? tree_.src_order : tree_.tgt_order;
    for (std::size_t i = 0; i < nt; ++i) {
        if (r.phi) r.phi[order[i]] = phi_sorted[i];
        if (r.grad) {
            for (int k = 0; k < D; ++k) r.grad[static_cast<std::size_t>(k) * nt + order[i]] = grad_sorted[static_cast<std::size_t>(k) * nt + i];
        }
    }
}

// f(id, box, work) for every box of level lv, in parallel (each box is written by one
// thread); work holds the 2 P doubles of apply_tensor.
template <int D>
template <class F>
void engine<D>::each_box(std::size_t lv, F&& f) {
    const auto& ids = tree_.levels[lv];
    const auto count = static_cast<std::ptrdiff_t>(ids.size());
#pragma omp parallel
    {
        std::vector<double> work(2 * points_);
#pragma omp for schedule(dynamic, 4)
        for (std::ptrdiff_t u = 0; u < count; ++u) {
            const int id = ids[static_cast<std::size_t>(u)];
            f(id, tree_.boxes[static_cast<std::size_t>(id)], work.data());
        }
    }
}

template <int D>
void engine<D>::upward() {
    const double* side[2] = {cheb_.child(0), cheb_.child(1)};
    for (std::size_t lv = tree_.levels.size(); lv-- > 0;) {
        each_box(lv, [&](int id, const tree_box<D>& b, double* work) {
            if (b.sources() == 0) return;
            double* mult = &multipole_[static_cast<std::size_t>(id) * points_];
            if (b.leaf()) {
                ex_.p2m(tree_, b, mult);
                return;
            }
            for (int c = 0; c < b.children; ++c) {
                const int cid = b.first_child + c;
                const auto& child = tree_.boxes[static_cast<std::size_t>(cid)];
                if (child.sources() == 0) continue;
                const double* mats[D];
                for (int k = 0; k < D; ++k) mats[k] = side[(child.octant >> k) & 1];
                apply_tensor<D>(m_, mats, true, &multipole_[static_cast<std::size_t>(cid) * points_], mult, work);
            }
        });
    }
}

// U^T m for every box with sources (M2L's sources), in blocks of boxes.
template <int D>
void engine<D>::compress() {
    if (!ops_) return;
    const std::size_t nb = tree_.boxes.size();
    compressed_.resize(static_cast<Eigen::Index>(rank_), static_cast<Eigen::Index>(nb));
    const std::size_t chunks = (nb + m2l_chunk - 1) / m2l_chunk;
#pragma omp parallel
    {
        Eigen::MatrixXd out;
#pragma omp for schedule(dynamic, 1)
        for (std::ptrdiff_t ch = 0; ch < static_cast<std::ptrdiff_t>(chunks); ++ch) {
            const std::size_t b0 = static_cast<std::size_t>(ch) * m2l_chunk, b1 = std::min(nb, b0 + m2l_chunk);
            const Eigen::Map<const Eigen::MatrixXd> in(&multipole_[b0 * points_], static_cast<Eigen::Index>(points_),
                                                       static_cast<Eigen::Index>(b1 - b0));
            multiply(ops_->basis, in, out, true);
            compressed_.middleCols(static_cast<Eigen::Index>(b0), static_cast<Eigen::Index>(b1 - b0)) = out;
        }
    }
}

template <int D>
template <class K>
void engine<D>::far_field(const K& kernel) {
    const std::size_t nb = tree_.boxes.size();
    const std::size_t chunks = (nb + m2l_chunk - 1) / m2l_chunk;
    const double s = g_.s();
    const auto r = static_cast<Eigen::Index>(rank_);
#pragma omp parallel
    {
        std::vector<double> zt(static_cast<std::size_t>(D) * points_), zs(static_cast<std::size_t>(D) * points_);
        Eigen::MatrixXd in, out, local_r, expanded;
        std::vector<double> shift;
        std::vector<std::size_t> bucket_start, bucket;
#pragma omp for schedule(dynamic, 1)
        for (std::ptrdiff_t ch = 0; ch < static_cast<std::ptrdiff_t>(chunks); ++ch) {
            const std::size_t t0 = static_cast<std::size_t>(ch) * m2l_chunk, t1 = std::min(nb, t0 + m2l_chunk);
            const std::size_t e0 = lists_.m2l.start[t0], e1 = lists_.m2l.start[t1];
            if (ops_ && e1 > e0) {
                // The chunk's M2L pairs by offset (counting sort, list order kept), then one
                // product per offset: C_o times the compressed multipoles of its sources.
                const std::size_t offsets = ops_->ops.size();
                bucket_start.assign(offsets + 1, 0);
                for (std::size_t e = e0; e < e1; ++e) ++bucket_start[static_cast<std::size_t>(lists_.m2l.offset[e]) + 1];
                for (std::size_t o = 0; o < offsets; ++o) bucket_start[o + 1] += bucket_start[o];
                bucket.resize(e1 - e0);
                {
                    std::vector<std::size_t> fill(bucket_start.begin(), bucket_start.end() - 1);
                    for (std::size_t e = e0; e < e1; ++e) bucket[fill[static_cast<std::size_t>(lists_.m2l.offset[e])]++] = e;
                }
                std::vector<std::size_t> target_of(e1 - e0);
                for (std::size_t t = t0; t < t1; ++t)
                    for (std::size_t e = lists_.m2l.start[t]; e < lists_.m2l.start[t + 1]; ++e) target_of[e - e0] = t;
                local_r.setZero(r, static_cast<Eigen::Index>(t1 - t0));
                shift.assign(t1 - t0, 0.0);
                for (std::size_t o = 0; o < offsets; ++o) {
                    const std::size_t k0 = bucket_start[o], k1 = bucket_start[o + 1];
                    if (k0 == k1) continue;
                    const auto ncols = static_cast<Eigen::Index>(k1 - k0);
                    in.resize(r, ncols);
                    for (Eigen::Index j = 0; j < ncols; ++j)
                        in.col(j) = compressed_.col(lists_.m2l.source[bucket[k0 + static_cast<std::size_t>(j)]]);
                    multiply(ops_->ops[o], in, out);
                    for (Eigen::Index j = 0; j < ncols; ++j) {
                        const std::size_t e = bucket[k0 + static_cast<std::size_t>(j)];
                        const std::size_t t = target_of[e - e0];
                        const double h = tree_.box_width(tree_.boxes[t].level);
                        if (s == 0.0) {
                            // g(h z) = g(z) - log h: the source's total charge times -log h,
                            // a constant kept apart from the interpolant (see l2p).
                            const double* mult = &multipole_[static_cast<std::size_t>(lists_.m2l.source[e]) * points_];
                            double total = 0.0;
                            for (std::size_t b = 0; b < points_; ++b) total += mult[b];
                            shift[t - t0] -= std::log(h) * total;
                            local_r.col(static_cast<Eigen::Index>(t - t0)) += out.col(j);
                        } else {
                            local_r.col(static_cast<Eigen::Index>(t - t0)) += std::pow(h, -s) * out.col(j);
                        }
                    }
                }
                multiply(ops_->basis, local_r, expanded);
                for (std::size_t t = t0; t < t1; ++t) {
                    if (lists_.m2l.size(static_cast<int>(t)) == 0) continue;
                    double* loc = &local_[t * components_ * points_];
                    const auto col = static_cast<Eigen::Index>(t - t0);
                    for (std::size_t a = 0; a < points_; ++a) loc[a] += expanded(static_cast<Eigen::Index>(a), col);
                    local_const_[t] += shift[t - t0];
                }
            }
            for (std::size_t t = t0; t < t1; ++t) {
                const auto& bt = tree_.boxes[t];
                double* loc = &local_[t * components_ * points_];
                const bool any = lists_.m2l.size(static_cast<int>(t)) + lists_.p2l.size(static_cast<int>(t)) > 0;
                if (!any) continue;
                has_local_[t] = 1;
                // T's Chebyshev points: the targets of uncompressed M2L and of P2L.
                if (!ops_ || lists_.p2l.size(static_cast<int>(t)) > 0) ex_.proxies(tree_, bt, zt.data());
                if (!ops_) {
                    for (std::size_t e = lists_.m2l.start[t]; e < lists_.m2l.start[t + 1]; ++e) {
                        const auto sid = static_cast<std::size_t>(lists_.m2l.source[e]);
                        ex_.proxies(tree_, tree_.boxes[sid], zs.data());
                        weighted_source<D> src;
                        for (int k = 0; k < D; ++k) src.c[k] = zs.data() + static_cast<std::size_t>(k) * points_;
                        src.q = &multipole_[sid * points_];
                        src.n = points_;
                        for (std::size_t a = 0; a < points_; ++a) {
                            double x[D];
                            for (int k = 0; k < D; ++k) x[k] = zt[static_cast<std::size_t>(k) * points_ + a];
                            const auto sums = weighted_row<pack, D, true, true>(kernel, src, x);
                            loc[a] += sums.phi;
                            for (int k = 0; k < D; ++k) loc[static_cast<std::size_t>(k + 1) * points_ + a] += sums.grad[k];
                        }
                    }
                }
                // P2L relative to the potential at T's centre, which joins the constant part.
                double centre[D];
                for (int k = 0; k < D; ++k) centre[k] = tree_.center(bt, k);
                for (std::size_t e = lists_.p2l.start[t]; e < lists_.p2l.start[t + 1]; ++e) {
                    const auto& bs = tree_.boxes[static_cast<std::size_t>(lists_.p2l.source[e])];
                    weighted_source<D> src;
                    for (int k = 0; k < D; ++k) src.c[k] = tree_.src_coord(k) + bs.sb;
                    src.q = tree_.q.data() + bs.sb;
                    src.n = bs.sources();
                    local_const_[t] += weighted_row<pack, D, true, false>(kernel, src, centre).phi;
                    for (std::size_t a = 0; a < points_; ++a) {
                        double x[D];
                        for (int k = 0; k < D; ++k) x[k] = zt[static_cast<std::size_t>(k) * points_ + a];
                        loc[a] += centered_row<pack, D>(kernel, src, x, centre);
                        if (components_ > 1) {
                            const auto sums = weighted_row<pack, D, false, true>(kernel, src, x);
                            for (int k = 0; k < D; ++k) loc[static_cast<std::size_t>(k + 1) * points_ + a] += sums.grad[k];
                        }
                    }
                }
            }
        }
    }
}

template <int D>
void engine<D>::downward() {
    const double* side[2] = {cheb_.child(0), cheb_.child(1)};
    for (std::size_t lv = 1; lv < tree_.levels.size(); ++lv) {
        each_box(lv, [&](int id, const tree_box<D>& b, double* work) {
            if (b.targets() == 0 || !has_local_[static_cast<std::size_t>(b.parent)]) return;
            const double* mats[D];
            for (int k = 0; k < D; ++k) mats[k] = side[(b.octant >> k) & 1];
            for (std::size_t c = 0; c < components_; ++c) {
                apply_tensor<D>(m_, mats, false, &local_[(static_cast<std::size_t>(b.parent) * components_ + c) * points_],
                                &local_[(static_cast<std::size_t>(id) * components_ + c) * points_], work);
            }
            local_const_[static_cast<std::size_t>(id)] += local_const_[static_cast<std::size_t>(b.parent)];
            has_local_[static_cast<std::size_t>(id)] = 1;
        });
    }
}

template <int D>
template <class K>
void engine<D>::leaves(const K& kernel, double* phi_sorted, double* grad_sorted) {
    const std::size_t nt = tree_.nt;
    const auto count = static_cast<std::ptrdiff_t>(tree_.leaves.size());
#pragma omp parallel
    {
        // The leaf's M2P and P2P sources gathered into one block (Chebyshev points with
        // their multipole charges, then particles, in list order), so that each target is
        // one long vectorised row.
        std::vector<double> block;
        std::vector<double> zs(static_cast<std::size_t>(D) * points_);
#pragma omp for schedule(dynamic, 4)
        for (std::ptrdiff_t u = 0; u < count; ++u) {
            const int id = tree_.leaves[static_cast<std::size_t>(u)];
            const auto uid = static_cast<std::size_t>(id);
            const auto& bt = tree_.boxes[uid];
            if (bt.targets() == 0) continue;
            std::size_t total = 0;
            for (std::size_t e = lists_.m2p.start[uid]; e < lists_.m2p.start[uid + 1]; ++e) total += points_;
            for (std::size_t e = lists_.p2p.start[uid]; e < lists_.p2p.start[uid + 1]; ++e)
                total += tree_.boxes[static_cast<std::size_t>(lists_.p2p.source[e])].sources();
            block.resize(static_cast<std::size_t>(D + 1) * total);
            const auto column = [&](int k) { return block.data() + static_cast<std::size_t>(k) * total; };
            std::size_t at = 0, self_at = no_exclusion;
            for (std::size_t e = lists_.m2p.start[uid]; e < lists_.m2p.start[uid + 1]; ++e) {
                const auto sid = static_cast<std::size_t>(lists_.m2p.source[e]);
                ex_.proxies(tree_, tree_.boxes[sid], zs.data());
                for (int k = 0; k < D; ++k)
                    std::copy_n(zs.data() + static_cast<std::size_t>(k) * points_, points_, column(k) + at);
                std::copy_n(&multipole_[sid * points_], points_, column(D) + at);
                at += points_;
            }
            for (std::size_t e = lists_.p2p.start[uid]; e < lists_.p2p.start[uid + 1]; ++e) {
                const int sid = lists_.p2p.source[e];
                const auto& bs = tree_.boxes[static_cast<std::size_t>(sid)];
                if (tree_.self && sid == id) self_at = at;
                for (int k = 0; k < D; ++k) std::copy_n(tree_.src_coord(k) + bs.sb, bs.sources(), column(k) + at);
                std::copy_n(tree_.q.data() + bs.sb, bs.sources(), column(D) + at);
                at += bs.sources();
            }
            weighted_source<D> src;
            for (int k = 0; k < D; ++k) src.c[k] = column(k);
            src.q = column(D);
            src.n = total;
            const bool local = has_local_[uid] != 0;
            double mean = 0.0;
            if (local) {
                for (std::size_t a = 0; a < points_; ++a) mean += local_[uid * components_ * points_ + a];
                mean /= static_cast<double>(points_);
            }
            for (std::size_t i = bt.tb; i < bt.te; ++i) {
                double x[D];
                for (int k = 0; k < D; ++k) x[k] = tree_.tgt_coord(k)[i];
                double phi = 0.0, grad[D] = {};
                if (local && components_ == 1) {
                    ex_.l2p(tree_, bt, &local_[uid * points_], mean, x, phi, grad);
                } else if (local) {
                    const double* l = &local_[uid * components_ * points_];
                    phi += ex_.interpolate(tree_, bt, l, x);
                    for (int k = 0; k < D; ++k) grad[k] += ex_.interpolate(tree_, bt, l + static_cast<std::size_t>(k + 1) * points_, x);
                }
                phi += local_const_[uid];
                const std::size_t exclude = self_at == no_exclusion ? no_exclusion : self_at + (i - bt.sb);
                const auto sums = weighted_row<pack, D, true, true>(kernel, src, x, exclude);
                phi_sorted[i] = phi + sums.phi;
                for (int k = 0; k < D; ++k) grad_sorted[static_cast<std::size_t>(k) * nt + i] = grad[k] + sums.grad[k];
            }
        }
    }
}

}  // namespace

std::unique_ptr<tree_engine> make_tree_engine(const kernel::riesz_kernel& g, const tree_parameters& p) {
    switch (g.d()) {
    case 1: return std::make_unique<engine<1>>(g, p);
    case 2: return std::make_unique<engine<2>>(g, p);
    case 3: return std::make_unique<engine<3>>(g, p);
    default: throw std::invalid_argument("tree_plan: dimension is not 1, 2 or 3");
    }
}

}  // namespace mfv::interaction
