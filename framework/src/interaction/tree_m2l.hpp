// The M2L operators of the fast evaluator (tree.hpp), private to the interaction module.
//
// For two boxes of width h at offset c_T - c_S = h o, the operator from S's multipole to
// T's local expansion is K_o[a][b] = g(h (o + (t_a - t_b) / 2)) (tree_chebyshev.hpp), and
// the Riesz and log kernels are homogeneous (MATH.md section 0):
//   g(h z) = h^(-s) g(z)  (s > 0),      g(h z) = g(z) - log h  (s = 0),
// so one reference operator per offset serves every level. The offsets of the traversal lie
// in [-3, 3]^d with some |o_k| >= 2 (316 in 3D, 40 in 2D, 4 in 1D).
//
// Compression (Fong & Darve 2009, section 3.2): the operators share one orthonormal basis U
// (P x r), the leading eigenvectors of sum_o K_o K_o^T (which equals sum_o K_o^T K_o, since
// K_o^T = K_{-o}), kept while sigma_k > cutoff sigma_1; then K_o ~ U C_o U^T with
// C_o = U^T K_o U (r x r), and M2L costs r^2 instead of P^2 per pair. The multipoles are
// compressed once per box (U^T m) and the local expansions expanded once per box (U l).
// The K_o are made from 16 canonical ones (|o| sorted, decreasing, in 3D) by a signed
// permutation of the axes, which maps the Chebyshev points onto themselves (t_{n-m} = -t_m):
//   K_o[a][b] = K_c[phi(a)][phi(b)],  phi(a)_j = a_{p(j)}, or n - a_{p(j)} when o_{p(j)} < 0.
// Operators are cached by (d, s, degree, cutoff): every plan of a study shares them.
#pragma once
#include "tree_chebyshev.hpp"

#include <mfv/kernel/riesz_kernel.hpp>

#include <Eigen/Dense>

#include <cstddef>
#include <memory>
#include <vector>

namespace mfv::interaction::detail {

struct m2l_compressed {
    std::size_t rank = 0;
    Eigen::MatrixXd basis;                 // U, P x r
    std::vector<Eigen::MatrixXd> ops;      // C_o by offset id (empty for offsets that are not M2L's)
};

// The shared operators for kernel g, Chebyshev degree of cheb and a relative singular-value
// cutoff; computed on first use, then cached.
std::shared_ptr<const m2l_compressed> compressed_m2l(const kernel::riesz_kernel& g, const chebyshev& cheb,
                                                     double cutoff);

// y = A x for column blocks, single-threaded (A is U, U^T or a C_o).
void multiply(const Eigen::MatrixXd& a, const Eigen::MatrixXd& x, Eigen::MatrixXd& y, bool transpose_a = false);

}  // namespace mfv::interaction::detail
