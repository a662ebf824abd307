#include <mfv/core/error.hpp>
#include <mfv/observables/observable.hpp>

#include <map>

namespace mfv::observables {

namespace {

const std::vector<observable>& registry() {
    static const std::vector<observable> all = {
        modulated_energy_observable(),
        min_distance_observable(),
        second_moment_observable(),
        hamiltonian_observable(),
        mode_amplitude_observable(),
        commutator_observable(),
        kinetic_modulated_energy_observable(),
        modulated_energy_original_observable(),
        electric_energy_observable(),
    };
    return all;
}

}  // namespace

const observable& find(const std::string& name) {
    for (const auto& o : registry()) {
        if (o.name == name) return o;
    }
    std::string known;
    for (const auto& o : registry()) known += (known.empty() ? "" : ", ") + o.name;
    throw input_error("unknown observable \"" + name + "\" (known: " + known + ")");
}

std::vector<std::string> names() {
    std::vector<std::string> n;
    for (const auto& o : registry()) n.push_back(o.name);
    return n;
}

}  // namespace mfv::observables
