// The parameters of an initial law as a study names it (`initial.law`), shared by the
// samplers (which draw from it) and the exact references (which evolve it).
#pragma once
#include <string>

namespace mfv {

struct law_spec {
    // "uniform_ball" | "gaussian" | "barenblatt" | "semicircle"
    std::string type = "uniform_ball";
    // Radius of the support: uniform_ball, barenblatt (R0), semicircle (R0).
    double radius = 1.0;
    // Per-coordinate standard deviation: gaussian.
    double sigma = 1.0;
};

}  // namespace mfv
