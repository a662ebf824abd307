// The M2L operators of the fast evaluator (tree.hpp), private to the interaction module.
//
// For two boxes of width h at offset c_T - c_S = h o, the operator from S's multipole to
// T's local expansion is K[a][b] = g(h (o + (t_a - t_b) / 2)) (tree_chebyshev.hpp), and
// the Riesz and log kernels are homogeneous (MATH.md section 0):
//   g(h z) = h^(-s) g(z)  (s > 0),      g(h z) = g(z) - log h  (s = 0),
// so one reference operator per offset serves every level. The offsets of the traversal lie
// in [-3, 3]^d with some |o_k| >= 2; a signed permutation of the axes maps each one to a
// canonical offset (|o| sorted, decreasing), and since t_{n-m} = -t_m it maps the Chebyshev
// points onto themselves:
//   K_o[a][b] = K_c[phi(a)][phi(b)],   phi(a)_j = a_{p(j)} or n - a_{p(j)} (o_{p(j)} < 0),
// where p orders the axes by |o_k|. So 16 operators serve the 316 offsets in 3D (7 of 40 in
// 2D, 2 of 4 in 1D). They are stored only when they fit in `max_bytes`; otherwise M2L
// evaluates the kernel on the fly (the same numbers up to rounding).
#pragma once
#include "tree_chebyshev.hpp"

#include <mfv/kernel/riesz_kernel.hpp>

#include <Eigen/Dense>

#include <cstddef>
#include <vector>

namespace mfv::interaction::detail {

template <int D>
class m2l_operators {
public:
    m2l_operators(const kernel::riesz_kernel& g, const chebyshev& cheb, std::size_t max_bytes);

    bool stored() const { return stored_; }
    int classes() const { return static_cast<int>(ops_.size()); }
    // Canonical class of an offset id (tree_lists.hpp), -1 for offsets that are not M2L's.
    int class_of(int offset) const { return class_[static_cast<std::size_t>(offset)]; }
    // phi of that offset: P entries.
    const int* map_of(int offset) const { return &map_[static_cast<std::size_t>(offset) * points_]; }
    const Eigen::MatrixXd& op(int c) const { return ops_[static_cast<std::size_t>(c)]; }
    // out = K_c in (one column per M2L pair, in canonical order), single-threaded.
    void apply(int c, const Eigen::MatrixXd& in, Eigen::MatrixXd& out) const;
    std::size_t points() const { return points_; }

private:
    std::size_t points_;
    bool stored_;
    std::vector<int> class_;
    std::vector<int> map_;
    std::vector<Eigen::MatrixXd> ops_;
};

}  // namespace mfv::interaction::detail
