// The interaction lists of the fast evaluator (tree.hpp), made by a dual tree traversal
// (BLDTT, Wilson, Vaughn & Krasny 2021). Private to the interaction module.
//
// From the pair (root, root): a pair of boxes at different levels first splits the larger
// box unless it is a leaf. A separated pair (tree_octree.hpp) gets the cheapest valid
// operation:
//   M2L   same level, both interpolated             cost kappa P^2 (P = (n+1)^d)
//   P2L   T interpolated: needs gap >= width of T    cost P n_S
//   M2P   S interpolated: needs gap >= width of S    cost P n_T
//   P2P   direct                                     cost n_T n_S
// A pair that is not separated is split (the larger box, or T at equal levels), or summed
// directly when both are leaves. M2P and P2P write particles, so they are recorded against
// every leaf of T; M2L and P2L write T's local expansion. Each list is grouped by target
// box, in traversal order, so that applying it is race-free and its order fixed. Without
// `dual`, M2L and P2L are never chosen: a particle-cluster treecode on the same tree.
#pragma once
#include "tree_octree.hpp"

#include <mfv/interaction/tree.hpp>

#include <cstddef>
#include <vector>

namespace mfv::interaction::detail {

// Compressed rows by target box: the sources of box t are entries start[t] .. start[t+1]-1.
struct box_list {
    std::vector<std::size_t> start;
    std::vector<int> source;
    std::vector<int> offset;  // M2L only: id of the offset of T from S (tree_m2l.hpp)

    std::size_t size(int t) const { return start[static_cast<std::size_t>(t) + 1] - start[static_cast<std::size_t>(t)]; }
};

struct interaction_lists {
    box_list m2l, p2l, m2p, p2p;
};

// Offsets of same-level separated pairs lie in [-3, 3]^d: id = sum_k (o_k + 3) 7^k.
constexpr int offset_span = 7;

template <int D>
void build_lists(const octree<D>& tree, std::size_t proxy_points, double kappa, bool dual, interaction_lists& lists,
                 tree_statistics& stats);

}  // namespace mfv::interaction::detail
