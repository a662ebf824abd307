// Cardinal B-splines for the PME mesh (private to pme_mesh.cpp and pme_self.cpp).
#pragma once
#include <cmath>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <vector>

namespace mfv::interaction::pme_detail::splines {

// B_n[j] = M_n(w + j), j = 0..n-1, for w in [0, 1], by the recursion
//   M_n(x) = [x M_{n-1}(x) + (n - x) M_{n-1}(x - 1)] / (n - 1),  M_1 = 1 on [0, 1),
// and the derivative M_n'(x) = M_{n-1}(x) - M_{n-1}(x - 1). Returned reversed, as the
// weights of the spline's points c = 0..n-1 (mesh point floor(u) - n + 1 + c):
// weight[c] = M_n(w + n - 1 - c).
template <int N>
inline void spline_weights(double w, double* weight, double* slope) {
    double b[N] = {};
    b[0] = 1.0;
    const auto raise = [&](int n) {
        const double inv = 1.0 / (n - 1);
        for (int j = n - 1; j >= 1; --j) b[j] = ((w + j) * b[j] + (n - w - j) * b[j - 1]) * inv;
        b[0] = w * b[0] * inv;
    };
    for (int n = 2; n < N; ++n) raise(n);
    if (slope) {
        for (int j = 0; j < N; ++j) slope[N - 1 - j] = b[j] - (j > 0 ? b[j - 1] : 0.0);
    }
    raise(N);
    for (int j = 0; j < N; ++j) weight[N - 1 - j] = b[j];
}

// M_n at the integers 0..n (construction only, any n).
inline std::vector<double> spline_at_integers(int n) {
    std::vector<double> b(static_cast<std::size_t>(n) + 1, 0.0);
    b[0] = 1.0;
    for (int m = 2; m <= n; ++m) {
        for (int j = m - 1; j >= 1; --j) b[j] = (j * b[j] + (m - j) * b[j - 1]) / (m - 1);
        b[0] = 0.0;
    }
    return b;  // b[j] = M_n(j)
}

// M_n(w + j), j = 0..n-1, for w in [0, 1] (construction only, any n).
inline std::vector<double> spline_values(int n, double w) {
    std::vector<double> b(static_cast<std::size_t>(n) + 1, 0.0);
    b[0] = 1.0;
    for (int m = 2; m <= n; ++m) {
        for (int j = m - 1; j >= 1; --j) b[j] = ((w + j) * b[j] + (m - w - j) * b[j - 1]) / (m - 1);
        b[0] = w * b[0] / (m - 1);
    }
    return b;
}

// u = K x for x in [0, 1): the first spline index floor(u) and the fraction (K x rounding up
// to K is the point 0).
inline void split(double x, int k, int& base, double& frac) {
    const double u = x * k;
    double f = std::floor(u);
    base = static_cast<int>(f);
    frac = u - f;
    if (base >= k) {
        base = 0;
        frac = 0.0;
    }
}

template <class F>
inline void with_order(int p, F&& f) {
    switch (p) {
    case 4: f(std::integral_constant<int, 4>{}); break;
    case 6: f(std::integral_constant<int, 6>{}); break;
    case 8: f(std::integral_constant<int, 8>{}); break;
    case 10: f(std::integral_constant<int, 10>{}); break;
    case 12: f(std::integral_constant<int, 12>{}); break;
    case 14: f(std::integral_constant<int, 14>{}); break;
    case 16: f(std::integral_constant<int, 16>{}); break;
    default: throw std::invalid_argument("pme: B-spline order " + std::to_string(p) + " is not 4, 6, ..., 16");
    }
}

template <class F>
inline void with_dimension(int d, F&& f) {
    if (d == 1) f(std::integral_constant<int, 1>{});
    if (d == 2) f(std::integral_constant<int, 2>{});
    if (d == 3) f(std::integral_constant<int, 3>{});
}

}  // namespace mfv::interaction::pme_detail::splines
