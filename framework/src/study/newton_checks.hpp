// The Newton flow's part of a study (issue 7; MATH.md section 0: dx_i = v_i dt,
// dv_i = -(1/N) grad_i H_N dt, no noise): its defaults and the rules a schema cannot say.
#pragma once
#include <mfv/study/study.hpp>

#include <nlohmann/json.hpp>

namespace mfv::study {

// model.flow "newton": integrator.method defaults to "velocity_verlet" and
// initial.velocity to {"type": "zero"}. Called before the other defaults are filled.
void fill_newton_defaults(nlohmann::json& j);

// initial.velocity as a velocity_spec (zero when absent).
velocity_spec parse_velocity(const nlohmann::json& initial);

// Throws mfv::input_error naming the field: the Newton flow needs theta = 0 and the
// velocity_verlet stepper, and takes a linear start only in the whole space; velocity_verlet,
// initial.velocity and kinetic_modulated_energy belong to the Newton flow only.
void check_newton(const nlohmann::json& j, const study& st);

}  // namespace mfv::study
