// The compressed M2L operators of tree_m2l.hpp.
//
// GCC 12 warns, falsely, that Eigen's AVX-512 matrix-product packing reads an uninitialised
// value (_mm256_undefined_pd, deliberately undefined lanes of an extract); the products
// are kept in this file so that the warning is silenced here and nowhere else.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif
#define EIGEN_DONT_PARALLELIZE
#include "tree_m2l.hpp"

#include "tree_lists.hpp"

#include <Eigen/Eigenvalues>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>
#include <map>
#include <mutex>
#include <tuple>

namespace mfv::interaction::detail {
namespace {

template <int D>
std::shared_ptr<const m2l_compressed> build(const kernel::riesz_kernel& g, const chebyshev& cheb, double cutoff) {
    const int m = cheb.points();
    std::size_t points = 1;
    for (int k = 0; k < D; ++k) points *= static_cast<std::size_t>(m);
    const auto P = static_cast<Eigen::Index>(points);
    int offsets = 1;
    for (int k = 0; k < D; ++k) offsets *= offset_span;

    // Canonical offsets, and for every M2L offset its class and map phi.
    std::map<std::array<int, D>, int> canonical;
    std::vector<std::array<int, D>> class_offsets;
    std::vector<int> class_of(static_cast<std::size_t>(offsets), -1);
    std::vector<std::vector<int>> phi(static_cast<std::size_t>(offsets));
    for (int id = 0; id < offsets; ++id) {
        std::array<int, D> o{};
        int rest = id, largest = 0;
        for (int k = 0; k < D; ++k) {
            o[k] = rest % offset_span - 3;
            rest /= offset_span;
            largest = std::max(largest, std::abs(o[k]));
        }
        if (largest < 2) continue;
        std::array<int, D> p{};
        for (int k = 0; k < D; ++k) p[k] = k;
        std::stable_sort(p.begin(), p.end(), [&](int a, int b) { return std::abs(o[a]) > std::abs(o[b]); });
        std::array<int, D> c{};
        for (int j = 0; j < D; ++j) c[j] = std::abs(o[p[j]]);
        auto [it, fresh] = canonical.emplace(c, static_cast<int>(class_offsets.size()));
        if (fresh) class_offsets.push_back(c);
        class_of[static_cast<std::size_t>(id)] = it->second;
        auto& map = phi[static_cast<std::size_t>(id)];
        map.resize(points);
        for (std::size_t a = 0; a < points; ++a) {
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
            map[a] = static_cast<int>(alpha);
        }
    }

    // The canonical operators K_c.
    std::vector<std::array<double, D>> t(points);
    for (std::size_t a = 0; a < points; ++a) {
        std::size_t r = a;
        for (int k = 0; k < D; ++k) {
            t[a][k] = cheb.node(static_cast<int>(r % static_cast<std::size_t>(m)));
            r /= static_cast<std::size_t>(m);
        }
    }
    std::vector<Eigen::MatrixXd> kc(class_offsets.size());
#pragma omp parallel for schedule(dynamic, 1)
    for (std::ptrdiff_t ci = 0; ci < static_cast<std::ptrdiff_t>(class_offsets.size()); ++ci) {
        const auto c = static_cast<std::size_t>(ci);
        kc[c].resize(P, P);
        for (Eigen::Index b = 0; b < P; ++b) {
            for (Eigen::Index a = 0; a < P; ++a) {
                double r2 = 0.0;
                for (int k = 0; k < D; ++k) {
                    const double z = class_offsets[c][k] + 0.5 * (t[static_cast<std::size_t>(a)][k] - t[static_cast<std::size_t>(b)][k]);
                    r2 += z * z;
                }
                kc[c](a, b) = g.value_r2(r2);
            }
        }
    }

    // sum_o K_o K_o^T = sum_o Pi_o (K_c K_c^T) Pi_o^T.
    std::vector<Eigen::MatrixXd> gram(class_offsets.size());
#pragma omp parallel for schedule(dynamic, 1)
    for (std::ptrdiff_t ci = 0; ci < static_cast<std::ptrdiff_t>(class_offsets.size()); ++ci) {
        const auto c = static_cast<std::size_t>(ci);
        gram[c].noalias() = kc[c] * kc[c].transpose();
    }
    Eigen::MatrixXd sum = Eigen::MatrixXd::Zero(P, P);
    for (int id = 0; id < offsets; ++id) {
        const int c = class_of[static_cast<std::size_t>(id)];
        if (c < 0) continue;
        const auto& map = phi[static_cast<std::size_t>(id)];
        const auto& gc = gram[static_cast<std::size_t>(c)];
        for (Eigen::Index b = 0; b < P; ++b) {
            for (Eigen::Index a = 0; a < P; ++a) sum(a, b) += gc(map[static_cast<std::size_t>(a)], map[static_cast<std::size_t>(b)]);
        }
    }
    Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eig(sum);
    // Eigenvalues increase; sigma_k = sqrt(lambda_k).
    const auto& lambda = eig.eigenvalues();
    const double top = std::sqrt(std::max(lambda(P - 1), 0.0));
    Eigen::Index rank = 0;
    while (rank < P && std::sqrt(std::max(lambda(P - 1 - rank), 0.0)) > cutoff * top) ++rank;
    rank = std::max<Eigen::Index>(rank, 1);

    auto out = std::make_shared<m2l_compressed>();
    out->rank = static_cast<std::size_t>(rank);
    out->basis = eig.eigenvectors().rightCols(rank).rowwise().reverse();
    out->ops.resize(static_cast<std::size_t>(offsets));
    // C_o = U~^T K_c U~ with U~[phi(b)] = U[b].
#pragma omp parallel for schedule(dynamic, 1)
    for (int id = 0; id < offsets; ++id) {
        const int c = class_of[static_cast<std::size_t>(id)];
        if (c < 0) continue;
        const auto& map = phi[static_cast<std::size_t>(id)];
        Eigen::MatrixXd ut(P, rank);
        for (Eigen::Index b = 0; b < P; ++b) ut.row(map[static_cast<std::size_t>(b)]) = out->basis.row(b);
        const Eigen::MatrixXd kut = kc[static_cast<std::size_t>(c)] * ut;
        out->ops[static_cast<std::size_t>(id)].noalias() = ut.transpose() * kut;
    }
    return out;
}

}  // namespace

std::shared_ptr<const m2l_compressed> compressed_m2l(const kernel::riesz_kernel& g, const chebyshev& cheb,
                                                     double cutoff) {
    static std::mutex lock;
    static std::map<std::tuple<int, double, int, double>, std::shared_ptr<const m2l_compressed>> cache;
    const std::lock_guard<std::mutex> hold(lock);
    const auto key = std::make_tuple(g.d(), g.s(), cheb.degree(), cutoff);
    if (auto it = cache.find(key); it != cache.end()) return it->second;
    std::shared_ptr<const m2l_compressed> made;
    switch (g.d()) {
    case 1: made = build<1>(g, cheb, cutoff); break;
    case 2: made = build<2>(g, cheb, cutoff); break;
    default: made = build<3>(g, cheb, cutoff); break;
    }
    cache.emplace(key, made);
    return made;
}

void multiply(const Eigen::MatrixXd& a, const Eigen::MatrixXd& x, Eigen::MatrixXd& y, bool transpose_a) {
    if (transpose_a) {
        y.noalias() = a.transpose() * x;
    } else {
        y.noalias() = a * x;
    }
}

}  // namespace mfv::interaction::detail
