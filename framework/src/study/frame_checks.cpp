#include "frame_checks.hpp"

#include <mfv/core/error.hpp>

#include <algorithm>

namespace mfv::study {

void check_frame(const study& st) {
    const auto named = [&](const char* o) { return std::find(st.observables.begin(), st.observables.end(), o) != st.observables.end(); };
    if (!st.self_similar()) {
        if (named("modulated_energy_original"))
            throw input_error("/observables: modulated_energy_original is F_N mapped back from self-similar variables: it "
                              "needs /model/frame \"self_similar\"");
        return;
    }
    if (st.torus()) throw input_error("/model/frame \"self_similar\" is a whole-space change of variables; the torus has no scaling");
    if (st.flow != "gradient")
        throw input_error("/model/frame \"self_similar\" applies to the gradient flow (MATH.md section 3), not to \"" + st.flow + "\"");
    if (named("commutator"))
        throw input_error("/observables: commutator is not offered in the self-similar frame (its closed-form terms are "
                          "written in the original variables)");
    for (std::size_t k = 0; k < st.harnesses.size(); ++k) {
        const std::string& type = st.harnesses[k].type;
        if (type == "gronwall" || type == "commutator" || type == "sharpness")
            throw input_error("/harnesses/" + std::to_string(k) + ": a \"" + type +
                              "\" harness needs ||Dv||_inf exactly, which the self-similar frame gives only as a bound; "
                              "run it in the original frame");
    }
}

}  // namespace mfv::study
