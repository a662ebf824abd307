// Observables: functions of (configuration X_N^t, reference mu^t, t) that return numbers
// (DESIGN.md, "Interfaces"). The runner evaluates the ones a study names at every output
// time. Each observable gives one or more named columns; the first is named after the
// observable itself (e.g. "modulated_energy", then its terms "pair_term", ...).
//
// Adding an observable: one file under src/observables/ and one line in registry.cpp.
#pragma once
#include <mfv/core/law_spec.hpp>
#include <mfv/core/points.hpp>
#include <mfv/domain/torus.hpp>
#include <mfv/interaction/plan.hpp>
#include <mfv/meanfield/reference.hpp>

#include <functional>
#include <string>
#include <vector>

namespace mfv::observables {

struct context {
    points_view x;
    double t;
    interaction::plan& plan;
    const meanfield::reference& reference;
    // Where the particles live (torus coordinates may be unwrapped), and the initial law.
    domain::kind space = domain::kind::whole_space;
    const law_spec* law = nullptr;
    // The particles' velocities (Newton flow), laid out as x; n = 0 for first-order flows.
    points_view v{};
    // The study runs in self-similar variables (x = xi, t = tau there; MATH.md section 3).
    bool self_similar = false;
};

struct observable {
    std::string name;
    std::string description;
    std::vector<std::string> columns;
    std::function<std::vector<double>(const context&)> evaluate;
};

// The observable of that name; throws mfv::input_error listing the known names.
const observable& find(const std::string& name);
std::vector<std::string> names();

// The observables (one file each).
observable modulated_energy_observable();
observable min_distance_observable();
observable second_moment_observable();
observable hamiltonian_observable();
observable mode_amplitude_observable();
observable commutator_observable();
observable kinetic_modulated_energy_observable();
observable modulated_energy_original_observable();
observable electric_energy_observable();

}  // namespace mfv::observables
