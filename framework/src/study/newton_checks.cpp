#include "newton_checks.hpp"

#include <mfv/core/error.hpp>

#include <algorithm>
#include <sstream>

namespace mfv::study {

using nlohmann::json;

void fill_newton_defaults(json& j) {
    if (!j["model"].contains("flow") || j["model"]["flow"] != "newton") return;
    auto& in = j["integrator"];
    if (!in.contains("method")) in["method"] = "velocity_verlet";
    auto& initial = j["initial"];
    if (!initial.contains("velocity")) initial["velocity"] = json{{"type", "zero"}};
}

velocity_spec parse_velocity(const json& initial) {
    velocity_spec v;
    if (!initial.contains("velocity")) return v;
    v.type = initial["velocity"]["type"];
    v.a = initial["velocity"].value("a", 0.0);
    return v;
}

void check_newton(const json& j, const study& st) {
    const bool newton = st.flow == "newton";
    const auto& initial = j["initial"];
    const bool has_kinetic =
        std::find(st.observables.begin(), st.observables.end(), "kinetic_modulated_energy") != st.observables.end();
    if (!newton) {
        if (initial.contains("velocity"))
            throw input_error("/initial/velocity applies to the newton flow (/model/flow \"newton\"), not to \"" + st.flow + "\"");
        if (st.integrator.method == "velocity_verlet")
            throw input_error("/integrator/method \"velocity_verlet\" steps the newton flow's positions and velocities; the \"" +
                              st.flow + "\" flow has no velocities (use dopri5, rk4 or euler_maruyama)");
        if (has_kinetic)
            throw input_error("/observables: kinetic_modulated_energy needs particle velocities: /model/flow \"newton\"");
        return;
    }
    if (st.theta != 0.0) {
        std::ostringstream m;
        m << "/model/theta = " << st.theta << ": the newton flow has no noise (MATH.md section 0); use theta = 0";
        throw input_error(m.str());
    }
    if (st.integrator.method != "velocity_verlet")
        throw input_error("/integrator/method \"" + st.integrator.method +
                          "\" cannot step the newton flow: use \"velocity_verlet\" (symplectic, its energy drift is reported)");
    const auto& v = j["initial"]["velocity"];
    const std::string type = v["type"];
    if (type == "zero" && v.contains("a"))
        throw input_error("/initial/velocity/a applies to a \"linear\" velocity u0(x) = a x, not to \"zero\"");
    if (type == "linear" && !v.contains("a"))
        throw input_error("/initial/velocity/a is needed by a linear velocity u0(x) = a x");
    if (type == "linear" && st.torus())
        throw input_error("/initial/velocity \"linear\" (u0 = a x) is not periodic: on the torus use \"zero\"");
    // The reference of a newton study must solve the pressureless Euler equation: on the
    // torus only the uniform law at rest does (stationary); the spectral solver solves the
    // first-order equations.
    if (st.torus() && st.reference_type != "exact")
        throw input_error("/reference/type \"" + st.reference_type + "\" solves the first-order equations; a newton study on the "
                          "torus uses \"exact\" (the uniform law at rest, its stationary mean-field solution)");
    if (st.torus() && st.law.type != "uniform")
        throw input_error("/initial/law: on the torus a newton study starts from the uniform law at rest (its stationary "
                          "mean-field solution, reference \"exact\"); no solver of the pressureless Euler equation for \"" +
                          st.law.type + "\" is available");
}

}  // namespace mfv::study
