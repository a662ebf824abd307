// The unit torus T^d = [0,1)^d (MATH.md section 6).
//
// Positions on the torus are stored as real coordinates that may leave [0,1) during a flow
// (the odeint state is never wrapped, so the dense output stays continuous); every
// evaluator and observable on the torus reads them modulo 1. `wrap` maps to [0,1),
// `minimum_image` maps a difference to [-1/2, 1/2).
#pragma once
#include <mfv/core/points.hpp>

#include <cmath>
#include <string>

namespace mfv::domain {

// "whole_space" (R^d) or "torus" (T^d = [0,1)^d, periodic, neutralizing background).
enum class kind { whole_space, torus };

inline kind parse_kind(const std::string& name) { return name == "torus" ? kind::torus : kind::whole_space; }
inline std::string name(kind k) { return k == kind::torus ? "torus" : "whole_space"; }

// x mod 1 in [0, 1). floor keeps exactness for x already in [0,1); the last line guards
// x = -tiny, whose x - floor(x) rounds to 1.
inline double wrap(double x) {
    double y = x - std::floor(x);
    return y < 1.0 ? y : 0.0;
}

// The representative of a difference in [-1/2, 1/2).
inline double minimum_image(double dx) { return dx - std::floor(dx + 0.5); }

// Wrap every coordinate of a configuration in place.
inline void wrap(points& x) {
    for (double& v : x.data()) v = wrap(v);
}

}  // namespace mfv::domain
