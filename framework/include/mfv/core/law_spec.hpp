// The parameters of an initial law as a study names it (`initial.law`), shared by the
// samplers (which draw from it) and the references (which evolve it).
#pragma once
#include <string>
#include <vector>

namespace mfv {

// One real Fourier mode of a torus density: amplitude * cos(2 pi k.x + phase), k in Z^d.
struct fourier_mode {
    std::vector<int> k;
    double amplitude = 0.0;
    double phase = 0.0;
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
};

}  // namespace mfv
