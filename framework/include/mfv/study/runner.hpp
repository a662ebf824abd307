// The ensemble runner (DESIGN.md, "The one flow of data").
//
// The unit of work is one (N, member): sample X_N^0 from the initial law with the stream
// (seed, N, member), integrate the flow, and at each output time evaluate the study's
// observables against the reference mu^t. A unit depends on nothing but the study, so
// units run in any order, on any thread, and give the same numbers. A unit that fails
// (NaN, collision, step underflow) records its error and the others go on.
#pragma once
#include <mfv/meanfield/reference.hpp>
#include <mfv/study/study.hpp>
#include <mfv/study/work_unit.hpp>

#include <functional>
#include <limits>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace mfv::study {

struct member_record {
    std::size_t member = 0;
    // "ok", or the error: "N = 4096, member 7: t = 0.3125: particles 12 and 977 ..."
    std::string status = "ok";
    std::vector<double> t;
    // One column a name, in the order of the study's observables.
    std::vector<std::pair<std::string, std::vector<double>>> series;
    std::size_t steps = 0;
    // Newton flow: the largest relative drift of the particles' total energy at the outputs
    // (flow/newton_flow.hpp); NaN for the first-order flows.
    double energy_drift = std::numeric_limits<double>::quiet_NaN();
    double wall_seconds = 0.0;
    // The evaluator's parameters (plan::describe), for the ensemble's record.
    std::string interaction_parameters;
    // Positions (wrapped on the torus) at every output time, kept only when the study asks
    // for an ensemble observable (relative_entropy); dropped once it is computed.
    std::vector<std::vector<double>> snapshots;

    bool ok() const { return status == "ok"; }
    const std::vector<double>* column(const std::string& name) const;
};

struct ensemble_record {
    std::size_t N = 0;
    // The evaluator the members used at this N ("auto" resolved: interaction::chosen_method).
    std::string interaction;
    // Its parameters at this N (plan::describe, from the first member that built one).
    std::string interaction_parameters;
    std::vector<member_record> members;
    // Ensemble observables (one value per output time, from all finished members pooled):
    // "relative_entropy" and its terms. Empty unless the study names one.
    std::vector<double> pooled_t;
    std::vector<std::pair<std::string, std::vector<double>>> pooled;
    // "ok", or why the ensemble observables could not be computed (e.g. coincident points
    // in the pool: a noiseless flow from one given configuration).
    std::string pooled_status = "ok";
};

struct run_options {
    int threads = 0;
    bool progress = true;
};

// The reference mu^t the study names: an exact solution (meanfield/exact.hpp), or on the
// torus the uniform law or the spectral solver (meanfield/torus_reference.hpp). With a
// non-chaotic start (initial.correlation) it is the one-particle marginal, the uniform law.
// Built once per study; safe to query from many threads.
// `times`: the times a numerical reference is asked at (default: the output times).
std::shared_ptr<const meanfield::reference> make_reference(const study& st, std::vector<double> times = {});

// Observables computed per member (the study's list less the ensemble ones).
bool is_ensemble_observable(const std::string& name);

// One unit of work (builds its own reference when none is given).
member_record run_member(const study& st, std::size_t n, std::size_t member,
                         const meanfield::reference* reference = nullptr);

class progress;

// X_N^0 of member `member` at N = n: the study's sampler on the stream (seed, n, member).
points initial_configuration(const study& st, std::size_t n, std::size_t member);

// One unit of work (study/work_unit.hpp) against a shared reference; a tightened unit runs
// with study::tightened(st). Throws input_error (the study cannot run) and
// interrupted_error (a stop was requested); any other failure is the member's status.
member_record run_unit(const study& st, const work_unit& u, const meanfield::reference& mu, progress* prog);

// The units of the ensembles, every (N, member), largest N first.
std::vector<work_unit> ensemble_units(const study& st);

// The ensembles from their finished units (moved out of `finished`; every (N, member) must
// be there): members in order, the interaction record, the ensemble observables.
std::vector<ensemble_record> assemble_ensembles(const study& st, std::map<work_unit, member_record>& finished,
                                                const meanfield::reference& mu);

// Every unit of the study, spread over OpenMP threads (study/scheduler.hpp); records in
// (N, member) order.
std::vector<ensemble_record> run_ensembles(const study& st, const run_options& opt,
                                           const meanfield::reference* reference = nullptr);

// The study with integrator tolerances and interaction accuracy tightened 100-fold and the
// fixed step halved (every step cut in two, with noise on the same Brownian path): the
// numerical error budget of a rate harness re-runs a member with it.
study tightened(const study& st);

}  // namespace mfv::study
