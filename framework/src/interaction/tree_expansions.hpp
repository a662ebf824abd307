// The expansions of one box of the fast evaluator (tree.hpp): its Chebyshev points, P2M
// from its particles, and the evaluation of a local expansion at a point (value, and value
// with gradient: L2P), in the notation of tree_chebyshev.hpp. Private to the interaction
// module.
#pragma once
#include "tree_chebyshev.hpp"
#include "tree_octree.hpp"

#include <cstddef>

namespace mfv::interaction::detail {

template <int D>
class box_expansions {
public:
    explicit box_expansions(const chebyshev& cheb) : cheb_(cheb), m_(cheb.points()) {
        points_ = 1;
        for (int k = 0; k < D; ++k) points_ *= static_cast<std::size_t>(m_);
    }

    std::size_t points() const { return points_; }

    double half_width(const octree<D>& tree, const tree_box<D>& b) const { return 0.5 * tree.box_width(b.level); }

    // The Chebyshev points of box b, structure of arrays (D * P).
    void proxies(const octree<D>& tree, const tree_box<D>& b, double* z) const {
        const double hh = half_width(tree, b);
        double c[D];
        for (int k = 0; k < D; ++k) c[k] = tree.center(b, k);
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
    void p2m(const octree<D>& tree, const tree_box<D>& b, double* mult) const {
        const double hh = half_width(tree, b);
        double c[D], w[D][64];
        for (int k = 0; k < D; ++k) c[k] = tree.center(b, k);
        const std::size_t outer = points_ / static_cast<std::size_t>(m_);
        for (std::size_t j = b.sb; j < b.se; ++j) {
            for (int k = 0; k < D; ++k) cheb_.basis((tree.src_coord(k)[j] - c[k]) / hh, w[k]);
            const double qj = tree.q[j];
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

    // The value at x of the interpolant with values l at the Chebyshev points of box b.
    double interpolate(const octree<D>& tree, const tree_box<D>& b, const double* l, const double* x) const {
        const double hh = half_width(tree, b);
        double w[D][64];
        for (int k = 0; k < D; ++k) cheb_.basis((x[k] - tree.center(b, k)) / hh, w[k]);
        const std::size_t outer = points_ / static_cast<std::size_t>(m_);
        double v = 0.0;
        for (std::size_t o = 0; o < outer; ++o) {
            const double* row = l + o * static_cast<std::size_t>(m_);
            double s0 = 0.0;
            for (int a = 0; a < m_; ++a) s0 += row[a] * w[0][a];
            std::size_t rest = o;
            for (int k = 1; k < D; ++k) {
                s0 *= w[k][rest % static_cast<std::size_t>(m_)];
                rest /= static_cast<std::size_t>(m_);
            }
            v += s0;
        }
        return v;
    }

    // Value and gradient of the local interpolant of box b at x, added to phi and grad. The
    // interpolant is c + sum_a (l[a] - c) S_a with c the mean of l: the same polynomial (the
    // S_a add up to 1), but the derivative no longer subtracts large equal values (a log
    // potential is nearly constant over a small far box, its field is not).
    void l2p(const octree<D>& tree, const tree_box<D>& b, const double* local, double c, const double* x, double& phi,
             double* grad) const {
        const double hh = half_width(tree, b);
        double w[D][64], dw[D][64];
        for (int k = 0; k < D; ++k) cheb_.basis_and_derivative((x[k] - tree.center(b, k)) / hh, w[k], dw[k]);
        const std::size_t outer = points_ / static_cast<std::size_t>(m_);
        double v = 0.0, gr[D] = {};
        for (std::size_t o = 0; o < outer; ++o) {
            const double* row = local + o * static_cast<std::size_t>(m_);
            double s0 = 0.0, s0d = 0.0;
            for (int a = 0; a < m_; ++a) {
                s0 += (row[a] - c) * w[0][a];
                s0d += (row[a] - c) * dw[0][a];
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
        phi += c + v;
        for (int k = 0; k < D; ++k) grad[k] += gr[k] / hh;
    }

private:
    const chebyshev& cheb_;
    int m_;
    std::size_t points_;
};

}  // namespace mfv::interaction::detail
