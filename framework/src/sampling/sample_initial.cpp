#include <mfv/sampling/sample_initial.hpp>

#include <mfv/core/error.hpp>
#include <mfv/sampling/jittered_lattice.hpp>
#include <mfv/sampling/sample_iid.hpp>

namespace mfv::sampling {

mfv::points sample_initial(const law& mu, const std::string& sampling, std::size_t n, const mfv::random_stream& rs) {
    if (sampling == "iid") return sample_iid(mu, n, rs);
    if (sampling == "jittered_lattice") return sample_jittered_lattice(mu, n, rs);
    throw input_error("initial.sampling = \"" + sampling + "\" is not one of iid, jittered_lattice");
}

}  // namespace mfv::sampling
