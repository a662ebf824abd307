// Tensor Chebyshev interpolation on a box, the far-field representation of the fast
// evaluator (tree.hpp). Private to the interaction module.
//
// On [-1, 1], the n + 1 Chebyshev points of the first kind t_m = cos((2m + 1) pi / (2n + 2))
// have the Lagrange basis (Fong & Darve 2009, eq. 6; discrete orthogonality of T_k)
//   S_m(t) = (1 + 2 sum_{k=1}^{n} T_k(t_m) T_k(t)) / (n + 1),
//   S_m'(t) = 2 sum_{k=1}^{n} T_k(t_m) k U_{k-1}(t) / (n + 1),
// evaluated by the three-term recurrences, stable on the whole interval (no division by
// t - t_m as in the barycentric form). A box of centre c and width h maps x to
// t = (x - c) / (h / 2); multi-index a = sum_k a_k (n + 1)^k.
//   P2M  m[a] += q_j prod_k S_{a_k}(t_k(y_j))
//   M2M  m_parent[a] += sum_b prod_k S_{a_k}(+-1/2 + t_{b_k}/2) m_child[b]
//   L2L  l_child[b]  += sum_a prod_k S_{a_k}(+-1/2 + t_{b_k}/2) l_parent[a]
//   L2P  phi(x) = sum_a l[a] prod_k S_{a_k}(t_k(x)),   grad phi = (2/h) d/dt of the same.
// M2M and L2L are applied one axis at a time ((n + 1)^(d+1) operations, not (n + 1)^(2d)).
#pragma once
#include <cmath>
#include <numbers>
#include <vector>

namespace mfv::interaction::detail {

class chebyshev {
public:
    explicit chebyshev(int degree) : n_(degree), m_(degree + 1) {
        nodes_.resize(static_cast<std::size_t>(m_));
        for (int m = 0; m < m_; ++m) nodes_[static_cast<std::size_t>(m)] = std::cos((2 * m + 1) * std::numbers::pi / (2.0 * m_));
        tk_.resize(static_cast<std::size_t>(m_ * m_));
        for (int m = 0; m < m_; ++m) {
            const double t = nodes_[static_cast<std::size_t>(m)];
            double a = 1.0, b = t;
            for (int k = 0; k <= n_; ++k) {
                tk_[static_cast<std::size_t>(m * m_ + k)] = k == 0 ? 1.0 : b;
                if (k > 0) {
                    const double c = 2.0 * t * b - a;
                    a = b;
                    b = c;
                }
            }
        }
        for (int side = 0; side < 2; ++side) {
            auto& c = child_[side];
            c.resize(static_cast<std::size_t>(m_ * m_));
            std::vector<double> w(static_cast<std::size_t>(m_));
            for (int b = 0; b < m_; ++b) {
                basis(0.5 * (side == 0 ? -1.0 : 1.0) + 0.5 * nodes_[static_cast<std::size_t>(b)], w.data());
                for (int a = 0; a < m_; ++a) c[static_cast<std::size_t>(b * m_ + a)] = w[static_cast<std::size_t>(a)];
            }
        }
    }

    int degree() const { return n_; }
    int points() const { return m_; }
    double node(int m) const { return nodes_[static_cast<std::size_t>(m)]; }
    // child(side)[b * (n+1) + a] = S_a(-+1/2 + t_b / 2): side 0 the lower half, 1 the upper.
    const double* child(int side) const { return child_[side].data(); }

    // w[m] = S_m(t).
    void basis(double t, double* w) const {
        double tk[64];
        chebyshev_values(t, tk);
        for (int m = 0; m < m_; ++m) {
            const double* row = &tk_[static_cast<std::size_t>(m * m_)];
            double sum = 0.0;
            for (int k = 1; k <= n_; ++k) sum += row[k] * tk[k];
            w[m] = (1.0 + 2.0 * sum) / m_;
        }
    }
    // w[m] = S_m(t), dw[m] = S_m'(t).
    void basis_and_derivative(double t, double* w, double* dw) const {
        double tk[64], dtk[64];
        chebyshev_values(t, tk);
        // T_k' = k U_{k-1}: U_0 = 1, U_1 = 2t, U_{k+1} = 2t U_k - U_{k-1}.
        double u0 = 1.0, u1 = 2.0 * t;
        dtk[0] = 0.0;
        for (int k = 1; k <= n_; ++k) {
            dtk[k] = k * u0;
            const double u2 = 2.0 * t * u1 - u0;
            u0 = u1;
            u1 = u2;
        }
        for (int m = 0; m < m_; ++m) {
            const double* row = &tk_[static_cast<std::size_t>(m * m_)];
            double sum = 0.0, dsum = 0.0;
            for (int k = 1; k <= n_; ++k) {
                sum += row[k] * tk[k];
                dsum += row[k] * dtk[k];
            }
            w[m] = (1.0 + 2.0 * sum) / m_;
            dw[m] = 2.0 * dsum / m_;
        }
    }

private:
    void chebyshev_values(double t, double* tk) const {
        tk[0] = 1.0;
        if (n_ >= 1) tk[1] = t;
        for (int k = 2; k <= n_; ++k) tk[k] = 2.0 * t * tk[k - 1] - tk[k - 2];
    }

    int n_, m_;
    std::vector<double> nodes_, tk_;
    std::vector<double> child_[2];
};

// y += (M_{D-1} (x) ... (x) M_0) x for (n+1)-point axes, M_k[out * m + in] (row-major),
// or its transpose when `transpose` (M_k[in * m + out]). work holds 2 (n+1)^D doubles.
template <int D>
void apply_tensor(int m, const double* const* mats, bool transpose, const double* x, double* y, double* work) {
    std::size_t total = 1;
    for (int k = 0; k < D; ++k) total *= static_cast<std::size_t>(m);
    const double* in = x;
    double* bufs[2] = {work, work + total};
    std::size_t stride = 1;
    for (int k = 0; k < D; ++k) {
        double* out = k == D - 1 ? nullptr : bufs[k % 2];
        const double* mat = mats[k];
        const std::size_t block = stride * static_cast<std::size_t>(m);
        for (std::size_t hi = 0; hi < total; hi += block) {
            for (std::size_t lo = 0; lo < stride; ++lo) {
                for (int o = 0; o < m; ++o) {
                    double sum = 0.0;
                    for (int i = 0; i < m; ++i) {
                        const double c = transpose ? mat[i * m + o] : mat[o * m + i];
                        sum += c * in[hi + static_cast<std::size_t>(i) * stride + lo];
                    }
                    const std::size_t at = hi + static_cast<std::size_t>(o) * stride + lo;
                    if (out) {
                        out[at] = sum;
                    } else {
                        y[at] += sum;
                    }
                }
            }
        }
        if (out) in = out;
        stride = block;
    }
}

}  // namespace mfv::interaction::detail
