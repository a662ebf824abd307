// The reference M2L operators and the symmetry maps of tree_m2l.hpp.
//
// GCC 12 warns, falsely, that Eigen's AVX-512 matrix-product packing reads an uninitialised
// value (_mm256_undefined_pd, deliberately undefined lanes of an extract); the product is
// kept in this file so that the warning is silenced here and nowhere else.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#define EIGEN_DONT_PARALLELIZE
#include "tree_m2l.hpp"

#include "tree_lists.hpp"

#include <algorithm>
#include <array>
#include <cstdlib>
#include <map>

namespace mfv::interaction::detail {

template <int D>
m2l_operators<D>::m2l_operators(const kernel::riesz_kernel& g, const chebyshev& cheb, std::size_t max_bytes) {
    const int m = cheb.points();
    points_ = 1;
    for (int k = 0; k < D; ++k) points_ *= static_cast<std::size_t>(m);
    int offsets = 1;
    for (int k = 0; k < D; ++k) offsets *= offset_span;
    class_.assign(static_cast<std::size_t>(offsets), -1);
    map_.assign(static_cast<std::size_t>(offsets) * points_, 0);

    std::map<std::array<int, D>, int> canonical;
    std::vector<std::array<int, D>> class_offsets;
    for (int id = 0; id < offsets; ++id) {
        std::array<int, D> o{};
        int rest = id, largest = 0;
        for (int k = 0; k < D; ++k) {
            o[k] = rest % offset_span - 3;
            rest /= offset_span;
            largest = std::max(largest, std::abs(o[k]));
        }
        if (largest < 2) continue;
        // p: axes by decreasing |o_k|, ties by axis (a stable order).
        std::array<int, D> p{};
        for (int k = 0; k < D; ++k) p[k] = k;
        std::stable_sort(p.begin(), p.end(), [&](int a, int b) { return std::abs(o[a]) > std::abs(o[b]); });
        std::array<int, D> c{};
        for (int j = 0; j < D; ++j) c[j] = std::abs(o[p[j]]);
        auto [it, fresh] = canonical.emplace(c, static_cast<int>(class_offsets.size()));
        if (fresh) class_offsets.push_back(c);
        class_[static_cast<std::size_t>(id)] = it->second;
        // phi(a): canonical index of multi-index a.
        int* phi = &map_[static_cast<std::size_t>(id) * points_];
        for (std::size_t a = 0; a < points_; ++a) {
            int ak[D];
            std::size_t r = a;
            for (int k = 0; k < D; ++k) {
                ak[k] = static_cast<int>(r % static_cast<std::size_t>(m));
                r /= static_cast<std::size_t>(m);
            }
            std::size_t alpha = 0, mul = 1;
            for (int j = 0; j < D; ++j) {
                const int v = o[p[j]] < 0 ? m - 1 - ak[p[j]] : ak[p[j]];
                alpha += static_cast<std::size_t>(v) * mul;
                mul *= static_cast<std::size_t>(m);
            }
            phi[a] = static_cast<int>(alpha);
        }
    }

    const std::size_t bytes = class_offsets.size() * points_ * points_ * sizeof(double);
    stored_ = bytes <= max_bytes;
    if (!stored_) return;
    ops_.resize(class_offsets.size());
    std::vector<std::array<double, D>> t(points_);
    for (std::size_t a = 0; a < points_; ++a) {
        std::size_t r = a;
        for (int k = 0; k < D; ++k) {
            t[a][k] = cheb.node(static_cast<int>(r % static_cast<std::size_t>(m)));
            r /= static_cast<std::size_t>(m);
        }
    }
    for (std::size_t c = 0; c < class_offsets.size(); ++c) {
        auto& op = ops_[c];
        op.resize(static_cast<Eigen::Index>(points_), static_cast<Eigen::Index>(points_));
        for (std::size_t b = 0; b < points_; ++b) {
            for (std::size_t a = 0; a < points_; ++a) {
                double r2 = 0.0;
                for (int k = 0; k < D; ++k) {
                    const double z = class_offsets[c][k] + 0.5 * (t[a][k] - t[b][k]);
                    r2 += z * z;
                }
                op(static_cast<Eigen::Index>(a), static_cast<Eigen::Index>(b)) = g.value_r2(r2);
            }
        }
    }
}

template <int D>
void m2l_operators<D>::apply(int c, const Eigen::MatrixXd& in, Eigen::MatrixXd& out) const {
    out.noalias() = ops_[static_cast<std::size_t>(c)] * in;
}

template class m2l_operators<1>;
template class m2l_operators<2>;
template class m2l_operators<3>;

}  // namespace mfv::interaction::detail
