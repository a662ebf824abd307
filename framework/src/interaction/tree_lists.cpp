// The dual tree traversal of tree_lists.hpp.
#include "tree_lists.hpp"

#include <algorithm>
#include <array>

namespace mfv::interaction::detail {
namespace {

struct pair_record {
    int target, source, offset;
};

template <int D>
class traversal {
public:
    traversal(const octree<D>& tree, double p, double kappa, bool dual) : tree_(tree), p_(p), kappa_(kappa), dual_(dual) {}

    std::array<std::vector<pair_record>, 4> found;  // m2l, p2l, m2p, p2p

    void visit(int t, int s) {
        const auto& bt = tree_.boxes[static_cast<std::size_t>(t)];
        const auto& bs = tree_.boxes[static_cast<std::size_t>(s)];
        if (bt.targets() == 0 || bs.sources() == 0) return;
        if (bt.level < bs.level && !bt.leaf()) return split_target(t, s);
        if (bs.level < bt.level && !bs.leaf()) return split_source(t, s);
        if (separated(bt, bs)) return far(t, s, bt, bs);
        if (bt.leaf() && bs.leaf()) return found[3].push_back({t, s, -1});
        if (bt.leaf()) return split_source(t, s);
        if (bs.leaf() || bt.level <= bs.level) return split_target(t, s);
        split_source(t, s);
    }

private:
    void split_target(int t, int s) {
        const auto& b = tree_.boxes[static_cast<std::size_t>(t)];
        for (int c = 0; c < b.children; ++c) visit(b.first_child + c, s);
    }
    void split_source(int t, int s) {
        const auto& b = tree_.boxes[static_cast<std::size_t>(s)];
        for (int c = 0; c < b.children; ++c) visit(t, b.first_child + c);
    }

    // Every leaf under t gets (leaf, s) in list k.
    void to_leaves(int t, int s, int k) {
        const auto& b = tree_.boxes[static_cast<std::size_t>(t)];
        if (b.targets() == 0) return;
        if (b.leaf()) {
            found[static_cast<std::size_t>(k)].push_back({t, s, -1});
            return;
        }
        for (int c = 0; c < b.children; ++c) to_leaves(b.first_child + c, s, k);
    }

    void far(int t, int s, const tree_box<D>& bt, const tree_box<D>& bs) {
        const double nt = static_cast<double>(bt.targets()), ns = static_cast<double>(bs.sources());
        const bool same = bt.level == bs.level;
        // Which interpolations are valid: T's needs the gap >= width of T (so T is the
        // smaller box or of the same size), S's needs it >= width of S.
        const bool interp_t = dual_ && bt.level >= bs.level;
        const bool interp_s = bs.level >= bt.level;
        double best = nt * ns;
        int op = 3;
        if (interp_s && p_ * nt < best) {
            best = p_ * nt;
            op = 2;
        }
        if (interp_t && p_ * ns < best) {
            best = p_ * ns;
            op = 1;
        }
        // Same-level separated pairs come from touching parents, so |o_k| <= 3 (checked).
        bool near_offset = same && dual_;
        for (int k = 0; k < D && near_offset; ++k) {
            const auto o = bt.index[k] - bs.index[k];
            near_offset = o >= -3 && o <= 3;
        }
        if (near_offset && kappa_ * p_ * p_ < best) op = 0;
        if (op == 0) {
            int id = 0, mul = 1;
            for (int k = 0; k < D; ++k) {
                id += static_cast<int>(bt.index[k] - bs.index[k] + 3) * mul;
                mul *= offset_span;
            }
            found[0].push_back({t, s, id});
        } else if (op == 1) {
            found[1].push_back({t, s, -1});
        } else {
            to_leaves(t, s, op);
        }
    }

    const octree<D>& tree_;
    double p_, kappa_;
    bool dual_;
};

void compress(std::vector<pair_record>& pairs, std::size_t boxes, box_list& out, bool offsets) {
    out.start.assign(boxes + 1, 0);
    for (const auto& p : pairs) ++out.start[static_cast<std::size_t>(p.target) + 1];
    for (std::size_t b = 0; b < boxes; ++b) out.start[b + 1] += out.start[b];
    std::vector<std::size_t> fill(out.start.begin(), out.start.end() - 1);
    out.source.resize(pairs.size());
    out.offset.resize(offsets ? pairs.size() : 0);
    for (const auto& p : pairs) {
        const std::size_t at = fill[static_cast<std::size_t>(p.target)]++;
        out.source[at] = p.source;
        if (offsets) out.offset[at] = p.offset;
    }
}

}  // namespace

template <int D>
void build_lists(const octree<D>& tree, std::size_t proxy_points, double kappa, bool dual, interaction_lists& lists,
                 tree_statistics& stats) {
    traversal<D> walk(tree, static_cast<double>(proxy_points), kappa, dual);
    walk.visit(0, 0);
    const std::size_t boxes = tree.boxes.size();
    stats.m2l = walk.found[0].size();
    stats.p2l = walk.found[1].size();
    stats.m2p = walk.found[2].size();
    stats.p2p = walk.found[3].size();
    stats.direct_pairs = 0.0;
    for (const auto& p : walk.found[3]) {
        stats.direct_pairs += static_cast<double>(tree.boxes[static_cast<std::size_t>(p.target)].targets()) *
                              static_cast<double>(tree.boxes[static_cast<std::size_t>(p.source)].sources());
    }
    compress(walk.found[0], boxes, lists.m2l, true);
    compress(walk.found[1], boxes, lists.p2l, false);
    compress(walk.found[2], boxes, lists.m2p, false);
    compress(walk.found[3], boxes, lists.p2p, false);
}

template void build_lists<1>(const octree<1>&, std::size_t, double, bool, interaction_lists&, tree_statistics&);
template void build_lists<2>(const octree<2>&, std::size_t, double, bool, interaction_lists&, tree_statistics&);
template void build_lists<3>(const octree<3>&, std::size_t, double, bool, interaction_lists&, tree_statistics&);

}  // namespace mfv::interaction::detail
