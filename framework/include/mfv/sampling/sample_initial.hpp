// The initial configuration X_N^0 of one ensemble member (DESIGN.md, "the one flow of
// data"): n points drawn from the initial law by the sampler the study names
// (`initial.sampling`): "iid" (sample_iid.hpp) or "jittered_lattice" (jittered_lattice.hpp).
#pragma once
#include <mfv/core/points.hpp>
#include <mfv/core/random_stream.hpp>
#include <mfv/sampling/law.hpp>

#include <cstddef>
#include <string>

namespace mfv::sampling {

// Throws mfv::input_error for an unknown sampler name.
mfv::points sample_initial(const law& mu, const std::string& sampling, std::size_t n, const mfv::random_stream& rs);

}  // namespace mfv::sampling
