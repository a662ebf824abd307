// model.frame "self_similar" (MATH.md section 3): what a study in self-similar variables may
// ask for.
#pragma once
#include <mfv/study/study.hpp>

namespace mfv::study {

// Throws mfv::input_error naming the field: the self-similar frame needs the whole space and
// the gradient flow; the harnesses and observables that need ||Dv|| or the commutator's
// closed-form terms (gronwall, commutator, sharpness) are not offered in it; and
// modulated_energy_original needs it.
void check_frame(const study& st);

}  // namespace mfv::study
