// The initial law a study names (`initial.law`, see mfv/core/law_spec.hpp), built for the
// study's kernel: the kernel fixes the dimension d and, for the Barenblatt profile, the
// exponent beta = (s - d + 2)/2 (MATH.md section 3).
#pragma once
#include <mfv/core/law_spec.hpp>
#include <mfv/kernel/riesz_kernel.hpp>
#include <mfv/sampling/law.hpp>

#include <memory>

namespace mfv::sampling {

// Throws mfv::input_error naming the field for an unknown type or an invalid parameter:
// a radius or sigma that is not a positive finite number, a semicircle with d != 1, a
// Barenblatt profile with s outside [d - 2, d). Only the fields the law uses are checked.
std::unique_ptr<law> make_law(const mfv::law_spec& spec, const mfv::kernel::riesz_kernel& kernel);

}  // namespace mfv::sampling
