#include "domain_checks.hpp"

#include <mfv/core/error.hpp>
#include <mfv/interaction/tree.hpp>
#include <mfv/kernel/riesz_kernel.hpp>

namespace mfv::study {

using nlohmann::json;

namespace {

// The electric formulation of F_N (energy/electric_energy.hpp) is for Coulomb in d = 2, 3
// against the uniform law or the spectral reference's mu^t (not the shell-mode solution).
void check_electric(const study& st, const std::string& law_type) {
    const bool coulomb = (st.d == 3 && st.s == 1.0) || (st.d == 2 && st.s == 0.0);
    if (!coulomb)
        throw input_error("/observables: electric_energy needs the Coulomb kernel (d = 3, s = 1 or d = 2, s = 0), not d = " +
                          std::to_string(st.d) + ", s = " + show(st.s));
    if (st.reference_type == "exact" && st.correlation == "none" && law_type == "fourier")
        throw input_error("/observables: electric_energy is implemented against the uniform law and the spectral "
                          "reference's mu^t, not against the exact shell-mode solution of /reference/type \"exact\"");
    const int grid = st.reference_grid > 0 ? st.reference_grid : (st.d == 3 ? 32 : 128);
    if (st.reference_type == "spectral" && grid / 2 - 1 > (st.d == 3 ? 32 : 128))
        throw input_error("/reference/grid = " + std::to_string(grid) + ": the spectral mu^t's band exceeds the electric "
                          "energy's band (32 in 3D, 128 in 2D)");
}

}  // namespace

// The torus T^d = [0,1)^d takes its own laws, references and evaluators (MATH.md 6).
void check_domain(const json& j, const study& st) {
    const std::string type = st.law.type;
    const bool torus_law = type == "uniform" || type == "fourier";
    if (!st.torus()) {
        if (torus_law)
            throw input_error("/initial/law/type \"" + type + "\" is a law on the torus: set /model/domain to \"torus\"");
        if (j["initial"].contains("correlation"))
            throw input_error("/initial/correlation applies to torus studies (/model/domain \"torus\")");
        if (st.reference_type == "spectral" || st.reference_type == "equilibrium")
            throw input_error("/reference/type \"" + st.reference_type + "\" is a torus reference: it needs /model/domain \"torus\"");
        if ((j["reference"].contains("grid") || j["reference"].contains("dt")) && st.reference_type != "radial")
            throw input_error(std::string("/reference/") + (j["reference"].contains("grid") ? "grid" : "dt") +
                              " applies to the radial reference only in the whole space");
        if (st.interaction_method == "ewald" || st.interaction_method == "pme")
            throw input_error("/interaction/method \"" + st.interaction_method +
                              "\" is a periodic evaluator: it needs /model/domain \"torus\" (use \"direct\", \"tree\" or \"auto\")");
        for (const auto& o : st.observables)
            if (o == "mode_amplitude") throw input_error("/observables: mode_amplitude needs a torus study with a fourier law");
        for (const auto& o : st.observables)
            if (o == "electric_energy")
                throw input_error("/observables: electric_energy is the field energy of Coulomb charges on the torus "
                                  "(reference/electric.md): set /model/domain to \"torus\"");
        return;
    }
    if (!torus_law)
        throw input_error("/initial/law/type \"" + type + "\" is a whole-space law; on the torus use \"uniform\" or \"fourier\"");
    if (st.reference_type == "radial")
        throw input_error("/reference/type \"radial\" is a whole-space reference: on the torus use \"spectral\"");
    if (type == "fourier" && !j["initial"]["law"].contains("modes"))
        throw input_error("/initial/law/modes is needed by a fourier law");
    if (type == "uniform" && j["initial"]["law"].contains("modes"))
        throw input_error("/initial/law/modes applies to a fourier law, not to the uniform law");
    for (const char* key : {"radius", "sigma"})
        if (j["initial"]["law"].contains(key))
            throw input_error(std::string("/initial/law/") + key + " does not apply to a law on the torus");
    for (std::size_t q = 0; q < st.law.modes.size(); ++q) {
        if (st.law.modes[q].k.size() != static_cast<std::size_t>(st.d))
            throw input_error("/initial/law/modes/" + std::to_string(q) + "/k must have d = " + std::to_string(st.d) +
                              " entries");
        bool zero = true;
        for (int c : st.law.modes[q].k) zero = zero && c == 0;
        if (zero) throw input_error("/initial/law/modes/" + std::to_string(q) + "/k must not be 0 (the mass is fixed at 1)");
    }
    double total = 0.0;
    for (const auto& mode : st.law.modes) total += std::abs(mode.amplitude);
    if (!(total < 1.0))
        throw input_error("/initial/law/modes: the amplitudes' absolute values add up to " + show(total) +
                          ", so the density 1 + sum a cos(...) is not positive (need < 1)");
    if (st.correlation != "none" && type != "fourier")
        throw input_error("/initial/correlation \"" + st.correlation + "\" needs a fourier law to shift or mix");
    if (st.correlation != "none" && st.reference_type == "spectral")
        throw input_error("/reference/type must be \"exact\" or \"equilibrium\" with /initial/correlation \"" +
                          st.correlation + "\": the one-particle marginal of such a start is the uniform law, which is stationary");
    if ((j["reference"].contains("grid") || j["reference"].contains("dt")) && st.reference_type != "spectral")
        throw input_error(std::string("/reference/") + (j["reference"].contains("grid") ? "grid" : "dt") +
                          " applies to the spectral reference only");
    if (st.reference_type == "exact" && st.correlation == "none" && type != "uniform")
        throw input_error("/reference/type \"exact\": no closed-form evolution of a fourier law is known here; use "
                          "\"spectral\" (the pseudo-spectral solver started from it)");
    if (st.interaction_method == "direct" || st.interaction_method == "tree")
        throw input_error("/interaction/method \"" + st.interaction_method +
                          "\" sums the whole-space kernel; on the torus use \"ewald\", \"pme\" or \"auto\"");
    for (const auto& o : st.observables) {
        if (o == "second_moment") throw input_error("/observables: second_moment has no meaning on the torus");
        if (o == "mode_amplitude" && type != "fourier")
            throw input_error("/observables: mode_amplitude follows the lowest mode of a fourier law");
        if (o == "electric_energy") check_electric(st, type);
    }
}

// The tree evaluator (interaction/tree.hpp): its accuracy range, and its error is not smooth
// in the positions (the interaction lists change as particles cross box faces), so an
// adaptive stepper asked for a relative tolerance below 100 times that error would shrink
// its steps chasing it.
void check_tree(const study& st) {
    if (st.torus()) return;
    const kernel::riesz_kernel g(st.d, st.s);
    const double acc = st.interaction_accuracy;
    const bool in_range = acc >= 1e-13 && acc <= 1e-2;
    bool uses_tree = st.interaction_method == "tree";
    if (st.interaction_method == "auto" && in_range && !st.N.empty())
        uses_tree = st.N.back() >= interaction::tree_crossover(g, acc);
    if (!uses_tree) return;
    if (!in_range)
        throw input_error("/interaction/accuracy = " + show(acc) + " is outside what the tree evaluator offers, [1e-13, 1e-2]");
    if (st.integrator.method == "dopri5" && st.integrator.rtol < 100.0 * acc)
        throw input_error("/integrator/rtol = " + show(st.integrator.rtol) + " is tighter than 100 times /interaction/accuracy = " +
                          show(acc) + ": the tree evaluator's error jumps as particles cross box faces, and the adaptive "
                          "stepper would shrink its steps chasing it; use rtol >= " + show(100.0 * acc) +
                          " or a smaller accuracy");
}

void check_law(const json& law, int d, double s) {
    const std::string type = law["type"];
    if (type == "gaussian" && law.contains("radius")) {
        throw input_error("/initial/law/radius does not apply to a gaussian law (use sigma)");
    }
    if (type != "gaussian" && law.contains("sigma")) {
        throw input_error("/initial/law/sigma does not apply to a " + type + " law (use radius)");
    }
    if (type == "semicircle" && d != 1) {
        throw input_error("/initial/law/type \"semicircle\" needs d = 1, not d = " + std::to_string(d));
    }
    if (type == "barenblatt" && !(s >= d - 2.0)) {
        throw input_error("/initial/law/type \"barenblatt\" needs d-2 <= s < d, not s = " + show(s) + " in d = " +
                          std::to_string(d));
    }
}

}  // namespace mfv::study
