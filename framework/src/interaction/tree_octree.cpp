// Construction of the adaptive 2^d-tree (tree_octree.hpp): level by level, each box that
// holds too many points is partitioned into its children by a stable counting sort on the
// child index, the boxes of a level in parallel (disjoint ranges), the children numbered in
// box order afterwards, so that the tree does not depend on the thread count.
#include "tree_octree.hpp"

#include <algorithm>
#include <array>
#include <limits>

namespace mfv::interaction::detail {
namespace {

// The child (bit k: upper half along axis k) of point i of a box with centre mid.
template <int D>
int child_of(const points_view& x, std::size_t i, const double* mid) {
    int c = 0;
    for (int k = 0; k < D; ++k) {
        if (x(i, k) >= mid[k]) c |= 1 << k;
    }
    return c;
}

// Stable counting sort of order[b, e) by child; counts[c] receives the sizes.
template <int D>
void partition(std::vector<std::size_t>& order, std::size_t b, std::size_t e, const points_view& x,
               const double* mid, std::array<std::size_t, (1 << D)>& counts, std::vector<std::size_t>& scratch,
               std::vector<std::uint8_t>& tag) {
    counts.fill(0);
    const std::size_t n = e - b;
    tag.resize(n);
    scratch.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
        tag[i] = static_cast<std::uint8_t>(child_of<D>(x, order[b + i], mid));
        ++counts[tag[i]];
    }
    std::array<std::size_t, (1 << D)> start{};
    std::size_t acc = 0;
    for (int c = 0; c < (1 << D); ++c) {
        start[c] = acc;
        acc += counts[c];
    }
    for (std::size_t i = 0; i < n; ++i) scratch[start[tag[i]]++] = order[b + i];
    std::copy(scratch.begin(), scratch.begin() + static_cast<std::ptrdiff_t>(n), order.begin() + static_cast<std::ptrdiff_t>(b));
}

void gather(const points_view& x, const std::vector<std::size_t>& order, std::vector<double>& out) {
    const std::size_t n = order.size();
    out.resize(static_cast<std::size_t>(x.d) * n);
    for (int k = 0; k < x.d; ++k) {
        const double* c = x.coord(k);
        double* o = out.data() + static_cast<std::size_t>(k) * n;
        for (std::size_t i = 0; i < n; ++i) o[i] = c[order[i]];
    }
}

}  // namespace

template <int D>
void build_octree(octree<D>& tree, points_view sources, const double* q, points_view targets,
                  std::size_t leaf_size, int max_level) {
    tree.self = targets.x == nullptr;
    const points_view& tg = tree.self ? sources : targets;
    tree.ns = sources.n;
    tree.nt = tg.n;

    // The root cube.
    double lo[D], hi[D];
    for (int k = 0; k < D; ++k) {
        lo[k] = std::numeric_limits<double>::infinity();
        hi[k] = -std::numeric_limits<double>::infinity();
    }
    const points_view* both[2] = {&sources, &tg};
    for (const points_view* x : both) {
        for (int k = 0; k < D; ++k) {
            const double* c = x->coord(k);
            for (std::size_t i = 0; i < x->n; ++i) {
                lo[k] = std::min(lo[k], c[i]);
                hi[k] = std::max(hi[k], c[i]);
            }
        }
    }
    double extent = 0.0, scale = 0.0;
    for (int k = 0; k < D; ++k) {
        if (!(lo[k] <= hi[k])) lo[k] = hi[k] = 0.0;
        extent = std::max(extent, hi[k] - lo[k]);
        scale = std::max({scale, std::abs(lo[k]), std::abs(hi[k])});
    }
    // A cube strictly larger than the points' extent: no point on an upper face.
    tree.width = std::max(extent * (1.0 + 1e-12), 1e-12 * std::max(scale, 1e-300));
    if (!(tree.width > 0.0)) tree.width = 1.0;
    for (int k = 0; k < D; ++k) tree.lo[k] = 0.5 * (lo[k] + hi[k]) - 0.5 * tree.width;

    tree.src_order.resize(sources.n);
    for (std::size_t i = 0; i < sources.n; ++i) tree.src_order[i] = i;
    if (!tree.self) {
        tree.tgt_order.resize(tg.n);
        for (std::size_t i = 0; i < tg.n; ++i) tree.tgt_order[i] = i;
    } else {
        tree.tgt_order.clear();
    }

    tree.boxes.clear();
    tree.levels.clear();
    tree.leaves.clear();
    tree_box<D> root;
    for (int k = 0; k < D; ++k) root.index[k] = 0;
    root.sb = 0;
    root.se = sources.n;
    root.tb = 0;
    root.te = tg.n;
    tree.boxes.push_back(root);
    tree.levels.push_back({0});

    constexpr int nc = 1 << D;
    for (int level = 0;; ++level) {
        const std::vector<int>& this_level = tree.levels[static_cast<std::size_t>(level)];
        const auto count = static_cast<std::ptrdiff_t>(this_level.size());
        std::vector<std::array<std::size_t, nc>> src_counts(this_level.size()), tgt_counts(this_level.size());
        std::vector<char> split(this_level.size(), 0);
#pragma omp parallel
        {
            std::vector<std::size_t> scratch;
            std::vector<std::uint8_t> tag;
#pragma omp for schedule(dynamic, 1)
            for (std::ptrdiff_t p = 0; p < count; ++p) {
                const auto u = static_cast<std::size_t>(p);
                const tree_box<D>& b = tree.boxes[static_cast<std::size_t>(this_level[u])];
                if (level >= max_level || (b.sources() <= leaf_size && b.targets() <= leaf_size)) continue;
                split[u] = 1;
                double mid[D];
                for (int k = 0; k < D; ++k) mid[k] = tree.center(b, k);
                partition<D>(tree.src_order, b.sb, b.se, sources, mid, src_counts[u], scratch, tag);
                if (!tree.self) partition<D>(tree.tgt_order, b.tb, b.te, tg, mid, tgt_counts[u], scratch, tag);
            }
        }
        std::vector<int> next;
        for (std::size_t u = 0; u < this_level.size(); ++u) {
            if (!split[u]) continue;
            const int id = this_level[u];
            std::size_t s0 = tree.boxes[static_cast<std::size_t>(id)].sb;
            std::size_t t0 = tree.boxes[static_cast<std::size_t>(id)].tb;
            const int first = static_cast<int>(tree.boxes.size());
            int made = 0;
            for (int c = 0; c < nc; ++c) {
                const std::size_t ns = src_counts[u][static_cast<std::size_t>(c)];
                const std::size_t nt = tree.self ? ns : tgt_counts[u][static_cast<std::size_t>(c)];
                if (ns == 0 && nt == 0) continue;
                const tree_box<D>& parent = tree.boxes[static_cast<std::size_t>(id)];
                tree_box<D> child;
                for (int k = 0; k < D; ++k) child.index[k] = 2 * parent.index[k] + ((c >> k) & 1);
                child.level = level + 1;
                child.parent = id;
                child.octant = static_cast<std::uint8_t>(c);
                child.sb = s0;
                child.se = s0 + ns;
                child.tb = tree.self ? s0 : t0;
                child.te = tree.self ? s0 + ns : t0 + nt;
                s0 += ns;
                t0 += nt;
                tree.boxes.push_back(child);
                next.push_back(static_cast<int>(tree.boxes.size()) - 1);
                ++made;
            }
            tree.boxes[static_cast<std::size_t>(id)].first_child = first;
            tree.boxes[static_cast<std::size_t>(id)].children = made;
        }
        if (next.empty()) break;
        tree.levels.push_back(std::move(next));
    }
    for (std::size_t b = 0; b < tree.boxes.size(); ++b) {
        if (tree.boxes[b].leaf()) tree.leaves.push_back(static_cast<int>(b));
    }

    gather(sources, tree.src_order, tree.src);
    tree.q.resize(sources.n);
    for (std::size_t i = 0; i < sources.n; ++i) tree.q[i] = q ? q[tree.src_order[i]] : 1.0;
    if (!tree.self) {
        gather(tg, tree.tgt_order, tree.tgt);
    } else {
        tree.tgt.clear();
    }
}

template void build_octree<1>(octree<1>&, points_view, const double*, points_view, std::size_t, int);
template void build_octree<2>(octree<2>&, points_view, const double*, points_view, std::size_t, int);
template void build_octree<3>(octree<3>&, points_view, const double*, points_view, std::size_t, int);

}  // namespace mfv::interaction::detail
