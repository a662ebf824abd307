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
#include "tree_kernels.hpp"
#include "tree_lists.hpp"
#include "tree_m2l.hpp"
#include "tree_octree.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace mfv::interaction {
namespace {

using namespace detail;
using pack = simd::best;

// The stored M2L operators may take this much memory (16 operators of P^2 doubles in 3D:
// up to degree 10).
constexpr std::size_t m2l_budget = std::size_t{256} << 20;
// Target boxes per batch of M2L products: enough columns per canonical operator for an
// efficient matrix product, few enough to balance the threads.
constexpr std::size_t m2l_chunk = 32;

template <class F>
void with_family(const kernel::riesz_kernel& g, F&& f) {
    if (g.is_log()) {
        f(logarithm<pack>{});
    } else if (g.s() == 1.0) {
        f(inverse_distance<pack>{});
    } else if (g.s() == 2.0) {
        f(inverse_square<pack>{});
    } else {
        f(general_power<pack>{g.s()});
    }
}

template <int D>
class engine final : public tree_engine {
public:
    engine(const kernel::riesz_kernel& g, const tree_parameters& p)
        : g_(g), p_(p), cheb_(p.degree), ops_(g, cheb_, m2l_budget) {
        m_ = cheb_.points();
        points_ = ops_.points();
    }

    void run(const tree_request& r, tree_statistics& stats) override {
        const std::size_t nt = r.targets.x ? r.targets.n : r.sources.n;
        if (!finite(r.sources) || (r.targets.x && !finite(r.targets))) {
            const double nan = std::numeric_limits<double>::quiet_NaN();
            if (r.phi) std::fill(r.phi, r.phi + nt, nan);
            if (r.grad) std::fill(r.grad, r.grad + static_cast<std::size_t>(D) * nt, nan);
            return;
        }
        if (nt == 0) return;
        with_family(g_, [&](const auto& kernel) { run_with(kernel, r, stats); });
    }

private:
    static bool finite(points_view x) {
        for (std::size_t q = 0; q < static_cast<std::size_t>(x.d) * x.n; ++q) {
            if (!std::isfinite(x.x[q])) return false;
        }
        return true;
    }

    double half_width(const tree_box<D>& b) const { return 0.5 * tree_.box_width(b.level); }

    // The Chebyshev points of box b, structure of arrays (D * P).
    void proxies(const tree_box<D>& b, double* z) const {
        const double hh = half_width(b);
        double c[D];
        for (int k = 0; k < D; ++k) c[k] = tree_.center(b, k);
        for (std::size_t a = 0; a < points_; ++a) {
            std::size_t rest = a;
            for (int k = 0; k < D; ++k) {
                z[static_cast<std::size_t>(k) * points_ + a] =
                    c[k] + hh * cheb_.node(static_cast<int>(rest % static_cast<std::size_t>(m_)));
                rest /= static_cast<std::size_t>(m_);
            }
        }
    }

    // m[a] += q prod_k S_{a_k}(t_k) over the outer axes k >= 1, then the inner axis.
    void p2m(const tree_box<D>& b, double* mult) const {
        const double hh = half_width(b);
        double c[D], w[D][64];
        for (int k = 0; k < D; ++k) c[k] = tree_.center(b, k);
        const std::size_t outer = points_ / static_cast<std::size_t>(m_);
        for (std::size_t j = b.sb; j < b.se; ++j) {
            for (int k = 0; k < D; ++k) cheb_.basis((tree_.src_coord(k)[j] - c[k]) / hh, w[k]);
            const double qj = tree_.q[j];
            for (std::size_t o = 0; o < outer; ++o) {
                double f = qj;
                std::size_t rest = o;
                for (int k = 1; k < D; ++k) {
                    f *= w[k][rest % static_cast<std::size_t>(m_)];
                    rest /= static_cast<std::size_t>(m_);
                }
                double* row = mult + o * static_cast<std::size_t>(m_);
                for (int a = 0; a < m_; ++a) row[a] += f * w[0][a];
            }
        }
    }

    // Value and gradient of the local interpolant of box b at x, added to phi and grad.
    void l2p(const tree_box<D>& b, const double* local, const double* x, double& phi, double* grad) const {
        const double hh = half_width(b);
        double w[D][64], dw[D][64];
        for (int k = 0; k < D; ++k) cheb_.basis_and_derivative((x[k] - tree_.center(b, k)) / hh, w[k], dw[k]);
        const std::size_t outer = points_ / static_cast<std::size_t>(m_);
        double v = 0.0, gr[D] = {};
        for (std::size_t o = 0; o < outer; ++o) {
            const double* row = local + o * static_cast<std::size_t>(m_);
            double s0 = 0.0, s0d = 0.0;
            for (int a = 0; a < m_; ++a) {
                s0 += row[a] * w[0][a];
                s0d += row[a] * dw[0][a];
            }
            // Weights of the outer axes: the product of w, and with one factor dw.
            int idx[D];
            std::size_t rest = o;
            double prod = 1.0;
            for (int k = 1; k < D; ++k) {
                idx[k] = static_cast<int>(rest % static_cast<std::size_t>(m_));
                rest /= static_cast<std::size_t>(m_);
                prod *= w[k][idx[k]];
            }
            v += s0 * prod;
            gr[0] += s0d * prod;
            for (int k = 1; k < D; ++k) {
                double pk = dw[k][idx[k]];
                for (int j = 1; j < D; ++j) {
                    if (j != k) pk *= w[j][idx[j]];
                }
                gr[k] += s0 * pk;
            }
        }
        phi += v;
        for (int k = 0; k < D; ++k) grad[k] += gr[k] / hh;
    }

    template <class K>
    void run_with(const K& kernel, const tree_request& r, tree_statistics& stats);
    void upward();
    template <class K>
    void far_field(const K& kernel);
    void downward();
    template <class K>
    void leaves(const K& kernel, double* phi_sorted, double* grad_sorted);

    kernel::riesz_kernel g_;
    tree_parameters p_;
    chebyshev cheb_;
    m2l_operators<D> ops_;
    int m_ = 0;
    std::size_t points_ = 0;
    octree<D> tree_;
    interaction_lists lists_;
    std::vector<double> multipole_, local_;
    std::vector<char> has_local_;
};

template <int D>
template <class K>
void engine<D>::run_with(const K& kernel, const tree_request& r, tree_statistics& stats) {
    const auto clock = [] { return std::chrono::steady_clock::now(); };
    const auto c0 = clock();
    build_octree<D>(tree_, r.sources, r.q, r.targets, p_.leaf_size, p_.max_level);
    const auto c1 = clock();
    // kappa: the cost of one M2L entry against one kernel evaluation (a matrix-product
    // multiply-add is ~10 times cheaper than a kernel; on the fly it is one kernel).
    build_lists<D>(tree_, points_, ops_.stored() ? 0.1 : 1.0, lists_, stats);
    stats.boxes = tree_.boxes.size();
    stats.leaves = tree_.leaves.size();
    stats.levels = tree_.levels.size();

    const std::size_t nb = tree_.boxes.size();
    multipole_.assign(nb * points_, 0.0);
    local_.assign(nb * points_, 0.0);
    has_local_.assign(nb, 0);
    const auto c2 = clock();
    upward();
    const auto c3 = clock();
    far_field(kernel);
    const auto c4 = clock();
    downward();
    const auto c5 = clock();

    const std::size_t nt = tree_.nt;
    std::vector<double> phi_sorted(nt), grad_sorted(static_cast<std::size_t>(D) * nt);
    leaves(kernel, phi_sorted.data(), grad_sorted.data());
    const auto c6 = clock();
    if (std::getenv("MFV_TREE_TIMING")) {
        const auto sec = [](auto a, auto b) { return std::chrono::duration<double>(b - a).count(); };
        std::fprintf(stderr, "tree: build %.3f lists %.3f up %.3f far %.3f down %.3f leaves %.3f\n", sec(c0, c1),
                     sec(c1, c2), sec(c2, c3), sec(c3, c4), sec(c4, c5), sec(c5, c6));
    }
    const auto& order = tree_.self ? tree_.src_order : tree_.tgt_order;
    for (std::size_t i = 0; i < nt; ++i) {
        if (r.phi) r.phi[order[i]] = phi_sorted[i];
        if (r.grad) {
            for (int k = 0; k < D; ++k) r.grad[static_cast<std::size_t>(k) * nt + order[i]] = grad_sorted[static_cast<std::size_t>(k) * nt + i];
        }
    }
}

template <int D>
void engine<D>::upward() {
    const double* side[2] = {cheb_.child(0), cheb_.child(1)};
    for (std::size_t lv = tree_.levels.size(); lv-- > 0;) {
        const auto& ids = tree_.levels[lv];
        const auto count = static_cast<std::ptrdiff_t>(ids.size());
#pragma omp parallel
        {
            std::vector<double> work(2 * points_);
#pragma omp for schedule(dynamic, 4)
            for (std::ptrdiff_t u = 0; u < count; ++u) {
                const int id = ids[static_cast<std::size_t>(u)];
                const auto& b = tree_.boxes[static_cast<std::size_t>(id)];
                if (b.sources() == 0) continue;
                double* mult = &multipole_[static_cast<std::size_t>(id) * points_];
                if (b.leaf()) {
                    p2m(b, mult);
                    continue;
                }
                for (int c = 0; c < b.children; ++c) {
                    const int cid = b.first_child + c;
                    const auto& child = tree_.boxes[static_cast<std::size_t>(cid)];
                    if (child.sources() == 0) continue;
                    const double* mats[D];
                    for (int k = 0; k < D; ++k) mats[k] = side[(child.octant >> k) & 1];
                    apply_tensor<D>(m_, mats, true, &multipole_[static_cast<std::size_t>(cid) * points_], mult, work.data());
                }
            }
        }
    }
}

template <int D>
template <class K>
void engine<D>::far_field(const K& kernel) {
    const std::size_t nb = tree_.boxes.size();
    const std::size_t chunks = (nb + m2l_chunk - 1) / m2l_chunk;
    const double s = g_.s();
#pragma omp parallel
    {
        std::vector<double> zt(static_cast<std::size_t>(D) * points_), zs(static_cast<std::size_t>(D) * points_);
        Eigen::MatrixXd in, out;
        std::vector<std::pair<int, int>> cols;  // (target, list entry)
#pragma omp for schedule(dynamic, 1)
        for (std::ptrdiff_t ch = 0; ch < static_cast<std::ptrdiff_t>(chunks); ++ch) {
            const std::size_t t0 = static_cast<std::size_t>(ch) * m2l_chunk, t1 = std::min(nb, t0 + m2l_chunk);
            if (ops_.stored()) {
                for (int c = 0; c < ops_.classes(); ++c) {
                    cols.clear();
                    for (std::size_t t = t0; t < t1; ++t) {
                        for (std::size_t e = lists_.m2l.start[t]; e < lists_.m2l.start[t + 1]; ++e) {
                            if (ops_.class_of(lists_.m2l.offset[e]) == c) cols.emplace_back(static_cast<int>(t), static_cast<int>(e));
                        }
                    }
                    if (cols.empty()) continue;
                    const auto ncols = static_cast<Eigen::Index>(cols.size());
                    in.resize(static_cast<Eigen::Index>(points_), ncols);
                    for (Eigen::Index j = 0; j < ncols; ++j) {
                        const auto e = static_cast<std::size_t>(cols[static_cast<std::size_t>(j)].second);
                        const int* map = ops_.map_of(lists_.m2l.offset[e]);
                        const double* mult = &multipole_[static_cast<std::size_t>(lists_.m2l.source[e]) * points_];
                        for (std::size_t b = 0; b < points_; ++b) in(map[b], j) = mult[b];
                    }
                    ops_.apply(c, in, out);
                    for (Eigen::Index j = 0; j < ncols; ++j) {
                        const auto [t, ei] = cols[static_cast<std::size_t>(j)];
                        const auto e = static_cast<std::size_t>(ei);
                        const int* map = ops_.map_of(lists_.m2l.offset[e]);
                        const int level = tree_.boxes[static_cast<std::size_t>(t)].level;
                        const double h = tree_.box_width(level);
                        double* loc = &local_[static_cast<std::size_t>(t) * points_];
                        if (s == 0.0) {
                            // g(h z) = g(z) - log h: the total charge times -log h.
                            double total = 0.0;
                            for (Eigen::Index b = 0; b < static_cast<Eigen::Index>(points_); ++b) total += in(b, j);
                            const double shift = -std::log(h) * total;
                            for (std::size_t a = 0; a < points_; ++a) loc[a] += out(map[a], j) + shift;
                        } else {
                            const double scale = std::pow(h, -s);
                            for (std::size_t a = 0; a < points_; ++a) loc[a] += scale * out(map[a], j);
                        }
                    }
                }
            }
            for (std::size_t t = t0; t < t1; ++t) {
                const auto& bt = tree_.boxes[t];
                double* loc = &local_[t * points_];
                const bool any = lists_.m2l.size(static_cast<int>(t)) + lists_.p2l.size(static_cast<int>(t)) > 0;
                if (!any) continue;
                has_local_[t] = 1;
                proxies(bt, zt.data());
                if (!ops_.stored()) {
                    for (std::size_t e = lists_.m2l.start[t]; e < lists_.m2l.start[t + 1]; ++e) {
                        const auto sid = static_cast<std::size_t>(lists_.m2l.source[e]);
                        proxies(tree_.boxes[sid], zs.data());
                        weighted_source<D> src;
                        for (int k = 0; k < D; ++k) src.c[k] = zs.data() + static_cast<std::size_t>(k) * points_;
                        src.q = &multipole_[sid * points_];
                        src.n = points_;
                        for (std::size_t a = 0; a < points_; ++a) {
                            double x[D];
                            for (int k = 0; k < D; ++k) x[k] = zt[static_cast<std::size_t>(k) * points_ + a];
                            loc[a] += weighted_row<pack, D, true, false>(kernel, src, x).phi;
                        }
                    }
                }
                for (std::size_t e = lists_.p2l.start[t]; e < lists_.p2l.start[t + 1]; ++e) {
                    const auto& bs = tree_.boxes[static_cast<std::size_t>(lists_.p2l.source[e])];
                    weighted_source<D> src;
                    for (int k = 0; k < D; ++k) src.c[k] = tree_.src_coord(k) + bs.sb;
                    src.q = tree_.q.data() + bs.sb;
                    src.n = bs.sources();
                    for (std::size_t a = 0; a < points_; ++a) {
                        double x[D];
                        for (int k = 0; k < D; ++k) x[k] = zt[static_cast<std::size_t>(k) * points_ + a];
                        loc[a] += weighted_row<pack, D, true, false>(kernel, src, x).phi;
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
        const auto& ids = tree_.levels[lv];
        const auto count = static_cast<std::ptrdiff_t>(ids.size());
#pragma omp parallel
        {
            std::vector<double> work(2 * points_);
#pragma omp for schedule(dynamic, 8)
            for (std::ptrdiff_t u = 0; u < count; ++u) {
                const int id = ids[static_cast<std::size_t>(u)];
                const auto& b = tree_.boxes[static_cast<std::size_t>(id)];
                if (b.targets() == 0 || !has_local_[static_cast<std::size_t>(b.parent)]) continue;
                const double* mats[D];
                for (int k = 0; k < D; ++k) mats[k] = side[(b.octant >> k) & 1];
                apply_tensor<D>(m_, mats, false, &local_[static_cast<std::size_t>(b.parent) * points_],
                                &local_[static_cast<std::size_t>(id) * points_], work.data());
                has_local_[static_cast<std::size_t>(id)] = 1;
            }
        }
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
                proxies(tree_.boxes[sid], zs.data());
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
            for (std::size_t i = bt.tb; i < bt.te; ++i) {
                double x[D];
                for (int k = 0; k < D; ++k) x[k] = tree_.tgt_coord(k)[i];
                double phi = 0.0, grad[D] = {};
                if (local) l2p(bt, &local_[uid * points_], x, phi, grad);
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
