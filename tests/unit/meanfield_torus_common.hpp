// Shared helpers of the torus tests of the meanfield module (meanfield_torus_test.cpp, the
// solver; meanfield_torus_series_test.cpp, the series and the other torus references): the
// law and settings of a run, |k|, and the points where results are compared.
#pragma once
#include <mfv/core/law_spec.hpp>
#include <mfv/core/points.hpp>
#include <mfv/meanfield/spectral_torus.hpp>

#include <boost/math/constants/constants.hpp>

#include <cmath>
#include <cstddef>
#include <utility>
#include <vector>

namespace mfv_test::torus {

inline const double pi = boost::math::constants::pi<double>();
inline const double two_pi = 2.0 * pi;

inline mfv::law_spec fourier(std::vector<mfv::fourier_mode> modes) {
    mfv::law_spec l;
    l.type = "fourier";
    l.modes = std::move(modes);
    return l;
}

inline mfv::meanfield::spectral_settings settings(int grid, double dt) {
    mfv::meanfield::spectral_settings s;
    s.grid = grid;
    s.dt = dt;
    return s;
}

inline double norm(const std::vector<int>& k) {
    double s = 0.0;
    for (int c : k) s += double(c) * c;
    return std::sqrt(s);
}

// A few points of T^d, some outside [0,1) (unwrapped coordinates).
inline std::vector<std::vector<double>> sample_points(int d) {
    const double base[][3] = {{0.1, 0.7, 0.3}, {0.55, 0.2, 0.9}, {-0.35, 1.45, 2.2}, {0.8, -0.6, 0.05}};
    std::vector<std::vector<double>> x;
    for (const auto& b : base) x.emplace_back(b, b + d);
    return x;
}

// The nodes j/n of the n^d grid, as a configuration.
inline mfv::points grid_nodes(int d, int n) {
    std::size_t total = 1;
    for (int j = 0; j < d; ++j) total *= n;
    mfv::points x(d, total);
    for (std::size_t node = 0; node < total; ++node) {
        std::size_t rest = node;
        for (int j = d - 1; j >= 0; --j) {
            x(node, j) = double(rest % n) / n;
            rest /= n;
        }
    }
    return x;
}

}  // namespace mfv_test::torus
