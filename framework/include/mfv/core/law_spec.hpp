// The parameters of an initial law as a study names it (`initial.law`), shared by the
// samplers (which draw from it) and the references (which evolve it).
#pragma once
#include <algorithm>
#include <stdexcept>
#include <string>
#include <vector>

namespace mfv {

// One real Fourier mode of a torus density: amplitude * cos(2 pi k.x + phase), k in Z^d.
struct fourier_mode {
    std::vector<int> k;
    double amplitude = 0.0;
    double phase = 0.0;
};

// The initial velocity field of a Newton study (`initial.velocity`, issue 7): the start is
// monokinetic, v_i = u0(x_i), with u0 = 0 ("zero") or u0(x) = a x ("linear").
struct velocity_spec {
    std::string type = "zero";
    double a = 0.0;
};

struct law_spec {
    // Whole space: "uniform_ball" | "gaussian" | "barenblatt" | "semicircle".
    // Torus T^d = [0,1)^d: "uniform" (mu = 1) | "fourier" (mu = 1 + sum_m a_m cos(2 pi k_m.x + phi_m)).
    std::string type = "uniform_ball";
    // Radius of the support: uniform_ball, barenblatt (R0), semicircle (R0).
    double radius = 1.0;
    // Per-coordinate standard deviation: gaussian.
    double sigma = 1.0;
    // The modes of a "fourier" density on the torus; sum_m |a_m| < 1 keeps it positive.
    std::vector<fourier_mode> modes;
    // Newton flow only: the velocities that go with the positions.
    velocity_spec velocity;
};

// The mode of smallest |k| (the first of them on a tie): it sets the slowest linear rate
// lambda_k (MATH.md 6). Throws std::invalid_argument when there is none.
inline const fourier_mode& lowest_mode(const law_spec& law) {
    if (law.modes.empty()) throw std::invalid_argument("lowest_mode: the law has no Fourier modes");
    const auto norm2 = [](const fourier_mode& m) {
        double s = 0.0;
        for (int c : m.k) s += double(c) * c;
        return s;
    };
    return *std::min_element(law.modes.begin(), law.modes.end(),
                             [&](const fourier_mode& a, const fourier_mode& b) { return norm2(a) < norm2(b); });
}

}  // namespace mfv
