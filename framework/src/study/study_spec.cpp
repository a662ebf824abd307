#include <mfv/study/study.hpp>

#include <mfv/core/error.hpp>
#include <mfv/interaction/tree.hpp>
#include <mfv/kernel/riesz_kernel.hpp>
#include <mfv/meanfield/exact.hpp>
#include <mfv/meanfield/linear_rate.hpp>
#include <mfv/sampling/points_csv.hpp>
#include <mfv/study/schema_check.hpp>

#include "domain_checks.hpp"
#include "frame_checks.hpp"
#include "newton_checks.hpp"

#include <fstream>
#include <sstream>

namespace mfv::schema_data {
extern const char* const study_schema;
}

namespace mfv::study {

using nlohmann::json;

const std::string& study_schema_text() {
    static const std::string text = schema_data::study_schema;
    return text;
}

std::vector<double> study::output_times() const {
    std::vector<double> t(outputs);
    for (std::size_t k = 0; k < outputs; ++k) {
        t[k] = outputs == 1 ? 0.0 : T * static_cast<double>(k) / static_cast<double>(outputs - 1);
    }
    return t;
}

namespace {

// Fill every default so the normalised study says exactly what runs.
void fill_defaults(json& j) {
    fill_newton_defaults(j);
    auto& m = j["model"];
    if (!m.contains("flow")) m["flow"] = "gradient";
    if (!m.contains("theta")) m["theta"] = 0.0;
    if (!m.contains("domain")) m["domain"] = "whole_space";
    const bool torus = m["domain"] == "torus";
    auto& law = j["initial"]["law"];
    const std::string type = law["type"];
    if (type == "gaussian") {
        if (!law.contains("sigma")) law["sigma"] = 1.0;
    } else if (type == "fourier" && law.contains("modes")) {
        for (auto& mode : law["modes"])
            if (!mode.contains("phase")) mode["phase"] = 0.0;
    } else if (type != "uniform" && !law.contains("radius")) {
        law["radius"] = 1.0;
    }
    if (!j["initial"].contains("sampling")) j["initial"]["sampling"] = "iid";
    if (torus && !j["initial"].contains("correlation")) j["initial"]["correlation"] = "none";
    if (!j.contains("question")) j["question"] = "";
    if (!j.contains("reference")) j["reference"] = json::object();
    if (!j["reference"].contains("type")) j["reference"]["type"] = "exact";
    if (j["reference"]["type"] == "spectral") {
        // Grid points per dimension: spectral accuracy for densities of a few low modes
        // (MATH.md 6) at a cost of about 1e5 modes in every d.
        const int d = m["d"];
        if (!j["reference"].contains("grid")) j["reference"]["grid"] = d == 1 ? 256 : d == 2 ? 128 : 32;
        if (!j["reference"].contains("dt")) j["reference"]["dt"] = 1e-3;
    }
    if (j["reference"]["type"] == "radial") {
        // Cells on [0, L] and the step of the second-order radial solver (meanfield/radial_coulomb.hpp,
        // reference/radial.md 5: errors of a few 1e-6 in m at theta = 0.2).
        if (!j["reference"].contains("grid")) j["reference"]["grid"] = 2000;
        if (!j["reference"].contains("dt")) j["reference"]["dt"] = 1e-3;
    }
    auto& e = j["ensemble"];
    if (!e.contains("members")) e["members"] = 1;
    if (!e.contains("seed")) e["seed"] = 1;
    auto& t = j["time"];
    if (!t.contains("T")) t["T"] = 1.0;
    if (!t.contains("outputs")) t["outputs"] = t["T"].get<double>() > 0.0 ? 11 : 1;
    auto& in = j["integrator"];
    const bool noisy = m["theta"].get<double>() > 0.0;
    if (!in.contains("method")) in["method"] = noisy ? "euler_maruyama" : "dopri5";
    // Only the settings a method uses are filled in, so results.json claims nothing that
    // had no effect: tolerances for dopri5, the step for the fixed-step methods.
    if (in["method"] == "dopri5") {
        if (!in.contains("rtol")) in["rtol"] = 1e-8;
        if (!in.contains("atol")) in["atol"] = 1e-10;
    } else if (!in.contains("dt")) {
        in["dt"] = 1e-3;
    }
    if (!in.contains("min_separation")) in["min_separation"] = 1e-12;
    auto& ia = j["interaction"];
    if (!ia.contains("method")) ia["method"] = "auto";
    // The whole-space direct sum is exact to rounding; a periodic evaluator's cost grows
    // with its accuracy (interaction/pme.hpp), so the torus default is looser.
    if (!ia.contains("accuracy")) ia["accuracy"] = torus ? 1e-10 : 1e-12;
    if (!j.contains("observables")) j["observables"] = json::array({"modulated_energy", "min_distance"});
    if (!j.contains("harnesses")) j["harnesses"] = json::array();
    for (auto& h : j["harnesses"]) {
        const std::string type = h["type"];
        if (!h.contains("observable")) h["observable"] = "modulated_energy";
        if (!h.contains("max_interval_width")) h["max_interval_width"] = 0.5;
        if (!h.contains("bootstrap")) h["bootstrap"] = 2000;
        if (type == "rate") {
            if (!h.contains("statistic")) h["statistic"] = "sup_abs";
            if (!h.contains("error_budget")) h["error_budget"] = true;
        } else if (type == "decay") {
            if (!h.contains("plateau")) h["plateau"] = "free";
            if (!h.contains("t_min")) h["t_min"] = 0.0;
            if (!h.contains("t_max")) h["t_max"] = t["T"];
        } else if (type == "uniform_in_time") {
            if (!h.contains("horizons")) h["horizons"] = json::array({0.25, 0.5, 0.75, 1.0});
        } else if (type == "sharpness") {
            if (!h.contains("iterations")) h["iterations"] = 200;
            if (!h.contains("probe_members")) h["probe_members"] = 2;
        }
    }
}

// The keys of a harness that only some harness types read.
void check_harness_keys(const json& h, std::size_t k) {
    const std::string type = h["type"];
    const std::pair<const char*, const char*> owner[] = {
        {"statistic", "rate"},       {"error_budget", "rate"}, {"predicted_rate", "decay"},
        {"plateau", "decay"},        {"t_min", "decay"},       {"t_max", "decay"},
        {"log_sobolev_rho", "decay"},
        {"horizons", "uniform_in_time"}, {"C1", "gronwall"}, {"iterations", "sharpness"}, {"probe_members", "sharpness"}};
    if (h.contains("C") && type != "commutator" && type != "sharpness")
        throw input_error("/harnesses/" + std::to_string(k) + "/C applies to a \"commutator\" or \"sharpness\" harness, not to \"" +
                          type + "\"");
    for (const auto& [key, who] : owner) {
        if (h.contains(key) && type != who) {
            throw input_error("/harnesses/" + std::to_string(k) + "/" + key + " applies to a \"" + who +
                              "\" harness, not to \"" + type + "\"");
        }
    }
}

// The points file must be readable, hold d numbers a row, and as many rows as the one N.
std::shared_ptr<const points> load_points_file(const study& st) {
    auto p = std::make_shared<const points>(sampling::read_points_csv(st.points_file.string(), st.d, st.torus()));
    if (st.N.size() != 1 || st.N.front() != p->size()) {
        throw input_error("/N must be [" + std::to_string(p->size()) + "], the number of points in " +
                          st.points_file.string());
    }
    return p;
}

void check_semantics(const json& j, study& st) {
    try {
        kernel::riesz_kernel g(st.d, st.s);
    } catch (const input_error&) {
        throw input_error("/model/s = " + show(st.s) + " is outside [0, d) for d = " + std::to_string(st.d));
    }
    if (st.flow == "conservative" && st.d != 2) {
        throw input_error("/model/flow \"conservative\" needs d = 2, not d = " + std::to_string(st.d));
    }
    check_domain(j, st);
    check_newton(j, st);
    check_frame(st);
    if (!st.torus()) check_law(j["initial"]["law"], st.d, st.s);
    check_tree(st);
    if (st.theta > 0.0 && st.integrator.method != "euler_maruyama") {
        throw input_error("/integrator/method \"" + st.integrator.method +
                          "\" cannot integrate noise (model.theta > 0): use \"euler_maruyama\"");
    }
    if (st.integrator.method != "dopri5" && !(st.integrator.dt > 0.0)) {
        throw input_error("/integrator/dt is needed by the fixed-step method \"" + st.integrator.method + "\"");
    }
    if (st.T > 0.0 && st.outputs < 2) {
        throw input_error("/time/outputs = " + std::to_string(st.outputs) + " must be at least 2 when T > 0");
    }
    if (st.T == 0.0 && st.outputs != 1) {
        throw input_error("/time/outputs = " + std::to_string(st.outputs) + " must be 1 when T = 0");
    }
    const auto& in = j["integrator"];
    if (st.integrator.method == "dopri5" && in.contains("dt")) {
        throw input_error("/integrator/dt applies to the fixed-step methods, not to \"dopri5\" (which uses rtol, atol)");
    }
    if (st.integrator.method != "dopri5" && (in.contains("rtol") || in.contains("atol"))) {
        throw input_error("/integrator/" + std::string(in.contains("rtol") ? "rtol" : "atol") +
                          " applies to \"dopri5\", not to the fixed-step method \"" + st.integrator.method +
                          "\" (which uses dt)");
    }
    for (std::size_t k = 1; k < st.N.size(); ++k) {
        if (st.N[k] <= st.N[k - 1]) throw input_error("/N/" + std::to_string(k) + ": the N list must increase");
    }
    if (st.sampling == "points" && st.points_file.empty()) {
        throw input_error("/initial/file is needed when /initial/sampling is \"points\"");
    }
    if (st.sampling != "points" && j["initial"].contains("file")) {
        throw input_error("/initial/file only applies when /initial/sampling is \"points\"");
    }
    for (std::size_t k = 0; k < st.harnesses.size(); ++k) {
        const auto& h = st.harnesses[k];
        check_harness_keys(j["harnesses"][k], k);
        if (h.type != "rate" && st.T <= 0.0)
            throw input_error("/harnesses/" + std::to_string(k) + ": a \"" + h.type + "\" harness needs /time/T > 0");
        if (h.type == "decay" && !(h.t_max > h.t_min && h.t_max <= st.T * (1 + 1e-12)))
            throw input_error("/harnesses/" + std::to_string(k) + ": the fit window [t_min, t_max] = [" + show(h.t_min) +
                              ", " + show(h.t_max) + "] must be non-empty and inside [0, T]");
        if (h.predicted_linear && st.law.type != "fourier")
            throw input_error("/harnesses/" + std::to_string(k) +
                              "/predicted_rate \"linear\" needs a fourier law (its lowest mode sets lambda_k)");
        if (h.observable == "relative_entropy")
            throw input_error("/harnesses/" + std::to_string(k) +
                              "/observable: relative_entropy is an ensemble quantity (one value per N and t); "
                              "harnesses read per-member observables");
        if (h.predicted_linear && h.observable != "modulated_energy" && h.observable != "mode_amplitude")
            throw input_error("/harnesses/" + std::to_string(k) +
                              "/predicted_rate \"linear\" applies to modulated_energy (2 lambda_k) or mode_amplitude (lambda_k)");
        if (h.type == "commutator" &&
            std::find(st.observables.begin(), st.observables.end(), "commutator") == st.observables.end())
            throw input_error("/harnesses/" + std::to_string(k) +
                              ": a \"commutator\" harness needs \"commutator\" among /observables");
        if (h.type == "commutator" && h.observable != "modulated_energy")
            throw input_error("/harnesses/" + std::to_string(k) + "/observable: the commutator ratio reads modulated_energy");
        if (std::find(st.observables.begin(), st.observables.end(), h.observable) == st.observables.end()) {
            throw input_error("/harnesses/" + std::to_string(k) + "/observable \"" + h.observable +
                              "\" is not among /observables");
        }
        if (st.members < 2) {
            throw input_error("/ensemble/members = " + std::to_string(st.members) + ": the harness /harnesses/" +
                              std::to_string(k) + " needs at least 2 members for its interval");
        }
    }
    const bool commutator =
        std::find(st.observables.begin(), st.observables.end(), "commutator") != st.observables.end() ||
        std::any_of(st.harnesses.begin(), st.harnesses.end(), [](const harness_spec& h) { return h.type == "sharpness"; });
    std::shared_ptr<const meanfield::reference> ref;
    if (!st.torus()) try {
        if (st.reference_type == "radial")
            meanfield::check_radial_reference(kernel::riesz_kernel(st.d, st.s), st.flow, st.theta, st.law);
        else
            ref = meanfield::make_exact_reference(kernel::riesz_kernel(st.d, st.s), st.flow, st.theta, st.law);
    } catch (const input_error& e) {
        const std::string m = e.what();
        const std::string prefix = "reference.type";
        throw input_error(m.rfind(prefix, 0) == 0 ? "/reference/type" + m.substr(prefix.size())
                                                  : "/reference/type \"exact\": " + m);
    }
    if (commutator && st.reference_type == "radial")
        throw input_error("/observables: \"commutator\" needs the reference's cross and self terms in closed form; "
                          "the radial reference has none");
    if (commutator && ref && !ref->has_commutator_terms())
        throw input_error("/observables: \"commutator\" needs the reference's cross and self terms in closed form; " +
                          ref->name() + " has none");
    if (st.sampling == "points") st.user_points = load_points_file(st);
}

}  // namespace

study parse_study(const json& input, const std::filesystem::path& base_dir) {
    check_against_schema(input, study_schema_text());
    json j = input;
    fill_defaults(j);

    study st;
    st.name = j["name"];
    st.question = j["question"];
    const auto& m = j["model"];
    st.d = m["d"];
    st.s = m["s"];
    st.flow = m["flow"];
    st.theta = m["theta"];
    st.domain = m["domain"];
    // Not filled in when absent: the normalised study of an original-frame run stays as it
    // was before the key existed (baselines compare it).
    st.frame = m.value("frame", "original");
    st.space = domain::parse_kind(st.domain);
    const auto& law = j["initial"]["law"];
    st.law.type = law["type"];
    st.law.radius = law.value("radius", 1.0);
    st.law.sigma = law.value("sigma", 1.0);
    if (law.contains("modes")) {
        for (const auto& mode : law["modes"]) {
            st.law.modes.push_back({mode["k"].get<std::vector<int>>(), mode["amplitude"], mode["phase"]});
        }
    }
    st.law.velocity = parse_velocity(j["initial"]);
    st.correlation = j["initial"].value("correlation", "none");
    st.sampling = j["initial"]["sampling"];
    if (j["initial"].contains("file")) {
        std::filesystem::path p = j["initial"]["file"].get<std::string>();
        st.points_file = p.is_absolute() ? p : base_dir / p;
    }
    st.reference_type = j["reference"]["type"];
    st.reference_grid = j["reference"].value("grid", 0);
    st.reference_dt = j["reference"].value("dt", 0.0);
    st.N = j["N"].get<std::vector<std::size_t>>();
    st.members = j["ensemble"]["members"];
    st.seed = j["ensemble"]["seed"];
    st.T = j["time"]["T"];
    st.outputs = j["time"]["outputs"];
    const auto& in = j["integrator"];
    st.integrator.method = in["method"];
    st.integrator.rtol = in.value("rtol", 0.0);
    st.integrator.atol = in.value("atol", 0.0);
    st.integrator.dt = in.value("dt", 0.0);
    st.integrator.min_separation = in["min_separation"];
    st.interaction_method = j["interaction"]["method"];
    st.interaction_accuracy = j["interaction"]["accuracy"];
    st.observables = j["observables"].get<std::vector<std::string>>();
    for (const auto& h : j["harnesses"]) {
        harness_spec hs;
        hs.type = h["type"];
        hs.observable = h["observable"];
        hs.statistic = h.value("statistic", "");
        hs.max_interval_width = h["max_interval_width"];
        hs.bootstrap = h["bootstrap"];
        hs.error_budget = h.value("error_budget", false);
        if (h.contains("predicted_rate")) {
            if (h["predicted_rate"].is_string()) hs.predicted_linear = true;
            else hs.predicted_rate = h["predicted_rate"];
        }
        hs.plateau_free = h.value("plateau", "free") == "free";
        if (h.contains("log_sobolev_rho")) hs.log_sobolev_rho = h["log_sobolev_rho"];
        hs.t_min = h.value("t_min", 0.0);
        hs.t_max = h.value("t_max", 0.0);
        if (h.contains("horizons")) hs.horizons = h["horizons"].get<std::vector<double>>();
        if (h.contains("C1")) hs.C1 = h["C1"];
        if (h.contains("C")) hs.C = h["C"];
        hs.iterations = h.value("iterations", 200);
        hs.probe_members = h.value("probe_members", 2);
        st.harnesses.push_back(std::move(hs));
    }
    if (j.contains("gibbs")) {
        // Defaults of gibbs_spec (study.hpp) where a key is absent; not written into the
        // normalised JSON, which only `mfv gibbs` reads this section of.
        const auto& gb = j["gibbs"];
        st.gibbs.samples = gb.value("samples", st.gibbs.samples);
        st.gibbs.burn_in = gb.value("burn_in", st.gibbs.burn_in);
        st.gibbs.rungs = gb.value("rungs", st.gibbs.rungs);
        st.gibbs.acceptance_target = gb.value("acceptance_target", st.gibbs.acceptance_target);
        st.gibbs.independence = gb.value("independence", st.gibbs.independence);
    }
    check_semantics(j, st);
    // "linear": lambda_k of the lowest mode (MATH.md 6); F_N is quadratic in the
    // perturbation, so it decays at 2 lambda_k.
    for (auto& h : st.harnesses) {
        if (!h.predicted_linear || st.law.modes.empty()) continue;
        const double lambda =
            meanfield::linear_decay_rate(kernel::riesz_kernel(st.d, st.s), st.flow, st.theta, lowest_mode(st.law).k);
        h.predicted_rate = h.observable == "modulated_energy" ? 2.0 * lambda : lambda;
    }
    st.normalised = std::move(j);
    return st;
}

study load_study(const std::filesystem::path& file) {
    const std::string where = file.string() + ": ";
    std::ifstream in(file, std::ios::binary);
    if (!in) throw input_error(where + "cannot open the study file");
    std::ostringstream text;
    text << in.rdbuf();
    const std::string body = text.str();
    // Say what is wrong with files that are not JSON text at all before the parser does (it
    // reads a zero byte as the end of the input).
    if (body.find_first_not_of(" \t\r\n") == std::string::npos) throw input_error(where + "the study file is empty");
    if (const auto zero = body.find('\0'); zero != std::string::npos)
        throw input_error(where + "not a text file (a zero byte at offset " + std::to_string(zero) + "): a study is JSON text");
    json j;
    try {
        j = json::parse(body);
    } catch (const json::exception& e) {
        // parse_error, and out_of_range for a number too large for a double (1e999).
        throw input_error(where + "not valid JSON: " + e.what());
    }
    if (!j.is_object())
        throw input_error(where + "a study is a JSON object ({\"name\": ..., \"model\": ..., ...}), not " +
                          std::string(j.is_array() ? "an array" : "a single value"));
    try {
        return parse_study(j, file.parent_path());
    } catch (const input_error& e) {
        throw input_error(where + e.what());
    }
}

}  // namespace mfv::study
