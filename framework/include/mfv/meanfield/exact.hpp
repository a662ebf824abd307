// The one place that chooses an exact reference solution for a study's
// (kernel, flow, theta, initial law) (`reference.type "exact"`). The exact solutions:
//
//   flow          theta   law            kernel                       reference
//   gradient      0       uniform_ball   Coulomb, d = 2 (log), d = 3  expanding_ball  (MATH.md 2)
//   gradient      0       barenblatt     d-2 < s < d, s > 0           barenblatt      (MATH.md 3)
//   gradient      0       barenblatt     s = d-2 (beta = 0: a ball)   expanding_ball  (MATH.md 2)
//   gradient      0       barenblatt     d = 1, s = 0 (beta = 1/2)    semicircle      (MATH.md 3)
//   gradient      0       semicircle     d = 1, s = 0                 semicircle      (MATH.md 3)
//   conservative  0       uniform_ball   d = 2, s = 0                 rankine_vortex  (MATH.md 4)
//   conservative  >= 0    gaussian       d = 2, s = 0                 lamb_oseen      (MATH.md 4)
//
// law.radius is R0 (uniform_ball, barenblatt, semicircle), law.sigma is sigma0 (gaussian).
// The Barenblatt profile (R^2 - |x|^2)_+^beta with beta = (s-d+2)/2 is the uniform ball when
// s = d-2 and the semicircle when d = 1, s = 0, so those are mapped to the closed forms.
// Anything else throws mfv::input_error saying why no exact solution exists. With noise the
// gradient flow from a radial law has the numerical reference "radial" (below).
#pragma once
#include <mfv/core/law_spec.hpp>
#include <mfv/kernel/riesz_kernel.hpp>
#include <mfv/meanfield/radial_coulomb.hpp>
#include <mfv/meanfield/reference.hpp>

#include <memory>
#include <string>
#include <vector>

namespace mfv::meanfield {

// flow: "gradient" | "conservative".
std::unique_ptr<reference> make_exact_reference(const kernel::riesz_kernel& g, const std::string& flow,
                                                double theta, const mfv::law_spec& law);

// The whole-space references by reference.type: "exact" (above) or "radial", the numerical
// solution of the Coulomb gradient flow from a radial law (radial_coulomb.hpp; d = 2 log or
// d = 3, uniform_ball or gaussian, theta >= 0 but not the ball at theta = 0, whose exact
// solution is the expanding ball). `times` (t, or tau when settings.self_similar) and
// `settings` are used by "radial" only. Throws mfv::input_error saying why a request is refused.
std::unique_ptr<reference> make_whole_space_reference(const kernel::riesz_kernel& g, const std::string& flow,
                                                      double theta, const mfv::law_spec& law,
                                                      const std::string& reference_type, std::vector<double> times,
                                                      radial_settings settings = {});

// The checks of make_whole_space_reference for "radial", without solving (study validation).
void check_radial_reference(const kernel::riesz_kernel& g, const std::string& flow, double theta,
                            const mfv::law_spec& law);

}  // namespace mfv::meanfield
