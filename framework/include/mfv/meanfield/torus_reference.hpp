// The one place that chooses the reference solution on the torus T^d (MATH.md section 6) for a
// study's (kernel, flow, theta, initial law, reference.type):
//
//   reference.type  law                             flow                      reference
//   "exact"         uniform (or fourier, no modes)  gradient, conservative    uniform_torus
//   "exact"         fourier, all modes on one       conservative (d = 2)      shell_mode_torus
//                   shell |k| = K
//   "spectral"      uniform or fourier              gradient, conservative    spectral_torus
//
// Any other "exact" request throws mfv::input_error saying that no exact solution exists and
// suggesting reference.type "spectral". `times` and `settings` are used by "spectral" only.
#pragma once
#include <mfv/core/law_spec.hpp>
#include <mfv/kernel/riesz_kernel.hpp>
#include <mfv/meanfield/reference.hpp>
#include <mfv/meanfield/spectral_torus.hpp>

#include <memory>
#include <string>
#include <vector>

namespace mfv::meanfield {

std::unique_ptr<reference> make_torus_reference(const kernel::riesz_kernel& g, const std::string& flow, double theta,
                                                const mfv::law_spec& law, const std::string& reference_type,
                                                std::vector<double> times, spectral_settings settings = {});

}  // namespace mfv::meanfield
