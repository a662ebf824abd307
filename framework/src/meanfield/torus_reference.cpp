#include <mfv/meanfield/torus_reference.hpp>

#include <mfv/core/error.hpp>
#include <mfv/meanfield/shell_mode_torus.hpp>
#include <mfv/meanfield/uniform_torus.hpp>

#include <sstream>

namespace mfv::meanfield {

namespace {

const char* const torus_exact_cases =
    "on the torus the exact references are the uniform law (any flow, any theta) and, for the "
    "conservative flow in d = 2, a \"fourier\" density whose modes all lie on one shell |k| = K; "
    "use reference.type \"spectral\" for the others";

std::unique_ptr<reference> exact_torus_reference(const kernel::riesz_kernel& g, const std::string& flow,
                                                 double theta, const law_spec& law) {
    if (law.type == "uniform" || (law.type == "fourier" && law.modes.empty())) {
        if (law.type == "uniform" && !law.modes.empty()) {
            throw input_error("initial.law.type \"uniform\" takes no modes (use \"fourier\")");
        }
        return std::make_unique<uniform_torus>(g, flow, theta);
    }
    if (law.type == "fourier" && flow == "conservative" && shell_mode_torus::applies(g.d(), law)) {
        return std::make_unique<shell_mode_torus>(g, theta, law);
    }
    std::ostringstream m;
    m << "reference.type \"exact\": no exact solution for the " << flow << " flow of the torus law \"" << law.type
      << "\" with s = " << g.s() << " in d = " << g.d();
    if (law.type == "fourier" && flow == "conservative" && g.d() == 2) m << " (its modes are not on one shell |k| = K)";
    m << " (" << torus_exact_cases << ")";
    throw input_error(m.str());
}

}  // namespace

std::unique_ptr<reference> make_torus_reference(const kernel::riesz_kernel& g, const std::string& flow, double theta,
                                                const law_spec& law, const std::string& reference_type,
                                                std::vector<double> times, spectral_settings settings) {
    if (reference_type == "exact") return exact_torus_reference(g, flow, theta, law);
    if (reference_type == "spectral") {
        return std::make_unique<spectral_torus>(g, flow, theta, law, std::move(times), settings);
    }
    throw input_error("reference.type \"" + reference_type + "\" is not \"exact\" or \"spectral\" on the torus");
}

}  // namespace mfv::meanfield
