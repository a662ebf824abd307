// A study: one scientific question as a JSON file (DESIGN.md, "The study file").
//
// parse_study checks the file against the shipped JSON Schema (framework/schema/
// study.schema.json, which documents the format), then the rules a schema cannot say
// (s < d, a reference that exists, ...), fills in every default, and keeps the normalised
// JSON so that results.json echoes exactly what ran. Every error names the JSON path:
//   /model/s = 3.5 is outside [0, d) for d = 3
#pragma once
#include <mfv/core/law_spec.hpp>
#include <mfv/core/points.hpp>
#include <mfv/domain/torus.hpp>
#include <mfv/flow/integrate.hpp>

#include <nlohmann/json.hpp>

#include <cstdint>
#include <filesystem>
#include <limits>
#include <memory>
#include <string>
#include <vector>

namespace mfv::study {

struct harness_spec {
    // "rate" | "decay" | "uniform_in_time" | "gronwall" | "commutator" | "sharpness"
    std::string type;
    std::string observable;
    std::string statistic;
    double max_interval_width;
    int bootstrap;
    bool error_budget;
    // decay: the rate to compare with (NaN: none); predicted_linear: "linear" was asked,
    // and predicted_rate holds the linear rate it stands for (MATH.md section 6).
    double predicted_rate = std::numeric_limits<double>::quiet_NaN();
    bool predicted_linear = false;
    bool plateau_free = true;
    // decay: rho of a modulated log-Sobolev inequality (NaN: none), giving the lower bound
    // theta rho on the decay rate (reference/log-sobolev-rate.md).
    double log_sobolev_rho = std::numeric_limits<double>::quiet_NaN();
    double t_min = 0.0, t_max = 0.0;
    // uniform_in_time: horizons as fractions of T.
    std::vector<double> horizons;
    // gronwall: C1 of the envelope (NaN: from the rate fit's prefactor).
    double C1 = std::numeric_limits<double>::quiet_NaN();
    // commutator, sharpness: C of F_N + C r(N) (NaN: twice the largest |F_N| / r(N) of the run).
    double C = std::numeric_limits<double>::quiet_NaN();
    // sharpness: ascent steps, and how many members' initial configurations are probed.
    int iterations = 200;
    int probe_members = 2;
};

// `mfv gibbs` (gibbs/gibbs_run.hpp): the MALA chains of the modulated Gibbs measure, one a
// rung of the Gauss-Legendre ladder in beta = 1/theta plus one at beta = 1/theta.
struct gibbs_spec {
    std::size_t samples = 4000;
    std::size_t burn_in = 1000;
    int rungs = 6;
    double acceptance_target = 0.574;
    // An independence move from mu^N after every MALA step (gibbs/mala.hpp).
    bool independence = true;
};

struct study {
    nlohmann::json normalised;
    std::string name, question;

    int d = 3;
    double s = 1.0;
    std::string flow;
    double theta = 0.0;
    std::string domain;
    // "original" | "self_similar" (model.frame; MATH.md section 3): in the self-similar frame
    // the particles are xi = x / sqrt(1+t) and time is tau = log(1+t).
    std::string frame = "original";
    bool self_similar() const { return frame == "self_similar"; }
    domain::kind space = domain::kind::whole_space;
    bool torus() const { return space == domain::kind::torus; }

    law_spec law;
    std::string sampling;
    std::filesystem::path points_file;
    // The configuration read from points_file (sampling "points"), checked against N when
    // the study is parsed; every member starts from it.
    std::shared_ptr<const points> user_points;
    // Torus: "none" | "common_shift" | "mixture" (non-chaotic starts; sampling/sample_torus.hpp).
    std::string correlation = "none";

    // "exact" | "spectral" | "radial" | "equilibrium"; the spectral or radial solver's grid
    // (0: its default) and step.
    std::string reference_type;
    int reference_grid = 0;
    double reference_dt = 0.0;
    std::vector<std::size_t> N;
    std::size_t members = 1;
    std::uint64_t seed = 1;
    double T = 1.0;
    std::size_t outputs = 11;
    flow::integrator_settings integrator;
    std::string interaction_method;
    double interaction_accuracy = 1e-12;
    std::vector<std::string> observables;
    std::vector<harness_spec> harnesses;
    gibbs_spec gibbs;

    // The output times t_k = k T / (outputs - 1).
    std::vector<double> output_times() const;
};

// The JSON Schema of study files (the text of framework/schema/study.schema.json).
const std::string& study_schema_text();

// Parse and validate; `base_dir` resolves a relative points file. Throws mfv::input_error
// whose message starts with the JSON path of the offending field.
study parse_study(const nlohmann::json& j, const std::filesystem::path& base_dir);

// Read, parse and validate a study file; the message is prefixed with the file name.
study load_study(const std::filesystem::path& file);

}  // namespace mfv::study
