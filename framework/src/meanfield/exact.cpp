#include <mfv/meanfield/exact.hpp>

#include <mfv/core/error.hpp>
#include <mfv/meanfield/barenblatt.hpp>
#include <mfv/meanfield/expanding_ball.hpp>
#include <mfv/meanfield/lamb_oseen.hpp>
#include <mfv/meanfield/newton_ball.hpp>
#include <mfv/meanfield/radial_coulomb.hpp>
#include <mfv/meanfield/rankine_vortex.hpp>
#include <mfv/meanfield/semicircle.hpp>

#include <cmath>
#include <sstream>

namespace mfv::meanfield {

namespace {

const char* const exact_cases =
    "exact solutions exist for: gradient flow, theta = 0, with uniform_ball (Coulomb: d = 2 log or "
    "d = 3 s = 1), barenblatt (d-2 <= s < d) or semicircle (d = 1, s = 0); conservative flow in "
    "d = 2 with the log kernel, with uniform_ball (theta = 0, Rankine) or gaussian (theta >= 0, "
    "Lamb-Oseen); newton flow, theta = 0, with uniform_ball (Coulomb: d = 2 log or d = 3 s = 1)";

[[noreturn]] void no_exact(const std::string& why) {
    throw input_error("reference.type \"exact\": " + why + " (" + exact_cases + ")");
}

std::string what_of(const kernel::riesz_kernel& g, const std::string& flow, const law_spec& law) {
    std::ostringstream m;
    m << "the " << flow << " flow of a " << law.type << " with s = " << g.s() << " in d = " << g.d();
    return m.str();
}

std::string theta_text(double theta) {
    std::ostringstream m;
    m << theta;
    return m.str();
}

std::unique_ptr<reference> gradient_reference(const kernel::riesz_kernel& g, double theta, const law_spec& law) {
    const std::string what = what_of(g, "gradient", law);
    const int d = g.d();
    const double s = g.s();
    if (theta != 0.0) {
        no_exact("no closed-form solution for " + what + " with noise theta = " + theta_text(theta) +
                 ": the gradient-flow solutions hold only for theta = 0; use a numerical reference "
                 "(reference.type \"radial\" for a Coulomb uniform_ball or gaussian)");
    }
    if (law.type == "uniform_ball") {
        if (g.is_coulomb() && d >= 2) return std::make_unique<expanding_ball>(g, law.radius);
        const std::string instead = d == 1 && s == 0.0 ? "use initial.law.type \"semicircle\""
                                    : s >= d - 2.0     ? "use initial.law.type \"barenblatt\""
                                                       : "use a numerical reference";
        no_exact("no closed-form solution for " + what +
                 " (uniform balls are exact only for Coulomb, s = d-2, log in d = 2; " + instead + ")");
    }
    if (law.type == "barenblatt") {
        if (s == d - 2.0) return std::make_unique<expanding_ball>(g, law.radius);
        if (d == 1 && s == 0.0) return std::make_unique<semicircle>(law.radius);
        if (s > 0.0 && s > d - 2.0) return std::make_unique<barenblatt>(g, law.radius);
        no_exact("no closed-form solution for " + what +
                 ": the Barenblatt profile is exact only for d-2 <= s < d, and for s < d-2 there is no "
                 "explicit profile (MATH.md section 3); use a numerical reference");
    }
    if (law.type == "semicircle") {
        if (d == 1 && s == 0.0) return std::make_unique<semicircle>(law.radius);
        no_exact("no closed-form solution for " + what +
                 ": the semicircle is exact only for the 1D log gas (d = 1, s = 0); use initial.law.type "
                 "\"barenblatt\" for d-2 <= s < d");
    }
    if (law.type == "gaussian") {
        no_exact("no closed-form solution for " + what +
                 ": a Gaussian does not stay Gaussian under the gradient flow; use a numerical reference "
                 "(reference.type \"radial\" for Coulomb kernels)");
    }
    no_exact("unknown initial.law.type \"" + law.type + "\"");
}

std::unique_ptr<reference> conservative_reference(const kernel::riesz_kernel& g, double theta,
                                                  const law_spec& law) {
    const std::string what = what_of(g, "conservative", law);
    if (!(g.d() == 2 && g.s() == 0.0)) {
        no_exact("no exact reference for " + what + ": the conservative references are the 2D point-vortex "
                 "ones (d = 2, log kernel)");
    }
    const bool uniform_disk = law.type == "uniform_ball" || law.type == "barenblatt";
    if (uniform_disk && theta == 0.0) return std::make_unique<rankine_vortex>(law.radius);
    if (uniform_disk) {
        no_exact("no closed-form solution for " + what + " with noise theta = " + theta_text(theta) +
                 ": the Rankine vortex is exact only for theta = 0; use initial.law.type \"gaussian\" "
                 "(Lamb-Oseen)");
    }
    if (law.type == "gaussian") return std::make_unique<lamb_oseen>(law.sigma, theta);
    if (law.type == "semicircle") no_exact("no exact reference for " + what + ": the semicircle is a law of d = 1");
    no_exact("unknown initial.law.type \"" + law.type + "\"");
}

// The monokinetic solution of the pressureless Euler-Coulomb equation from a uniform ball
// with u0 = a x (newton_ball.hpp).
std::unique_ptr<reference> newton_reference(const kernel::riesz_kernel& g, double theta, const law_spec& law) {
    const std::string what = what_of(g, "newton", law);
    if (theta != 0.0) no_exact("the newton flow has no noise; theta = " + theta_text(theta));
    const double a = law.velocity.type == "linear" ? law.velocity.a : 0.0;
    if (law.type == "uniform_ball" && g.is_coulomb() && (g.d() == 2 || g.d() == 3))
        return std::make_unique<newton_ball>(g, law.radius, a);
    no_exact("no closed-form solution for " + what + " (the uniform ball stays a uniform ball under the Newton flow "
             "only for Coulomb, d = 2 log or d = 3 s = 1)");
}

}  // namespace

std::unique_ptr<reference> make_exact_reference(const kernel::riesz_kernel& g, const std::string& flow,
                                                double theta, const mfv::law_spec& law) {
    if (!(theta >= 0.0 && std::isfinite(theta))) {
        no_exact("noise theta = " + theta_text(theta) + " must be >= 0 and finite");
    }
    if (flow == "gradient") return gradient_reference(g, theta, law);
    if (flow == "conservative") return conservative_reference(g, theta, law);
    if (flow == "newton") return newton_reference(g, theta, law);
    no_exact("no exact reference for the \"" + flow + "\" flow");
}

void check_radial_reference(const kernel::riesz_kernel& g, const std::string& flow, double theta,
                            const law_spec& law) {
    std::string why;
    if (!radial_coulomb::applies(g, flow, law, &why)) throw input_error("reference.type \"radial\": " + why);
    if (!(theta >= 0.0 && std::isfinite(theta)))
        throw input_error("reference.type \"radial\": noise theta = " + theta_text(theta) + " must be >= 0 and finite");
    if (theta == 0.0 && law.type == "uniform_ball")
        throw input_error("reference.type \"radial\": the uniform ball without noise has the exact solution of "
                          "MATH.md 2 (use reference.type \"exact\"); the radial solver loses order at its edge");
}

std::unique_ptr<reference> make_whole_space_reference(const kernel::riesz_kernel& g, const std::string& flow,
                                                      double theta, const law_spec& law,
                                                      const std::string& reference_type, std::vector<double> times,
                                                      radial_settings settings) {
    if (reference_type == "exact") return make_exact_reference(g, flow, theta, law);
    if (reference_type != "radial")
        throw input_error("reference.type \"" + reference_type + "\" is not \"exact\" or \"radial\" in the whole space");
    check_radial_reference(g, flow, theta, law);
    return std::make_unique<radial_coulomb>(g, theta, law, std::move(times), settings);
}

}  // namespace mfv::meanfield
