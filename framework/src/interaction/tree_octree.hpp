// The adaptive 2^d-tree of the fast evaluator (tree.hpp), private to the interaction module.
//
// The root is the smallest cube holding every source and target (enlarged by a relative
// 1e-12 so that none lies on its upper faces); a box holding more than `leaf_size` sources
// or targets is split into its 2^d half-width children, empty children are not made. Boxes
// carry integer positions at their level, so separation tests and M2L offsets are exact.
// Sources and targets are reordered box by box (stable within a box): the sources of any
// box, leaf or not, are one contiguous range, and so are its targets.
#pragma once
#include <mfv/core/points.hpp>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <vector>

namespace mfv::interaction::detail {

template <int D>
struct tree_box {
    std::int64_t index[D];  // position at its level: the box is lo + [index, index + 1) * width
    int level = 0;
    int parent = -1;
    int first_child = -1;   // children are contiguous: first_child .. first_child + children - 1
    int children = 0;
    std::uint8_t octant = 0;  // which child of its parent: bit k set = upper half along axis k
    std::size_t sb = 0, se = 0;  // sorted sources [sb, se)
    std::size_t tb = 0, te = 0;  // sorted targets [tb, te)

    bool leaf() const { return children == 0; }
    std::size_t sources() const { return se - sb; }
    std::size_t targets() const { return te - tb; }
};

template <int D>
struct octree {
    double lo[D] = {};
    double width = 1.0;
    bool self = true;  // targets are the sources (same arrays, same order)
    std::vector<tree_box<D>> boxes;
    std::vector<std::vector<int>> levels;  // box ids, level by level
    std::vector<int> leaves;
    // Sorted sources: coordinates (structure of arrays, D * ns), charges, original index.
    std::size_t ns = 0, nt = 0;
    std::vector<double> src, q;
    std::vector<std::size_t> src_order;
    // Sorted targets (empty when self: the sources are the targets).
    std::vector<double> tgt;
    std::vector<std::size_t> tgt_order;

    double box_width(int level) const { return std::ldexp(width, -level); }
    double center(const tree_box<D>& b, int k) const {
        return lo[k] + (static_cast<double>(b.index[k]) + 0.5) * box_width(b.level);
    }
    const double* src_coord(int k) const { return src.data() + static_cast<std::size_t>(k) * ns; }
    const double* tgt_coord(int k) const {
        return self ? src_coord(k) : tgt.data() + static_cast<std::size_t>(k) * nt;
    }
};

// Builds the tree over sources (charges q, or unit charges when q is null) and targets
// (targets.x == nullptr: the sources themselves). All coordinates must be finite.
template <int D>
void build_octree(octree<D>& tree, points_view sources, const double* q, points_view targets,
                  std::size_t leaf_size, int max_level);

// Whether two boxes are separated: the gap between them along some axis is at least the
// width of the smaller one (exact, in integer positions at the finer level).
template <int D>
bool separated(const tree_box<D>& a, const tree_box<D>& b) {
    const int fine = a.level > b.level ? a.level : b.level;
    const int sa = fine - a.level, sb = fine - b.level;
    for (int k = 0; k < D; ++k) {
        const std::int64_t a0 = a.index[k] << sa, a1 = (a.index[k] + 1) << sa;
        const std::int64_t b0 = b.index[k] << sb, b1 = (b.index[k] + 1) << sb;
        if (b0 - a1 >= 1 || a0 - b1 >= 1) return true;
    }
    return false;
}

}  // namespace mfv::interaction::detail
